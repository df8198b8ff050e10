/**
 * Arithmetic shared by the totals (BR-CO) and VAT category rules. Everything is exact decimal
 * (model/exact.ts: scaled integers, big.js beyond them): no binary fraction ever touches an
 * amount.
 */
import { exact, Exact, ONE_X, PERCENT_X, roundTiesUp, xcmp } from '../../model/exact.js';
import type { Dec } from '../../model/types.js';

/**
 * Rounding as the official rules do it (XPath round(), applied to x*100 then divided by
 * 100): nearest neighbour, ties towards positive infinity. So 2.345 → 2.35 but -2.345 →
 * -2.34, unlike money's usual half-away-from-zero (model/decimal.ts round()).
 */
export function xround(value: Exact, dp = 2): Exact {
  return roundTiesUp(value, dp);
}

/** The value of an amount that is present and a decimal, else null (absent or unreadable). */
export const amount = (v: Dec | undefined): Exact | null => exact(v);

/** Running sum of the valid decimals among `values` (invalid or absent ones count as zero). */
export function addTo(total: Exact, v: Dec | undefined): Exact {
  const n = exact(v);
  return n ? total.plus(n) : total;
}

/** A value as plain text for messages: fixed notation, never an exponent (big.js's toFixed()). */
export function show(value: Exact | null | undefined): string {
  return value ? value.toFixed() : '—';
}

/** The text of a term for messages: its lexical form, or a dash when absent. */
export function shown(v: Dec | undefined): string {
  return v === undefined ? '—' : v === '' ? '""' : v;
}

/** |a − b| < 1 (strict) or ≤ 1 (`inclusive`): the official tolerance of one currency unit. */
export function withinOne(a: Exact, b: Exact, inclusive = false): boolean {
  const d = xcmp(a.minus(b).abs(), ONE_X);
  return inclusive ? d <= 0 : d < 0;
}

/** 1/100, to apply a percentage by an exact multiplication (no division). */
export const PERCENT = PERCENT_X;
