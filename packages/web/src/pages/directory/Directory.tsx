import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function Directory() {
  return <PageTitle>Annuaire</PageTitle>;
}
