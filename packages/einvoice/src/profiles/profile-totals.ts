/**
 * BR-CO-11, BR-CO-12 (and BR-CO-17, below) as the Factur-X BASIC WL, BASIC and EN 16931
 * Schematrons word them,
 * run on the CII tree. Their wording differs from EN 16931's CII rules in two ways that change
 * verdicts (found by conformance:diff):
 * - an allowance is a `SpecifiedTradeAllowanceCharge` whose indicator is the string 'false' as
 *   written (`udt:Indicator='false'`), a charge one whose indicator is 'true'; EN 16931 compares
 *   with `false()`/`true()`, so "\ttrue" is a charge there and neither here;
 * - `sum(…/ram:ActualAmount)` adds every amount element of each, a duplicated one twice (the
 *   schema refuses the duplicate too), where the model holds one amount per allowance.
 *
 * Context `//ram:SpecifiedTradeSettlementHeaderMonetarySummation`; the allowances, charges and
 * logistics charges at the absolute path under the header settlement:
 * - BR-CO-11: `(not(allowances) and not(ram:AllowanceTotalAmount)) or
 *   ram:AllowanceTotalAmount = round(sum(allowances/ram:ActualAmount) * 100) div 100`;
 * - BR-CO-12: `(not(charges) and not(ram:ChargeTotalAmount)) or
 *   round(/…/ram:ChargeTotalAmount * 100) div 100 = round((round(sum(charges/ram:ActualAmount)
 *   * 100) div 100 + round(sum(logistics/ram:AppliedAmount) * 100) div 100) * 100) div 100`
 *   (the total at the absolute path: several of them are an XPath error there).
 * (The exact texts are held equal to the official files by generated-tables.test.ts.)
 * Arithmetic is exact decimal, rounding as XPath's round() (ties up), as the EN 16931 rules
 * here do. Where the official expression raises an error — a value that is not a number,
 * several totals in one arithmetic — the Schematron gives no verdict and neither do we.
 */
import type { XmlElement } from '../xml/types.js';
import { children } from '../xml/query.js';
import Big from 'big.js';
import { exact, Exact, ONE_X, PERCENT_X, sign, xcmp, ZERO_X } from '../model/exact.js';
import { xsDouble } from '../rules/business/xs-double.js';
import { show, xround } from '../rules/business/totals-math.js';
import type { TreeHit } from './extended-rules.js';
import { stringValue } from './profile-asserts-run.js';
import { NS } from '../xml/ns.js';
import { normalizeSpace } from '../rules/cii/syntax-tree.js';

const { rsm: RSM, ram: RAM, udt: UDT } = NS;

/** The profiles whose Schematron words BR-CO-11/12 and BR-CO-17 as this file runs them. */
export const PROFILES_WITH_OWN_TOTALS: ReadonlySet<string> = new Set([
  'BASIC WL',
  'BASIC',
  'EN 16931',
]);

/**
 * A value as XPath casts it to xs:double: exact when finite ('1E3' is 1000 there, though not
 * an xs:decimal), the double itself for INF, -INF and NaN; null when the cast fails (the
 * Schematron then errs and gives no verdict). Exact arithmetic keeps the money rule; the
 * infinite and NaN cases only decide equality, as they do in XPath.
 */
type Num = Exact | number;
function numberOf(el: XmlElement): Num | null {
  const text = stringValue(el);
  const d = xsDouble(text);
  if (d === undefined) return null;
  if (!Number.isFinite(d)) return d;
  const t = text.trim();
  return exact(t) ?? new Exact(NaN, NaN, new Big(t.replace(/^\+/, '')));
}

const plus = (a: Num, b: Num): Num =>
  typeof a === 'number' || typeof b === 'number' ? Number(a) + Number(b) : a.plus(b);
const round2 = (a: Num): Num => (typeof a === 'number' ? a : xround(a));
const same = (a: Num, b: Num): boolean =>
  typeof a === 'number' || typeof b === 'number'
    ? typeof a === 'number' && typeof b === 'number' && a === b
    : xcmp(a, b) === 0;
const shownNum = (a: Num): string => (typeof a === 'number' ? String(a) : show(a));

/** round(sum(values) * 100) div 100, or null when a value is not a number. */
function roundedSum(els: XmlElement[]): Num | null {
  let total: Num = ZERO_X;
  for (const el of els) {
    const v = numberOf(el);
    if (v === null) return null;
    total = plus(total, v);
  }
  return round2(total);
}

function descendantsNamed(el: XmlElement, ns: string, local: string, out: XmlElement[]): void {
  for (const c of el.children) {
    if (c.ns === ns && c.local === local) out.push(c);
    descendantsNamed(c, ns, local, out);
  }
}

/**
 * BR-CO-17 as the three profiles word it, on each header VAT breakdown
 * (`//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax`), R being the rate when the
 * tax type is VAT (`.[normalize-space(upper-case(ram:TypeCode)) = 'VAT']/xs:decimal(rate)`):
 * `(round(R) = 0 and round(C) = 0) or (round(R) != 0 and |C| − 1 <= round(|B| × R ÷ 100, 2)
 * <= |C| + 1) or (no R and round(C) = 0)`, C the tax and B the basis, all xs:decimal. A value
 * that is not an xs:decimal, or one given twice, is an XPath error there: no verdict here.
 */
