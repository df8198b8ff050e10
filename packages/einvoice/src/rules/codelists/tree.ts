/**
 * Code list rules (BR-CL-*) on the XML tree, one walk per document. Each rule's official
 * context is followed exactly: an element matches by its name and the names of its parent (or
 * ancestors) wherever it stands, so codes outside the places the model keeps (line invoice
 * periods, delivery parties, price allowances, every amount's currency…) are judged too.
 * BR-CL-01, -04 and -05 are not here: the model carries their single element (model.ts).
 *
 * In the official rule sets all BR-CL contexts sit in one pattern, where an element is judged
 * by the first rule whose context it matches; the contexts below are disjoint except where
 * noted, and there the earlier rule wins as officially.
 *
 * Invariant: each offending element (or attribute holder) fires its rule exactly once,
 * anchored on that element, with the wrong code as `code`.
 */
import type { Reporter, TreeRuleSet } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';
import { attr } from '../../xml/query.js';
import {
  codeSet,
  inList,
  inListUpper,
  wrongUblNoteSubject,
  xmlTrim,
  type ListName,
} from './sets.js';

const CBC = NS.cbc;
const CAC = NS.cac;
const RAM = NS.ram;
const UDT = NS.udt;

/** XPath string value: the element's own text, or its whole subtree's when it has children. */
function stringValue(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = '';
  const add = (e: XmlElement): void => {
    // Text and children interleave in the source; for a code the concatenation suffices.
    s += e.text;
    for (const c of e.children) add(c);
  };
  add(el);
  return s;
}

/** Fires `id` on `el` when `v` is not in the list. */
function test(r: Reporter, id: string, list: ListName, el: XmlElement, v: string): void {
  if (!inList(codeSet(list), v)) r.fire(id, el, undefined, { code: v });
}

/** Same, on an attribute that the context requires to be present. */
function testAttr(r: Reporter, id: string, list: ListName, el: XmlElement, name: string): void {
  const v = attr(el, name);
  if (v !== undefined) test(r, id, list, el, v);
}

/** BR-CL-22 (upper-cased comparison). */
function testExemption(r: Reporter, el: XmlElement): void {
  const v = stringValue(el);
  if (!inListUpper(codeSet('VATEX'), v)) r.fire('BR-CL-22', el, undefined, { code: v });
}

/** BR-CL-24 (exact comparison, attribute present). */
function testMime(r: Reporter, el: XmlElement): void {
  const v = attr(el, 'mimeCode');
  if (v !== undefined && !codeSet('MIME_CODES').has(v)) {
    r.fire('BR-CL-24', el, undefined, { code: v });
  }
}

/**
 * An allowance/charge indicator as XPath compares it with false()/true(): the text cast to
 * xs:boolean ('true'/'1', 'false'/'0', whitespace ignored); anything else does not compare.
 */
function indicator(el: XmlElement): boolean | undefined {
  const v = xmlTrim(stringValue(el));
  if (v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1') return true;
  return undefined;
}

/**
 * BR-CL-19 / BR-CL-20 for a reason code whose parent holds the given indicators. A parent with
 * both a false and a true indicator (schema-invalid) matches BR-CL-19 first, as officially.
 */
function testReason(r: Reporter, el: XmlElement, indicators: XmlElement[]): void {
  let isAllowance = false;
  let isCharge = false;
  for (const i of indicators) {
    const b = indicator(i);
    if (b === false) isAllowance = true;
    else if (b === true) isCharge = true;
  }
  if (isAllowance) test(r, 'BR-CL-19', 'ALLOWANCE_REASONS', el, stringValue(el));
  else if (isCharge) test(r, 'BR-CL-20', 'CHARGE_REASONS', el, stringValue(el));
}

// ---------------------------------------------------------------------------------------------
// UBL

/** cbc amount elements whose @currencyID BR-CL-03 checks (required there: absent is wrong). */
const UBL_AMOUNTS: ReadonlySet<string> = new Set([
  'Amount',
  'BaseAmount',
  'PriceAmount',
  'TaxAmount',
  'TaxableAmount',
  'LineExtensionAmount',
  'TaxExclusiveAmount',
  'TaxInclusiveAmount',
  'AllowanceTotalAmount',
  'ChargeTotalAmount',
  'PrepaidAmount',
  'PayableRoundingAmount',
  'PayableAmount',
]);

/** Local name of a cac parent, '' otherwise. */
const cacParent = (el: XmlElement): string =>
  el.parent && el.parent.ns === CAC ? el.parent.local : '';

function hasCacAncestor(el: XmlElement, a: string, b: string): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (p.ns === CAC && (p.local === a || p.local === b)) return true;
  }
  return false;
}

