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
 */
import type { Reporter, TreeRuleSet } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';
import { absentEntries, type AbsentContext, type AbsentEntry } from './absent.js';
import { internalize } from '../../xml/intern.js';

const RAM = NS.ram;
const RSM = NS.rsm;
const UDT = NS.udt;

// ---------------------------------------------------------------------------------------------
// Small tree helpers (no allocation on the common path)

/** XPath string value: the text of the element and of all its descendants. */
function stringValue(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = '';
  const walk = (e: XmlElement): void => {
    // The tree keeps direct text concatenated, not interleaved with children: for the short
    // code/identifier elements these rules read, order between text and child text is moot.
    s += e.text;
    for (const c of e.children) walk(c);
  };
  walk(el);
  return s;
}

/** XPath normalize-space(): XML whitespace trimmed and inner runs collapsed to one space. */
function normalizeSpace(s: string): string {
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) {
      pendingSpace = out.length > 0;
      continue;
    }
    if (pendingSpace) {
      out += ' ';
      pendingSpace = false;
    }
    out += s[i];
  }
  return out;
}

const NONE: readonly XmlElement[] = [];

/** First ram child `local` of `el`. */
function child(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.ns === RAM && c.local === local) return c;
  return undefined;
}

function isRam(el: XmlElement, local: string): boolean {
  return el.ns === RAM && el.local === local;
}

function hasAttr(el: XmlElement, name: string): boolean {
  for (const a of el.attributes) if (a.ns === '' && a.local === name) return true;
  return false;
}

function attrValue(el: XmlElement, name: string): string | undefined {
  for (const a of el.attributes) if (a.ns === '' && a.local === name) return a.value;
  return undefined;
}

/** ram children of `el` named `local`, in document order. */
function ramChildren(el: XmlElement, local: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) if (c.ns === RAM && c.local === local) out.push(c);
  return out;
}

/** ram elements at the relative path `steps` below `el` (every branch), in document order. */
function ramPath(el: XmlElement, ...steps: string[]): XmlElement[] {
  let cur: XmlElement[] = [el];
  for (const step of steps) {
    const next: XmlElement[] = [];
    for (const e of cur)
      for (const c of e.children) if (c.ns === RAM && c.local === step) next.push(c);
    if (next.length === 0) return next;
    cur = next;
  }
  return cur;
}

/** True when some ram child `local` has exactly the string value `value` (XPath `=`). */
function childEquals(el: XmlElement, local: string, value: string): boolean {
  for (const c of el.children) {
    if (c.ns === RAM && c.local === local && stringValue(c) === value) return true;
  }
  return false;
}

/** normalize-space() of the first ram child `local` ('' when there is none). */
function firstChildNormalized(el: XmlElement, local: string): string {
  for (const c of el.children) {
    if (c.ns === RAM && c.local === local) return normalizeSpace(stringValue(c));
  }
  return '';
}

/** The second ram child `local` of `el` (allocation-free count check). */
function secondChild(el: XmlElement, local: string): XmlElement | undefined {
  let seen = false;
  for (const c of el.children) {
    if (c.ns === RAM && c.local === local) {
      if (seen) return c;
      seen = true;
    }
  }
  return undefined;
}

/** Number of ram elements at `a/b` below `el`, and the second of them. */
function countPath(el: XmlElement, a: string, b: string): { n: number; second?: XmlElement } {
  let n = 0;
  let second: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns !== RAM || c.local !== a) continue;
    for (const d of c.children) {
      if (d.ns === RAM && d.local === b && ++n === 2) second = d;
    }
  }
  return second ? { n, second } : { n };
}

/** `count(path) <= 1`: fires on the second occurrence. */
function atMostOnce(r: Reporter, id: string, found: XmlElement[]): void {
  const second = found[1];
  if (second) r.fire(id, second);
}

/** `count(path) = 1`: fires on the context when missing, on the second one when repeated. */
function exactlyOnce(r: Reporter, id: string, ctx: XmlElement, found: XmlElement[]): void {
  if (found.length === 0) r.fire(id, ctx);
  else atMostOnce(r, id, found);
}

// ---------------------------------------------------------------------------------------------
// The "should not be present" table, compiled into one trie per context

interface TrieNode {
  /** Rules whose path ends at this element. */
  rules: CompiledRule[];
  /** Rules about an attribute of this element. */
  attrRules: CompiledRule[];
  /** Next steps, keyed by local name; the child node's `ns` is checked on match. */
  next: Map<string, TrieNode>;
  /** Namespace of the element this node stands for ('' for the context itself). */
  ns: string;
}

