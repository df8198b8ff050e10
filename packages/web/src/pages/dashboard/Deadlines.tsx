import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function Deadlines() {
  return <PageTitle>Échéances</PageTitle>;
}