/** cbc:ID of a (Additional)DocumentReference whose cbc:DocumentTypeCode is exactly '130'. */
function isObjectIdentifierRef(ref: XmlElement): boolean {
  for (const c of ref.children) {
    if (c.local === 'DocumentTypeCode' && c.ns === CBC && stringValue(c) === '130') return true;
  }
  return false;
}

function ublElement(el: XmlElement, r: Reporter): void {
  switch (el.local) {
    case 'InvoicedQuantity':
    case 'BaseQuantity':
    case 'CreditedQuantity':
      testAttr(r, 'BR-CL-23', 'UNITS', el, 'unitCode');
      return;
    case 'ID': {
      const p = cacParent(el);
      switch (p) {
        case 'TaxCategory':
          test(r, 'BR-CL-17', 'VAT_CATEGORIES', el, stringValue(el));
          return;
        case 'ClassifiedTaxCategory':
          test(r, 'BR-CL-18', 'VAT_CATEGORIES', el, stringValue(el));
          return;
        case 'PartyIdentification': {
          const v = attr(el, 'schemeID');
          if (v === undefined || inList(codeSet('ICD'), v)) return;
          // 'SEPA' is accepted for the seller's and the payee's identifiers only.
          const sepa =
            xmlTrim(v) === 'SEPA' && hasCacAncestor(el, 'AccountingSupplierParty', 'PayeeParty');
          if (!sepa) r.fire('BR-CL-10', el, undefined, { code: v });
          return;
        }
        case 'StandardItemIdentification':
          testAttr(r, 'BR-CL-21', 'ICD', el, 'schemeID');
          return;
        case 'DeliveryLocation':
          testAttr(r, 'BR-CL-26', 'ICD', el, 'schemeID');
          return;
        case 'AdditionalDocumentReference':
        case 'DocumentReference':
          if (el.parent && isObjectIdentifierRef(el.parent)) {
            testAttr(r, 'BR-CL-07', 'REFERENCE_QUALIFIERS', el, 'schemeID');
          }
          return;
      }
      return;
    }
    case 'CompanyID':
      if (cacParent(el) === 'PartyLegalEntity') testAttr(r, 'BR-CL-11', 'ICD', el, 'schemeID');
      return;
    case 'ItemClassificationCode':
      if (cacParent(el) === 'CommodityClassification') {
        testAttr(r, 'BR-CL-13', 'ITEM_CLASSIFICATIONS', el, 'listID');
      }
      return;
    case 'IdentificationCode': {
      const p = cacParent(el);
      if (p === 'Country') test(r, 'BR-CL-14', 'COUNTRIES_UBL', el, stringValue(el));
      else if (p === 'OriginCountry') test(r, 'BR-CL-15', 'COUNTRIES_UBL', el, stringValue(el));
      return;
    }
    case 'PaymentMeansCode':
      if (cacParent(el) === 'PaymentMeans') {
        test(r, 'BR-CL-16', 'PAYMENT_MEANS', el, stringValue(el));
      }
      return;
    case 'AllowanceChargeReasonCode': {
      const p = el.parent;
      if (!p || p.ns !== CAC || p.local !== 'AllowanceCharge') return;
      const indicators: XmlElement[] = [];
      for (const c of p.children) {
        if (c.local === 'ChargeIndicator' && c.ns === CBC) indicators.push(c);
      }
      testReason(r, el, indicators);
      return;
    }
    case 'TaxExemptionReasonCode':
      testExemption(r, el);
      return;
    case 'EmbeddedDocumentBinaryObject':
      testMime(r, el);
      return;
    case 'EndpointID':
      testAttr(r, 'BR-CL-25', 'EAS', el, 'schemeID');
      return;
    case 'DescriptionCode':
      if (cacParent(el) === 'InvoicePeriod') {
        test(r, 'BR-CL-06', 'VAT_POINT_UBL', el, stringValue(el));
      }
      return;
    case 'Note': {
      // Only the document's own notes (children of the root).
      if (!el.parent || el.parent.parent !== null) return;
      const code = wrongUblNoteSubject(stringValue(el));
      if (code !== undefined) r.fire('BR-CL-08', el, undefined, { code });
      return;
    }
    default:
      if (UBL_AMOUNTS.has(el.local)) {
        test(r, 'BR-CL-03', 'CURRENCIES', el, attr(el, 'currencyID') ?? '');
      }
  }
}

