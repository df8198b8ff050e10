/**
 * Arithmetic shared by the totals (BR-CO) and VAT category rules. Everything is big.js: no
 * binary float ever touches an amount.
 */
import Big from 'big.js';
import { cmp, cmpAbs, num, ONE, ZERO } from '../../model/decimal.js';
import type { Dec } from '../../model/types.js';

/**
 * Rounding as the official rules do it (XPath round(), applied to x*100 then divided by
 * 100): nearest neighbour, ties towards positive infinity. So 2.345 → 2.35 but -2.345 →
 * -2.34, unlike money's usual half-away-from-zero (model/decimal.ts round()).
 */
export function xround(value: Big, dp = 2): Big {
  const nearest = value.round(dp, Big.roundHalfUp); // ties away from zero
  if (cmp(value, ZERO) >= 0) return nearest;
  // Negative: a tie must go towards zero instead (towards +infinity). big.js has no such
  // mode, so detect the tie: the truncated value is exactly half a unit away.
  const truncated = value.round(dp, Big.roundDown);
  return cmp(truncated.minus(value), halfUnit(dp)) === 0 ? truncated : nearest;
}

/** Half a unit of the last place kept (0.005 for 2 decimals), cached: rounding is hot. */
const HALVES: Big[] = [];
function halfUnit(dp: number): Big {
  return (HALVES[dp] ??= new Big(`5e-${dp + 1}`));
}

/** The value of an amount that is present and a decimal, else null (absent or unreadable). */
export const amount = (v: Dec | undefined): Big | null => num(v);

/** Running sum of the valid decimals among `values` (invalid or absent ones count as zero). */
export function addTo(total: Big, v: Dec | undefined): Big {
  const n = num(v);
  return n ? total.plus(n) : total;
}

/** A Big as plain text for messages: fixed notation, never an exponent. */
export function show(value: Big | null | undefined): string {
  return value ? value.toFixed() : '—';
}

/** The text of a term for messages: its lexical form, or a dash when absent. */
export function shown(v: Dec | undefined): string {
  return v === undefined ? '—' : v === '' ? '""' : v;
}

/** |a − b| < 1 (strict) or ≤ 1 (`inclusive`): the official tolerance of one currency unit. */
export function withinOne(a: Big, b: Big, inclusive = false): boolean {
  const d = cmpAbs(a.minus(b), ONE);
  return inclusive ? d <= 0 : d < 0;
}

/** 1/100, to apply a percentage by an exact multiplication (big.js division is slower). */
export const PERCENT = new Big('0.01');