interface CompiledRule {
  entry: AbsentEntry;
  /** Stamp of the context visit where the rule was last settled (fired or exempted). */
  stamp: number;
}

function newNode(ns: string): TrieNode {
  return { ns, rules: [], attrRules: [], next: new Map() };
}

let tries: Map<AbsentContext, TrieNode> | undefined;

function compiledTries(): Map<AbsentContext, TrieNode> {
  if (tries) return tries;
  const out = new Map<AbsentContext, TrieNode>();
  for (const entry of absentEntries()) {
    let node: TrieNode | undefined = out.get(entry.context);
    if (!node) {
      node = newNode('');
      out.set(entry.context, node);
    }
    for (const step of entry.steps) {
      const udt = step.startsWith('udt:');
      const ns = udt ? UDT : RAM;
      const local = internalize(udt ? step.slice(4) : step);
      let next: TrieNode | undefined = node.next.get(local);
      if (!next) {
        next = newNode(ns);
        node.next.set(local, next);
      } else if (next.ns !== ns) {
        // Keying by local name alone relies on this; the table is static (checked by tests).
        throw new Error(`absent table: ${step} in two namespaces under one parent`);
      }
      node = next;
    }
    const rule: CompiledRule = { entry, stamp: 0 };
    (entry.attribute ? node.attrRules : node.rules).push(rule);
  }
  tries = out;
  return out;
}

/** Increases at every context element checked: a rule fires at most once per visit. */
let visit = 0;

function exempted(entry: AbsentEntry, ctx: XmlElement): boolean {
  switch (entry.exemption) {
    case undefined:
      return false;
    case 'ard916':
      return isRam(ctx, 'AdditionalReferencedDocument') && childEquals(ctx, 'TypeCode', '916');
    case 'ard130':
      return isRam(ctx, 'AdditionalReferencedDocument') && childEquals(ctx, 'TypeCode', '130');
    case 'ardtc':
      return (
        isRam(ctx, 'AdditionalReferencedDocument') &&
        (childEquals(ctx, 'TypeCode', '50') ||
          childEquals(ctx, 'TypeCode', '130') ||
          childEquals(ctx, 'TypeCode', '916'))
      );
    case 'invref':
      return isRam(ctx, 'InvoiceReferencedDocument');
    case 'hset':
      for (let p = ctx.parent; p; p = p.parent) {
        if (isRam(p, 'ApplicableHeaderTradeSettlement')) return true;
      }
      return false;
    case 'att':
      return isRam(ctx, 'ApplicableTradeTax');
  }
}

function settle(rule: CompiledRule, ctx: XmlElement, at: XmlElement, r: Reporter): void {
  if (rule.stamp === visit) return;
  rule.stamp = visit;
  if (!exempted(rule.entry, ctx)) r.fire(rule.entry.id, at);
}

function matchTrie(ctx: XmlElement, el: XmlElement, node: TrieNode, r: Reporter): void {
  for (const c of el.children) {
    const n = node.next.get(c.local);
    if (!n || n.ns !== c.ns) continue;
    for (const rule of n.rules) settle(rule, ctx, c, r);
    for (const rule of n.attrRules) {
      if (rule.entry.attribute && hasAttr(c, rule.entry.attribute)) settle(rule, ctx, c, r);
    }
    if (n.next.size > 0) matchTrie(ctx, c, n, r);
  }
}

function checkAbsent(ctx: XmlElement, context: AbsentContext, r: Reporter): void {
  const node = compiledTries().get(context);
  if (!node) return;
  visit++;
  matchTrie(ctx, ctx, node, r);
}

// ---------------------------------------------------------------------------------------------
// Forbidden attributes (data type rules)

/** attribute name → rule id, for one family. */
type AttrRules = ReadonlyMap<string, string>;

const attrRules = (pairs: [id: string, attr: string][]): AttrRules =>
  new Map(pairs.map(([id, attr]) => [attr, `CII-DT-${id}`]));

