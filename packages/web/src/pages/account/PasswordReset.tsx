import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function PasswordReset() {
  return <PageTitle>Mot de passe oublié</PageTitle>;
}
