import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function SignUp() {
  return <PageTitle>Créer un compte</PageTitle>;
}
