/**
 * The rules the Factur-X 1.09 EXTENDED Schematron puts in place of the EN 16931 rules it
 * relaxes (BR-FXEXT-…), plus two rules of the profile Schematrons that are not EN 16931 CII
 * rules (PEPPOL-EN16931-R008, and BR-CO-25 that EN 16931 1.3.16 withdrew but Factur-X keeps);
 * the rules on notes, partner ids, attribute codes and timestamps are in extended-codes.ts.
 * Our own code after the facts the official asserts encode; run on the CII tree, because they
 * speak of terms our model does not carry (line sub-types BT-X-8, logistics service charges
 * BT-X-272, financial adjustments BT-X-…).
 *
 * What EXTENDED changes, and why the EN 16931 versions cannot hold:
 * - line groups: a line whose sub-type (LineStatusReasonCode) is GROUP or INFORMATION
 *   carries a subtotal or a text; only DETAIL lines (or lines with no sub-type) count in the
 *   sums (BT-106, BT-109, each VAT category's taxable amount) and must have an amount and a
 *   VAT category;
 * - logistics service charges (SpecifiedLogisticsServiceCharge) add to the charges, to BT-109
 *   and to their category's taxable amount; financial adjustments to the amount due;
 * - amounts are compared with a tolerance of 0.01 per amount summed (rounding per line);
 * - a category's taxable amount may be checked per rate alone ("ini", EN 16931 2017) or per
 *   rate and exemption reason ("rev", 2026); "b" holds when either holds.
 *
 * Like the official expressions, a rule whose operand is missing (no BT-109, no VAT total in
 * the invoice currency…) fails: the invoice cannot be checked, so it is not accepted.
 */
import Big from 'big.js';
import type { XmlElement } from '../xml/types.js';
import { attr, child, children } from '../xml/query.js';
import { num } from '../model/decimal.js';
import { extendedCodes } from './extended-codes.js';
import { normalizeSpace } from '../rules/cii/syntax-tree.js';

export const RAM =
  'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100';
const RSM = 'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100';
const UDT = 'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100';

/** A rule that fired, on an element. */
export interface TreeHit {
  id: string;
  at: XmlElement;
  params?: Record<string, string>;
}

/** VAT category code → the id part of its rules. */
const CATEGORY_IDS: [code: string, id: string][] = [
  ['S', 'S'],
  ['Z', 'Z'],
  ['E', 'E'],
  ['AE', 'AE'],
  ['K', 'IC'],
  ['G', 'G'],
  ['O', 'O'],
  ['L', 'AF'],
  ['M', 'AG'],
];

const ram = (el: XmlElement | undefined, local: string): XmlElement | undefined =>
  child(el, RAM, local);
const rams = (el: XmlElement | undefined, local: string): XmlElement[] => children(el, RAM, local);

/** xs:decimal of an element's value; null when absent or not a decimal. */
const dec = (el: XmlElement | undefined): Big | null => (el ? num(el.text) : null);
/** Sum of the decimal values (absent ones count nothing), rounded like round(x * 100) div 100. */
function sum2(els: Iterable<XmlElement | undefined>): Big {
  let total = new Big(0);
  for (const e of els) {
    const n = dec(e);
    if (n) total = total.plus(n);
  }
  return xpathRound2(total);
}
/** XPath round() at two decimals: halves go towards positive infinity. */
function xpathRound2(x: Big): Big {
  const scaled = x.times(100).plus(0.5);
  const floor = scaled.round(0, Big.roundDown);
  return (floor.gt(scaled) ? floor.minus(1) : floor).div(100);
}
const within = (diff: Big, n: number): boolean => diff.abs().lte(new Big(0.01).times(n));
/** normalize-space(): XML white space only (a no-break space stays, as in XPath). */
const norm = (s: string | undefined): string => normalizeSpace(s ?? '');

/** xs:boolean of an indicator (whitespace collapsed), null when not a boolean. */
function indicator(ac: XmlElement): boolean | null {
  const v = norm(child(ram(ac, 'ChargeIndicator'), UDT, 'Indicator')?.text);
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return null;
}
/** The string comparison the totals rules make (ChargeIndicator/Indicator = 'true'). */
const indicatorIs = (ac: XmlElement, v: string): boolean =>
  child(ram(ac, 'ChargeIndicator'), UDT, 'Indicator')?.text === v;

