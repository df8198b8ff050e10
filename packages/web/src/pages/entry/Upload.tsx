import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function Upload() {
  return <PageTitle>Déposer une facture</PageTitle>;
}