/** Every cbc local name ublElement acts on: one hash lookup skips all other elements. */
const UBL_NAMES: ReadonlySet<string> = new Set([
  ...UBL_AMOUNTS,
  'InvoicedQuantity',
  'BaseQuantity',
  'CreditedQuantity',
  'ID',
  'CompanyID',
  'ItemClassificationCode',
  'IdentificationCode',
  'PaymentMeansCode',
  'AllowanceChargeReasonCode',
  'TaxExemptionReasonCode',
  'EmbeddedDocumentBinaryObject',
  'EndpointID',
  'DescriptionCode',
  'Note',
]);

/** Code list rules of the UBL rule set that the tree judges (all but BR-CL-01/04/05). */
export const checkCodeListsUbl: TreeRuleSet = (root, r) => {
  const visit = (el: XmlElement): void => {
    if (UBL_NAMES.has(el.local) && el.ns === CBC) ublElement(el, r);
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) visit(kids[i]!);
  };
  visit(root);
};

// ---------------------------------------------------------------------------------------------
// CII

/** Ancestors that change which rule a ram:GlobalID or ram:ID falls under. */
const IN_TAX_REGISTRATION = 1;
const IN_PRODUCT = 2;
const IN_SHIP_TO = 4;

const ramParent = (el: XmlElement): string =>
  el.parent && el.parent.ns === RAM ? el.parent.local : '';

