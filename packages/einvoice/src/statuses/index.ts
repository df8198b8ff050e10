/**
 * The twelve processing statuses of an invoice to a French public body (Chorus Pro's list, which
 * Chorale keeps), named as people read them, in French and English. This is the one table of
 * those words: the portal's badges and help pages and the server's e-mails all import it
 * (`@chorale/einvoice/statuses`, a small entry of its own so the portal's first page does not
 * load the EN 16931 engine with it). The server's lifecycle.ts says which moves exist and keeps
 * the AFNOR lifecycle labels, a different vocabulary, for the exchanges that need it.
 */
export const INVOICE_STATUSES = [
  'DEPOSEE',
  'EN_COURS_ACHEMINEMENT',
  'MISE_A_DISPOSITION',
  'A_RECYCLER',
  'REJETEE',
  'SUSPENDUE',
  'COMPLETEE',
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
  'MISE_EN_PAIEMENT',
] as const;

/** A status code, as the API gives it. */
export type InvoiceStatusCode = (typeof INVOICE_STATUSES)[number];

export const STATUS_LABELS: {
  fr: Record<InvoiceStatusCode, string>;
  en: Record<InvoiceStatusCode, string>;
} = {
  fr: {
    DEPOSEE: 'Déposée',
    EN_COURS_ACHEMINEMENT: 'En cours d’acheminement',
    MISE_A_DISPOSITION: 'Mise à disposition',
    A_RECYCLER: 'À recycler',
    REJETEE: 'Rejetée',
    SUSPENDUE: 'Suspendue',
    COMPLETEE: 'Complétée',
    SERVICE_FAIT: 'Service fait',
    MANDATEE: 'Mandatée',
    MISE_A_DISPOSITION_COMPTABLE: 'Transmise au comptable',
    COMPTABILISEE: 'Comptabilisée',
    MISE_EN_PAIEMENT: 'Mise en paiement',
  },
  en: {
    DEPOSEE: 'Deposited',
    EN_COURS_ACHEMINEMENT: 'Being routed',
    MISE_A_DISPOSITION: 'Made available',
    A_RECYCLER: 'To be re-routed',
    REJETEE: 'Rejected',
    SUSPENDUE: 'Suspended',
    COMPLETEE: 'Completed',
    SERVICE_FAIT: 'Service done',
    MANDATEE: 'Mandated',
    MISE_A_DISPOSITION_COMPTABLE: 'Sent to the accountant',
    COMPTABILISEE: 'Booked',
    MISE_EN_PAIEMENT: 'Payment made',
  },
};

/** The label of `code` in `lang`; a code this table does not know is shown as it is. */
export function statusLabel(code: string, lang: 'fr' | 'en'): string {
  return (STATUS_LABELS[lang] as Record<string, string>)[code] ?? code;
}