interface Tax {
  code: string;
  rate: Big | null;
  reasonCode: string;
  reason: string;
}
function taxOf(el: XmlElement | undefined): Tax | undefined {
  if (!el) return undefined;
  return {
    code: ram(el, 'CategoryCode')?.text ?? '',
    rate: dec(ram(el, 'RateApplicablePercent')),
    reasonCode: norm(ram(el, 'ExemptionReasonCode')?.text),
    reason: norm(ram(el, 'ExemptionReason')?.text),
  };
}

interface Doc {
  root: XmlElement;
  lines: XmlElement[];
  detail: XmlElement[];
  settlement: XmlElement | undefined;
  allowances: XmlElement[];
  charges: XmlElement[];
  /** Every header allowance or charge, whatever its indicator. */
  acs: XmlElement[];
  logistics: XmlElement[];
  /**
   * Every VAT breakdown of every header settlement anywhere in the tree: the -08 and S-09b
   * contexts and the -01 counts are `//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax`,
   * found even under a transaction in another namespace, while their sums read the absolute
   * path `/rsm:CrossIndustryInvoice/rsm:SupplyChainTradeTransaction/…` (then nothing).
   */
  headerTaxes: XmlElement[];
}

/** A line counts in the sums unless its sub-type says it is a group or information line. */
function isDetail(line: XmlElement): boolean {
  const codes = rams(ram(line, 'AssociatedDocumentLineDocument'), 'LineStatusReasonCode');
  return codes.length === 0 || codes.some((c) => c.text === 'DETAIL');
}

function docOf(root: XmlElement): Doc {
  const tx = child(root, RSM, 'SupplyChainTradeTransaction');
  const lines = rams(tx, 'IncludedSupplyChainTradeLineItem');
  const settlement = ram(tx, 'ApplicableHeaderTradeSettlement');
  const acs = rams(settlement, 'SpecifiedTradeAllowanceCharge');
  return {
    root,
    lines,
    detail: lines.filter(isDetail),
    settlement,
    allowances: acs.filter((a) => indicatorIs(a, 'false')),
    charges: acs.filter((a) => indicatorIs(a, 'true')),
    acs,
    logistics: rams(settlement, 'SpecifiedLogisticsServiceCharge'),
    headerTaxes: [...descendants(root, 'ApplicableHeaderTradeSettlement')].flatMap((s) =>
      rams(s, 'ApplicableTradeTax'),
    ),
  };
}

const lineAmount = (line: XmlElement): XmlElement | undefined =>
  ram(
    ram(ram(line, 'SpecifiedLineTradeSettlement'), 'SpecifiedTradeSettlementLineMonetarySummation'),
    'LineTotalAmount',
  );
const lineTaxes = (line: XmlElement): Tax[] =>
  rams(ram(line, 'SpecifiedLineTradeSettlement'), 'ApplicableTradeTax').map((t) => taxOf(t)!);

