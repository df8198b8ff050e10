/**
 * Keyed-in invoice data (a plain PDF's data typed by the supplier, or an invoice keyed in with
 * no file at all): the request schema. The mapping to the EN 16931 model is the library's
 * (@chorale/einvoice keyedToModel), shared with the portal.
 *
 * Invariants: amounts stay decimal strings from the request to the model (never floats); the
 * schema's output is assignable to the library's KeyedInvoice (checked below).
 */
import { z } from 'zod';
import { keyedToModel, type KeyedInvoice as LibraryKeyedInvoice } from '@chorale/einvoice';
import { invoiceTypes } from './model.js';

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
// The schema and the library's type must describe the same data: this fails to compile if not.
const _sameShape = (k: KeyedInvoice): LibraryKeyedInvoice => k;
void _sameShape;

/**
 * The model of a keyed-in invoice: the library's mapping, the one the portal also runs before
 * sending, so what the supplier was told and what the server judges never differ.
 */
export { keyedToModel };
