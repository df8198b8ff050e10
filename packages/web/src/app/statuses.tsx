import { Badge } from '@codegouvfr/react-dsfr/Badge';
import type { paths } from '../api/schema';
import { defineMessages, useT } from './i18n';

/**
 * The twelve invoice statuses as every page names and colours them: one table, so the inbox,
 * the dashboard and the help page never disagree on a word. (The server's lifecycle.ts says
 * which moves exist; docs/lifecycle.md explains them.)
 */
export type InvoiceStatus =
  paths['/api/v1/invoices/{id}']['get']['responses'][200]['content']['application/json']['status'];

/** In lifecycle order. */
export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
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
];

export const statusMessages = defineMessages<InvoiceStatus>({
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
});

export type StatusSeverity = 'success' | 'warning' | 'error' | 'info' | 'new';

/** Colour helps, the text says it: a badge always carries the status in words. */
const SEVERITY: Record<InvoiceStatus, StatusSeverity | undefined> = {
  DEPOSEE: undefined,
  EN_COURS_ACHEMINEMENT: undefined,
  MISE_A_DISPOSITION: 'new',
  A_RECYCLER: 'warning',
  REJETEE: 'error',
  SUSPENDUE: 'warning',
  COMPLETEE: 'new',
  SERVICE_FAIT: 'info',
  MANDATEE: 'info',
  MISE_A_DISPOSITION_COMPTABLE: 'info',
  COMPTABILISEE: 'info',
  MISE_EN_PAIEMENT: 'success',
};

export function statusSeverity(status: InvoiceStatus): StatusSeverity | undefined {
  return SEVERITY[status];
}

export function StatusBadge({ status }: { status: InvoiceStatus }) {
  const t = useT(statusMessages);
  const severity = SEVERITY[status];
  return (
    <Badge as="span" small noIcon {...(severity ? { severity } : {})}>
      {t(status)}
    </Badge>
  );
}
