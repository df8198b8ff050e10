/** BG-25 invoice lines of a CII invoice, with their item (BG-31) and price (BG-29). */
import type { InvoiceLine, Item, PriceDetails } from '../model/types.js';
import {
  attrText,
  blankItem,
  blankItemAttribute,
  blankLine,
  blankPrice,
  text,
} from '../model/blank.js';
import { attr } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import {
  allowancesCharges,
  identifier,
  period,
  putTypeCode,
  ram,
  rams,
  type El,
} from './read-common.js';

function item(el: El): Item | undefined {
  if (!el) return undefined;
  const it = blankItem(el);
  const gid = ram(el, 'GlobalID');
  if (gid) it.standardId = identifier(gid);
  it.sellerId = text(it.$at, 'sellerId', ram(el, 'SellerAssignedID'));
  it.buyerId = text(it.$at, 'buyerId', ram(el, 'BuyerAssignedID'));
  it.name = text(it.$at, 'name', ram(el, 'Name'));
  it.description = text(it.$at, 'description', ram(el, 'Description'));
  for (const ch of rams(el, 'ApplicableProductCharacteristic')) {
    // BG-32 terms are mandatory strings in the model; an absent element reads as '' and
    // leaves no $at entry, which is how a rule tells "absent" (BR-54) from "empty".
    const a = blankItemAttribute(ch);
    a.name = text(a.$at, 'name', ram(ch, 'Description')) ?? '';
    a.value = text(a.$at, 'value', ram(ch, 'Value')) ?? '';
    it.attributes.push(a);
  }
  for (const cls of rams(el, 'DesignatedProductClassification')) {
    const code = ram(cls, 'ClassCode');
    if (!code) continue;
    const id = identifier(code, 'listID');
    const version = attr(code, 'listVersionID');
    if (version !== undefined) id.schemeVersion = version;
    it.classifications.push(id);
  }
  it.originCountry = text(it.$at, 'originCountry', ram(ram(el, 'OriginTradeCountry'), 'ID'));
  return it;
}

function price(agreement: El): PriceDetails | undefined {
  const gross = ram(agreement, 'GrossPriceProductTradePrice');
  const net = ram(agreement, 'NetPriceProductTradePrice');
  if (!gross && !net) return undefined;
  const p = blankPrice((net ?? gross)!);
  p.netPrice = text(p.$at, 'netPrice', ram(net, 'ChargeAmount'));
  p.grossPrice = text(p.$at, 'grossPrice', ram(gross, 'ChargeAmount'));
  p.discount = text(
    p.$at,
    'discount',
    ram(ram(gross, 'AppliedTradeAllowanceCharge'), 'ActualAmount'),
  );
  // BT-149 belongs to the net price; a base quantity given only on the gross price is the
  // same term for an invoice that states no net base quantity.
  const basis = ram(net, 'BasisQuantity') ?? ram(gross, 'BasisQuantity');
  p.baseQuantity = text(p.$at, 'baseQuantity', basis);
  p.baseQuantityUnitCode = attrText(p.$at, 'baseQuantityUnitCode', basis, 'unitCode');
  return p;
}

/** The first line-level ApplicableTradeTax (BT-151, BT-152). */
export function line(el: XmlElement): InvoiceLine {
  const l = blankLine(el);
  const doc = ram(el, 'AssociatedDocumentLineDocument');
  l.id = text(l.$at, 'id', ram(doc, 'LineID'));
  l.note = text(l.$at, 'note', ram(ram(doc, 'IncludedNote'), 'Content'));
  const it = item(ram(el, 'SpecifiedTradeProduct'));
  if (it) l.item = it;
  const agreement = ram(el, 'SpecifiedLineTradeAgreement');
  l.orderLineRef = text(
    l.$at,
    'orderLineRef',
    ram(ram(agreement, 'BuyerOrderReferencedDocument'), 'LineID'),
  );
  const p = price(agreement);
  if (p) l.price = p;
  const qty = ram(ram(el, 'SpecifiedLineTradeDelivery'), 'BilledQuantity');
  l.quantity = text(l.$at, 'quantity', qty);
  l.unitCode = attrText(l.$at, 'unitCode', qty, 'unitCode');
  const settlement = ram(el, 'SpecifiedLineTradeSettlement');
  const tax = ram(settlement, 'ApplicableTradeTax');
  l.vatCategoryCode = text(l.$at, 'vatCategoryCode', ram(tax, 'CategoryCode'));
  l.vatRate = text(l.$at, 'vatRate', ram(tax, 'RateApplicablePercent'));
  if (tax) putTypeCode(l, tax);
  const per = period(ram(settlement, 'BillingSpecifiedPeriod'));
  if (per) l.period = per;
  allowancesCharges(settlement, l.allowances, l.charges);
  l.netAmount = text(
    l.$at,
    'netAmount',
    ram(ram(settlement, 'SpecifiedTradeSettlementLineMonetarySummation'), 'LineTotalAmount'),
  );
  for (const ref of rams(settlement, 'AdditionalReferencedDocument')) {
    if (ram(ref, 'TypeCode')?.text.trim() !== '130') continue;
    const id = ram(ref, 'IssuerAssignedID');
    if (!id) continue;
    const obj = identifier(id);
    const scheme = ram(ref, 'ReferenceTypeCode');
    if (scheme) obj.scheme = scheme.text;
    l.objectId = obj;
    l.$at.objectId = id;
    break;
  }
  l.buyerAccountingRef = text(
    l.$at,
    'buyerAccountingRef',
    ram(ram(settlement, 'ReceivableSpecifiedTradeAccountingAccount'), 'ID'),
  );
  return l;
}
