/**
 * UBL syntax-binding rules on the XML tree: UBL-SR (cardinalities the UBL schema allows but
 * EN 16931 does not), UBL-CR (UBL elements and attributes outside EN 16931, mostly warnings)
 * and UBL-DT (data types: amount decimals, binary object attributes, unused attributes).
 *
 * One walk over the tree does everything: every element is looked up once in the UBL-CR tries
 * (root paths, line paths, "anywhere" suffix paths), once in a switch on its name for the
 * rules whose context is that element, and has its attributes scanned once. Rules whose
 * context is the document root (counts of root-level paths) look only at a few root children.
 *
 * Semantics follow the official rule set exactly, including its oddities (e.g. UBL-SR-19..21
 * also fire when the payee has no name or the same name as the seller's legal name; contexts
 * such as cac:PaymentMeans or cac:InvoiceLine match wherever the element occurs).
 *
 * This module is the walk and the rules whose context is an inner element; the root rules are
 * syntax-root.ts, the UBL-CR tries syntax-tables.ts, and the tree helpers syntax-tree.ts.
 */
import type { Reporter, TreeRuleSet } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';
import {
  textOf,
  hasAttr,
  attrOf,
  isCac,
  isCbc,
  type Step,
  cac,
  cbc,
  collect,
  nth,
  asBoolean,
  hasTypeCode,
  SUPPLIER,
  atMostOnce,
} from './syntax-tree.js';
import {
  type TrieNode,
  type AnywhereRule,
  type Tables,
  nameInfo,
  kid,
  crTables,
  ATTRIBUTE_RULES,
} from './syntax-tables.js';
import { checkRoot } from './syntax-root.js';

// Paths of the "at most once" rules whose context is an inner element (not the root).
const P_REASON: readonly Step[] = [cbc('AllowanceChargeReason')];
const P_SR_33: readonly Step[] = [cbc('DocumentDescription')];
const P_SR_06: readonly Step[] = [cac('InvoiceDocumentReference')];
const P_SR_07: readonly Step[] = [cac('InvoiceDocumentReference'), cbc('ID')];
const P_SR_22: readonly Step[] = [cac('PartyName'), cbc('Name')];
const P_SR_23: readonly Step[] = [cac('PartyTaxScheme'), cbc('CompanyID')];
const P_SR_25: readonly Step[] = [cac('DeliveryParty'), cac('PartyName'), cbc('Name')];
const P_SR_26: readonly Step[] = [cbc('PaymentID')];
const P_SR_27: readonly Step[] = [cbc('PaymentMeansCode')];
const P_SR_28: readonly Step[] = [cac('PaymentMandate'), cbc('ID')];
const P_SR_32: readonly Step[] = [cac('TaxCategory'), cbc('TaxExemptionReason')];
const P_SR_51: readonly Step[] = [cac('AddressLine')];

// ---------------------------------------------------------------------------------------------
// The walk.

interface WalkState {
  r: Reporter;
  t: Tables;
  isCreditNote: boolean;
  /** UBL-SR-44 / UBL-SR-47: first value seen, and whether a different one already fired. */
  paymentId?: string;
  paymentIdFired: boolean;
  meansCode?: string;
  meansCodeFired: boolean;
  /** UBL-SR-29: SEPA creditor identifiers seen. */
  sepa: number;
}

function checkAttributes(el: XmlElement, r: Reporter): void {
  for (const a of el.attributes) {
    if (a.ns !== '') continue;
    const id = ATTRIBUTE_RULES.get(a.local);
    if (!id) continue;
    if (id === 'UBL-DT-18' && isCbc(el, 'PaymentMeansCode')) continue;
    r.fire(id, el, undefined, { attribute: a.local });
  }
}

function checkAnywhere(el: XmlElement, rules: AnywhereRule[], r: Reporter): void {
  const bare = el.attributes.length === 0;
  for (const rule of rules) {
    // Cheapest test first: most cbc:ID elements carry no attribute at all.
    if (rule.attr && (bare || !hasAttr(el, rule.attr))) continue;
    if (rule.ns !== el.ns) continue;
    let anc = el.parent;
    let ok = true;
    for (const s of rule.ancestors) {
      if (!anc || anc.local !== s.local || anc.ns !== s.ns) {
        ok = false;
        break;
      }
      anc = anc.parent;
    }
    if (ok) r.fire(rule.id, el);
  }
}

