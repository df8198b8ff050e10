/**
 * CII syntax-binding rules (CII-SR-*, CII-DT-*) on the XML tree, as the EN 16931 Schematron
 * (release 1.3.16) judges them.
 *
 * Cost: one navigation of the fixed places of the tree (header, lines, settlement…) and one
 * recursive walk of every element for the rules whose context is "anywhere" (names ending in
 * ID, Amount, Quantity, TradeTax, ReferencedDocument…). The ~490 "should not be present" rules
 * are a table (absent-data.ts) compiled once into one trie per context: checking a context
 * element costs one map look-up per child, whatever the number of rules.
 *
 * Schematron semantics kept on purpose:
 * - every assert fires at most once per context element; we anchor it on the offending element
 *   (the first one in document order) or on the context element when something is missing;
 * - all rules of the syntax binding live in one Schematron pattern, where a node is handled by
 *   the first rule whose context matches it. Two contexts overlap: the four identifiers with a
 *   rule of their own (BT-24, BT-1, BT-126, BT-155: CII-DT-001..007) are therefore never judged
 *   by the generic identifier rule (CII-DT-101..104); and the document type code is claimed by
 *   the generic //ram:TypeCode rule (CII-DT-008/009) before its own rule, so CII-DT-010..012
 *   can never fire in the official artefacts — nor here;
 * - value tests compare like XPath does: `ram:TypeCode = '916'` is true when any TypeCode child
 *   has exactly that string (no trimming), while normalize-space() trims and collapses.
 *
 * This module is the walk of the whole tree and the document-wide rules; the fixed places are
 * syntax-places.ts, the "should not be present" tries syntax-absent.ts, the forbidden
 * attributes syntax-attributes.ts, and the tree helpers syntax-tree.ts.
 */
import type { Reporter, TreeRuleSet } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import {
  RAM,
  RSM,
  UDT,
  stringValue,
  normalizeSpace,
  isRam,
  hasAttr,
  attrValue,
  ramChildren,
  atMostOnce,
} from './syntax-tree.js';
import { checkAbsent } from './syntax-absent.js';
import {
  OWN_ID_ATTRS,
  ID_ATTRS,
  TYPECODE_ATTRS,
  AMOUNT_ATTRS,
  QUANTITY_ATTRS,
  forbidAttrs,
} from './syntax-attributes.js';
import { type Gathered, checkFixedPlaces } from './syntax-places.js';

/** Dates in format 102 must be YYYYMMDD (XSD \d is any Unicode decimal digit). */
const DATE_102 = /^[ \t\n\r]*\p{Nd}{4}(?:1[0-2]|0[1-9])(?:3[01]|[12][0-9]|0[1-9])[ \t\n\r]*$/u;

/** Facts of the whole document for the root and settlement rules (CII-SR-462, 467..469). */
interface Everywhere {
  meansCodes: XmlElement[];
  meansTexts: XmlElement[];
  paymentReferences: XmlElement[];
  dueDateCodes: XmlElement[];
}

function checkTradeTax(tax: XmlElement, r: Reporter): void {
  checkAbsent(tax, 'TRADETAX', r);
  // CII-DT-037: a tax type code, when present, is VAT.
  const codes = ramChildren(tax, 'TypeCode');
  const first = codes[0];
  if (first && !codes.some((c) => stringValue(c) === 'VAT')) r.fire('CII-DT-037', first);
}

