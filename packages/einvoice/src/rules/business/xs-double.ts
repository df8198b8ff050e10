/**
 * A value as the official rule sets see it when a test compares an element's untyped text with
 * a number (`ram:RateApplicablePercent > 0`): XPath casts the text to xs:double. So an exponent
 * ('1E3') or INF is a number there, though not an xs:decimal, and NaN compares false with
 * everything. Used for sign checks only: the double's value never enters an amount.
 */

/**
 * The xs:double lexical space, surrounded by XML white space, which casts collapse (a no-break
 * space is no white space there: the cast fails).
 */
const XS_DOUBLE = /^[ \t\r\n]*(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|-?INF|NaN)[ \t\r\n]*$/;

/** The xs:double a text casts to; undefined when the cast fails (not in the lexical space). */
export function xsDouble(v: string): number | undefined {
  if (!XS_DOUBLE.test(v)) return undefined;
  return Number(v.trim().replace(/INF$/, 'Infinity'));
}
