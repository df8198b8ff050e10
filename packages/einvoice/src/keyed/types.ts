/**
 * Invoice data keyed in by a supplier (typed in the portal, or sent as JSON with a plain PDF):
 * the shape the server's zod schema (KeyedInvoiceSchema) checks and the portal's form builds.
 * Amounts and quantities are decimal strings, never numbers.
 */
import type { PostalAddress } from '../model/types.js';

export interface KeyedAddress {
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  postCode?: string | undefined;
  countryCode: string;
}

export interface KeyedLine {
  id?: string | undefined;
  /** BT-153 */
  name: string;
  /** BT-129 */
  quantity: string;
  /** BT-130, C62 (one) when absent */
  unitCode?: string | undefined;
  /** BT-146 */
  unitPrice: string;
  /** BT-131 */
  netAmount: string;
  /** BT-151 */
  vatCategory: string;
  /** BT-152 */
  vatRate?: string | undefined;
}

export interface KeyedVatBreakdown {
  category: string;
  rate?: string | undefined;
  taxableAmount: string;
  taxAmount: string;
  exemptionReason?: string | undefined;
}

export type KeyedInvoiceType = 'FACTURE' | 'AVOIR' | 'ACOMPTE';

export interface KeyedInvoice {
  supplier: {
    /** BT-29: SIRET (14 digits) or SIREN (9 digits) */
    identifier: string;
    name: string;
    vatId?: string | undefined;
    address: KeyedAddress;
  };
  recipient: {
    /** BT-46 (SIRET) or BT-47 (SIREN) */
    identifier: string;
    name?: string | undefined;
  };
  serviceCode?: string | undefined;
  commitmentNumber?: string | undefined;
  number: string;
  issueDate: string;
  dueDate?: string | undefined;
  type: KeyedInvoiceType;
  currency: string;
  paymentTerms?: string | undefined;
  lines: KeyedLine[];
  vatBreakdown: KeyedVatBreakdown[];
  totals: {
    lineNetTotal: string;
    withoutVat: string;
    vat: string;
    withVat: string;
    prepaid?: string | undefined;
    payable: string;
  };
}

/** What the directory knows of the recipient (BR-07, BR-10, BR-11 need name and address). */
export interface KeyedBuyer {
  name: string;
  address?: PostalAddress | undefined;
}
