/**
 * Support of the CII syntax rule tests: the official example CII_example1.xml as the base
 * invoice, tree builders to mutate it, and the runner of the fire / near-miss cases. The
 * official unit tests hold no CII syntax case, so every rule is exercised on this base with one
 * mutation: a case that fires the rule and one that must not.
 */
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseXml } from '../../src/xml/parse.js';
import { NS } from '../../src/xml/ns.js';
import type { XmlElement } from '../../src/xml/types.js';
import type { Anchor } from '../../src/rules/engine.js';
import { checkCiiSyntax } from '../../src/rules/cii/syntax.js';

export const CONFORMANCE = new URL('../../../../../shared/conformance/', import.meta.url);
const EXAMPLE1 = new URL('en16931/examples/cii/examples/CII_example1.xml', CONFORMANCE);
export const EXAMPLE1_TEXT = readFileSync(EXAMPLE1, 'utf8');

// ---------------------------------------------------------------------------------------------
// Tree helpers

interface Fired {
  id: string;
  at: XmlElement | undefined;
}

function isElement(a: Anchor): a is XmlElement {
  return a !== undefined && 'children' in a && 'qname' in a;
}

export function parse(text: string): XmlElement {
  const p = parseXml(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.root;
}

export function run(root: XmlElement): Fired[] {
  const out: Fired[] = [];
  checkCiiSyntax(root, {
    fire(id, at) {
      out.push({ id, at: isElement(at) ? at : undefined });
    },
  });
  return out;
}

export function ids(root: XmlElement): string[] {
  return [...new Set(run(root).map((f) => f.id))].sort();
}

export function make(
  ns: string,
  local: string,
  text = '',
  attrs: Record<string, string> = {},
): XmlElement {
  const prefix = ns === NS.udt ? 'udt' : ns === NS.qdt ? 'qdt' : ns === NS.rsm ? 'rsm' : 'ram';
  return {
    ns,
    local,
    qname: `${prefix}:${local}`,
    attributes: Object.entries(attrs).map(([k, v]) => ({ ns: '', local: k, qname: k, value: v })),
    children: [],
    text,
    line: 0,
    column: 0,
    parent: null,
  };
}

export function append(parent: XmlElement, child: XmlElement): XmlElement {
  child.parent = parent;
  // The parser shares one empty array between childless elements: never push into it.
  if (parent.children.length === 0) parent.children = [];
  parent.children.push(child);
  return child;
}

/** Appends a new ram element. */
export function ram(
  parent: XmlElement,
  local: string,
  text = '',
  attrs: Record<string, string> = {},
): XmlElement {
  return append(parent, make(NS.ram, local, text, attrs));
}

export function setAttr(el: XmlElement, name: string, value: string): void {
  if (el.attributes.length === 0) el.attributes = [];
  el.attributes.push({ ns: '', local: name, qname: name, value });
}

export function removeChildren(parent: XmlElement, local: string): void {
  parent.children = parent.children.filter((c) => c.local !== local);
}

/** First descendant path by local names; throws when the base invoice lacks it. */
export function at(from: XmlElement, ...locals: string[]): XmlElement {
  let cur = from;
  for (const local of locals) {
    const next = cur.children.find((c) => c.local === local);
    if (!next) throw new Error(`no ${local} under ${cur.qname}`);
    cur = next;
  }
  return cur;
}

export function all(from: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.local === local) out.push(e);
    for (const c of e.children) walk(c);
  };
  walk(from);
  return out;
}