/** UBL-SR-19..21: the payee's name must differ from the seller's legal name (and exist). */
function checkPayee(payee: XmlElement, r: Reporter): void {
  const names = collect(payee, [cac('PartyName'), cbc('Name')]).map(textOf);
  const sellerNames = payee.parent
    ? collect(payee.parent, [...SUPPLIER, cac('PartyLegalEntity'), cbc('RegistrationName')]).map(
        textOf,
      )
    : [];
  const differs = names.some((a) => sellerNames.some((b) => a !== b));
  const nameEls = collect(payee, [cac('PartyName'), cbc('Name')]);
  if (nameEls.length > 1) r.fire('UBL-SR-19', nameEls[1]);
  else if (!differs) r.fire('UBL-SR-19', payee);
  const ids = collect(payee, [
    cac('PartyIdentification'),
    cbc('ID', (el) => (attrOf(el, 'schemeID') ?? '').toUpperCase() !== 'SEPA'),
  ]);
  if (ids.length > 1) r.fire('UBL-SR-20', ids[1]);
  else if (!differs) r.fire('UBL-SR-20', payee);
  const legal = collect(payee, [cac('PartyLegalEntity'), cbc('CompanyID')]);
  if (legal.length > 1) r.fire('UBL-SR-21', legal[1]);
  else if (!differs) r.fire('UBL-SR-21', payee);
}

function checkAdditionalDocument(adr: XmlElement, st: WalkState): void {
  const { r } = st;
  atMostOnce(r, 'UBL-SR-33', adr, P_SR_33);
  const is130 = hasTypeCode(adr, '130');
  let codes = 0;
  let otherCode = false;
  let firstCode: XmlElement | undefined;
  let idWithScheme: XmlElement | undefined;
  for (const c of adr.children) {
    if (isCbc(c, 'DocumentTypeCode')) {
      codes++;
      firstCode ??= c;
      if (textOf(c) !== '130') otherCode = true;
    } else if (isCbc(c, 'ID') && hasAttr(c, 'schemeID')) idWithScheme ??= c;
  }
  // UBL-SR-43: a type code or a scheme on the identifier only for an invoiced object (130,
  // or 50 in a credit note).
  const ok =
    is130 ||
    (st.isCreditNote && hasTypeCode(adr, '50')) ||
    (idWithScheme === undefined && codes === 0);
  if (!ok) r.fire('UBL-SR-43', firstCode ?? idWithScheme ?? adr);
  // UBL-CR-665: scheme identifier on a reference that is not an invoiced object.
  if (otherCode || codes === 0) {
    for (const c of adr.children)
      if (isCbc(c, 'ID') && hasAttr(c, 'schemeID')) r.fire('UBL-CR-665', c);
  }
  // UBL-CR-666 / 673: an invoiced object reference carries neither attachment nor description.
  if (is130) {
    for (const c of adr.children) {
      if (isCac(c, 'Attachment')) r.fire('UBL-CR-666', c);
      else if (isCbc(c, 'DocumentDescription')) r.fire('UBL-CR-673', c);
    }
  }
}

/**
 * UBL-SR-34..37, 48, 50, 52 on one line, in a single pass over the line's children (this runs
 * for every line: no path searches, no lists). Each `x*` is the second occurrence, the anchor.
 */
