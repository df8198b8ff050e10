/** BG-25 invoice lines of a UBL invoice, with their item (BG-31) and price (BG-29). */
import type { InvoiceLine, Item, PriceDetails } from '../model/types.js';
import {
  attrText,
  blankItem,
  blankItemAttribute,
  blankLine,
  blankPrice,
  text,
  type Read,
} from '../model/blank.js';
import { child, children } from '../xml/query.js';
import type { XmlElement } from '../xml/types.js';
import {
  CAC,
  CBC,
  identifier,
  isVatScheme,
  readAllowanceCharge,
  readPeriod,
} from './read-common.js';

function readItem(el: XmlElement, line: Read<InvoiceLine>): Item {
  const item = blankItem(el);
  let vatCategory: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns === CBC) {
      if (c.local === 'Name') item.name ??= text(item.$at, 'name', c);
      else if (c.local === 'Description') item.description ??= text(item.$at, 'description', c);
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'BuyersItemIdentification':
        item.buyerId ??= text(item.$at, 'buyerId', child(c, CBC, 'ID'));
        break;
      case 'SellersItemIdentification':
        item.sellerId ??= text(item.$at, 'sellerId', child(c, CBC, 'ID'));
        break;
      case 'StandardItemIdentification': {
        const id = child(c, CBC, 'ID');
        if (id && !item.standardId) item.standardId = identifier(id);
        break;
      }
      case 'OriginCountry':
        item.originCountry ??= text(item.$at, 'originCountry', child(c, CBC, 'IdentificationCode'));
        break;
      case 'CommodityClassification':
        for (const code of children(c, CBC, 'ItemClassificationCode'))
          item.classifications.push(identifier(code, 'listID', 'listVersionID'));
        break;
      case 'ClassifiedTaxCategory':
        if (!vatCategory && isVatScheme(c)) vatCategory = c;
        break;
      case 'AdditionalItemProperty': {
        const name = child(c, CBC, 'Name');
        const value = child(c, CBC, 'Value');
        // Name and value are required strings in the model: an absent one reads as '' and
        // has no $at entry, which is how rules (BR-54) tell absent from empty.
        const a = blankItemAttribute(c);
        if (name) a.name = text(a.$at, 'name', name)!;
        if (value) a.value = text(a.$at, 'value', value)!;
        item.attributes.push(a);
        break;
      }
    }
  }
  if (vatCategory) {
    line.vatCategoryCode = text(line.$at, 'vatCategoryCode', child(vatCategory, CBC, 'ID'));
    line.vatRate = text(line.$at, 'vatRate', child(vatCategory, CBC, 'Percent'));
  }
  return item;
}

function readPrice(el: XmlElement): PriceDetails {
  const p = blankPrice(el);
  p.netPrice = text(p.$at, 'netPrice', child(el, CBC, 'PriceAmount'));
  const base = child(el, CBC, 'BaseQuantity');
  p.baseQuantity = text(p.$at, 'baseQuantity', base);
  p.baseQuantityUnitCode = attrText(p.$at, 'baseQuantityUnitCode', base, 'unitCode');
  const ac = child(el, CAC, 'AllowanceCharge');
  if (ac) {
    p.discount = text(p.$at, 'discount', child(ac, CBC, 'Amount'));
    p.grossPrice = text(p.$at, 'grossPrice', child(ac, CBC, 'BaseAmount'));
  }
  return p;
}

/** BG-25 from a cac:InvoiceLine or cac:CreditNoteLine (or a sub-line). */
export function readLine(el: XmlElement): InvoiceLine {
  const line = blankLine(el);
  let item: XmlElement | undefined;
  for (const c of el.children) {
    if (c.ns === CBC) {
      switch (c.local) {
        case 'ID':
          line.id ??= text(line.$at, 'id', c);
          break;
        case 'Note':
          line.note ??= text(line.$at, 'note', c);
          break;
        case 'InvoicedQuantity':
        case 'CreditedQuantity':
          if (line.quantity === undefined) {
            line.quantity = text(line.$at, 'quantity', c);
            line.unitCode = attrText(line.$at, 'unitCode', c, 'unitCode');
          }
          break;
        case 'LineExtensionAmount':
          line.netAmount ??= text(line.$at, 'netAmount', c);
          break;
        case 'AccountingCost':
          line.buyerAccountingRef ??= text(line.$at, 'buyerAccountingRef', c);
          break;
      }
      continue;
    }
    if (c.ns !== CAC) continue;
    switch (c.local) {
      case 'InvoicePeriod':
        line.period ??= readPeriod(c);
        break;
      case 'OrderLineReference':
        line.orderLineRef ??= text(line.$at, 'orderLineRef', child(c, CBC, 'LineID'));
        break;
      case 'DocumentReference': {
        const id = child(c, CBC, 'ID');
        if (id && !line.objectId) line.objectId = identifier(id);
        break;
      }
      case 'AllowanceCharge': {
        // A line allowance or charge may carry a VAT category too (the official category
        // rules see it), though EN 16931 has no term for it.
        const { charge, ac } = readAllowanceCharge(c);
        if (charge === true) line.charges.push(ac);
        else if (charge === false) line.allowances.push(ac);
        break;
      }
      case 'Item':
        item ??= c;
        break;
      case 'Price':
        line.price ??= readPrice(c);
        break;
      case 'SubInvoiceLine':
      case 'SubCreditNoteLine':
        (line.subLines ??= []).push(readLine(c));
        break;
    }
  }
  if (item) line.item = readItem(item, line);
  return line;
}
