/**
 * CII syntax-binding rules (CII-SR-*, CII-DT-*). The official unit tests hold no CII syntax
 * case, so every rule is exercised here on the official example CII_example1.xml with one
 * mutation: a case that fires the rule and one that must not. The "should not be present"
 * table gets one generated case per entry. The official examples (and the Factur-X samples)
 * must give exactly the CII- findings of the official Schematron.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseXml } from '../../src/xml/parse.js';
import { NS } from '../../src/xml/ns.js';
import type { XmlElement } from '../../src/xml/types.js';
import type { Anchor } from '../../src/rules/engine.js';
import { checkCiiSyntax } from '../../src/rules/cii/syntax.js';
import { CII_SYNTAX_MESSAGES } from '../../src/rules/cii/syntax-messages.js';
import { absentEntries, type AbsentEntry } from '../../src/rules/cii/absent.js';
import { ruleFlags } from '../../src/rules/catalogue.js';

const CONFORMANCE = new URL('../../../../../shared/conformance/', import.meta.url);
const EXAMPLE1 = new URL('en16931/examples/cii/examples/CII_example1.xml', CONFORMANCE);
const EXAMPLE1_TEXT = readFileSync(EXAMPLE1, 'utf8');

// ---------------------------------------------------------------------------------------------
// Tree helpers

interface Fired {
  id: string;
  at: XmlElement | undefined;
}

function isElement(a: Anchor): a is XmlElement {
  return a !== undefined && 'children' in a && 'qname' in a;
}

function parse(text: string): XmlElement {
  const p = parseXml(text);
  if (!p.ok) throw new Error(p.error.message);
  return p.root;
}

function run(root: XmlElement): Fired[] {
  const out: Fired[] = [];
  checkCiiSyntax(root, {
    fire(id, at) {
      out.push({ id, at: isElement(at) ? at : undefined });
    },
  });
  return out;
}

function ids(root: XmlElement): string[] {
  return [...new Set(run(root).map((f) => f.id))].sort();
}

function make(
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

function append(parent: XmlElement, child: XmlElement): XmlElement {
  child.parent = parent;
  // The parser shares one empty array between childless elements: never push into it.
  if (parent.children.length === 0) parent.children = [];
  parent.children.push(child);
  return child;
}

/** Appends a new ram element. */
function ram(
  parent: XmlElement,
  local: string,
  text = '',
  attrs: Record<string, string> = {},
): XmlElement {
  return append(parent, make(NS.ram, local, text, attrs));
}

function setAttr(el: XmlElement, name: string, value: string): void {
  if (el.attributes.length === 0) el.attributes = [];
  el.attributes.push({ ns: '', local: name, qname: name, value });
}

function removeChildren(parent: XmlElement, local: string): void {
  parent.children = parent.children.filter((c) => c.local !== local);
}

/** First descendant path by local names; throws when the base invoice lacks it. */
function at(from: XmlElement, ...locals: string[]): XmlElement {
  let cur = from;
  for (const local of locals) {
    const next = cur.children.find((c) => c.local === local);
    if (!next) throw new Error(`no ${local} under ${cur.qname}`);
    cur = next;
  }
  return cur;
}

function all(from: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (e.local === local) out.push(e);
    for (const c of e.children) walk(c);
  };
  walk(from);
  return out;
}

