import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { INVOICE_STATUSES as SHARED_ORDER, STATUS_LABELS } from '@chorale/einvoice/statuses';
import type { paths } from '../api/schema';
import { defineMessages, useT } from './i18n';

/**
 * The twelve invoice statuses as every page names and colours them: one table, so the inbox,
 * the dashboard, the help page and the e-mails never disagree on a word. (The server's lifecycle.ts says
 * which moves exist; docs/lifecycle.md explains them.)
 */
export type InvoiceStatus =
  paths['/api/v1/invoices/{id}']['get']['responses'][200]['content']['application/json']['status'];

/** In lifecycle order. The words are the shared table's, which the server's e-mails use too. */
export const INVOICE_STATUSES: readonly InvoiceStatus[] = SHARED_ORDER;

export const statusMessages = defineMessages<InvoiceStatus>(STATUS_LABELS);

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
