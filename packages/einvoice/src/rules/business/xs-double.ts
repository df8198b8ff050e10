/**
 * A value as the official rule sets see it when a test compares an element's untyped text with
 * a number (`ram:RateApplicablePercent > 0`): XPath casts the text to xs:double. So an exponent
 * ('1E3') or INF is a number there, though not an xs:decimal, and NaN compares false with
 * everything. Used for sign checks only: the double's value never enters an amount.
 */

/** The xs:double lexical space (surrounding white space allowed, as casts collapse it). */
const XS_DOUBLE = /^\s*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)\s*$/;

/** The xs:double a text casts to; undefined when the cast fails (not in the lexical space). */
export function xsDouble(v: string): number | undefined {
  if (!XS_DOUBLE.test(v)) return undefined;
  return Number(v.trim().replace(/INF$/, 'Infinity'));
}
