/** The "should not be present" rules of the CII binding: one generated case per entry. */
import { describe, expect, it } from 'vitest';
import { NS } from '../../src/xml/ns.js';
import type { XmlElement } from '../../src/xml/types.js';
import { absentEntries, type AbsentEntry } from '../../src/rules/cii/absent.js';
import { officialRules, officialRulesRequired } from '../support/official-rules.js';
import { run, ids, make, append, ram, setAttr, at, base, type Base } from './cii-syntax-support.js';

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

  it('holds rules of that family once each', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
  });

  it.runIf(officialRulesRequired)('holds only official CII rules', () => {
    const official = officialRules('CII');
    expect(entries.map((e) => e.id).filter((id) => !official.has(id))).toEqual([]);
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