/** The four identifiers with a rule of their own: BT-24, BT-1, BT-126, BT-155. */
const OWN_ID_ATTRS = attrRules([
  ['001', 'schemeName'],
  ['002', 'schemeAgencyName'],
  ['003', 'schemeDataURI'],
  ['004', 'schemeURI'],
  ['005', 'schemeID'],
  ['006', 'schemeAgencyID'],
  ['007', 'schemeVersionID'],
]);
const ID_ATTRS = attrRules([
  ['101', 'schemeName'],
  ['102', 'schemeAgencyName'],
  ['103', 'schemeDataURI'],
  ['104', 'schemeURI'],
]);
const TYPECODE_ATTRS = attrRules([
  ['008', 'name'],
  ['009', 'listURI'],
]);
const ROOT_ATTRS = attrRules([
  ['013', 'languageID'],
  ['014', 'languageLocaleID'],
]);
const AMOUNT_ATTRS = attrRules([
  ['031', 'currencyID'],
  ['032', 'currencyCodeListVersionID'],
]);
const QUANTITY_ATTRS = attrRules([
  ['034', 'unitCodeListID'],
  ['035', 'unitCodeListAgencyID'],
  ['036', 'unitCodeListAgencyName'],
]);
const LINE_VAT_CATEGORY_ATTRS = attrRules([
  ['045', 'listID'],
  ['046', 'listAgencyID'],
  ['047', 'listVersionID'],
  ['048', 'listURI'],
]);

function forbidAttrs(el: XmlElement, rules: AttrRules, r: Reporter): void {
  for (const a of el.attributes) {
    if (a.ns !== '') continue;
    const id = rules.get(a.local);
    if (id) r.fire(id, el, undefined, { attribute: a.local });
  }
}

// ---------------------------------------------------------------------------------------------
// The fixed places of the tree

/** Facts gathered on the first pass that rules of the second pass need. */
interface Gathered {
  /** BT-24, BT-1, BT-126 and BT-155 elements (CII-DT-001..007 rather than 101..104). */
  ownIds: Set<XmlElement>;
  /** Some line's BilledQuantity has a unitCode: CII-DT-033 then never fires (sic). */
  billedUnitCode: boolean;
  /** Header settlements, judged by CII-SR-462 once every DueDateTypeCode is known. */
  headerSettlements: XmlElement[];
}

function checkDocumentContext(ctx: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(ctx, 'DOCCTX', r);
  atMostOnce(r, 'CII-SR-003', ramChildren(ctx, 'BusinessProcessSpecifiedDocumentContextParameter'));
  const guidelines = ramChildren(ctx, 'GuidelineSpecifiedDocumentContextParameter');
  exactlyOnce(r, 'CII-SR-009', ctx, guidelines);
  const ids = ramPath(ctx, 'GuidelineSpecifiedDocumentContextParameter', 'ID');
  exactlyOnce(r, 'CII-SR-010', ctx, ids);
  for (const id of ids) g.ownIds.add(id);
}

function checkDocument(doc: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(doc, 'DOC', r);
  exactlyOnce(r, 'CII-SR-014', doc, ramChildren(doc, 'TypeCode'));
  for (const c of doc.children) {
    if (c.ns !== RAM) continue;
    if (c.local === 'ID') g.ownIds.add(c);
    else if (c.local === 'IncludedNote') atMostOnce(r, 'CII-SR-030', ramChildren(c, 'Content'));
  }
}

function checkLine(line: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(line, 'LINE', r);
  for (const c of line.children) {
    if (c.ns !== RAM) continue;
    switch (c.local) {
      case 'AssociatedDocumentLineDocument':
        checkLineDocument(c, g, r);
        break;
      case 'SpecifiedTradeProduct':
        checkProduct(c, g, r);
        break;
      case 'SpecifiedLineTradeAgreement':
        checkLineAgreement(c, r);
        break;
      case 'SpecifiedLineTradeDelivery':
        checkAbsent(c, 'LDEL', r);
        for (const q of c.children) {
          if (isRam(q, 'BilledQuantity') && hasAttr(q, 'unitCode')) g.billedUnitCode = true;
        }
        break;
      case 'SpecifiedLineTradeSettlement':
        checkLineSettlement(c, r);
        break;
    }
  }
}

function checkLineDocument(doc: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(doc, 'LINEDOC', r);
  for (const c of doc.children) if (isRam(c, 'LineID')) g.ownIds.add(c);
  const note = secondChild(doc, 'IncludedNote');
  if (note) r.fire('CII-SR-039', note);
  const content = countPath(doc, 'IncludedNote', 'Content').second;
  if (content) r.fire('CII-SR-040', content);
}

