/**
 * Keyed-in invoice data → the EN 16931 model, so the same business rules (validateModel) and
 * the same routing read keyed and XML invoices. One mapping for the server (deposits) and the
 * portal (checks before sending): browser-safe, no I/O.
 *
 * Invariants: amounts stay decimal strings from the form to the model (never floats); the
 * routing terms land where the French profile puts them in an XML invoice (BT-29/BT-30 seller,
 * BT-46 buyer, BT-10 service code, BT-13 commitment).
 */
import { emptyInvoice, type Invoice } from '../model/types.js';
import type { KeyedBuyer, KeyedInvoice, KeyedInvoiceType } from './types.js';

/** BT-3 of each kind of invoice. */
export const KEYED_TYPE_CODES: Record<KeyedInvoiceType, string> = {
  FACTURE: '380',
  AVOIR: '381',
  ACOMPTE: '386',
};

/** ISO 6523 scheme of a French identifier: SIRET 0009, SIREN 0002. */
export function frenchSchemeOf(identifier: string): '0009' | '0002' {
  return identifier.length === 14 ? '0009' : '0002';
}

/**
 * The model of a keyed-in invoice. `buyer` fills what the supplier does not key (the public
 * body's name and address come from the directory).
 */
export function keyedToModel(keyed: KeyedInvoice, buyer: KeyedBuyer | undefined): Invoice {
  const m = emptyInvoice();
  m.specificationId = 'urn:cen.eu:en16931:2017';
  m.id = keyed.number;
  m.issueDate = keyed.issueDate;
  m.typeCode = KEYED_TYPE_CODES[keyed.type];
  m.currencyCode = keyed.currency;
  if (keyed.dueDate) m.dueDate = keyed.dueDate;
  if (keyed.paymentTerms) m.paymentTerms = keyed.paymentTerms;
  if (keyed.serviceCode) m.buyerReference = keyed.serviceCode;
  if (keyed.commitmentNumber) m.purchaseOrderReference = keyed.commitmentNumber;

  const supplierId = {
    value: keyed.supplier.identifier,
    scheme: frenchSchemeOf(keyed.supplier.identifier),
  };
  const { line1, line2, city, postCode, countryCode } = keyed.supplier.address;
  m.seller = {
    name: keyed.supplier.name,
    identifiers: [supplierId],
    legalRegistration: { ...supplierId },
    // Only the keys that were keyed: an absent key and an undefined one read the same way.
    address: {
      ...(line1 !== undefined ? { line1 } : {}),
      ...(line2 !== undefined ? { line2 } : {}),
      ...(city !== undefined ? { city } : {}),
      ...(postCode !== undefined ? { postCode } : {}),
      countryCode,
    },
  };
  if (keyed.supplier.vatId) m.seller.vatId = keyed.supplier.vatId;

  const recipientId = {
    value: keyed.recipient.identifier,
    scheme: frenchSchemeOf(keyed.recipient.identifier),
  };
  m.buyer = {
    name: keyed.recipient.name ?? buyer?.name ?? '',
    // BT-46 carries a SIRET; a SIREN alone is a legal registration (BT-47).
    ...(recipientId.scheme === '0009'
      ? { identifier: recipientId }
      : { legalRegistration: recipientId }),
  };
  if (buyer?.address) m.buyer.address = { ...buyer.address };

  m.lines = keyed.lines.map((l, i) => ({
    id: l.id ?? String(i + 1),
    quantity: l.quantity,
    unitCode: l.unitCode ?? 'C62',
    netAmount: l.netAmount,
    price: { netPrice: l.unitPrice },
    vatCategoryCode: l.vatCategory,
    ...(l.vatRate !== undefined ? { vatRate: l.vatRate } : {}),
    item: { name: l.name, classifications: [], attributes: [] },
    allowances: [],
    charges: [],
  }));
  m.vatBreakdowns = keyed.vatBreakdown.map((v) => ({
    categoryCode: v.category,
    taxableAmount: v.taxableAmount,
    taxAmount: v.taxAmount,
    ...(v.rate !== undefined ? { rate: v.rate } : {}),
    ...(v.exemptionReason ? { exemptionReason: v.exemptionReason } : {}),
  }));
  m.totals = {
    lineNetTotal: keyed.totals.lineNetTotal,
    taxExclusiveAmount: keyed.totals.withoutVat,
    vatTotal: keyed.totals.vat,
    taxInclusiveAmount: keyed.totals.withVat,
    payableAmount: keyed.totals.payable,
    ...(keyed.totals.prepaid !== undefined ? { prepaidAmount: keyed.totals.prepaid } : {}),
  };
  return m;
}