function ciiElement(el: XmlElement, flags: number, r: Reporter): void {
  switch (el.local) {
    case 'BilledQuantity':
    case 'BasisQuantity':
      testAttr(r, 'BR-CL-23', 'UNITS', el, 'unitCode');
      return;
    case 'TaxTotalAmount':
      testAttr(r, 'BR-CL-03', 'CURRENCIES', el, 'currencyID');
      return;
    case 'CategoryCode': {
      const p = ramParent(el);
      if (p === 'CategoryTradeTax') test(r, 'BR-CL-17', 'VAT_CATEGORIES', el, stringValue(el));
      else if (p === 'ApplicableTradeTax') {
        test(r, 'BR-CL-18', 'VAT_CATEGORIES', el, stringValue(el));
      }
      return;
    }
    case 'ID': {
      // BR-CL-11 comes before BR-CL-15 officially: an origin country ID with a schemeID is
      // judged as an identifier scheme, not as a country.
      if (attr(el, 'schemeID') !== undefined && !(flags & IN_TAX_REGISTRATION)) {
        testAttr(r, 'BR-CL-11', 'ICD', el, 'schemeID');
      } else if (ramParent(el) === 'OriginTradeCountry') {
        test(r, 'BR-CL-15', 'COUNTRIES_CII', el, stringValue(el));
      }
      return;
    }
    case 'GlobalID': {
      if (attr(el, 'schemeID') === undefined) return;
      const p = ramParent(el);
      if (p === 'SpecifiedTradeProduct') {
        testAttr(r, 'BR-CL-21', 'ICD', el, 'schemeID');
      } else if (p === 'ShipToTradeParty') {
        const gp = el.parent!.parent;
        if (gp && gp.ns === RAM && gp.local === 'ApplicableHeaderTradeDelivery') {
          testAttr(r, 'BR-CL-26', 'ICD', el, 'schemeID');
        }
      } else if (!(flags & (IN_PRODUCT | IN_SHIP_TO))) {
        testAttr(r, 'BR-CL-10', 'ICD', el, 'schemeID');
      }
      return;
    }
    case 'CountryID':
      test(r, 'BR-CL-14', 'COUNTRIES_CII', el, stringValue(el));
      return;
    case 'TypeCode':
      if (ramParent(el) === 'SpecifiedTradeSettlementPaymentMeans') {
        test(r, 'BR-CL-16', 'PAYMENT_MEANS', el, stringValue(el));
      }
      return;
    case 'ReasonCode': {
      const p = el.parent;
      if (!p || p.ns !== RAM || p.local !== 'SpecifiedTradeAllowanceCharge') return;
      const indicators: XmlElement[] = [];
      for (const c of p.children) {
        if (c.local !== 'ChargeIndicator' || c.ns !== RAM) continue;
        for (const i of c.children) if (i.local === 'Indicator' && i.ns === UDT) indicators.push(i);
      }
      testReason(r, el, indicators);
      return;
    }
    case 'ExemptionReasonCode':
      testExemption(r, el);
      return;
    case 'DueDateTypeCode':
      test(r, 'BR-CL-06', 'VAT_POINT_CII', el, stringValue(el));
      return;
    case 'ReferenceTypeCode':
      test(r, 'BR-CL-07', 'REFERENCE_QUALIFIERS', el, stringValue(el));
      return;
    case 'SubjectCode':
      test(r, 'BR-CL-08', 'NOTE_SUBJECTS_CII', el, stringValue(el));
      return;
    case 'ClassCode':
      testAttr(r, 'BR-CL-13', 'ITEM_CLASSIFICATIONS', el, 'listID');
      return;
    case 'AttachmentBinaryObject':
      testMime(r, el);
      return;
    case 'URIID':
      if (ramParent(el) === 'URIUniversalCommunication') {
        testAttr(r, 'BR-CL-25', 'EAS', el, 'schemeID');
      }
      return;
  }
}

/** Code list rules of the CII rule set that the tree judges (all but BR-CL-01/04/05). */
/**
 * What a ram local name means to the walk: bit 8 when ciiElement acts on it, plus the
 * ancestor flag it sets for its descendants. One hash lookup skips all other elements.
 */
const ACT = 8;
const CII_NAMES: ReadonlyMap<string, number> = new Map([
  ['BilledQuantity', ACT],
  ['BasisQuantity', ACT],
  ['TaxTotalAmount', ACT],
  ['CategoryCode', ACT],
  ['ID', ACT],
  ['GlobalID', ACT],
  ['CountryID', ACT],
  ['TypeCode', ACT],
  ['ReasonCode', ACT],
  ['ExemptionReasonCode', ACT],
  ['DueDateTypeCode', ACT],
  ['ReferenceTypeCode', ACT],
  ['SubjectCode', ACT],
  ['ClassCode', ACT],
  ['AttachmentBinaryObject', ACT],
  ['URIID', ACT],
  ['SpecifiedTaxRegistration', IN_TAX_REGISTRATION],
  ['SpecifiedTradeProduct', IN_PRODUCT],
  ['ShipToTradeParty', IN_SHIP_TO],
]);

export const checkCodeListsCii: TreeRuleSet = (root, r) => {
  const visit = (el: XmlElement, flags: number): void => {
    let f = flags;
    const what = CII_NAMES.get(el.local);
    if (what !== undefined && el.ns === RAM) {
      if (what & ACT) ciiElement(el, flags, r);
      else f |= what;
    }
    const kids = el.children;
    for (let i = 0; i < kids.length; i++) visit(kids[i]!, f);
  };
  visit(root, 0);
};