function checkProduct(product: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(product, 'PRODUCT', r);
  let globalId: XmlElement | undefined;
  let globalIdScheme = false;
  let origin: XmlElement | undefined;
  for (const c of product.children) {
    if (c.ns !== RAM) continue;
    if (c.local === 'SellerAssignedID') g.ownIds.add(c);
    else if (c.local === 'GlobalID') {
      globalId ??= c;
      if (hasAttr(c, 'schemeID')) globalIdScheme = true;
    } else if (c.local === 'ApplicableProductCharacteristic') {
      exactlyOnce(r, 'CII-SR-069', c, ramChildren(c, 'Description'));
      exactlyOnce(r, 'CII-SR-072', c, ramChildren(c, 'Value'));
    } else if (c.local === 'OriginTradeCountry') origin ??= c;
  }
  if (globalId && !globalIdScheme) r.fire('CII-SR-046', globalId);
  if (origin && countPath(product, 'OriginTradeCountry', 'ID').n !== 1) {
    r.fire('CII-SR-090', origin);
  }
}

/** xs:boolean cast of an indicator's text, or undefined when it is not a boolean. */
function xsBoolean(text: string): boolean | undefined {
  const v = normalizeSpace(text);
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

function checkLineAgreement(agr: XmlElement, r: Reporter): void {
  checkAbsent(agr, 'LAGR', r);
  // CII-SR-119: a gross price may carry allowances only (ChargeIndicator false, with an amount).
  const priceCharges = child(agr, 'GrossPriceProductTradePrice')
    ? ramPath(agr, 'GrossPriceProductTradePrice', 'AppliedTradeAllowanceCharge')
    : NONE;
  let indicators = 0;
  let falseIndicator = false;
  let amounts = 0;
  for (const ac of priceCharges) {
    for (const c of ac.children) {
      if (c.ns !== RAM) continue;
      if (c.local === 'ActualAmount') amounts++;
      else if (c.local === 'ChargeIndicator') {
        indicators++;
        for (const i of c.children) {
          if (i.ns === UDT && i.local === 'Indicator' && xsBoolean(stringValue(i)) === false) {
            falseIndicator = true;
          }
        }
      }
    }
  }
  const allowanceOnly = falseIndicator && amounts > 0;
  const none = indicators === 0 && amounts === 0;
  if (!allowanceOnly && !none) r.fire('CII-SR-119', priceCharges[0] ?? agr);
  const net = countPath(agr, 'NetPriceProductTradePrice', 'ChargeAmount');
  if (net.n !== 1) r.fire('CII-SR-439', net.second ?? agr);
  if (net.second) r.fire('CII-SR-441', net.second);
}

function checkLineSettlement(set: XmlElement, r: Reporter): void {
  checkAbsent(set, 'LSET', r);
  let taxes = 0;
  let objectRefs = 0;
  for (const c of set.children) {
    if (c.ns !== RAM) continue;
    if (c.local === 'ApplicableTradeTax') {
      if (++taxes === 2) r.fire('CII-SR-454', c);
      for (const code of c.children) {
        if (isRam(code, 'CategoryCode') && code.attributes.length > 0) {
          forbidAttrs(code, LINE_VAT_CATEGORY_ATTRS, r);
        }
      }
    } else if (c.local === 'AdditionalReferencedDocument') {
      if (firstChildNormalized(c, 'TypeCode') === '130' && ++objectRefs === 2) {
        r.fire('CII-SR-474', c);
      }
    }
  }
  if (taxes === 0) r.fire('CII-SR-454', set);
}

/** CII-SR-449/450/451: a party should not carry both an ID and a GlobalID. */
function oneIdentifierKind(r: Reporter, id: string, ctx: XmlElement, party: string): void {
  const parties = ramChildren(ctx, party);
  if (parties.length === 0) return;
  if (ramPath(ctx, party, 'ID').length > 0 && ramPath(ctx, party, 'GlobalID').length > 0) {
    r.fire(id, parties[0]);
  }
}

function checkHeaderAgreement(agr: XmlElement, r: Reporter): void {
  checkAbsent(agr, 'HAGR', r);
  oneIdentifierKind(r, 'CII-SR-450', agr, 'BuyerTradeParty');
  atMostOnce(r, 'CII-SR-455', ramPath(agr, 'SellerTradeParty', 'DefinedTradeContact'));
  atMostOnce(r, 'CII-SR-456', ramPath(agr, 'BuyerTradeParty', 'DefinedTradeContact'));
  const docs = ramChildren(agr, 'AdditionalReferencedDocument');
  atMostOnce(
    r,
    'CII-SR-457',
    docs.filter((d) => childEquals(d, 'TypeCode', '50')),
  );
  atMostOnce(
    r,
    'CII-SR-458',
    docs.filter((d) => childEquals(d, 'TypeCode', '130')),
  );
  atMostOnce(r, 'CII-SR-459', ramPath(agr, 'SellerTradeParty', 'URIUniversalCommunication'));
  atMostOnce(r, 'CII-SR-460', ramPath(agr, 'BuyerTradeParty', 'URIUniversalCommunication'));
  for (const [id, party] of [
    ['CII-SR-465', 'SellerTradeParty'],
    ['CII-SR-466', 'BuyerTradeParty'],
  ] as const) {
    const names = ramPath(agr, party, 'DefinedTradeContact', 'PersonName');
    const departments = ramPath(agr, party, 'DefinedTradeContact', 'DepartmentName');
    const name = names[0];
    if (name && departments.length > 0) r.fire(id, name.parent ?? name);
  }
  const supporting = docs.filter((d) => firstChildNormalized(d, 'TypeCode') === '916');
  const names: XmlElement[] = [];
  const attachments: XmlElement[] = [];
  for (const d of supporting) {
    for (const c of d.children) {
      if (c.ns !== RAM) continue;
      if (c.local === 'Name') names.push(c);
      else if (c.local === 'AttachmentBinaryObject') attachments.push(c);
    }
  }
  atMostOnce(r, 'CII-SR-475', names);
  atMostOnce(r, 'CII-SR-476', attachments);
}

function checkHeaderSettlement(set: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(set, 'HSET', r);
  g.headerSettlements.push(set);
  oneIdentifierKind(r, 'CII-SR-451', set, 'PayeeTradeParty');
  atMostOnce(r, 'CII-SR-452', ramChildren(set, 'SpecifiedTradePaymentTerms'));
  atMostOnce(r, 'CII-SR-453', ramPath(set, 'SpecifiedTradePaymentTerms', 'Description'));
  atMostOnce(r, 'CII-SR-461', ramPath(set, 'ApplicableTradeTax', 'TaxPointDate'));
  // CII-SR-470: credit transfers (30, 58) need the payee's account (BT-84).
  for (const means of ramChildren(set, 'SpecifiedTradeSettlementPaymentMeans')) {
    const code = firstChildNormalized(means, 'TypeCode');
    if (code !== '30' && code !== '58') continue;
    const hasAccount =
      ramPath(means, 'PayeePartyCreditorFinancialAccount', 'IBANID').length > 0 ||
      ramPath(means, 'PayeePartyCreditorFinancialAccount', 'ProprietaryID').length > 0;
    if (!hasAccount) {
      r.fire('CII-SR-470', means);
      break; // one count() assert per settlement
    }
  }
  for (const summation of ramChildren(set, 'SpecifiedTradeSettlementHeaderMonetarySummation')) {
    checkAbsent(summation, 'SUMM', r);
    for (const [id, local] of SUMMATION_ONCE) atMostOnce(r, id, ramChildren(summation, local));
  }
}

/** CII-SR-477..494: each document total at most once. */
const SUMMATION_ONCE: readonly (readonly [string, string])[] = [
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
].map((local, i) => [`CII-SR-${477 + i}`, local] as const);

function checkFixedPlaces(root: XmlElement, g: Gathered, r: Reporter): void {
  checkAbsent(root, 'ROOT', r);
  forbidAttrs(root, ROOT_ATTRS, r);
  for (const c of root.children) {
    if (c.ns !== RSM) continue;
    if (c.local === 'ExchangedDocumentContext') checkDocumentContext(c, g, r);
    else if (c.local === 'ExchangedDocument') checkDocument(c, g, r);
    else if (c.local === 'SupplyChainTradeTransaction') {
      for (const t of c.children) {
        if (t.ns !== RAM) continue;
        if (t.local === 'IncludedSupplyChainTradeLineItem') checkLine(t, g, r);
        else if (t.local === 'ApplicableHeaderTradeAgreement') checkHeaderAgreement(t, r);
        else if (t.local === 'ApplicableHeaderTradeDelivery') {
          checkAbsent(t, 'HDEL', r);
          oneIdentifierKind(r, 'CII-SR-449', t, 'ShipToTradeParty');
        } else if (t.local === 'ApplicableHeaderTradeSettlement') checkHeaderSettlement(t, g, r);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Everywhere: one walk of the whole tree

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
