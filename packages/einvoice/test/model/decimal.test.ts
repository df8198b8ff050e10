import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmp, cmpAbs, num } from '../../src/model/decimal.js';

/** Decimals as invoices write them, and as arithmetic leaves them (sums, products, rounding). */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', '+'),
    fc.stringMatching(/^[0-9]{1,14}$/),
    fc.option(fc.stringMatching(/^[0-9]{0,6}$/), { nil: undefined }),
  )
  .map(([sign, int, frac]) => (frac === undefined ? `${sign}${int}` : `${sign}${int}.${frac}`));

const value = fc
  .tuple(decimalText, decimalText, fc.constantFrom('none', 'plus', 'minus', 'times', 'round'))
  .map(([a, b, op]) => {
    const x = num(a)!;
    const y = num(b)!;
    if (op === 'plus') return x.plus(y);
    if (op === 'minus') return x.minus(y);
    if (op === 'times') return x.times(y);
    if (op === 'round') return x.round(1);
    return x;
  });

describe('cmp / cmpAbs (big.js comparisons without copies)', () => {
  it('agree with big.js cmp on any pair of values', () => {
    fc.assert(
      fc.property(value, value, (x, y) => {
        expect(cmp(x, y)).toBe(x.cmp(y));
        expect(cmp(x, x)).toBe(0);
        expect(cmpAbs(x, y)).toBe(x.abs().cmp(y.abs()));
      }),
      { numRuns: 2000 },
    );
  });

  it('treat every zero alike, whatever its sign or scale', () => {
    const zeros = [new Big(0), new Big('-0'), new Big('0.000'), new Big('1.5').minus('1.5')];
    for (const a of zeros) {
      for (const b of zeros) {
        expect(cmp(a, b)).toBe(0);
        expect(cmpAbs(a, b)).toBe(0);
      }
      expect(cmp(a, new Big('0.01'))).toBe(-1);
      expect(cmp(a, new Big('-0.01'))).toBe(1);
      expect(cmpAbs(a, new Big('-0.01'))).toBe(-1);
    }
  });
});
