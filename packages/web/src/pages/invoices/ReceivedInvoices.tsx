import { InvoiceListPage } from './InvoiceList';

/** /destinataire/factures: the public body's inbox, per service, with bulk actions. */
export default function ReceivedInvoices() {
  return <InvoiceListPage side="received" />;
}