function checkLine(line: XmlElement, r: Reporter): void {
  let notes = 0;
  let periods = 0;
  let docRefs = 0;
  let lineIds = 0;
  let discounts = 0;
  let categories = 0;
  let descriptions = 0;
  let xNote: XmlElement | undefined;
  let xPeriod: XmlElement | undefined;
  let xDocRef: XmlElement | undefined;
  let xLineId: XmlElement | undefined;
  let xDiscount: XmlElement | undefined;
  let xCategory: XmlElement | undefined;
  let xDescription: XmlElement | undefined;
  for (const c of line.children) {
    if (c.ns === NS.cbc) {
      if (c.local === 'Note' && ++notes === 2) xNote = c;
      continue;
    }
    if (c.ns !== NS.cac) continue;
    switch (c.local) {
      case 'InvoicePeriod':
        if (++periods === 2) xPeriod = c;
        break;
      case 'DocumentReference':
        if (++docRefs === 2) xDocRef = c;
        break;
      case 'OrderLineReference':
        for (const g of c.children) if (isCbc(g, 'LineID') && ++lineIds === 2) xLineId = g;
        break;
      case 'Price':
        for (const g of c.children) {
          if (!isCac(g, 'AllowanceCharge')) continue;
          for (const h of g.children) if (isCbc(h, 'Amount') && ++discounts === 2) xDiscount = h;
        }
        break;
      case 'Item':
        for (const g of c.children) {
          if (isCac(g, 'ClassifiedTaxCategory')) {
            if (++categories === 2) xCategory = g;
          } else if (isCbc(g, 'Description') && ++descriptions === 2) xDescription = g;
        }
        break;
    }
  }
  if (xNote) r.fire('UBL-SR-34', xNote);
  if (xLineId) r.fire('UBL-SR-35', xLineId);
  if (xPeriod) r.fire('UBL-SR-36', xPeriod);
  if (xDiscount) r.fire('UBL-SR-37', xDiscount);
  // Exactly one VAT category: anchored on the line when missing, on the second one otherwise.
  if (categories === 0) r.fire('UBL-SR-48', line);
  else if (xCategory) r.fire('UBL-SR-48', xCategory);
  if (xDescription) r.fire('UBL-SR-50', xDescription);
  if (xDocRef) r.fire('UBL-SR-52', xDocRef);
}

/** Rules whose context is a cac element of that name wherever it occurs. */
function checkContext(el: XmlElement, parent: XmlElement, st: WalkState): void {
  const { r } = st;
  switch (el.local) {
    case 'BillingReference': {
      atMostOnce(r, 'UBL-SR-06', el, P_SR_06);
      if (!nth(el, P_SR_07, 0)) r.fire('UBL-SR-07', el);
      break;
    }
    case 'PayeeParty':
      checkPayee(el, r);
      break;
    case 'TaxRepresentativeParty':
      atMostOnce(r, 'UBL-SR-22', el, P_SR_22);
      atMostOnce(r, 'UBL-SR-23', el, P_SR_23);
      break;
    case 'Delivery':
      atMostOnce(r, 'UBL-SR-25', el, P_SR_25);
      break;
    case 'PaymentMeans':
      atMostOnce(r, 'UBL-SR-26', el, P_SR_26);
      atMostOnce(r, 'UBL-SR-27', el, P_SR_27);
      atMostOnce(r, 'UBL-SR-28', el, P_SR_28);
      break;
    case 'AllowanceCharge': {
      // The official contexts compare ChargeIndicator with a boolean: false first, then true.
      let isFalse = false;
      let isTrue = false;
      for (const c of el.children) {
        if (!isCbc(c, 'ChargeIndicator')) continue;
        const b = asBoolean(c);
        if (b === false) isFalse = true;
        else if (b === true) isTrue = true;
      }
      if (isFalse || isTrue) {
        atMostOnce(r, isFalse ? 'UBL-SR-30' : 'UBL-SR-31', el, P_REASON);
      }
      break;
    }
    case 'TaxSubtotal':
      atMostOnce(r, 'UBL-SR-32', el, P_SR_32);
      break;
    case 'AdditionalDocumentReference':
      checkAdditionalDocument(el, st);
      break;
    case 'InvoiceLine':
    case 'CreditNoteLine':
      checkLine(el, r);
      break;
    case 'Party':
      if (isCac(parent, 'AccountingSupplierParty')) {
        // At most twice: one VAT and one other tax registration (BT-31, BT-32).
        const schemes = collect(el, [cac('PartyTaxScheme')]);
        if (schemes.length > 2) r.fire('UBL-SR-42', schemes[2]);
      }
      break;
    case 'PartyTaxScheme': {
      let schemeId = false;
      let companyId = false;
      for (const c of el.children) {
        if (isCbc(c, 'CompanyID')) companyId = true;
        else if (isCac(c, 'TaxScheme') && c.children.some((g) => isCbc(g, 'ID'))) schemeId = true;
      }
      if (!schemeId || !companyId) r.fire('UBL-SR-53', el);
      break;
    }
    case 'PostalAddress':
    case 'Address':
      atMostOnce(r, 'UBL-SR-51', el, P_SR_51);
      break;
    case 'PartyIdentification':
      for (const c of el.children) {
        if (isCbc(c, 'ID') && (attrOf(c, 'schemeID') ?? '').toUpperCase() === 'SEPA') {
          if (++st.sepa === 2) r.fire('UBL-SR-29', c);
        }
      }
      break;
  }
}