/** The places of the base invoice the cases mutate. */
export function base() {
  const root = parse(EXAMPLE1_TEXT);
  const tx = at(root, 'SupplyChainTradeTransaction');
  const line = at(tx, 'IncludedSupplyChainTradeLineItem');
  const hagr = at(tx, 'ApplicableHeaderTradeAgreement');
  const hset = at(tx, 'ApplicableHeaderTradeSettlement');
  return {
    root,
    docctx: at(root, 'ExchangedDocumentContext'),
    doc: at(root, 'ExchangedDocument'),
    tx,
    line,
    linedoc: at(line, 'AssociatedDocumentLineDocument'),
    product: at(line, 'SpecifiedTradeProduct'),
    lagr: at(line, 'SpecifiedLineTradeAgreement'),
    ldel: at(line, 'SpecifiedLineTradeDelivery'),
    lset: at(line, 'SpecifiedLineTradeSettlement'),
    hagr,
    seller: at(hagr, 'SellerTradeParty'),
    buyer: at(hagr, 'BuyerTradeParty'),
    hdel: at(tx, 'ApplicableHeaderTradeDelivery'),
    hset,
    summ: at(hset, 'SpecifiedTradeSettlementHeaderMonetarySummation'),
    means: hset.children.filter((c) => c.local === 'SpecifiedTradeSettlementPaymentMeans'),
    headerTaxes: hset.children.filter((c) => c.local === 'ApplicableTradeTax'),
  };
}
export type Base = ReturnType<typeof base>;

// ---------------------------------------------------------------------------------------------
// Every other rule: a case that fires it and one that must not

export interface Case {
  id: string;
  /** Mutation that must fire the rule. */
  fire: (b: Base) => void;
  /** Near-miss mutation that must not fire it (nothing: the base invoice). */
  pass?: (b: Base) => void;
}

export function paymentMeans(b: Base, i: number): XmlElement {
  const m = b.means[i];
  if (!m) throw new Error(`no payment means ${i}`);
  return m;
}

export function headerTax(b: Base, i: number): XmlElement {
  const t = b.headerTaxes[i];
  if (!t) throw new Error(`no header tax ${i}`);
  return t;
}

export function characteristic(b: Base, description: number, value: number): void {
  const c = ram(b.product, 'ApplicableProductCharacteristic');
  for (let i = 0; i < description; i++) ram(c, 'Description', 'Colour');
  for (let i = 0; i < value; i++) ram(c, 'Value', 'Red');
}

export function allowance(
  parent: XmlElement,
  indicator: boolean,
  extra: (ac: XmlElement) => void,
): void {
  const ac = ram(parent, 'SpecifiedTradeAllowanceCharge');
  append(ram(ac, 'ChargeIndicator'), make(NS.udt, 'Indicator', String(indicator)));
  extra(ac);
}

export function grossPriceCharge(b: Base, indicator: string | undefined, amounts: number): void {
  const gross = ram(b.lagr, 'GrossPriceProductTradePrice');
  ram(gross, 'ChargeAmount', '10');
  const ac = ram(gross, 'AppliedTradeAllowanceCharge');
  if (indicator !== undefined) {
    append(ram(ac, 'ChargeIndicator'), make(NS.udt, 'Indicator', indicator));
  }
  for (let i = 0; i < amounts; i++) ram(ac, 'ActualAmount', '1');
}

export const OWN_ID_ATTRS = [
  'schemeName',
  'schemeAgencyName',
  'schemeDataURI',
  'schemeURI',
  'schemeID',
  'schemeAgencyID',
  'schemeVersionID',
];

export const TOTALS = [
  'LineTotalAmount',
  'ChargeTotalAmount',
  'AllowanceTotalAmount',
  'TaxBasisTotalAmount',
  'RoundingAmount',
  'GrandTotalAmount',
  'InformationAmount',
  'TotalPrepaidAmount',
  'TotalDiscountAmount',
  'TotalAllowanceChargeAmount',
  'DuePayableAmount',
  'RetailValueExcludingTaxInformationAmount',
  'TotalDepositFeeInformationAmount',
  'ProductValueExcludingTobaccoTaxInformationAmount',
  'TotalRetailValueInformationAmount',
  'GrossLineTotalAmount',
  'NetLineTotalAmount',
  'NetIncludingTaxesLineTotalAmount',
];

/** Makes `summ` hold exactly `n` elements `local`. */
export function totals(b: Base, local: string, n: number): void {
  removeChildren(b.summ, local);
  for (let i = 0; i < n; i++) ram(b.summ, local, '1');
}

export function caseTests(cases: Case[]): void {
  it.each(cases.map((c) => [c.id, c] as const))('%s fires on its mutation', (id, c) => {
    const b = base();
    c.fire(b);
    expect(ids(b.root)).toContain(id);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s stays silent on the near miss', (id, c) => {
    const b = base();
    c.pass?.(b);
    expect(ids(b.root)).not.toContain(id);
  });
}
