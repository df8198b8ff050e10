import { statusMessages, statusSeverity, type InvoiceStatus } from '../../app/statuses';
import type { paths } from '../../api/schema';

export type Forecast =
  paths['/api/v1/forecast']['get']['responses'][200]['content']['application/json'];
export type ForecastInvoice = Forecast['overdue'][number];
export type InvoicesSummary =
  paths['/api/v1/invoices/summary']['get']['responses'][200]['content']['application/json'];
export type { InvoiceStatus };

export { statusMessages, statusSeverity };

const DAY = 86_400_000;

/** Whole days from one calendar day (YYYY-MM-DD) to another; negative when `to` is before. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** Picks the singular or plural message for a count, by the locale's rules (0 is singular in French). */
export function plural<K extends string>(locale: string, count: number, one: K, other: K): K {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}