/** UBL-SR-44 / 47: every cbc:PaymentID (cbc:PaymentMeansCode) of the document has one value. */
function checkBasic(el: XmlElement, st: WalkState): void {
  if (el.local === 'PaymentID') {
    const v = textOf(el);
    if (st.paymentId === undefined) st.paymentId = v;
    else if (v !== st.paymentId && !st.paymentIdFired) {
      st.paymentIdFired = true;
      st.r.fire('UBL-SR-44', el, undefined, { value: v, first: st.paymentId });
    }
  } else if (el.local === 'PaymentMeansCode') {
    const v = textOf(el);
    if (st.meansCode === undefined) st.meansCode = v;
    else if (v !== st.meansCode && !st.meansCodeFired) {
      st.meansCodeFired = true;
      st.r.fire('UBL-SR-47', el, undefined, { value: v, first: st.meansCode });
    }
  }
}

/**
 * Visits the children of `el`. `trie` is the UBL-CR trie node of `el` (undefined once off
 * every listed path); `priceDiscount` is true inside a cac:Price that has a cac:AllowanceCharge
 * (UBL-DT-01 leaves those amounts to the price rules).
 */
function walk(el: XmlElement, trie: TrieNode | undefined, priceDiscount: boolean, st: WalkState) {
  const { r } = st;
  for (const c of el.children) {
    // UBL-CR: listed paths.
    let node: TrieNode | undefined;
    if (trie) {
      node = kid(trie, c.ns, c.local);
      if (node) {
        if (node.id) r.fire(node.id, c);
        if (node.attrs) for (const [a, id] of node.attrs) if (hasAttr(c, a)) r.fire(id, c);
      }
    }
    const info = nameInfo(st.t, c.local);
    if (info.anywhere) checkAnywhere(c, info.anywhere, r);
    if (c.attributes.length > 0) checkAttributes(c, r);

    // UBL-DT-01: at most two fraction digits in amounts (text after the first '.').
    if (info.amount && !priceDiscount) {
      const v = textOf(c);
      const dot = v.indexOf('.');
      if (dot >= 0 && v.length - dot - 1 > 2) r.fire('UBL-DT-01', c, undefined, { value: v });
    }
    // UBL-DT-06 / 07: binary objects say what they are and how they are named.
    if (info.binary) {
      if (!hasAttr(c, 'mimeCode')) r.fire('UBL-DT-06', c);
      if (!hasAttr(c, 'filename')) r.fire('UBL-DT-07', c);
    }

    if (c.ns === NS.cac) checkContext(c, el, st);
    else if (c.ns === NS.cbc) checkBasic(c, st);

    let inside = priceDiscount;
    if (!inside && isCac(c, 'Price')) inside = c.children.some((g) => isCac(g, 'AllowanceCharge'));
    if (c.children.length > 0) walk(c, node, inside, st);
  }
}

export const checkUblSyntax: TreeRuleSet = (root, r) => {
  const tables = crTables();
  const isCreditNote = root.local === 'CreditNote' && root.ns === NS.ublCreditNote;
  const st: WalkState = {
    r,
    t: tables,
    isCreditNote,
    paymentIdFired: false,
    meansCodeFired: false,
    sepa: 0,
  };
  if (root.attributes.length > 0) checkAttributes(root, r);
  checkRoot(root, isCreditNote, r);
  walk(root, tables.root, false, st);
};
