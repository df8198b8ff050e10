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
 */
import type { Reporter, TreeRuleSet } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import { NS } from '../../xml/ns.js';
import { crEntries } from './cr-table.js';
import { internalize } from '../../xml/intern.js';

const PREFIX_NS: Record<string, string> = { cac: NS.cac, cbc: NS.cbc, ext: NS.ext };

// ---------------------------------------------------------------------------------------------
// Small tree helpers (allocation-light; the lists they build are a handful of elements).

/** XPath string value. Mixed content is approximated as own text then children's, in order:
 * the elements these rules read are leaves in any sensible document. */
function textOf(el: XmlElement): string {
  if (el.children.length === 0) return el.text;
  let s = el.text;
  for (const c of el.children) s += textOf(c);
  return s;
}

function hasAttr(el: XmlElement, local: string): boolean {
  for (const a of el.attributes) if (a.local === local && a.ns === '') return true;
  return false;
}

function attrOf(el: XmlElement, local: string): string | undefined {
  for (const a of el.attributes) if (a.local === local && a.ns === '') return a.value;
  return undefined;
}

function isCac(el: XmlElement, local: string): boolean {
  return el.local === local && el.ns === NS.cac;
}

function isCbc(el: XmlElement, local: string): boolean {
  return el.local === local && el.ns === NS.cbc;
}

/** A path step: namespace, local name, optional condition on the element. */
interface Step {
  ns: string;
  local: string;
  when?: (el: XmlElement) => boolean;
}
const cac = (local: string, when?: (el: XmlElement) => boolean): Step => ({
  ns: NS.cac,
  local,
  when,
});
const cbc = (local: string, when?: (el: XmlElement) => boolean): Step => ({
  ns: NS.cbc,
  local,
  when,
});

/** Every element reached from `el` by `path` (all matches at every step), in document order. */
function collect(
  el: XmlElement,
  path: readonly Step[],
  i = 0,
  out: XmlElement[] = [],
): XmlElement[] {
  const s = path[i];
  if (!s) {
    out.push(el);
    return out;
  }
  for (const c of el.children) {
    if (c.local === s.local && c.ns === s.ns && (!s.when || s.when(c)))
      collect(c, path, i + 1, out);
  }
  return out;
}

/** Matches still to skip in `find` (module state: the walk is synchronous, never re-entered). */
let skip = 0;

function find(el: XmlElement, path: readonly Step[], i: number): XmlElement | undefined {
  const s = path[i]!;
  const last = i === path.length - 1;
  for (const c of el.children) {
    if (c.local !== s.local || c.ns !== s.ns || (s.when && !s.when(c))) continue;
    if (last) {
      if (skip-- === 0) return c;
    } else {
      const f = find(c, path, i + 1);
      if (f) return f;
    }
  }
  return undefined;
}

/** The n-th (0-based, document order) element reached from `el` by `path`, without building
 * the list: the hot per-line checks only need to know whether a second one exists. */
function nth(el: XmlElement, path: readonly Step[], n: number): XmlElement | undefined {
  skip = n;
  return find(el, path, 0);
}

/** XML whitespace trim (what an xs:boolean cast collapses). */
function xmlTrim(s: string): string {
  let a = 0;
  let b = s.length;
  const ws = (ch: number) => ch === 32 || ch === 9 || ch === 10 || ch === 13;
  while (a < b && ws(s.charCodeAt(a))) a++;
  while (b > a && ws(s.charCodeAt(b - 1))) b--;
  return s.slice(a, b);
}

/** Value of a cbc:ChargeIndicator as an xs:boolean, undefined when it is not one. */
function asBoolean(el: XmlElement): boolean | undefined {
  const v = xmlTrim(textOf(el));
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  return undefined;
}

/** upper-case() of the cbc:ID of a cac:TaxScheme ('' when it has none). */
function taxSchemeId(taxScheme: XmlElement): string {
  for (const c of taxScheme.children) if (isCbc(c, 'ID')) return textOf(c).toUpperCase();
  return '';
}

