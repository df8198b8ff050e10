import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function KeyIn() {
  return <PageTitle>Saisir une facture</PageTitle>;
}
