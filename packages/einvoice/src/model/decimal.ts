/**
 * Decimal helpers for model values. Amounts are kept as their lexical form (`Dec`); arithmetic
 * goes through big.js so no binary float ever touches money.
 */
import Big from 'big.js';
import type { Dec } from './types.js';

/** Zero and one, shared: big.js operations never change their operands. */
export const ZERO = new Big(0);
export const ONE = new Big(1);

/** xs:decimal lexical space: optional sign, digits with at most one point, at least one digit. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * The value of a decimal term, or null when absent or not a decimal (what XPath's number()
 * would make NaN). Surrounding whitespace is ignored, as xs:decimal's whitespace facet does.
 */
export function num(value: Dec | undefined): Big | null {
  if (value === undefined) return null;
  const known = PARSED.get(value);
  if (known !== undefined) return known;
  const t = value.trim();
  if (!DECIMAL.test(t)) return null;
  // big.js refuses a leading '+', which xs:decimal allows.
  const n = new Big(t.charCodeAt(0) === 43 ? t.slice(1) : t);
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(value, n);
  return n;
}

/**
 * Values already read, by lexical form: the totals and VAT rules read the same amounts (line
 * nets, rates, breakdown amounts) several times per invoice, and invoices repeat amounts.
 * Sharing is safe because big.js operations never change their operands. Bounded: cleared
 * when full.
 */
const PARSED = new Map<string, Big>();
const PARSED_MAX = 8192;

/** True when `value` is present and a valid decimal. */
export function isDec(value: Dec | undefined): boolean {
  return value !== undefined && DECIMAL.test(value.trim());
}

/** Number of digits after the decimal point as written ('12.50' → 2, '3' → 0). */
export function fractionDigits(value: Dec): number {
  const t = value.trim();
  const dot = t.indexOf('.');
  return dot === -1 ? 0 : t.length - dot - 1;
}

/** Sum of the present, valid decimals (absent or invalid ones count as zero). */
export function sum(values: Iterable<Dec | undefined>): Big {
  let total = ZERO;
  for (const v of values) {
    const n = num(v);
    if (n) total = total.plus(n);
  }
  return total;
}

/**
 * big.js's `x.cmp(y)` (-1, 0 or 1) for two Big values, without its copy of `y` (big.js
 * builds a new Big from its argument on every comparison, even from a Big: a third of the
 * business rules' allocations). Same algorithm on big.js's normalised fields (sign `s`,
 * exponent `e`, digits `c` without leading or trailing zeros; zero is [0]).
 */
export function cmp(x: Big, y: Big): number {
  const xc = x.c;
  const yc = y.c;
  const xs = x.s;
  const ys = y.s;
  if (!xc[0] || !yc[0]) return !xc[0] ? (!yc[0] ? 0 : -ys) : xs;
  if (xs !== ys) return xs;
  const neg = xs < 0;
  if (x.e !== y.e) return x.e > y.e !== neg ? 1 : -1;
  const k = xc.length;
  const l = yc.length;
  const j = k < l ? k : l;
  for (let i = 0; i < j; i++) {
    if (xc[i] !== yc[i]) return xc[i]! > yc[i]! !== neg ? 1 : -1;
  }
  return k === l ? 0 : k > l !== neg ? 1 : -1;
}

/** |x| compared with |y| (-1, 0 or 1), without building |x| and |y|. */
export function cmpAbs(x: Big, y: Big): number {
  const xc = x.c;
  const yc = y.c;
  if (!xc[0] || !yc[0]) return !xc[0] ? (!yc[0] ? 0 : -1) : 1;
  if (x.e !== y.e) return x.e > y.e ? 1 : -1;
  const k = xc.length;
  const l = yc.length;
  const j = k < l ? k : l;
  for (let i = 0; i < j; i++) if (xc[i] !== yc[i]) return xc[i]! > yc[i]! ? 1 : -1;
  return k === l ? 0 : k > l ? 1 : -1;
}

/** Half-away-from-zero rounding to `dp` places, as the official rules' round() does for money. */
export function round(value: Big, dp = 2): Big {
  return value.round(dp, Big.roundHalfUp);
}
