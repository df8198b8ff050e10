/**
 * CII syntax rules whose context is a fixed place of the tree (the document context and
 * header, each line and its parts, the header agreement and settlement): the first pass of
 * checkCiiSyntax, which also gathers the facts the walk of the whole tree needs.
 */
import type { Reporter } from '../engine.js';
import type { XmlElement } from '../../xml/types.js';
import {
  RAM,
  RSM,
  UDT,
  stringValue,
  normalizeSpace,
  NONE,
  child,
  isRam,
  hasAttr,
  ramChildren,
  ramPath,
  childEquals,
  firstChildNormalized,
  secondChild,
  countPath,
  atMostOnce,
  exactlyOnce,
} from './syntax-tree.js';
import { checkAbsent } from './syntax-absent.js';
import { ROOT_ATTRS, LINE_VAT_CATEGORY_ATTRS, forbidAttrs } from './syntax-attributes.js';

/** Facts gathered on the first pass that rules of the second pass need. */
export interface Gathered {
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
    summationOnce(summation, r);
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

const SUMMATION_INDEX = new Map(SUMMATION_ONCE.map(([, local], i) => [local, i]));

/**
 * The SUMMATION_ONCE rules in one pass over the summation's children (not one per total):
 * the second occurrence of each total, fired in the table's order as before.
 */
function summationOnce(summation: XmlElement, r: Reporter): void {
  let seen = 0; // bit i: total i met once
  let repeated = 0; // bit i: total i met twice (its second occurrence kept)
  let second: XmlElement[] | undefined;
  for (const c of summation.children) {
    if (c.ns !== RAM) continue;
    const i = SUMMATION_INDEX.get(c.local);
    if (i === undefined) continue;
    const bit = 1 << i;
    if ((seen & bit) === 0) seen |= bit;
    else if ((repeated & bit) === 0) {
      repeated |= bit;
      (second ??= [])[i] = c;
    }
  }
  if (second === undefined) return;
  for (let i = 0; i < SUMMATION_ONCE.length; i++)
    if ((repeated & (1 << i)) !== 0) r.fire(SUMMATION_ONCE[i]![0], second[i]!);
}

export function checkFixedPlaces(root: XmlElement, g: Gathered, r: Reporter): void {
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