/** BR-FXEXT-CO-10…16: the document totals, group lines and logistics charges considered. */
function totals(d: Doc, hits: TreeHit[]): void {
  const currency = ram(d.settlement, 'InvoiceCurrencyCode')?.text;
  for (const s of rams(d.settlement, 'SpecifiedTradeSettlementHeaderMonetarySummation')) {
    const fire = (id: string): void => void hits.push({ id, at: s });
    const lineSum = sum2(d.detail.map(lineAmount));
    const bt106 = dec(ram(s, 'LineTotalAmount'));
    if (!bt106 || !within(bt106.minus(lineSum), d.lines.length)) fire('BR-FXEXT-CO-10');
    const allowances = sum2(d.allowances.map((a) => ram(a, 'ActualAmount')));
    const bt107el = ram(s, 'AllowanceTotalAmount');
    if (d.allowances.length > 0 || bt107el) {
      const bt107 = dec(bt107el);
      if (!bt107 || !within(bt107.minus(allowances), d.allowances.length)) fire('BR-FXEXT-CO-11');
    }
    const charges = sum2(d.charges.map((a) => ram(a, 'ActualAmount'))).plus(
      sum2(d.logistics.map((l) => ram(l, 'AppliedAmount'))),
    );
    const nCharges = d.charges.length + d.logistics.length;
    const bt108el = ram(s, 'ChargeTotalAmount');
    if (d.charges.length > 0 || bt108el) {
      const bt108 = dec(bt108el);
      if (!bt108 || !within(bt108.minus(charges), nCharges)) fire('BR-FXEXT-CO-12');
    }
    const n = d.detail.length + d.allowances.length + nCharges;
    const bt109 = dec(ram(s, 'TaxBasisTotalAmount'));
    if (!bt109 || !within(bt109.minus(lineSum).plus(allowances).minus(charges), n))
      fire('BR-FXEXT-CO-13');
    const vat = rams(s, 'TaxTotalAmount').filter(
      (t) => currency !== undefined && attr(t, 'currencyID') === currency,
    );
    const bt110 = vat.length === 1 ? dec(vat[0]) : null;
    const bt112 = dec(ram(s, 'GrandTotalAmount'));
    if (!bt109 || !bt110 || !bt112 || !within(bt112.minus(bt110).minus(bt109), n))
      fire('BR-FXEXT-CO-15');
    const due = dec(ram(s, 'DuePayableAmount'));
    const sumOf = (els: XmlElement[]): Big => els.reduce((t, e) => t.plus(dec(e) ?? 0), new Big(0));
    const expected = sumOf(rams(s, 'GrandTotalAmount'))
      .minus(sumOf(rams(s, 'TotalPrepaidAmount')))
      .plus(sumOf(rams(s, 'RoundingAmount')))
      .plus(
        sumOf(
          rams(d.settlement, 'SpecifiedFinancialAdjustment').flatMap((a) =>
            rams(a, 'ActualAmount'),
          ),
        ),
      );
    if (!due || !due.eq(expected)) fire('BR-FXEXT-CO-16');
  }
}

/** BR-FXEXT-BR-24 and BR-FXEXT-CO-04: a DETAIL line has a net amount and a VAT category. */
function detailLines(d: Doc, hits: TreeHit[]): void {
  for (const line of d.detail) {
    const at = ram(line, 'AssociatedDocumentLineDocument');
    if (!at) continue; // no context: the schema reports the missing element
    if (!lineAmount(line)) hits.push({ id: 'BR-FXEXT-BR-24', at });
    const quantity = ram(ram(line, 'SpecifiedLineTradeDelivery'), 'BilledQuantity');
    if (!quantity) hits.push({ id: 'BR-FXEXT-BR-22', at });
    if (!quantity || attr(quantity, 'unitCode') === undefined)
      hits.push({ id: 'BR-FXEXT-BR-23', at });
    const net = ram(ram(line, 'SpecifiedLineTradeAgreement'), 'NetPriceProductTradePrice');
    if (!ram(net, 'ChargeAmount')) hits.push({ id: 'BR-FXEXT-BR-26', at });
    const taxes = rams(ram(line, 'SpecifiedLineTradeSettlement'), 'ApplicableTradeTax');
    const vat = taxes.filter((t) => ram(t, 'TypeCode')?.text.toUpperCase() === 'VAT');
    if (
      !taxes.some((t) => ram(t, 'TypeCode')?.text === 'VAT') ||
      !vat.some((t) => ram(t, 'CategoryCode'))
    )
      hits.push({ id: 'BR-FXEXT-CO-04', at });
  }
}

/**
 * BR-FXEXT-BR-38 / -BR-44: a document or line charge has a reason or a reason code;
 * BR-FXEXT-BR-54-1 / -54-2: an item attribute has a name or a code, and a value or a
 * measured value with its unit (not both).
 */
function chargesAndAttributes(d: Doc, hits: TreeHit[]): void {
  const hasReason = (ac: XmlElement): boolean =>
    ram(ac, 'Reason') !== undefined || ram(ac, 'ReasonCode') !== undefined;
  for (const ac of rams(d.settlement, 'SpecifiedTradeAllowanceCharge'))
    if (isChargeByText(ac) && !hasReason(ac))
      hits.push({ id: 'BR-FXEXT-BR-38', at: ram(ac, 'ChargeIndicator')! });
  for (const s of descendants(d.root, 'SpecifiedLineTradeSettlement'))
    for (const ac of rams(s, 'SpecifiedTradeAllowanceCharge'))
      if (isChargeByText(ac) && !hasReason(ac))
        hits.push({ id: 'BR-FXEXT-BR-44', at: ram(ac, 'ChargeIndicator')! });
  for (const a of descendants(d.root, 'ApplicableProductCharacteristic')) {
    if (!ram(a, 'Description') && !ram(a, 'TypeCode')) hits.push({ id: 'BR-FXEXT-BR-54-1', at: a });
    const value = ram(a, 'Value') !== undefined;
    const measures = rams(a, 'ValueMeasure');
    const measured = measures.some((m) => {
      const u = attr(m, 'unitCode');
      return u !== undefined && u !== '';
    });
    if (!((value && measures.length === 0) || (!value && measured)))
      hits.push({ id: 'BR-FXEXT-BR-54-2', at: a });
  }
}