function checkRamElement(el: XmlElement, g: Gathered, e: Everywhere, r: Reporter): void {
  const local = el.local;
  const parent = el.parent;
  if (local.endsWith('ID')) {
    forbidAttrs(el, g.ownIds.has(el) ? OWN_ID_ATTRS : ID_ATTRS, r);
  } else if (local === 'TypeCode') {
    forbidAttrs(el, TYPECODE_ATTRS, r);
    if (parent && isRam(parent, 'SpecifiedTradeSettlementPaymentMeans')) e.meansCodes.push(el);
  } else if (local.endsWith('Amount')) {
    if (local !== 'TaxTotalAmount') forbidAttrs(el, AMOUNT_ATTRS, r);
  } else if (local.endsWith('Quantity')) {
    if (!g.billedUnitCode && hasAttr(el, 'unitCode')) {
      r.fire('CII-DT-033', el, undefined, { attribute: 'unitCode' });
    }
    forbidAttrs(el, QUANTITY_ATTRS, r);
  } else if (local.endsWith('TradeTax')) {
    checkTradeTax(el, r);
  } else if (local.endsWith('ReferencedDocument')) {
    checkAbsent(el, 'REFDOC', r);
  } else if (local === 'BillingSpecifiedPeriod') {
    checkAbsent(el, 'PERIOD', r);
  } else if (local === 'PostalTradeAddress') {
    checkAbsent(el, 'ADDRESS', r);
  } else if (local === 'SpecifiedTradeAllowanceCharge') {
    if (ramChildren(el, 'ChargeIndicator').length === 0) r.fire('CII-SR-463', el);
    atMostOnce(r, 'CII-SR-471', ramChildren(el, 'RateApplicablePercent'));
    atMostOnce(r, 'CII-SR-472', ramChildren(el, 'CategoryTradeTax'));
    atMostOnce(r, 'CII-SR-473', ramChildren(el, 'ActualAmount'));
  } else if (local === 'AppliedTradeAllowanceCharge') {
    if (parent && isRam(parent, 'GrossPriceProductTradePrice')) {
      atMostOnce(r, 'CII-SR-440', ramChildren(el, 'ActualAmount'));
    }
  } else if (local === 'SpecifiedTradeSettlementPaymentMeans') {
    checkAbsent(el, 'PAYMEANS', r);
  } else if (local === 'Information') {
    if (parent && isRam(parent, 'SpecifiedTradeSettlementPaymentMeans')) e.meansTexts.push(el);
  } else if (local === 'PaymentReference') {
    if (parent && isRam(parent, 'ApplicableHeaderTradeSettlement')) e.paymentReferences.push(el);
  } else if (local === 'DueDateTypeCode') {
    if (parent && isRam(parent, 'ApplicableTradeTax')) e.dueDateCodes.push(el);
  }
}

function walk(el: XmlElement, g: Gathered, e: Everywhere, r: Reporter): void {
  if (el.ns === RAM) checkRamElement(el, g, e, r);
  else if (el.ns === UDT && el.local === 'DateTimeString' && attrValue(el, 'format') === '102') {
    const value = stringValue(el);
    if (!DATE_102.test(value)) r.fire('CII-DT-097', el, undefined, { value });
  }
  // Any namespace counts for this one (the official context is //*, not //ram:*).
  if (el.local.endsWith('DocumentContextParameter')) checkAbsent(el, 'DCP', r);
  for (const c of el.children) walk(c, g, e, r);
}

/** CII-SR-467/468: every value normalized equal to the first one; fires on the first odd one. */
function allSame(r: Reporter, id: string, found: XmlElement[]): void {
  const first = found[0];
  if (!first) return;
  const expected = normalizeSpace(stringValue(first));
  for (const el of found) {
    if (normalizeSpace(stringValue(el)) !== expected) {
      r.fire(id, el);
      return;
    }
  }
}

export const checkCiiSyntax: TreeRuleSet = (root, r) => {
  const g: Gathered = { ownIds: new Set(), billedUnitCode: false, headerSettlements: [] };
  const isInvoice = root.ns === RSM && root.local === 'CrossIndustryInvoice';
  if (isInvoice) checkFixedPlaces(root, g, r);
  const e: Everywhere = { meansCodes: [], meansTexts: [], paymentReferences: [], dueDateCodes: [] };
  walk(root, g, e, r);
  if (isInvoice) {
    allSame(r, 'CII-SR-467', e.meansCodes);
    allSame(r, 'CII-SR-468', e.meansTexts);
    atMostOnce(r, 'CII-SR-469', e.paymentReferences);
  }
  // CII-SR-462: one distinct VAT date code (BT-8) across the document, judged per settlement.
  const firstCode = e.dueDateCodes[0];
  if (firstCode) {
    const expected = stringValue(firstCode);
    const odd = e.dueDateCodes.find((c) => stringValue(c) !== expected);
    if (odd) for (let i = 0; i < g.headerSettlements.length; i++) r.fire('CII-SR-462', odd);
  }
};
