import type { AlertProps } from '@codegouvfr/react-dsfr/Alert';
import { defineMessages } from '../../app/i18n';
import type { paths } from '../../api/schema';

export type Forecast =
  paths['/api/v1/forecast']['get']['responses'][200]['content']['application/json'];
export type ForecastInvoice = Forecast['overdue'][number];
export type InvoicesSummary =
  paths['/api/v1/invoices/summary']['get']['responses'][200]['content']['application/json'];
export type InvoiceStatus = InvoicesSummary['statuses'][number]['status'];

/** Status names in plain words (Chorus Pro's statuses), for badges and tables. */
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
    A_RECYCLER: 'To be recycled',
    REJETEE: 'Rejected',
    SUSPENDUE: 'Suspended',
    COMPLETEE: 'Completed',
    SERVICE_FAIT: 'Service done',
    MANDATEE: 'Mandated',
    MISE_A_DISPOSITION_COMPTABLE: 'Passed to the accountant',
    COMPTABILISEE: 'Booked',
    MISE_EN_PAIEMENT: 'Payment sent',
  },
});

/** Badge colour of a status; the badge always carries the status name too. */
export function statusSeverity(status: InvoiceStatus): AlertProps.Severity | 'new' {
  switch (status) {
    case 'REJETEE':
      return 'error';
    case 'SUSPENDUE':
    case 'A_RECYCLER':
      return 'warning';
    case 'MISE_EN_PAIEMENT':
      return 'success';
    case 'DEPOSEE':
    case 'EN_COURS_ACHEMINEMENT':
      return 'new';
    default:
      return 'info';
  }
}

const DAY = 86_400_000;

/** Whole days from one calendar day (YYYY-MM-DD) to another; negative when `to` is before. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** Picks the singular or plural message for a count, by the locale's rules (0 is singular in French). */
export function plural<K extends string>(locale: string, count: number, one: K, other: K): K {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}
