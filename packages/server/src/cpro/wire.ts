import { AppError } from '../lib/errors.js';

/**
 * Wire formats of the /cpro surface, as the real service's clients parse them: each date field
 * has its own layout, in French time (clients fail on another layout).
 *
 * - calendar dates `YYYY-MM-DD` (dateDepot, dateFacture, dateTraitement…);
 * - state timestamps ISO 8601 with milliseconds and the offset (dateHeureEtatCourant…,
 *   `2018-02-16T15:10:25.536+01:00`);
 * - history entries `YYYY-MM-DD HH:MM` (histoStatutDatePassage…).
 */

const PARIS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

function parisParts(d: Date) {
  const parts: Record<string, string> = {};
  for (const p of PARIS.formatToParts(d)) parts[p.type] = p.value;
  // "GMT+01:00" (or "GMT" at offset zero, which Paris never has but is handled).
  const offset = (parts.timeZoneName ?? 'GMT').replace('GMT', '') || '+00:00';
  return { ...parts, offset } as Record<
    'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'offset',
    string
  >;
}

const toDate = (d: Date | string) => (typeof d === 'string' ? new Date(d) : d);

/** `YYYY-MM-DD` of the instant in Paris. */
export function wireDate(d: Date | string): string {
  const p = parisParts(toDate(d));
  return `${p.year}-${p.month}-${p.day}`;
}

/** ISO 8601 with milliseconds and Paris's offset: `2018-02-16T15:10:25.536+01:00`. */
export function wireTimestamp(d: Date | string): string {
  const date = toDate(d);
  const p = parisParts(date);
  const ms = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${ms}${p.offset}`;
}

/** `YYYY-MM-DD HH:MM` in Paris (history entries). */
export function wireMinute(d: Date | string): string {
  const p = parisParts(toDate(d));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** A request's pagination object, as clients send it (every field may be zero or absent). */
export interface WirePagination {
  nbResultatsParPage?: number | null | undefined;
  pageResultatDemandee?: number | null | undefined;
  triColonne?: string | null | undefined;
  triSens?: string | null | undefined;
}

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 200;

/** Page size, 1-based page and offset of a request's pagination (zero values: defaults). */
export function pageOf(p: WirePagination | null | undefined): {
  size: number;
  page: number;
  offset: number;
  order: 'asc' | 'desc';
} {
  const size = Math.min(
    Math.max(Math.trunc(p?.nbResultatsParPage ?? 0), 0) || DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
  );
  const page = Math.max(Math.trunc(p?.pageResultatDemandee ?? 0), 1);
  const order = p?.triSens === 'Ascendant' ? 'asc' : 'desc';
  return { size, page, offset: (page - 1) * size, order };
}

/** `parametresRetour` of a search answer. */
export function parametresRetour(total: number, size: number, page: number) {
  return {
    nbResultatsParPage: size,
    pageCourante: page,
    pages: Math.ceil(total / size),
    total,
  };
}

/**
 * A calendar date sent by a client (`YYYY-MM-DD`, or a timestamp whose first ten characters are
 * one), undefined for a zero value; anything else is refused naming the field.
 */
export function wireDay(value: string | null | undefined, field: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const day = value.slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new AppError('VALIDATION_FAILED', `${field} must be a date YYYY-MM-DD`, {
      details: [{ pointer: field, message: 'a date YYYY-MM-DD' }],
    });
  return day;
}

/** An amount filter sent as a JSON number or text, undefined for a zero value. */
export function wireAmount(
  value: number | string | null | undefined,
  field: string,
): string | undefined {
  if (value === null || value === undefined || value === '' || value === 0) return undefined;
  const text = typeof value === 'number' ? String(value) : value.trim();
  if (!/^-?\d{1,15}(\.\d{1,6})?$/.test(text))
    throw new AppError('VALIDATION_FAILED', `${field} must be a decimal number`, {
      details: [{ pointer: field, message: 'a decimal number' }],
    });
  return text;
}

/** A zero value ("", 0, null, false, empty list) means "no filter". */
export function given<T>(v: T | null | undefined): T | undefined {
  if (v === null || v === undefined || v === '' || v === 0 || v === false) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  return v;
}