/** A cac:PartyTaxScheme with some cac:TaxScheme whose upper-cased ID is (not) VAT. */
const vatScheme = (pts: XmlElement) =>
  pts.children.some((c) => isCac(c, 'TaxScheme') && taxSchemeId(c) === 'VAT');
const nonVatScheme = (pts: XmlElement) =>
  pts.children.some((c) => isCac(c, 'TaxScheme') && taxSchemeId(c) !== 'VAT');

/** Any cbc:DocumentTypeCode child equal to `code` (exact string, as the official test). */
function hasTypeCode(el: XmlElement, code: string): boolean {
  for (const c of el.children) if (isCbc(c, 'DocumentTypeCode') && textOf(c) === code) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// UBL-CR tables, built once from cr-table.ts.

interface TrieNode {
  ns: string;
  local: string;
  /** Rule fired by the element itself. */
  id?: string;
  /** [attribute local name, rule id] fired when the element carries the attribute. */
  attrs?: [string, string][];
  kids: Map<string, TrieNode[]>;
}

interface AnywhereRule {
  ns: string;
  /** Required ancestors, nearest first. */
  ancestors: { ns: string; local: string }[];
  attr?: string;
  id: string;
}

interface Tables {
  root: TrieNode;
  anywhere: Map<string, AnywhereRule[]>;
  /** What the walk needs to know about an element name, computed once per name. */
  names: Map<string, NameInfo>;
}

interface NameInfo {
  anywhere: AnywhereRule[] | undefined;
  /** An amount UBL-DT-01 looks at: *Amount but not *PriceAmount. */
  amount: boolean;
  /** *BinaryObject (UBL-DT-06/07). */
  binary: boolean;
}

/** Names remembered (hostile input with endless distinct names is computed, not kept). */
const MAX_NAMES = 4096;

function nameInfo(t: Tables, local: string): NameInfo {
  let info = t.names.get(local);
  if (!info) {
    info = {
      anywhere: t.anywhere.get(local),
      amount: local.endsWith('Amount') && !local.endsWith('PriceAmount'),
      binary: local.endsWith('BinaryObject'),
    };
    if (t.names.size < MAX_NAMES) t.names.set(local, info);
  }
  return info;
}

function kid(node: TrieNode, ns: string, local: string): TrieNode | undefined {
  const list = node.kids.get(local);
  if (list) for (const n of list) if (n.ns === ns) return n;
  return undefined;
}

function addKid(node: TrieNode, ns: string, name: string, kids?: Map<string, TrieNode[]>) {
  const local = internalize(name);
  let n = kid(node, ns, local);
  if (!n) {
    n = { ns, local, kids: kids ?? new Map() };
    const list = node.kids.get(local);
    if (list) list.push(n);
    else node.kids.set(local, [n]);
  }
  return n;
}

let tables: Tables | undefined;

function buildTables(): Tables {
  const root: TrieNode = { ns: '', local: '', kids: new Map() };
  // Both line names share one subtree: the official paths name either line element.
  const lineKids = new Map<string, TrieNode[]>();
  addKid(root, NS.cac, 'InvoiceLine', lineKids);
  addKid(root, NS.cac, 'CreditNoteLine', lineKids);
  const line: TrieNode = { ns: NS.cac, local: 'InvoiceLine', kids: lineKids };
  const anywhere = new Map<string, AnywhereRule[]>();
  for (const e of crEntries()) {
    const elNs = PREFIX_NS[e.el.prefix] ?? '';
    if (e.scope === '*') {
      const rule: AnywhereRule = {
        ns: elNs,
        ancestors: e.parent
          .map((s) => ({ ns: PREFIX_NS[s.prefix] ?? '', local: s.local }))
          .reverse(),
        id: e.id,
      };
      if (e.attr) rule.attr = e.attr;
      const list = anywhere.get(e.el.local);
      if (list) list.push(rule);
      else anywhere.set(internalize(e.el.local), [rule]);
      continue;
    }
    let node = e.scope === 'L' ? line : root;
    for (const s of e.parent) node = addKid(node, PREFIX_NS[s.prefix] ?? '', s.local);
    const target = addKid(node, elNs, e.el.local);
    if (e.attr) (target.attrs ??= []).push([e.attr, e.id]);
    else target.id = e.id;
  }
  return { root, anywhere, names: new Map() };
}

/** UBL-DT rules on attributes anywhere (plus UBL-CR-663): attribute local name → rule id. */
const ATTRIBUTE_RULES = new Map<string, string>([
  ['schemeName', 'UBL-DT-08'],
  ['schemeAgencyName', 'UBL-DT-09'],
  ['schemeDataURI', 'UBL-DT-10'],
  ['schemeURI', 'UBL-DT-11'],
  ['format', 'UBL-DT-12'],
  ['unitCodeListIdentifier', 'UBL-DT-13'],
  ['unitCodeListAgencyIdentifier', 'UBL-DT-14'],
  ['unitCodeListAgencyName', 'UBL-DT-15'],
  ['listAgencyName', 'UBL-DT-16'],
  ['listName', 'UBL-DT-17'],
  ['name', 'UBL-DT-18'], // except on cbc:PaymentMeansCode (BT-82 payment means text)
  ['languageID', 'UBL-DT-19'],
  ['listURI', 'UBL-DT-20'],
  ['listSchemeURI', 'UBL-DT-21'],
  ['languageLocaleID', 'UBL-DT-22'],
  ['uri', 'UBL-DT-23'],
  ['currencyCodeListVersionID', 'UBL-DT-24'],
  ['characterSetCode', 'UBL-DT-25'],
  ['encodingCode', 'UBL-DT-26'],
  ['schemeAgencyID', 'UBL-DT-27'],
  ['listAgencyID', 'UBL-DT-28'],
  ['unitCodeListID', 'UBL-CR-663'],
]);

// ---------------------------------------------------------------------------------------------
// UBL-SR rules whose context is the document root: "this path occurs at most once".

const SUPPLIER = [cac('AccountingSupplierParty'), cac('Party')];
const CUSTOMER = [cac('AccountingCustomerParty'), cac('Party')];

const ROOT_AT_MOST_ONCE: [id: string, path: Step[]][] = [
  ['UBL-SR-01', [cac('ContractDocumentReference'), cbc('ID')]],
  ['UBL-SR-02', [cac('ReceiptDocumentReference'), cbc('ID')]],
  ['UBL-SR-03', [cac('DespatchDocumentReference'), cbc('ID')]],
  ['UBL-SR-04', [cac('AdditionalDocumentReference', (el) => hasTypeCode(el, '130')), cbc('ID')]],
  ['UBL-SR-05', [cac('PaymentTerms'), cbc('Note')]],
  ['UBL-SR-08', [cac('InvoicePeriod')]],
  ['UBL-SR-09', [...SUPPLIER, cac('PartyLegalEntity'), cbc('RegistrationName')]],
  ['UBL-SR-10', [...SUPPLIER, cac('PartyName'), cbc('Name')]],
  ['UBL-SR-11', [...SUPPLIER, cac('PartyLegalEntity'), cbc('CompanyID')]],
  ['UBL-SR-12', [...SUPPLIER, cac('PartyTaxScheme', vatScheme), cbc('CompanyID')]],
  ['UBL-SR-13', [...SUPPLIER, cac('PartyTaxScheme', nonVatScheme), cbc('CompanyID')]],
  ['UBL-SR-14', [...SUPPLIER, cac('PartyLegalEntity'), cbc('CompanyLegalForm')]],
  ['UBL-SR-15', [...CUSTOMER, cac('PartyLegalEntity'), cbc('RegistrationName')]],
  ['UBL-SR-16', [...CUSTOMER, cac('PartyIdentification'), cbc('ID')]],
  ['UBL-SR-17', [...CUSTOMER, cac('PartyLegalEntity'), cbc('CompanyID')]],
  ['UBL-SR-18', [...CUSTOMER, cac('PartyTaxScheme', vatScheme), cbc('CompanyID')]],
  ['UBL-SR-24', [cac('Delivery')]],
  ['UBL-SR-39', [cac('ProjectReference'), cbc('ID')]],
  ['UBL-SR-40', [...CUSTOMER, cac('PartyName'), cbc('Name')]],
  ['UBL-SR-45', [cac('PaymentMeans'), cbc('PaymentDueDate')]],
  ['UBL-SR-46', [cac('PaymentMeans'), cbc('PaymentMeansCode', (el) => hasAttr(el, 'name'))]],
  ['UBL-SR-49', [cac('InvoicePeriod'), cbc('DescriptionCode')]],
  ['UBL-SR-54', [cac('PaymentMeans'), cac('CardAccount')]],
  ['UBL-SR-55', [cac('PaymentMeans'), cac('PaymentMandate')]],
  ['UBL-SR-56', [cac('OriginatorDocumentReference'), cbc('ID')]],
];

/** Fires `id` on the second element reached by `path` from `el`, if there is one. */
function atMostOnce(r: Reporter, id: string, el: XmlElement, path: readonly Step[]): void {
  const extra = nth(el, path, 1);
  if (extra) r.fire(id, extra);
}

/** ROOT_AT_MOST_ONCE indexed by the local name of the first step: the root of a long invoice
 * has a child per line, so it is scanned once rather than once per rule. */
let rootRulesByFirst: Map<string, number[]> | undefined;

function rootAtMostOnce(root: XmlElement, r: Reporter): void {
  if (!rootRulesByFirst) {
    rootRulesByFirst = new Map();
    ROOT_AT_MOST_ONCE.forEach(([, path], k) => {
      const first = path[0]!.local;
      const list = rootRulesByFirst!.get(first);
      if (list) list.push(k);
      else rootRulesByFirst!.set(first, [k]);
    });
  }
  // Matches so far per rule, and the second one (fired in rule order, as before).
  let seen: number[] | undefined;
  let second: (XmlElement | undefined)[] | undefined;
  for (const c of root.children) {
    const rules = rootRulesByFirst.get(c.local);
    if (!rules) continue;
    for (const k of rules) {
      const path = ROOT_AT_MOST_ONCE[k]![1];
      const first = path[0]!;
      if (c.ns !== first.ns || (first.when && !first.when(c))) continue;
      seen ??= new Array<number>(ROOT_AT_MOST_ONCE.length).fill(0);
      if (seen[k]! >= 2) continue;
      for (const m of collect(c, path, 1)) {
        if (++seen[k]! === 2) {
          (second ??= [])[k] = m;
          break;
        }
      }
    }
  }
  if (second) {
    for (let k = 0; k < ROOT_AT_MOST_ONCE.length; k++) {
      const m = second[k];
      if (m) r.fire(ROOT_AT_MOST_ONCE[k]![0], m);
    }
  }
}

function checkRoot(root: XmlElement, isCreditNote: boolean, r: Reporter): void {
  rootAtMostOnce(root, r);

  // UBL-CR-002: a UBL version other than 2.1.
  const versions = collect(root, [cbc('UBLVersionID')]);
  if (versions.length > 0 && !versions.some((v) => textOf(v) === '2.1')) {
    r.fire('UBL-CR-002', versions[0], undefined, { value: textOf(versions[0]!) });
  }
  // UBL-CR-412: the due date belongs in cbc:DueDate in an Invoice (a CreditNote has no such
  // element, so there PaymentMeans/PaymentDueDate is where BT-9 goes).
  if (!isCreditNote) {
    for (const el of collect(root, [cac('PaymentMeans'), cbc('PaymentDueDate')])) {
      r.fire('UBL-CR-412', el);
    }
  }
}

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
  tables ??= buildTables();
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
