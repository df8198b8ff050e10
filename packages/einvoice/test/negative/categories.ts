/**
 * The VAT category rule families (BR-S/Z/E/AE/IC/G/O/AF/AG -01..-10) follow one pattern in
 * both syntaxes, so their cases are generated from a description (Slots) of where, in a base
 * invoice, a line category, a VAT breakdown, a document allowance and a document charge sit.
 *
 * `categoryMut` turns that line and that breakdown into category C with values that satisfy
 * every rule of the family (rate 0 and tax 0 for zero-rated categories, no rate for O, an
 * exemption reason where one is required and none where it is forbidden). Each rule's firing
 * case breaks exactly one of those values; its near miss is that consistent state itself or
 * the value just on the right side of the boundary: where the official assert tolerates a
 * difference below 1 (which categories differs between UBL and CII), 0.99 off must pass and
 * 1 off must fail; where it wants equality, 0.01 off must fail.
 */
import { add, dup, none, rm, rmAny, seq, set, type Mut } from './mutate.js';

export interface Row {
  id: string;
  base: string;
  fire: Mut;
  near: Mut;
  /** Set when our rule does not fire where the official assert would: what that assert says.
   * The case then runs as `it.fails` and is not counted as covering the id. */
  gap?: string;
  /** Set when ours fires on the near miss where the official assert does not: why. The near
   * miss then runs as `it.fails`. */
  nearGap?: string;
}

export interface Slots {
  base: string;
  /** Element holding a line's category code and rate (ClassifiedTaxCategory / ApplicableTradeTax). */
  lineCat: string;
  /** Element holding the breakdown's category code, rate and exemption reasons. */
  subCat: string;
  /** The breakdown element itself (TaxSubtotal / ApplicableTradeTax), to copy or remove. */
  sub: string;
  subTaxable: string;
  subTax: string;
  /** Taxable and tax amounts of that breakdown as the base has them. */
  taxable: string;
  rateTax: string;
  /** Rate given to the slot for S/L/M. */
  rate: string;
  allowCat: string;
  chargeCat: string;
  code: string;
  pct: string;
  reasonCode: string;
  reason: string;
  /** Fragment of a rate element / an exemption reason element, with the document's prefixes. */
  pctXml: string;
  reasonXml: string;
  /** Removes the seller's and the tax representative's VAT identifiers. */
  rmSellerVat: Mut;
  /** Removes every VAT identifier (seller, representative, buyer). */
  rmAllVat: Mut;
  /** Category codes whose BR-xx-08 allows a difference below 1 (otherwise: equality). */
  tolerant08: ReadonlySet<string>;
}

const ZERO = new Set(['AE', 'E', 'G', 'K', 'Z']);
const RATE = new Set(['S', 'L', 'M']);

const plus = (v: string, d: number): string => (Number(v) + d).toFixed(2);

type Kind = 'zero' | 'rate' | 'O';
const kindOf = (c: string): Kind => (ZERO.has(c) ? 'zero' : RATE.has(c) ? 'rate' : 'O');
const needsReasonOf = (c: string): boolean => c === 'O' || (ZERO.has(c) && c !== 'Z');
const at = (path: string, leaf: string): string => `${path}/${leaf}`;
const rmReasonsOf = (s: Slots): Mut =>
  seq(rmAny(at(s.subCat, s.reasonCode)), rmAny(at(s.subCat, s.reason)));

/** The slot's line and breakdown turned into category c, consistent with its family. */
export function categoryMut(s: Slots, c: string): Mut {
  const kind = kindOf(c);
  const p = at;
  return seq(
    set(p(s.lineCat, s.code), c),
    set(p(s.subCat, s.code), c),
    kind === 'zero'
      ? seq(set(p(s.lineCat, s.pct), '0'), set(p(s.subCat, s.pct), '0'), set(s.subTax, '0'))
      : kind === 'rate'
        ? seq(set(p(s.lineCat, s.pct), s.rate), set(p(s.subCat, s.pct), s.rate))
        : seq(rm(p(s.lineCat, s.pct)), rm(p(s.subCat, s.pct)), set(s.subTax, '0')),
    rmReasonsOf(s),
    needsReasonOf(c) ? add(s.subCat, s.reasonXml) : none,
  );
}

