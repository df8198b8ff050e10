/**
 * Keyed-in invoice data (a plain PDF's data typed by the supplier, or an invoice keyed in with
 * no file at all) → the EN 16931 model, so the same business rules (validateModel) and the same
 * routing read both keyed and XML invoices.
 *
 * Invariants: amounts stay decimal strings from the request to the model (never floats); the
 * routing terms land where the French profile puts them in an XML invoice (BT-29/BT-30 seller,
 * BT-46 buyer, BT-10 service code, BT-13 commitment), so deposit-checks reads one place.
 */
import { z } from 'zod';
import { emptyInvoice, type Invoice, type PostalAddress } from '@chorale/einvoice';
import { invoiceTypes, type InvoiceType } from './model.js';

const Decimal = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'a decimal number as text, e.g. "1250.00"');
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'a real calendar date');
const Text = (max: number) => z.string().trim().min(1).max(max);

const AddressSchema = z.object({
  line1: Text(100).optional(),
  line2: Text(100).optional(),
  city: Text(100).optional(),
  postCode: Text(20).optional(),
  countryCode: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
});

export const KeyedInvoiceSchema = z
  .object({
    supplier: z.object({
      identifier: z
        .string()
        .regex(/^(\d{14}|\d{9})$/, 'a SIRET (14 digits) or SIREN (9 digits)')
        .describe('BT-29: SIRET (scheme 0009) or SIREN (scheme 0002)'),
      name: Text(200).describe('BT-27'),
      vatId: Text(30).optional().describe('BT-31'),
      address: AddressSchema.describe('BG-5'),
    }),
    recipient: z.object({
      identifier: z
        .string()
        .regex(/^(\d{14}|\d{9})$/, 'a SIRET (14 digits) or SIREN (9 digits)')
        .describe('BT-46 (SIRET, scheme 0009) or BT-47 (SIREN, scheme 0002)'),
      name: Text(200).optional().describe('BT-44; the directory name when absent'),
    }),
    serviceCode: Text(100).optional().describe('BT-10 (code service)'),
    commitmentNumber: Text(50).optional().describe('BT-13 (numéro d’engagement)'),
    number: Text(20).describe('BT-1'),
    issueDate: IsoDate.describe('BT-2'),
    dueDate: IsoDate.optional().describe('BT-9'),
    type: z.enum(invoiceTypes).describe('FACTURE (380), AVOIR (381), ACOMPTE (386)'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
    paymentTerms: Text(500).optional().describe('BT-20'),
    lines: z
      .array(
        z.object({
          id: Text(50).optional(),
          name: Text(200).describe('BT-153'),
          quantity: Decimal.describe('BT-129'),
          unitCode: z.string().min(1).max(3).optional().describe('BT-130, default C62'),
          unitPrice: Decimal.describe('BT-146'),
          netAmount: Decimal.describe('BT-131'),
          vatCategory: z.string().min(1).max(2).describe('BT-151 (S, Z, E, AE…)'),
          vatRate: Decimal.optional().describe('BT-152'),
        }),
      )
      .min(1)
      .max(1000),
    vatBreakdown: z
      .array(
        z.object({
          category: z.string().min(1).max(2).describe('BT-118'),
          rate: Decimal.optional().describe('BT-119'),
          taxableAmount: Decimal.describe('BT-116'),
          taxAmount: Decimal.describe('BT-117'),
          exemptionReason: Text(300).optional().describe('BT-120'),
        }),
      )
      .min(1)
      .max(50),
    totals: z.object({
      lineNetTotal: Decimal.describe('BT-106'),
      withoutVat: Decimal.describe('BT-109'),
      vat: Decimal.describe('BT-110'),
      withVat: Decimal.describe('BT-112'),
      prepaid: Decimal.optional().describe('BT-113'),
      payable: Decimal.describe('BT-115'),
    }),
  })
  .describe('Invoice data keyed in by the supplier (with a plain PDF, or alone)');
export type KeyedInvoice = z.infer<typeof KeyedInvoiceSchema>;

export const typeCodes: Record<InvoiceType, string> = {
  FACTURE: '380',
  AVOIR: '381',
  ACOMPTE: '386',
};

/** ISO 6523 scheme of a French identifier: SIRET 0009, SIREN 0002. */
export function schemeOf(identifier: string): '0009' | '0002' {
  return identifier.length === 14 ? '0009' : '0002';
}

/**
 * The model of a keyed-in invoice. `buyer` fills what the supplier does not key (the public
 * body's name and address come from the directory: BR-07, BR-10, BR-11 need them).
 */
export function keyedToModel(
  keyed: KeyedInvoice,
  buyer: { name: string; address?: PostalAddress } | undefined,
): Invoice {
  const m = emptyInvoice();
  m.specificationId = 'urn:cen.eu:en16931:2017';
  m.id = keyed.number;
  m.issueDate = keyed.issueDate;
  m.typeCode = typeCodes[keyed.type];
  m.currencyCode = keyed.currency;
  if (keyed.dueDate) m.dueDate = keyed.dueDate;
  if (keyed.paymentTerms) m.paymentTerms = keyed.paymentTerms;
  if (keyed.serviceCode) m.buyerReference = keyed.serviceCode;
  if (keyed.commitmentNumber) m.purchaseOrderReference = keyed.commitmentNumber;

  const supplierId = {
    value: keyed.supplier.identifier,
    scheme: schemeOf(keyed.supplier.identifier),
  };
  m.seller = {
    name: keyed.supplier.name,
    identifiers: [supplierId],
    legalRegistration: { ...supplierId },
    address: { ...keyed.supplier.address },
  };
  if (keyed.supplier.vatId) m.seller.vatId = keyed.supplier.vatId;

  const recipientId = {
    value: keyed.recipient.identifier,
    scheme: schemeOf(keyed.recipient.identifier),
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
