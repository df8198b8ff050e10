/**
 * Exact decimals for the business rules' arithmetic, fast for what invoices hold: a value is
 * an integer `i` (a JavaScript number, always a whole number of magnitude at most 2^53 − 1,
 * so every operation on it is exact) scaled by 10^-`s`. Whatever does not fit — more than 15
 * significant digits, a scale above 15, a sum or product leaving the exact integer range —
 * is computed by big.js instead (`big`), so results are exact whatever the input; the fast
 * form only avoids big.js's digit arrays and its parsing for the common case.
 *
 * Never a binary fraction: `i` is an integer and `s` a count of decimal places; the only
 * floating-point operations are on whole numbers below 2^53, where they are exact, and every
 * result is checked to stay there (a result that would not is redone by big.js).
 *
 * Semantics are big.js's (held to it by a property test, test/model/exact.test.ts): `toFixed()`
 * gives big.js's `toFixed()` text (plain notation, no trailing zeros, no "-0").
 */
import Big from 'big.js';
import type { Dec } from './types.js';

/** Largest integer every operation keeps exact. */
const MAX = Number.MAX_SAFE_INTEGER;
/** 10^k for k ≤ 22 (exact doubles). */
const POW10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) POW10.push(p);
/** Most digits (significant, and after the point) read into the fast form. */
const FAST_DIGITS = 15;

export class Exact {
  /** `big` is null for the fast form (value i × 10^-s), else the value and i, s unused. */
  constructor(
    readonly i: number,
    readonly s: number,
    readonly big: Big | null,
  ) {}

  plus(y: Exact): Exact {
    if (this.big === null && y.big === null) {
      let a = this.i;
      let b = y.i;
      let s = this.s;
      const t = y.s;
      // Same scale first (a scale gap beyond 22 gives NaN, which fails the checks below).
      if (s < t) {
        a *= POW10[t - s]!;
        s = t;
      } else if (s > t) b *= POW10[s - t]!;
      const r = a + b;
      if (a >= -MAX && a <= MAX && b >= -MAX && b <= MAX && r >= -MAX && r <= MAX)
        return new Exact(r === 0 ? 0 : r, s, null);
    }
    return new Exact(NaN, NaN, toBig(this).plus(toBig(y)));
  }

  minus(y: Exact): Exact {
    return this.plus(y.neg());
  }

  times(y: Exact): Exact {
    if (this.big === null && y.big === null) {
      const s = this.s + y.s;
      const r = this.i * y.i;
      if (s <= 22 && r >= -MAX && r <= MAX) return new Exact(r === 0 ? 0 : r, s, null);
    }
    return new Exact(NaN, NaN, toBig(this).times(toBig(y)));
  }

  neg(): Exact {
    if (this.big !== null) return new Exact(NaN, NaN, this.big.neg());
    return this.i === 0 ? this : new Exact(-this.i, this.s, null);
  }

  abs(): Exact {
    if (this.big !== null) return this.big.s < 0 ? new Exact(NaN, NaN, this.big.abs()) : this;
    return this.i < 0 ? new Exact(-this.i, this.s, null) : this;
  }

  /** big.js's `toFixed()`: plain notation, no trailing zeros, no sign on zero. */
  toFixed(): string {
    if (this.big !== null) return this.big.toFixed();
    let i = this.i;
    let s = this.s;
    while (s > 0 && i % 10 === 0) {
      i /= 10;
      s--;
    }
    const neg = i < 0;
    let digits = String(neg ? -i : i);
    if (s > 0) {
      if (digits.length <= s) digits = '0'.repeat(s - digits.length + 1) + digits;
      digits = `${digits.slice(0, digits.length - s)}.${digits.slice(digits.length - s)}`;
    }
    return neg ? `-${digits}` : digits;
  }

  toString(): string {
    return this.toFixed();
  }
}

/** The value as big.js (the fast form converted through its text, exactly). */
export function toBig(x: Exact): Big {
  return x.big ?? new Big(x.toFixed());
}

