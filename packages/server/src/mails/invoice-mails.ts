/**
 * The mails about invoices: made available to a recipient, and a status change told to the
 * supplier. Statuses are named with the portal's words (@chorale/einvoice/statuses), amounts
 * in the French way, "de"/"d’" chosen before each name, and each mail links to its invoice.
 */
import { statusLabel } from '@chorale/einvoice/statuses';
import { composeMail, type RenderedMail } from './compose.js';
import { de, money } from './french.js';

const invoiceUrl = (publicUrl: string, id: string) =>
  `${publicUrl.replace(/\/$/, '')}/factures/${encodeURIComponent(id)}`;

const action = (publicUrl: string, id: string) => ({
  url: invoiceUrl(publicUrl, id),
  fr: 'Voir la facture',
  en: 'See the invoice',
});

export function invoiceAvailableMail(
  invoice: {
    id: string;
    number: string;
    supplier_name: string;
    amount_due: string | null;
    total_with_vat: string | null;
    currency: string;
  },
  publicUrl: string,
): RenderedMail {
  const amount = invoice.amount_due ?? invoice.total_with_vat;
  return composeMail({
    subject: `Nouvelle facture ${invoice.number} ${de(invoice.supplier_name)}`,
    fr: [
      `La facture ${invoice.number} ${de(invoice.supplier_name)}${amount ? `, d’un montant de ${money(amount, invoice.currency, 'fr')},` : ''} est mise à votre disposition.`,
      'Sa date de mise à disposition fait courir le délai global de paiement.',
    ],
    en: [
      `Invoice ${invoice.number} from ${invoice.supplier_name}${amount ? `, for ${money(amount, invoice.currency, 'en')},` : ''} has been made available to you.`,
      'The date it was made available starts the payment period.',
    ],
    action: action(publicUrl, invoice.id),
  });
}

export function statusChangedMail(
  invoice: { id: string; number: string; recipient_name: string },
  /** A journal row; a status change always has its `to_status`. */
  event: { from_status: string | null; to_status: string | null; reason: string | null },
  publicUrl: string,
): RenderedMail {
  const target = event.to_status ?? '';
  const to = { fr: statusLabel(target, 'fr'), en: statusLabel(target, 'en') };
  const from = event.from_status
    ? { fr: statusLabel(event.from_status, 'fr'), en: statusLabel(event.from_status, 'en') }
    : undefined;
  return composeMail({
    subject: `Facture ${invoice.number} : ${to.fr}`,
    fr: [
      `Votre facture ${invoice.number} adressée à ${invoice.recipient_name} est passée au statut « ${to.fr} »${from ? ` (elle était « ${from.fr} »)` : ''}.`,
      ...(event.reason ? [`Motif donné : ${event.reason}`] : []),
    ],
    en: [
      `Your invoice ${invoice.number} to ${invoice.recipient_name} is now “${to.en}”${from ? ` (it was “${from.en}”)` : ''}.`,
      ...(event.reason ? [`Reason given: ${event.reason}`] : []),
    ],
    action: action(publicUrl, invoice.id),
  });
}
