import { InvoiceListPage } from './InvoiceList';

/** /fournisseur/factures: the supplier's sent invoices. */
export default function SentInvoices() {
  return <InvoiceListPage side="sent" />;
}