/** The charge test these rules make: some ChargeIndicator/Indicator equal to 'true'. */
const isChargeByText = (ac: XmlElement): boolean =>
  rams(ac, 'ChargeIndicator').some((c) =>
    children(c, UDT, 'Indicator').some((i) => i.text === 'true'),
  );

/** Every element named `local` in the RAM namespace below `el`. */
function* descendants(el: XmlElement, local: string): Generator<XmlElement> {
  for (const c of el.children) {
    if (c.local === local && c.ns === RAM) yield c;
    yield* descendants(c, local);
  }
}

/** BR-FXEXT-…-01: a category used anywhere has a breakdown, and a breakdown has a use. */
function categoriesUsed(d: Doc, hits: TreeHit[]): void {
  // `ram:CategoryCode = 'G'` is a general comparison: any of a breakdown's codes may match.
  const codesOf = (t: XmlElement): string[] => rams(t, 'CategoryCode').map((c) => c.text);
  const headerCodes = d.headerTaxes.map(codesOf);
  const usedCodes = new Set([
    ...[...descendants(d.root, 'SpecifiedLineTradeSettlement')].flatMap((s) =>
      rams(s, 'ApplicableTradeTax').flatMap(codesOf),
    ),
    ...[...descendants(d.root, 'CategoryTradeTax')].flatMap(codesOf),
  ]);
  for (const [code, id] of CATEGORY_IDS) {
    const h = headerCodes.filter((c) => c.includes(code)).length;
    const used = usedCodes.has(code);
    if (!((h === 0 && !used) || (h >= 1 && used)))
      hits.push({ id: `BR-FXEXT-${id}-01`, at: d.root, params: { category: code } });
  }
}

/** BR-FXEXT-…-08: each breakdown's taxable amount against what its category sums. */
function categoryBases(d: Doc, hits: TreeHit[]): void {
  for (const t of d.headerTaxes) {
    if (ram(t, 'TypeCode')?.text.toUpperCase() !== 'VAT') continue;
    const tax = taxOf(t)!;
    const ids = CATEGORY_IDS.find(([c]) => c === tax.code);
    if (!ids) continue;
    const [code, id] = ids;
    const perRate = code !== 'O';
    const basis = dec(ram(t, 'BasisAmount'));
    // Matching per rate ("ini") or per rate and exemption reason ("rev").
    const match = (x: Tax | undefined, withReason: boolean): boolean =>
      x !== undefined &&
      x.code === code &&
      (!perRate || (x.rate !== null && tax.rate !== null && x.rate.eq(tax.rate))) &&
      (!withReason || (x.reasonCode === tax.reasonCode && x.reason === tax.reason));
    const holds = (withReason: boolean): boolean => {
      if (!basis || (perRate && tax.rate === null)) return false;
      const lines = d.detail.filter((l) => lineTaxes(l).some((x) => match(x, withReason)));
      const acs = d.acs.filter((a) => match(taxOf(ram(a, 'CategoryTradeTax')), withReason));
      const allowances = acs.filter((a) => indicator(a) === false);
      const charges = acs.filter((a) => indicator(a) === true);
      const logistics = d.logistics.filter((l) =>
        match(taxOf(ram(l, 'AppliedTradeTax')), withReason),
      );
      const diff = basis
        .minus(sum2(lines.map(lineAmount)))
        .plus(sum2(allowances.map((a) => ram(a, 'ActualAmount'))))
        .minus(sum2(charges.map((a) => ram(a, 'ActualAmount'))))
        .minus(sum2(logistics.map((l) => ram(l, 'AppliedAmount'))));
      return within(diff, lines.length + acs.length + logistics.length);
    };
    const ini = holds(false);
    const rev = holds(true);
    const params = { category: code };
    if (!ini) hits.push({ id: `BR-FXEXT-${id}-08ini`, at: t, params });
    if (!rev) hits.push({ id: `BR-FXEXT-${id}-08rev`, at: t, params });
    // The standard rate's "b" rule is spelt without its hyphen in the official set.
    if (!ini && !rev)
      hits.push({ id: id === 'S' ? 'BR-FXEXT-S08b' : `BR-FXEXT-${id}-08b`, at: t, params });
  }
}

