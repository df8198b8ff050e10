import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function PasswordResetConfirm() {
  return <PageTitle>Nouveau mot de passe</PageTitle>;
}