export function categoryRows(s: Slots, c: string, prefix: string): Row[] {
  const kind = kindOf(c);
  const needsReason = needsReasonOf(c);
  const p = at;
  const rmReasons = rmReasonsOf(s);
  const addReason = add(s.subCat, s.reasonXml);
  const toC = categoryMut(s, c);
  const tax0 = kind === 'rate' ? s.rateTax : '0';
  const bad = kind === 'zero' ? '5' : c === 'S' ? '0' : '-1';
  const good = kind === 'zero' ? '0' : s.rate;
  const onAc = (cat: string): Row['fire'] => set(p(cat, s.code), c);
  const acRate = (cat: string): [Mut, Mut] =>
    kind === 'O'
      ? [onAc(cat), seq(onAc(cat), rm(p(cat, s.pct)))]
      : [seq(onAc(cat), set(p(cat, s.pct), bad)), seq(onAc(cat), set(p(cat, s.pct), good))];
  const acVat = (cat: string): [Mut, Mut] =>
    kind === 'O'
      ? [onAc(cat), seq(onAc(cat), s.rmAllVat)]
      : [seq(onAc(cat), s.rmSellerVat), onAc(cat)];
  const row = (n: string, fire: Mut, near: Mut): Row => ({
    id: `BR-${prefix}-${n}`,
    base: s.base,
    fire,
    near,
  });
  const [a06f, a06n] = acRate(s.allowCat);
  const [c07f, c07n] = acRate(s.chargeCat);
  const [a03f, a03n] = acVat(s.allowCat);
  const [c04f, c04n] = acVat(s.chargeCat);
  return [
    // -01: "exactly one breakdown" (zero-rated, O) or "at least one" (S, L, M).
    kind === 'rate'
      ? row('01', set(p(s.lineCat, s.code), c), toC)
      : row('01', seq(toC, dup(s.sub)), toC),
    kind === 'O' ? row('02', toC, seq(toC, s.rmAllVat)) : row('02', seq(toC, s.rmSellerVat), toC),
    row('03', a03f, a03n),
    row('04', c04f, c04n),
    kind === 'O'
      ? row('05', seq(toC, add(s.lineCat, s.pctXml)), toC)
      : row('05', seq(toC, set(p(s.lineCat, s.pct), bad)), toC),
    row('06', a06f, a06n),
    row('07', c07f, c07n),
    s.tolerant08.has(c)
      ? row(
          '08',
          seq(toC, set(s.subTaxable, plus(s.taxable, 1))),
          seq(toC, set(s.subTaxable, plus(s.taxable, 0.99))),
        )
      : row('08', seq(toC, set(s.subTaxable, plus(s.taxable, 0.01))), toC),
    kind === 'rate'
      ? row('09', seq(toC, set(s.subTax, plus(tax0, 1))), seq(toC, set(s.subTax, plus(tax0, 0.99))))
      : row('09', seq(toC, set(s.subTax, '0.01')), toC),
    needsReason ? row('10', seq(toC, rmReasons), toC) : row('10', seq(toC, addReason), toC),
  ];
}

/** The families and their category codes. */
export const FAMILIES: [prefix: string, code: string][] = [
  ['S', 'S'],
  ['Z', 'Z'],
  ['E', 'E'],
  ['AE', 'AE'],
  ['IC', 'K'],
  ['G', 'G'],
  ['O', 'O'],
  ['AF', 'L'],
  ['AG', 'M'],
];

/** BR-O-11..14 (UBL): an O breakdown excludes every other category, in breakdowns, lines,
 * allowances and charges; the near miss turns the rest of the invoice into O as well. */
export function oRows(
  s: Slots,
  rest: { otherSubsToO: Mut; otherLineToO: Mut; allowToO: Mut; chargeToO: Mut },
): Row[] {
  const toO = categoryMut(s, 'O');
  const r = (id: string, fire: Mut, near: Mut): Row => ({ id, base: s.base, fire, near });
  return [
    r('BR-O-11', toO, seq(toO, rest.otherSubsToO)),
    r('BR-O-12', toO, seq(toO, rest.otherLineToO)),
    r('BR-O-13', toO, seq(toO, rest.allowToO)),
    r('BR-O-14', toO, seq(toO, rest.chargeToO)),
  ];
}