/**
 * BR-FXEXT-S-09b: a standard rate breakdown's VAT (BT-117) is its base times its rate, within
 * 0.01 per amount of its rate (counted with or without the exemption reason).
 */
function standardVat(d: Doc, hits: TreeHit[]): void {
  for (const t of d.headerTaxes) {
    if (ram(t, 'CategoryCode')?.text !== 'S') continue;
    const tax = taxOf(t)!;
    const basis = dec(ram(t, 'BasisAmount'));
    const vat = dec(ram(t, 'CalculatedAmount'));
    let holds = false;
    if (tax.rate && basis && vat) {
      const rate = tax.rate;
      const count = (withReason: boolean): number => {
        const match = (x: Tax | undefined): boolean =>
          x !== undefined &&
          x.code === 'S' &&
          x.rate !== null &&
          x.rate.eq(rate) &&
          (!withReason || (x.reasonCode === tax.reasonCode && x.reason === tax.reason));
        return (
          d.detail.filter((l) => lineTaxes(l).some(match)).length +
          d.acs.filter((a) => match(taxOf(ram(a, 'CategoryTradeTax')))).length +
          d.logistics.filter((l) => match(taxOf(ram(l, 'AppliedTradeTax')))).length
        );
      };
      const diff = vat.minus(xpathRound2(basis.times(rate).div(100)));
      holds = within(diff, count(true)) || within(diff, count(false));
    }
    if (!holds) hits.push({ id: 'BR-FXEXT-S-09b', at: t, params: { category: 'S' } });
  }
}

/**
 * BR-FXEXT-06, -08, -11, -12: the line hierarchy. A sub-line names its parent (ParentLineID,
 * BT-X-304), which must exist; once lines are nested every line involved has a sub-type; a
 * GROUP line's net amount, when given, is the sum of its DETAIL and GROUP children's (compared
 * as decimals: the official expression compares binary floating point numbers, which can
 * refuse an exact subtotal such as 0.10 + 0.20; we do not reproduce that), and then every
 * child GROUP line has an amount too.
 */
function lineGroups(d: Doc, hits: TreeHit[]): void {
  const doc = (l: XmlElement): XmlElement | undefined => ram(l, 'AssociatedDocumentLineDocument');
  const text = (l: XmlElement, local: string): string => norm(ram(doc(l), local)?.text);
  const subtype = (l: XmlElement): string =>
    norm(
      (
        ram(l, 'LineStatusReasonCode') ??
        ram(doc(l), 'LineStatusReasonCode') ??
        ram(ram(l, 'SpecifiedLineTradeSettlement'), 'LineStatusReasonCode')
      )?.text,
    );
  const ids = new Set(d.lines.map((l) => text(l, 'LineID')));
  // How many lines name each parent, '' (no parent) included: the official expression finds a
  // line's children as the other lines whose ParentLineID equals its LineID, both
  // normalised, so a line with no LineID has for children every other top-level line.
  const named = new Map<string, number>();
  for (const l of d.lines) {
    const p = text(l, 'ParentLineID');
    named.set(p, (named.get(p) ?? 0) + 1);
  }
  const statuses = (l: XmlElement): string[] =>
    rams(doc(l), 'LineStatusReasonCode').map((c) => c.text);
  for (const line of d.lines) {
    const parent = text(line, 'ParentLineID');
    const id = text(line, 'LineID');
    const hasChildren = (named.get(id) ?? 0) - (parent === id ? 1 : 0) > 0;
    if ((parent !== '' || hasChildren) && subtype(line) === '')
      hits.push({ id: 'BR-FXEXT-06', at: line });
    if (parent !== '' && !ids.has(parent)) hits.push({ id: 'BR-FXEXT-11', at: line });
  }
  for (const group of d.lines) {
    if (!statuses(group).includes('GROUP')) continue;
    const amountEl = lineAmount(group);
    const id = text(group, 'LineID');
    const kids = d.lines.filter((l) => text(l, 'ParentLineID') === id);
    if (amountEl && norm(amountEl.text) !== '') {
      const amount = dec(amountEl);
      const counted = kids.filter((k) => statuses(k).some((s) => s === 'DETAIL' || s === 'GROUP'));
      let total: Big | null = new Big(0);
      for (const k of counted) {
        const v = dec(lineAmount(k));
        total = v && total ? total.plus(v) : null;
      }
      if (!amount || !total || !amount.eq(total)) hits.push({ id: 'BR-FXEXT-08', at: group });
    }
    if (amountEl) {
      const rawId = ram(doc(group), 'LineID')?.text;
      const childGroups = d.lines.filter(
        (l) => ram(doc(l), 'ParentLineID')?.text === rawId && statuses(l).includes('GROUP'),
      );
      if (childGroups.some((g) => !lineAmount(g))) hits.push({ id: 'BR-FXEXT-12', at: group });
    }
  }
}