/** The places of the base invoice the cases mutate. */
function base() {
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
type Base = ReturnType<typeof base>;

// ---------------------------------------------------------------------------------------------

describe('CII syntax rules: base invoice and official examples', () => {
  it('fires nothing on the base invoice', () => {
    expect(ids(parse(EXAMPLE1_TEXT))).toEqual([]);
  });

  interface Expected {
    file: string;
    syntax: string;
    fatal: string[];
    warning: string[];
  }
  const cii = (xs: string[]): string[] => xs.filter((x) => x.startsWith('CII-')).sort();

  const examples = readFileSync(new URL('en16931/examples/expected.jsonl', CONFORMANCE), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Expected)
    .filter((e) => e.syntax === 'CII');

  it('covers the 15 official CII examples', () => {
    expect(examples).toHaveLength(15);
  });

  it.each(examples.map((e) => [e.file, e] as const))(
    'gives exactly the official CII- findings on %s',
    (file, e) => {
      const root = parse(readFileSync(new URL(`en16931/examples/${file}`, CONFORMANCE), 'utf8'));
      expect(ids(root)).toEqual([...cii(e.warning), ...cii(e.fatal)].sort());
    },
  );

  const facturx = readFileSync(new URL('factur-x/expected.jsonl', CONFORMANCE), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Expected)
    .filter((e) => e.syntax === 'CII' && e.file.startsWith('xml/'));

  it.each(facturx.map((e) => [e.file, e] as const))(
    'gives exactly the official CII- findings on Factur-X %s',
    (file, e) => {
      const root = parse(readFileSync(new URL(`factur-x/${file}`, CONFORMANCE), 'utf8'));
      expect(ids(root)).toEqual([...cii(e.warning), ...cii(e.fatal)].sort());
    },
  );
});

// ---------------------------------------------------------------------------------------------
// The "should not be present" table: one generated case per entry

/** A fresh context element of the kind the entry is about, placed in the base invoice. */
function contextFor(b: Base, e: AbsentEntry): XmlElement {
  switch (e.context) {
    case 'ROOT':
      return b.root;
    case 'DOCCTX':
      return b.docctx;
    case 'DOC':
      return b.doc;
    case 'LINE':
      return b.line;
    case 'LINEDOC':
      return b.linedoc;
    case 'PRODUCT':
      return b.product;
    case 'LAGR':
      return b.lagr;
    case 'LDEL':
      return b.ldel;
    case 'LSET':
      return b.lset;
    case 'HAGR':
      return b.hagr;
    case 'HDEL':
      return b.hdel;
    case 'HSET':
      return b.hset;
    case 'SUMM':
      return b.summ;
    case 'PAYMEANS':
      return b.means[0] ?? ram(b.hset, 'SpecifiedTradeSettlementPaymentMeans');
    case 'DCP':
      return at(b.docctx, 'GuidelineSpecifiedDocumentContextParameter');
    case 'REFDOC':
      // Not an AdditionalReferencedDocument nor an InvoiceReferencedDocument: no exemption.
      return ram(b.hagr, 'BuyerOrderReferencedDocument');
    case 'TRADETAX': {
      // A line-level allowance's tax: neither ApplicableTradeTax nor under the header settlement.
      const ac = ram(b.lset, 'SpecifiedTradeAllowanceCharge');
      append(ram(ac, 'ChargeIndicator'), make(NS.udt, 'Indicator', 'false'));
      return ram(ac, 'CategoryTradeTax');
    }
    case 'PERIOD':
      return ram(b.hset, 'BillingSpecifiedPeriod');
    case 'ADDRESS':
      return at(b.seller, 'PostalTradeAddress');
  }
}

/** Builds the entry's path below `ctx`; returns the element the rule is about. */
function buildPath(ctx: XmlElement, e: AbsentEntry): XmlElement {
  let cur = ctx;
  for (const step of e.steps) {
    cur = step.startsWith('udt:')
      ? append(cur, make(NS.udt, step.slice(4), '20240101'))
      : ram(cur, step, 'x');
  }
  if (e.attribute) setAttr(cur, e.attribute, '1');
  return cur;
}

describe('CII syntax rules: "should not be present" table', () => {
  const entries = absentEntries();

  it('holds every rule of that family once', () => {
    expect(entries.length).toBe(493);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it.each(entries.map((e) => [e.id, e] as const))('%s fires on its element', (id, e) => {
    const b = base();
    const ctx = contextFor(b, e);
    expect(ids(b.root)).not.toContain(id);
    const offending = buildPath(ctx, e);
    const fired = run(b.root).filter((f) => f.id === id);
    expect(fired).toHaveLength(1);
    expect(fired[0]?.at).toBe(offending);
  });

  it('fires once per context however many offending elements', () => {
    const b = base();
    ram(b.lagr, 'BuyerReference', 'a');
    ram(b.lagr, 'BuyerReference', 'b');
    expect(run(b.root).filter((f) => f.id === 'CII-SR-104')).toHaveLength(1);
  });

  it('fires once per context element (every line)', () => {
    const b = base();
    const lines = b.tx.children.filter((c) => c.local === 'IncludedSupplyChainTradeLineItem');
    for (const l of lines) ram(at(l, 'SpecifiedLineTradeAgreement'), 'BuyerReference', 'a');
    expect(run(b.root).filter((f) => f.id === 'CII-SR-104')).toHaveLength(lines.length);
  });

  it('judges a DocumentContextParameter in any namespace (the context is //*)', () => {
    const b = base();
    const param = append(b.docctx, make(NS.rsm, 'OtherDocumentContextParameter'));
    const value = ram(param, 'Value', 'x');
    expect(run(b.root).filter((f) => f.id === 'CII-SR-04')).toEqual([
      { id: 'CII-SR-04', at: value },
    ]);
  });

  it('matches names in the ram namespace only', () => {
    const b = base();
    append(b.lagr, make(NS.rsm, 'BuyerReference', 'a'));
    expect(ids(b.root)).not.toContain('CII-SR-104');
  });

  it('exempts what the rules exempt', () => {
    const b = base();
    const supporting = ram(b.hagr, 'AdditionalReferencedDocument');
    ram(supporting, 'IssuerAssignedID', 'A1');
    ram(supporting, 'URIID', 'https://example.com/a');
    ram(supporting, 'TypeCode', '916');
    ram(supporting, 'Name', 'Timesheet');
    ram(supporting, 'AttachmentBinaryObject', 'AAAA', {
      mimeCode: 'application/pdf',
      filename: 'a.pdf',
    });
    const tender = ram(b.hagr, 'AdditionalReferencedDocument');
    ram(tender, 'IssuerAssignedID', 'T1');
    ram(tender, 'TypeCode', '50');
    const object = ram(b.hagr, 'AdditionalReferencedDocument');
    ram(object, 'IssuerAssignedID', 'O1');
    ram(object, 'TypeCode', '130');
    ram(object, 'ReferenceTypeCode', 'AAA');
    const preceding = ram(b.hset, 'InvoiceReferencedDocument');
    ram(preceding, 'IssuerAssignedID', 'F-1');
    append(
      ram(preceding, 'FormattedIssueDateTime'),
      make(NS.qdt, 'DateTimeString', '20240101', { format: '102' }),
    );
    const headerTax = b.headerTaxes[0];
    if (!headerTax) throw new Error('no header tax');
    ram(headerTax, 'ExemptionReason', 'x');
    ram(headerTax, 'ExemptionReasonCode', 'x');
    ram(headerTax, 'DueDateTypeCode', '5');
    ram(headerTax, 'TaxPointDate');
    const lineTax = at(b.lset, 'ApplicableTradeTax');
    ram(lineTax, 'ExemptionReason', 'x');
    ram(lineTax, 'ExemptionReasonCode', 'x');
    expect(ids(b.root)).toEqual([]);
  });

  it('does not exempt a 916 document whose type code is padded (XPath = does not trim)', () => {
    const b = base();
    const supporting = ram(b.hagr, 'AdditionalReferencedDocument');
    ram(supporting, 'IssuerAssignedID', 'A1');
    ram(supporting, 'TypeCode', ' 916');
    ram(supporting, 'Name', 'Timesheet');
    expect(ids(b.root)).toEqual(['CII-DT-018', 'CII-DT-021']);
  });

  it('judges the line VAT dates and basis (outside the header settlement)', () => {
    const b = base();
    const lineTax = at(b.lset, 'ApplicableTradeTax');
    ram(lineTax, 'BasisAmount', '1');
    ram(lineTax, 'TaxPointDate');
    ram(lineTax, 'DueDateTypeCode', '5');
    expect(ids(b.root)).toEqual(['CII-DT-041', 'CII-DT-054', 'CII-DT-058']);
  });
});

// ---------------------------------------------------------------------------------------------
// Every other rule: a case that fires it and one that must not

interface Case {
  id: string;
  /** Mutation that must fire the rule. */
  fire: (b: Base) => void;
  /** Near-miss mutation that must not fire it (nothing: the base invoice). */
  pass?: (b: Base) => void;
}

function paymentMeans(b: Base, i: number): XmlElement {
  const m = b.means[i];
  if (!m) throw new Error(`no payment means ${i}`);
  return m;
}

function headerTax(b: Base, i: number): XmlElement {
  const t = b.headerTaxes[i];
  if (!t) throw new Error(`no header tax ${i}`);
  return t;
}

function characteristic(b: Base, description: number, value: number): void {
  const c = ram(b.product, 'ApplicableProductCharacteristic');
  for (let i = 0; i < description; i++) ram(c, 'Description', 'Colour');
  for (let i = 0; i < value; i++) ram(c, 'Value', 'Red');
}

function allowance(parent: XmlElement, indicator: boolean, extra: (ac: XmlElement) => void): void {
  const ac = ram(parent, 'SpecifiedTradeAllowanceCharge');
  append(ram(ac, 'ChargeIndicator'), make(NS.udt, 'Indicator', String(indicator)));
  extra(ac);
}

function grossPriceCharge(b: Base, indicator: string | undefined, amounts: number): void {
  const gross = ram(b.lagr, 'GrossPriceProductTradePrice');
  ram(gross, 'ChargeAmount', '10');
  const ac = ram(gross, 'AppliedTradeAllowanceCharge');
  if (indicator !== undefined) {
    append(ram(ac, 'ChargeIndicator'), make(NS.udt, 'Indicator', indicator));
  }
  for (let i = 0; i < amounts; i++) ram(ac, 'ActualAmount', '1');
}

const OWN_ID_ATTRS = [
  'schemeName',
  'schemeAgencyName',
  'schemeDataURI',
  'schemeURI',
  'schemeID',
  'schemeAgencyID',
  'schemeVersionID',
];

const TOTALS = [
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
function totals(b: Base, local: string, n: number): void {
  removeChildren(b.summ, local);
  for (let i = 0; i < n; i++) ram(b.summ, local, '1');
}

const FATAL_CASES: Case[] = [
  {
    id: 'CII-SR-009',
    fire: (b) => removeChildren(b.docctx, 'GuidelineSpecifiedDocumentContextParameter'),
  },
  {
    id: 'CII-SR-010',
    fire: (b) => ram(at(b.docctx, 'GuidelineSpecifiedDocumentContextParameter'), 'ID', 'x'),
  },
  { id: 'CII-SR-014', fire: (b) => removeChildren(b.doc, 'TypeCode') },
  {
    id: 'CII-SR-046',
    fire: (b) => ram(b.product, 'GlobalID', '05410000000000'),
    pass: (b) => ram(b.product, 'GlobalID', '05410000000000', { schemeID: '0160' }),
  },
  { id: 'CII-SR-069', fire: (b) => characteristic(b, 0, 1), pass: (b) => characteristic(b, 1, 1) },
  { id: 'CII-SR-072', fire: (b) => characteristic(b, 1, 0), pass: (b) => characteristic(b, 1, 1) },
  {
    id: 'CII-SR-090',
    fire: (b) => ram(b.product, 'OriginTradeCountry'),
    pass: (b) => ram(ram(b.product, 'OriginTradeCountry'), 'ID', 'NL'),
  },
  {
    id: 'CII-SR-439',
    fire: (b) => removeChildren(at(b.lagr, 'NetPriceProductTradePrice'), 'ChargeAmount'),
  },
  {
    id: 'CII-SR-440',
    fire: (b) => grossPriceCharge(b, 'false', 2),
    pass: (b) => grossPriceCharge(b, 'false', 1),
  },
  {
    id: 'CII-SR-441',
    fire: (b) => ram(at(b.lagr, 'NetPriceProductTradePrice'), 'ChargeAmount', '1'),
  },
  {
    id: 'CII-SR-455',
    fire: (b) => {
      ram(ram(b.seller, 'DefinedTradeContact'), 'PersonName', 'A');
      ram(ram(b.seller, 'DefinedTradeContact'), 'PersonName', 'B');
    },
    pass: (b) => ram(ram(b.seller, 'DefinedTradeContact'), 'PersonName', 'A'),
  },
  { id: 'CII-SR-456', fire: (b) => ram(ram(b.buyer, 'DefinedTradeContact'), 'PersonName', 'B') },
  {
    id: 'CII-SR-459',
    fire: (b) => {
      ram(ram(b.seller, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' });
      ram(ram(b.seller, 'URIUniversalCommunication'), 'URIID', 'd@b.c', { schemeID: 'EM' });
    },
    pass: (b) =>
      ram(ram(b.seller, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' }),
  },
  {
    id: 'CII-SR-460',
    fire: (b) => {
      ram(ram(b.buyer, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' });
      ram(ram(b.buyer, 'URIUniversalCommunication'), 'URIID', 'd@b.c', { schemeID: 'EM' });
    },
    pass: (b) =>
      ram(ram(b.buyer, 'URIUniversalCommunication'), 'URIID', 'a@b.c', { schemeID: 'EM' }),
  },
  {
    id: 'CII-SR-461',
    fire: (b) => {
      ram(ram(headerTax(b, 0), 'TaxPointDate'), 'DateString', '20150109');
      ram(ram(headerTax(b, 1), 'TaxPointDate'), 'DateString', '20150109');
    },
    pass: (b) => ram(ram(headerTax(b, 0), 'TaxPointDate'), 'DateString', '20150109'),
  },
  {
    id: 'CII-SR-462',
    fire: (b) => {
      ram(headerTax(b, 0), 'DueDateTypeCode', '5');
      ram(headerTax(b, 1), 'DueDateTypeCode', '29');
    },
    pass: (b) => {
      ram(headerTax(b, 0), 'DueDateTypeCode', '5');
      ram(headerTax(b, 1), 'DueDateTypeCode', '5');
    },
  },
  {
    id: 'CII-SR-463',
    fire: (b) => ram(ram(b.hset, 'SpecifiedTradeAllowanceCharge'), 'ActualAmount', '1'),
    pass: (b) => allowance(b.hset, false, (ac) => ram(ac, 'ActualAmount', '1')),
  },
  {
    id: 'CII-SR-467',
    fire: (b) => (at(paymentMeans(b, 1), 'TypeCode').text = '58'),
    pass: (b) => (at(paymentMeans(b, 1), 'TypeCode').text = ' 30 '),
  },
  {
    id: 'CII-SR-468',
    fire: (b) => {
      ram(paymentMeans(b, 0), 'Information', 'Bank transfer');
      ram(paymentMeans(b, 1), 'Information', 'Cheque');
    },
    pass: (b) => {
      ram(paymentMeans(b, 0), 'Information', 'Bank  transfer');
      ram(paymentMeans(b, 1), 'Information', ' Bank transfer\n');
    },
  },
  { id: 'CII-SR-469', fire: (b) => ram(b.hset, 'PaymentReference', 'again') },
  {
    id: 'CII-SR-470',
    fire: (b) => removeChildren(paymentMeans(b, 1), 'PayeePartyCreditorFinancialAccount'),
    pass: (b) => {
      const means = paymentMeans(b, 1);
      removeChildren(means, 'PayeePartyCreditorFinancialAccount');
      ram(ram(means, 'PayeePartyCreditorFinancialAccount'), 'ProprietaryID', '123456');
    },
  },
  {
    id: 'CII-SR-471',
    fire: (b) =>
      allowance(b.hset, false, (ac) => {
        ram(ac, 'RateApplicablePercent', '1');
        ram(ac, 'RateApplicablePercent', '2');
      }),
    pass: (b) => allowance(b.hset, false, (ac) => ram(ac, 'RateApplicablePercent', '1')),
  },
  {
    id: 'CII-SR-472',
    fire: (b) =>
      allowance(b.hset, true, (ac) => {
        ram(ram(ac, 'CategoryTradeTax'), 'TypeCode', 'VAT');
        ram(ram(ac, 'CategoryTradeTax'), 'TypeCode', 'VAT');
      }),
    pass: (b) =>
      allowance(b.hset, true, (ac) => ram(ram(ac, 'CategoryTradeTax'), 'TypeCode', 'VAT')),
  },
  {
    id: 'CII-SR-473',
    fire: (b) =>
      allowance(b.lset, true, (ac) => {
        ram(ac, 'ActualAmount', '1');
        ram(ac, 'ActualAmount', '2');
      }),
    pass: (b) => allowance(b.lset, true, (ac) => ram(ac, 'ActualAmount', '1')),
  },
  ...TOTALS.map((local, i): Case => ({
    id: `CII-SR-${477 + i}`,
    fire: (b) => totals(b, local, 2),
    pass: (b) => totals(b, local, 1),
  })),
  ...OWN_ID_ATTRS.map((attr, i): Case => ({
    id: `CII-DT-00${i + 1}`,
    fire: (b) => setAttr(at(b.doc, 'ID'), attr, 'x'),
    // Any other identifier is judged by the generic rule (CII-DT-101..104), never this one.
    pass: (b) => setAttr(at(b.seller, 'SpecifiedLegalOrganization', 'ID'), attr, 'x'),
  })),
  ...['name', 'listURI'].map((attr, i): Case => ({
    id: `CII-DT-00${8 + i}`,
    fire: (b) => setAttr(at(b.lset, 'ApplicableTradeTax', 'TypeCode'), attr, 'x'),
    pass: (b) => setAttr(at(b.lset, 'ApplicableTradeTax', 'TypeCode'), 'listID', 'x'),
  })),
  ...['languageID', 'languageLocaleID'].map((attr, i): Case => ({
    id: `CII-DT-01${3 + i}`,
    fire: (b) => setAttr(b.root, attr, 'nl'),
  })),
  ...['currencyID', 'currencyCodeListVersionID'].map((attr, i): Case => ({
    id: `CII-DT-03${1 + i}`,
    fire: (b) => setAttr(at(b.summ, 'LineTotalAmount'), attr, 'EUR'),
    pass: (b) => setAttr(at(b.summ, 'TaxTotalAmount'), attr, 'EUR'),
  })),
  {
    id: 'CII-DT-033',
    fire: (b) => {
      for (const q of all(b.root, 'BilledQuantity')) q.attributes = [];
      ram(at(b.lagr, 'NetPriceProductTradePrice'), 'BasisQuantity', '1', { unitCode: 'H87' });
    },
    // A unit on any invoiced quantity lifts the rule for every quantity.
    pass: (b) =>
      ram(at(b.lagr, 'NetPriceProductTradePrice'), 'BasisQuantity', '1', { unitCode: 'H87' }),
  },
  ...['unitCodeListID', 'unitCodeListAgencyID', 'unitCodeListAgencyName'].map((attr, i): Case => ({
    id: `CII-DT-03${4 + i}`,
    fire: (b) => setAttr(at(b.ldel, 'BilledQuantity'), attr, 'x'),
  })),
  {
    id: 'CII-DT-037',
    fire: (b) => (at(b.lset, 'ApplicableTradeTax', 'TypeCode').text = ' VAT'),
    pass: (b) => ram(at(b.lset, 'ApplicableTradeTax'), 'TypeCode', 'GST'),
  },
  {
    id: 'CII-DT-097',
    fire: (b) => (at(b.doc, 'IssueDateTime', 'DateTimeString').text = '2015-01-09'),
    pass: (b) => {
      at(b.doc, 'IssueDateTime', 'DateTimeString').text = '\n 20150109 ';
      const due = at(b.hset, 'SpecifiedTradePaymentTerms', 'DueDateDateTime', 'DateTimeString');
      due.text = '2015-01-09';
      due.attributes = [{ ns: '', local: 'format', qname: 'format', value: '610' }];
    },
  },
  ...['schemeName', 'schemeAgencyName', 'schemeDataURI', 'schemeURI'].map((attr, i): Case => ({
    id: `CII-DT-10${1 + i}`,
    fire: (b) => setAttr(at(b.seller, 'SpecifiedLegalOrganization', 'ID'), attr, 'x'),
    // The invoice number has a rule of its own (CII-DT-001..007).
    pass: (b) => setAttr(at(b.doc, 'ID'), attr, 'x'),
  })),
];

const WARNING_CASES: Case[] = [
  {
    id: 'CII-SR-003',
    fire: (b) => {
      ram(ram(b.docctx, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID', 'A');
      ram(ram(b.docctx, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID', 'B');
    },
    pass: (b) => ram(ram(b.docctx, 'BusinessProcessSpecifiedDocumentContextParameter'), 'ID', 'A'),
  },
  {
    id: 'CII-SR-030',
    fire: (b) => ram(at(b.doc, 'IncludedNote'), 'Content', 'more'),
  },
  {
    id: 'CII-SR-039',
    fire: (b) => {
      ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'a');
      ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'b');
    },
    pass: (b) => ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'a'),
  },
  {
    id: 'CII-SR-040',
    fire: (b) => {
      const note = ram(b.linedoc, 'IncludedNote');
      ram(note, 'Content', 'a');
      ram(note, 'Content', 'b');
    },
    pass: (b) => ram(ram(b.linedoc, 'IncludedNote'), 'Content', 'a'),
  },
  {
    id: 'CII-SR-119',
    fire: (b) => grossPriceCharge(b, 'true', 1),
    pass: (b) => grossPriceCharge(b, ' false ', 1),
  },
  {
    id: 'CII-SR-449',
    fire: (b) => {
      const p = ram(b.hdel, 'ShipToTradeParty');
      ram(p, 'ID', '1');
      ram(p, 'GlobalID', '5400000000001', { schemeID: '0088' });
    },
    pass: (b) => ram(ram(b.hdel, 'ShipToTradeParty'), 'ID', '1'),
  },
  {
    id: 'CII-SR-450',
    fire: (b) => ram(b.buyer, 'GlobalID', '5400000000001', { schemeID: '0088' }),
    pass: (b) => removeChildren(b.buyer, 'ID'),
  },
  {
    id: 'CII-SR-451',
    fire: (b) => {
      const p = ram(b.hset, 'PayeeTradeParty');
      ram(p, 'ID', '1');
      ram(p, 'GlobalID', '5400000000001', { schemeID: '0088' });
      ram(p, 'Name', 'Payee');
    },
    pass: (b) => {
      const p = ram(b.hset, 'PayeeTradeParty');
      ram(p, 'GlobalID', '5400000000001', { schemeID: '0088' });
      ram(p, 'Name', 'Payee');
    },
  },
  {
    id: 'CII-SR-452',
    fire: (b) => ram(ram(b.hset, 'SpecifiedTradePaymentTerms'), 'Description', '14 days'),
  },
  {
    id: 'CII-SR-453',
    fire: (b) => {
      const terms = at(b.hset, 'SpecifiedTradePaymentTerms');
      ram(terms, 'Description', '14 days');
      ram(terms, 'Description', 'net');
    },
    pass: (b) => ram(at(b.hset, 'SpecifiedTradePaymentTerms'), 'Description', '14 days'),
  },
  { id: 'CII-SR-454', fire: (b) => removeChildren(b.lset, 'ApplicableTradeTax') },
  ...(
    [
      ['CII-SR-457', '50'],
      ['CII-SR-458', '130'],
    ] as const
  ).map(([id, code]): Case => ({
    id,
    fire: (b) => {
      for (const n of ['1', '2']) {
        const d = ram(b.hagr, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', code);
      }
    },
    pass: (b) => {
      // XPath = does not trim: a padded code is another value.
      for (const [n, c] of [
        ['1', code],
        ['2', ` ${code}`],
      ] as const) {
        const d = ram(b.hagr, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', c);
      }
    },
  })),
  {
    id: 'CII-SR-465',
    fire: (b) => {
      const c = ram(b.seller, 'DefinedTradeContact');
      ram(c, 'PersonName', 'A');
      ram(c, 'DepartmentName', 'Sales');
    },
    pass: (b) => ram(ram(b.seller, 'DefinedTradeContact'), 'DepartmentName', 'Sales'),
  },
  {
    id: 'CII-SR-466',
    fire: (b) => ram(at(b.buyer, 'DefinedTradeContact'), 'DepartmentName', 'Purchasing'),
  },
  {
    id: 'CII-SR-474',
    fire: (b) => {
      for (const n of ['1', '2']) {
        const d = ram(b.lset, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', n === '1' ? '130' : ' 130 ');
      }
    },
    pass: (b) => {
      const d = ram(b.lset, 'AdditionalReferencedDocument');
      ram(d, 'IssuerAssignedID', '1');
      ram(d, 'TypeCode', '130');
    },
  },
  ...(
    [
      ['CII-SR-475', 'Name'],
      ['CII-SR-476', 'AttachmentBinaryObject'],
    ] as const
  ).map(([id, local]): Case => ({
    id,
    fire: (b) => {
      for (const n of ['1', '2']) {
        const d = ram(b.hagr, 'AdditionalReferencedDocument');
        ram(d, 'IssuerAssignedID', n);
        ram(d, 'TypeCode', '916');
        ram(
          d,
          local,
          'x',
          local === 'Name' ? {} : { mimeCode: 'application/pdf', filename: 'a.pdf' },
        );
      }
    },
    pass: (b) => {
      const d = ram(b.hagr, 'AdditionalReferencedDocument');
      ram(d, 'IssuerAssignedID', '1');
      ram(d, 'TypeCode', '916');
      ram(
        d,
        local,
        'x',
        local === 'Name' ? {} : { mimeCode: 'application/pdf', filename: 'a.pdf' },
      );
    },
  })),
  ...['listID', 'listAgencyID', 'listVersionID', 'listURI'].map((attr, i): Case => ({
    id: `CII-DT-04${5 + i}`,
    fire: (b) => setAttr(at(b.lset, 'ApplicableTradeTax', 'CategoryCode'), attr, 'x'),
    pass: (b) => setAttr(at(headerTax(b, 0), 'CategoryCode'), attr, 'x'),
  })),
];

function caseTests(cases: Case[]): void {
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

describe('CII syntax rules: fatal rules outside the table', () => {
  caseTests(FATAL_CASES);
});

describe('CII syntax rules: warnings outside the table', () => {
  caseTests(WARNING_CASES);
});

describe('CII syntax rules: Schematron rule order', () => {
  it('never fires CII-DT-010..012: the generic TypeCode rule claims the document type code', () => {
    const b = base();
    const code = at(b.doc, 'TypeCode');
    setAttr(code, 'listID', 'UNCL1001');
    setAttr(code, 'listAgencyID', '6');
    setAttr(code, 'listVersionID', 'D16B');
    expect(ids(b.root)).toEqual([]);
    setAttr(code, 'name', 'Invoice');
    expect(ids(b.root)).toEqual(['CII-DT-008']);
  });

  it('judges the four own identifiers by CII-DT-001..007 only', () => {
    const b = base();
    setAttr(at(b.docctx, 'GuidelineSpecifiedDocumentContextParameter', 'ID'), 'schemeName', 'x');
    setAttr(at(b.linedoc, 'LineID'), 'schemeURI', 'x');
    setAttr(at(b.product, 'SellerAssignedID'), 'schemeID', 'x');
    expect(ids(b.root)).toEqual(['CII-DT-001', 'CII-DT-004', 'CII-DT-005']);
  });
});

describe('CII syntax rules: anchors', () => {
  it('anchors a missing element on its context', () => {
    const b = base();
    removeChildren(b.doc, 'TypeCode');
    const f = run(b.root).find((x) => x.id === 'CII-SR-014');
    expect(f?.at).toBe(b.doc);
  });

  it('anchors a repeated element on the second occurrence', () => {
    const b = base();
    const second = ram(b.hset, 'PaymentReference', 'again');
    const f = run(b.root).find((x) => x.id === 'CII-SR-469');
    expect(f?.at).toBe(second);
  });

  it('anchors a forbidden attribute on its element and quotes it', () => {
    const b = base();
    const amount = at(b.summ, 'LineTotalAmount');
    setAttr(amount, 'currencyID', 'EUR');
    const found: { at: Anchor; params?: Record<string, string> }[] = [];
    checkCiiSyntax(b.root, {
      fire(id, a, _field, params) {
        if (id === 'CII-DT-031') found.push({ at: a, params });
      },
    });
    expect(found).toEqual([{ at: amount, params: { attribute: 'currencyID' } }]);
  });
});

describe('CII syntax rules: coverage and messages', () => {
  const ciiIds = [...ruleFlags().entries()].filter(
    ([id, f]) => (id.startsWith('CII-SR-') || id.startsWith('CII-DT-')) && f.CII !== null,
  );

  it('has a message in both languages for every CII-SR and CII-DT rule', () => {
    expect(ciiIds.length).toBe(583);
    for (const [id] of ciiIds) {
      const m = CII_SYNTAX_MESSAGES[id];
      expect(m, id).toBeDefined();
      expect(m?.fr.length, id).toBeGreaterThan(20);
      expect(m?.en.length, id).toBeGreaterThan(20);
    }
  });

  it('has a negative test for every fatal rule (CII-DT-010..012 proven unreachable)', () => {
    const tested = new Set([
      ...FATAL_CASES.map((c) => c.id),
      ...absentEntries().map((e) => e.id),
      'CII-DT-010',
      'CII-DT-011',
      'CII-DT-012',
    ]);
    const fatal = ciiIds.filter(([, f]) => f.CII === 'fatal').map(([id]) => id);
    expect(fatal.length).toBe(112);
    expect(fatal.filter((id) => !tested.has(id))).toEqual([]);
  });

  it('has a test for every warning', () => {
    const tested = new Set([
      ...WARNING_CASES.map((c) => c.id),
      ...absentEntries().map((e) => e.id),
    ]);
    const warnings = ciiIds.filter(([, f]) => f.CII === 'warning').map(([id]) => id);
    expect(warnings.filter((id) => !tested.has(id))).toEqual([]);
  });
});
