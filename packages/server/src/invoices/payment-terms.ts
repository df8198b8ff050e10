/**
 * Payment-date forecast and late-payment interest for public buyers (French public
 * procurement rules on payment periods). Pure functions over dates and decimals: the use cases
 * feed them rows, the tests feed them tables.
 *
 * - The legal payment period (délai global de paiement) runs from the day the invoice is made
 *   available to the buyer: 30 days for the State, local authorities and administrative
 *   public bodies, 50 days for public hospitals, 60 days for public companies.
 * - A suspension (the buyer asks for missing information) stops the clock; it starts again
 *   when the supplier completes the invoice, and the buyer then has what remained of the
 *   period, but never less than 7 days.
 * - Late-payment interest: the ECB main refinancing rate in force on the first day of the
 *   calendar half-year in which interest started to run, plus 8 points, pro rata temporis
 *   over a 365-day year, on the amount paid late; plus a flat 40 € indemnity for recovery costs.
 * Dates are 'YYYY-MM-DD' strings (calendar days, no time zone games); money is big.js.
 */
import Big from 'big.js';
import type { PublicCategory } from '../directory/model.js';

export const FLAT_INDEMNITY = '40.00';
export const LATE_INTEREST_MARGIN = '8';
export const MIN_DAYS_AFTER_SUSPENSION = 7;

/** Legal payment period of a buyer's category, in days. */
export function legalPeriodDays(category: PublicCategory | null | undefined): number {
  if (category === 'ETABLISSEMENT_PUBLIC_SANTE') return 50;
  if (category === 'ENTREPRISE_PUBLIQUE') return 60;
  return 30;
}

const DAY = 86_400_000;
const toDays = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
const fromDays = (days: number): string => new Date(days * DAY).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fromDays(toDays(date) + days);
}

export function daysBetween(from: string, to: string): number {
  return toDays(to) - toDays(from);
}

/** First day of the calendar half-year containing `date` (1 January or 1 July). */
export function halfYearStart(date: string): string {
  const year = date.slice(0, 4);
  return Number(date.slice(5, 7)) <= 6 ? `${year}-01-01` : `${year}-07-01`;
}

export interface Suspension {
  from: string;
  /** null: still suspended. */
  to: string | null;
}

export interface EcbRate {
  validFrom: string;
  /** Percent, e.g. '4.50'. */
  rate: string;
}

/** The ECB rate in force on `date`: the latest change on or before it ('0' when none). */
export function ecbRateOn(rates: readonly EcbRate[], date: string): string {
  let best: EcbRate | undefined;
  for (const r of rates)
    if (r.validFrom <= date && (!best || r.validFrom > best.validFrom)) best = r;
  return best?.rate ?? '0';
}

/**
 * Due date: made available + legal period, moved by each suspension that started before it.
 * null while a suspension is running (the clock is stopped, no date can be promised).
 */
export function dueDate(options: {
  madeAvailable: string;
  periodDays: number;
  suspensions?: readonly Suspension[];
}): string | null {
  let due = addDays(options.madeAvailable, options.periodDays);
  const ordered = [...(options.suspensions ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  for (const s of ordered) {
    if (s.from >= due) continue; // suspended after the deadline: too late to stop the clock
    if (s.to === null) return null;
    const remaining = daysBetween(s.from, due);
    due = addDays(s.to, Math.max(remaining, MIN_DAYS_AFTER_SUSPENSION));
  }
  return due;
}

export interface LateInterest {
  daysLate: number;
  /** Annual rate applied, percent (ECB rate + 8). */
  rate: string;
  interest: string;
  indemnity: string;
  total: string;
}

/**
 * Interest owed for paying `amount` on `paidOn` (or, if unpaid, as of `paidOn` = today) when
 * it was due on `due`. Zero when on time.
 */
export function lateInterest(options: {
  amount: string;
  due: string;
  paidOn: string;
  rates: readonly EcbRate[];
}): LateInterest {
  const daysLate = Math.max(0, daysBetween(options.due, options.paidOn));
  if (daysLate === 0)
    return { daysLate, rate: '0', interest: '0.00', indemnity: '0.00', total: '0.00' };
  // Interest starts to run the day after the due date; its half-year fixes the rate.
  const start = addDays(options.due, 1);
  const rate = new Big(ecbRateOn(options.rates, halfYearStart(start))).plus(LATE_INTEREST_MARGIN);
  const interest = new Big(options.amount)
    .times(rate)
    .div(100)
    .times(daysLate)
    .div(365)
    .round(2, Big.roundHalfUp);
  const indemnity = new Big(FLAT_INDEMNITY);
  return {
    daysLate,
    rate: rate.toFixed(2),
    interest: interest.toFixed(2),
    indemnity: indemnity.toFixed(2),
    total: interest.plus(indemnity).toFixed(2),
  };
}

/**
 * The calendar day of an instant in France (Europe/Paris): payment periods count French
 * calendar days, so an invoice made available at 00:30 Paris time on 1 July (22:30 UTC on
 * 30 June) starts its period on 1 July.
 */
const parisDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
export function parisDate(instant: Date): string {
  return parisDay.format(instant);
}

/**
 * Suspensions out of an invoice's journal: each move into SUSPENDUE opens one, the next move
 * out of SUSPENDUE (normally to COMPLETEE) closes it; one still open has `to: null`. `events`
 * must be in journal order. `suspendedSince` (the invoice row) opens one when the journal
 * holds no open move (defensive: the row and the journal are written together).
 */
export function suspensionsFromEvents(
  events: readonly { day: string; fromStatus: string | null; toStatus: string | null }[],
  suspendedSince?: string | null,
): Suspension[] {
  const out: Suspension[] = [];
  let open: string | null = null;
  for (const e of events) {
    if (e.fromStatus === e.toStatus) continue;
    if (e.toStatus === 'SUSPENDUE' && open === null) open = e.day;
    else if (e.fromStatus === 'SUSPENDUE' && open !== null) {
      out.push({ from: open, to: e.day });
      open = null;
    }
  }
  if (open === null && suspendedSince) open = suspendedSince;
  if (open !== null) out.push({ from: open, to: null });
  return out;
}

/** ISO 8601 week of a date: '2026-W01' style, with its Monday and Sunday. */
export function isoWeek(date: string): { week: string; monday: string; sunday: string } {
  const days = toDays(date);
  // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
  const weekday = (((days + 3) % 7) + 7) % 7;
  const monday = days - weekday;
  const thursday = fromDays(monday + 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toDays(thursday) - toDays(`${year}-01-01`)) / 7) + 1;
  return {
    week: `${year}-W${String(week).padStart(2, '0')}`,
    monday: fromDays(monday),
    sunday: fromDays(monday + 6),
  };
}