/** BR-CO-25: an amount due needs a due date or payment terms. */
function dueTerms(d: Doc, hits: TreeHit[]): void {
  const first = descendants(d.root, 'DuePayableAmount').next().value;
  const due = first ? Number(first.text.trim()) : NaN;
  if (!(due > 0)) return;
  const terms = [...descendants(d.root, 'SpecifiedTradePaymentTerms')];
  if (!terms.some((t) => ram(t, 'DueDateDateTime') || ram(t, 'Description')))
    hits.push({ id: 'BR-CO-25', at: first! });
}

/** PEPPOL-EN16931-R008: no element is empty (no child element and only white space). */
function emptyElements(el: XmlElement, hits: TreeHit[]): void {
  if (el.children.length === 0) {
    if (norm(el.text) === '') hits.push({ id: 'PEPPOL-EN16931-R008', at: el });
    return;
  }
  for (const c of el.children) emptyElements(c, hits);
}

/**
 * The profile's own code lists where they differ from EN 16931's: the specification
 * identifier (BT-24) must be one of the profile's, and VAT category codes one it allows (the
 * Factur-X lists leave out some UNCL 5305 codes EN 16931 accepts). Reported under our ids
 * (the official asserts have none but a serial number).
 */
function profileCodes(
  root: XmlElement,
  ids: readonly string[],
  categories: string,
  hits: TreeHit[],
): void {
  const ctx = child(root, RSM, 'ExchangedDocumentContext');
  for (const g of rams(ctx, 'GuidelineSpecifiedDocumentContextParameter'))
    for (const id of rams(g, 'ID'))
      if (id.text !== '' && !ids.includes(id.text))
        hits.push({
          id: 'FX-PROFILE-SPECIFICATION-ID',
          at: id,
          params: { value: id.text, allowed: ids.join(', ') },
        });
  const allowed = new Set(categories.split(' '));
  for (const c of descendants(root, 'CategoryCode')) {
    const parent = c.parent?.local;
    if (
      parent !== 'ApplicableTradeTax' &&
      parent !== 'CategoryTradeTax' &&
      parent !== 'AppliedTradeTax'
    )
      continue;
    if (c.text !== '' && !allowed.has(c.text))
      hits.push({
        id: 'FX-PROFILE-VAT-CATEGORY',
        at: c,
        params: { value: c.text, allowed: categories.replaceAll(' ', ', ') },
      });
  }
}

/** The tree rules of a profile's Schematron that EN 16931 does not run, filtered by `enforced`. */
export function profileTreeRules(
  root: XmlElement,
  extended: boolean,
  enforced: ReadonlySet<string>,
  codes?: { ids: readonly string[]; categories: string },
): TreeHit[] {
  const hits: TreeHit[] = [];
  const own: TreeHit[] = [];
  if (codes) profileCodes(root, codes.ids, codes.categories, own);
  if (enforced.has('PEPPOL-EN16931-R008')) emptyElements(root, hits);
  if (extended) {
    const d = docOf(root);
    totals(d, hits);
    detailLines(d, hits);
    categoriesUsed(d, hits);
    categoryBases(d, hits);
    standardVat(d, hits);
    lineGroups(d, hits);
    chargesAndAttributes(d, hits);
    dueTerms(d, hits);
    extendedCodes(root, hits);
  }
  return [...hits.filter((h) => enforced.has(h.id)), ...own];
}