function vatOfCategory(settlements: XmlElement[], hits: TreeHit[]): void {
  const one = (el: XmlElement, local: string): Exact | null | undefined => {
    const found = children(el, RAM, local);
    if (found.length === 0) return undefined; // the empty sequence
    if (found.length > 1) return null;
    return exact(stringValue(found[0]!));
  };
  const abs = (x: Exact): Exact => (sign(x) < 0 ? x.neg() : x);
  for (const tax of settlements.flatMap((s) => children(s, RAM, 'ApplicableTradeTax'))) {
    const types = children(tax, RAM, 'TypeCode');
    if (types.length > 1) continue;
    const isVat =
      types.length === 1 && normalizeSpace(stringValue(types[0]!).toUpperCase()) === 'VAT';
    const rate = isVat ? one(tax, 'RateApplicablePercent') : undefined;
    const calculated = one(tax, 'CalculatedAmount');
    const basis = one(tax, 'BasisAmount');
    if (rate === null || calculated === null || basis === null) continue;
    const zero = (x: Exact | undefined): boolean => x !== undefined && sign(xround(x, 0)) === 0;
    let ok: boolean;
    let expected: Exact | undefined;
    if (rate === undefined) ok = zero(calculated);
    else if (zero(rate)) ok = zero(calculated);
    else if (calculated === undefined || basis === undefined) ok = false;
    else {
      expected = xround(abs(basis).times(rate).times(PERCENT_X), 2);
      const c = abs(calculated);
      ok = xcmp(c.minus(ONE_X), expected) <= 0 && xcmp(c.plus(ONE_X), expected) >= 0;
    }
    if (!ok)
      hits.push({
        id: 'BR-CO-17',
        at: tax,
        params: {
          rate: rate === undefined ? '—' : show(rate),
          expected: expected ? show(expected) : '0',
          found: calculated === undefined ? '—' : show(calculated),
        },
      });
  }
}

/** The failed BR-CO-11/12 and BR-CO-17 of the profiles' wording on the CII tree `root`. */
export function profileTotals(root: XmlElement): TreeHit[] {
  if (root.ns !== RSM || root.local !== 'CrossIndustryInvoice') return [];
  const settlements = children(root, RSM, 'SupplyChainTradeTransaction').flatMap((t) =>
    children(t, RAM, 'ApplicableHeaderTradeSettlement'),
  );
  const acs = settlements.flatMap((s) => children(s, RAM, 'SpecifiedTradeAllowanceCharge'));
  const ofKind = (indicator: string): XmlElement[] =>
    acs.filter((ac) =>
      children(ac, RAM, 'ChargeIndicator').some((ci) =>
        children(ci, UDT, 'Indicator').some((i) => stringValue(i) === indicator),
      ),
    );
  const amountsOf = (list: XmlElement[]): XmlElement[] =>
    list.flatMap((ac) => children(ac, RAM, 'ActualAmount'));
  const allowances = ofKind('false');
  const charges = ofKind('true');
  const hits: TreeHit[] = [];
  vatOfCategory(settlements, hits);
  const summations: XmlElement[] = [];
  descendantsNamed(root, RAM, 'SpecifiedTradeSettlementHeaderMonetarySummation', summations);
  if (summations.length === 0) return hits;

  const allowanceSum = roundedSum(amountsOf(allowances));
  const chargeSum = roundedSum(amountsOf(charges));
  const logisticsSum = roundedSum(
    settlements
      .flatMap((s) => children(s, RAM, 'SpecifiedLogisticsServiceCharge'))
      .flatMap((l) => children(l, RAM, 'AppliedAmount')),
  );
  // The charge total BR-CO-12 compares is read at the absolute path, whatever the context.
  const absoluteChargeTotals = settlements
    .flatMap((s) => children(s, RAM, 'SpecifiedTradeSettlementHeaderMonetarySummation'))
    .flatMap((m) => children(m, RAM, 'ChargeTotalAmount'));

  for (const summation of summations) {
    // BR-CO-11: any of the context's allowance totals equal to the rounded sum.
    const totals = children(summation, RAM, 'AllowanceTotalAmount');
    if (allowances.length > 0 || totals.length > 0) {
      const values = totals.map(numberOf);
      if (allowanceSum !== null && values.every((v) => v !== null)) {
        if (!values.some((v) => same(v!, allowanceSum)))
          hits.push({
            id: 'BR-CO-11',
            at: summation,
            params: {
              expected: shownNum(allowanceSum),
              found: totals.map(stringValue).join(', ') || '—',
            },
          });
      }
    }
    // BR-CO-12: the one total at the absolute path, rounded, equal to the rounded sums.
    if (charges.length > 0 || children(summation, RAM, 'ChargeTotalAmount').length > 0) {
      if (chargeSum !== null && logisticsSum !== null && absoluteChargeTotals.length <= 1) {
        const expected = round2(plus(chargeSum, logisticsSum));
        const found = absoluteChargeTotals[0];
        const value = found ? numberOf(found) : undefined;
        if (value !== null && (value === undefined || !same(round2(value), expected)))
          hits.push({
            id: 'BR-CO-12',
            at: summation,
            params: { expected: shownNum(expected), found: found ? stringValue(found) : '—' },
          });
      }
    }
  }
  return hits;
}