export const ZERO_X = new Exact(0, 0, null);
export const ONE_X = new Exact(1, 0, null);
/** 1/100, to apply a percentage by an exact multiplication. */
export const PERCENT_X = new Exact(1, 2, null);
export const HUNDRED_X = new Exact(100, 0, null);

/**
 * The value of a decimal term, or null when absent or not a decimal: exactly `num()`'s
 * (model/decimal.ts) verdict and value — surrounding whitespace as String.trim() removes it,
 * an optional sign, digits with at most one point, at least one digit.
 */
export function exact(value: Dec | undefined): Exact | null {
  if (value === undefined) return null;
  const t = value.trim();
  const n = t.length;
  let p = 0;
  let neg = false;
  const c0 = t.charCodeAt(0);
  if (c0 === 45 /* - */ || c0 === 43 /* + */) {
    neg = c0 === 45;
    p = 1;
  }
  let i = 0;
  let s = 0;
  let digits = 0; // significant digits read (leading zeros of the integer skipped)
  let any = false;
  let point = false;
  for (; p < n; p++) {
    const c = t.charCodeAt(p);
    if (c >= 48 && c <= 57) {
      any = true;
      if (point) s++;
      if (i === 0 && c === 48) continue; // a leading zero: scale only, if after the point
      i = i * 10 + (c - 48);
      digits++;
    } else if (c === 46 /* . */ && !point) point = true;
    else return null;
  }
  if (!any) return null;
  if (digits > FAST_DIGITS || s > FAST_DIGITS) {
    // Too long for the fast form: big.js reads it (it refuses a leading '+').
    return new Exact(NaN, NaN, new Big(c0 === 43 ? t.slice(1) : t));
  }
  return new Exact(neg && i !== 0 ? -i : i, s, null);
}

/** x compared with y: -1, 0 or 1 (big.js's `cmp`). */
export function xcmp(x: Exact, y: Exact): number {
  if (x.big === null && y.big === null) {
    const s = x.s;
    const t = y.s;
    let a = x.i;
    let b = y.i;
    if (s < t) a *= POW10[t - s]!;
    else if (s > t) b *= POW10[s - t]!;
    if (a >= -MAX && a <= MAX && b >= -MAX && b <= MAX) return a < b ? -1 : a > b ? 1 : 0;
  }
  return toBig(x).cmp(toBig(y));
}

/** The sign of x: -1, 0 or 1. */
export function sign(x: Exact): number {
  if (x.big !== null) return x.big.c[0] === 0 ? 0 : x.big.s;
  return x.i < 0 ? -1 : x.i > 0 ? 1 : 0;
}

/**
 * Rounding to `dp` places as the official rules do it (XPath round(), applied to x×10^dp then
 * divided back): nearest neighbour, ties towards positive infinity (2.345 → 2.35 but -2.345 →
 * -2.34).
 */
export function roundTiesUp(x: Exact, dp: number): Exact {
  if (x.big === null) {
    const k = x.s - dp;
    if (k <= 0) return x;
    if (k <= 22) {
      const d = POW10[k]!;
      const i = x.i;
      const r = i % d; // exact; the sign of i
      let q = (i - r) / d; // exact: i − r is a multiple of d no larger than |i|
      if (r > 0 ? 2 * r >= d : -2 * r > d) q += r > 0 ? 1 : -1;
      return new Exact(q === 0 ? 0 : q, dp, null);
    }
  }
  const v = toBig(x);
  const nearest = v.round(dp, Big.roundHalfUp);
  if (v.s > 0 || v.c[0] === 0) return new Exact(NaN, NaN, nearest);
  const truncated = v.round(dp, Big.roundDown);
  const half = new Big(`5e-${dp + 1}`);
  return new Exact(NaN, NaN, truncated.minus(v).cmp(half) === 0 ? truncated : nearest);
}

/** True when x has no non-zero digit after `dp` places. */
export function fitsPlaces(x: Exact, dp: number): boolean {
  if (x.big === null) {
    const k = x.s - dp;
    return k <= 0 || (k <= 22 && x.i % POW10[k]! === 0) || x.i === 0;
  }
  const v = x.big;
  return v.round(dp, Big.roundDown).cmp(v) === 0;
}
