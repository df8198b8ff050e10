import { PageTitle } from '../../app/ui';

/** Placeholder until this page is built (portal issue). */
export default function SupplierDashboard() {
  return <PageTitle>Tableau de bord</PageTitle>;
}
