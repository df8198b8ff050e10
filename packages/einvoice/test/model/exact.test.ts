import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { num } from '../../src/model/decimal.js';
import {
  exact,
  fitsPlaces,
  roundTiesUp,
  sign,
  toBig,
  xcmp,
  type Exact,
} from '../../src/model/exact.js';

/**
 * Decimals as invoices write them, and beyond: long digit strings and long fractions reach
 * big.js's side of Exact, short ones its fast side, so both and their mixtures are compared.
 */
const decimalText = fc
  .tuple(
    fc.constantFrom('', '-', '+', ' ', '\t-'),
    fc.oneof(
      fc.stringMatching(/^[0-9]{1,6}$/),
      fc.stringMatching(/^[0-9]{1,14}$/),
      fc.stringMatching(/^[0-9]{14,24}$/),
    ),
    fc.option(fc.oneof(fc.stringMatching(/^[0-9]{0,3}$/), fc.stringMatching(/^[0-9]{0,20}$/)), {
      nil: undefined,
    }),
  )
  .map(([sign, int, frac]) => (frac === undefined ? `${sign}${int}` : `${sign}${int}.${frac}`));

/** What the rules do with values: sums, differences, products, rounding, absolute values. */
type Op = 'none' | 'plus' | 'minus' | 'times' | 'round2' | 'round0' | 'abs' | 'neg';
const ops: Op[] = ['none', 'plus', 'minus', 'times', 'round2', 'round0', 'abs', 'neg'];

/** The official rounding on big.js (ties towards +infinity), the reference for roundTiesUp. */
function bigRoundTiesUp(v: Big, dp: number): Big {
  const nearest = v.round(dp, Big.roundHalfUp);
  if (v.cmp(0) >= 0) return nearest;
  const truncated = v.round(dp, Big.roundDown);
  return truncated.minus(v).cmp(new Big(`5e-${dp + 1}`)) === 0 ? truncated : nearest;
}

function apply(op: Op, x: Exact, y: Exact): Exact {
  if (op === 'plus') return x.plus(y);
  if (op === 'minus') return x.minus(y);
  if (op === 'times') return x.times(y);
  if (op === 'round2') return roundTiesUp(x, 2);
  if (op === 'round0') return roundTiesUp(x, 0);
  if (op === 'abs') return x.abs();
  if (op === 'neg') return x.neg();
  return x;
}

function applyBig(op: Op, x: Big, y: Big): Big {
  if (op === 'plus') return x.plus(y);
  if (op === 'minus') return x.minus(y);
  if (op === 'times') return x.times(y);
  if (op === 'round2') return bigRoundTiesUp(x, 2);
  if (op === 'round0') return bigRoundTiesUp(x, 0);
  if (op === 'abs') return x.abs();
  if (op === 'neg') return x.neg();
  return x;
}

/** A value built by up to three operations, with the same value built by big.js. */
const pair = fc
  .tuple(
    fc.array(decimalText, { minLength: 4, maxLength: 4 }),
    fc.array(fc.constantFrom(...ops), { minLength: 3, maxLength: 3 }),
  )
  .map(([texts, [op1, op2, op3]]) => {
    const [a, b, c, d] = texts.map((t) => [exact(t)!, num(t)!] as const);
    const x = apply(op1!, a![0], b![0]);
    const xb = applyBig(op1!, a![1], b![1]);
    const y = apply(op2!, c![0], d![0]);
    const yb = applyBig(op2!, c![1], d![1]);
    return { value: apply(op3!, x, y), big: applyBig(op3!, xb, yb) };
  });

describe('Exact (scaled integers, big.js beyond them) is big.js', () => {
  it('reads exactly the values num() reads, and refuses what it refuses', () => {
    const anyText = fc.oneof(
      decimalText,
      fc.string({ maxLength: 8 }),
      fc.stringMatching(/^[ +\-.0-9e]{0,8}$/),
    );
    fc.assert(
      fc.property(anyText, (t) => {
        const x = exact(t);
        const b = num(t);
        expect(x === null).toBe(b === null);
        if (x && b) expect(toBig(x).cmp(b)).toBe(0);
        if (x && b) expect(x.toFixed()).toBe(b.toFixed());
      }),
      { numRuns: 5000 },
    );
  });

  it('adds, subtracts, multiplies, rounds and prints as big.js does', () => {
    fc.assert(
      fc.property(pair, ({ value, big }) => {
        expect(value.toFixed()).toBe(big.toFixed());
        expect(toBig(value).cmp(big)).toBe(0);
        expect(sign(value)).toBe(big.c[0] === 0 ? 0 : big.s);
      }),
      { numRuns: 5000 },
    );
  });

  it('compares as big.js does, and knows how many places a value needs', () => {
    fc.assert(
      fc.property(pair, pair, ({ value: x, big: xb }, { value: y, big: yb }) => {
        expect(xcmp(x, y)).toBe(xb.cmp(yb));
        expect(xcmp(x, x)).toBe(0);
        for (const dp of [0, 2]) {
          expect(fitsPlaces(x, dp)).toBe(xb.round(dp, Big.roundDown).cmp(xb) === 0);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves the fast form before an integer could lose a digit', () => {
    const nines = exact('999999999999999')!; // 15 digits: the fast form
    expect(nines.big).toBeNull();
    const near = nines.times(exact('9')!); // 8999999999999991 < 2^53
    expect(near.big).toBeNull();
    expect(near.toFixed()).toBe('8999999999999991');
    expect(near.plus(nines).big).not.toBeNull(); // beyond 2^53 − 1: big.js
    expect(near.plus(nines).toFixed()).toBe('9999999999999990');
    expect(nines.times(nines).toFixed()).toBe('999999999999998000000000000001');
    expect(near.plus(exact('0.5')!).toFixed()).toBe('8999999999999991.5');
    expect(exact('0.000000000000001')!.times(exact('0.00000001')!).toFixed()).toBe(
      '0.00000000000000000000001',
    );
    expect(exact('123456789012345.6')!.big).not.toBeNull(); // 16 digits: big.js reads it
  });

  it('rounds ties towards +infinity, and never prints -0', () => {
    const r = (t: string, dp: number) => roundTiesUp(exact(t)!, dp).toFixed();
    expect(r('2.345', 2)).toBe('2.35');
    expect(r('-2.345', 2)).toBe('-2.34');
    expect(r('-2.346', 2)).toBe('-2.35');
    expect(r('-2.5', 0)).toBe('-2');
    expect(r('2.5', 0)).toBe('3');
    expect(r('-0.004', 2)).toBe('0');
    expect(exact('-0.00')!.toFixed()).toBe('0');
    expect(exact('1.5')!.minus(exact('1.50')!).toFixed()).toBe('0');
  });
});
