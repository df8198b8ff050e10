/**
 * The EN 16931-1 semantic model: every business term (BT) and group (BG) of an invoice, named
 * after the standard. Contract between the readers (UBL, CII, keyed-in), the writers, the
 * business rules and the renderers: change it only with all of them in view.
 *
 * Invariants:
 * - Text values are kept as read, untrimmed. An element present but empty gives '' (not
 *   undefined): several rules distinguish "absent" from "empty".
 * - Dates are ISO 'YYYY-MM-DD' when the source held a valid date in its syntax's format
 *   (UBL xs:date, CII format 102); otherwise the raw text as read, so rules can report it.
 * - Amounts, quantities, percentages and rates are `Dec`: the decimal's lexical form as read
 *   (never a binary float). `num()` in model/decimal.ts turns one into a big.js value.
 * - Repeating terms are arrays, empty when absent. Groups that may occur once are optional.
 * - Each group may carry `$src` (the XML element it was read from) and `$at` (for each field,
 *   the XML element or attribute holder it was read from), so every finding can be located.
 *   Locations are XML elements rather than strings: a path is computed only when a finding
 *   is reported, which keeps reading fast. A keyed-in model has neither.
 */
import type { XmlElement } from '../xml/types.js';

/** Decimal in lexical form ('1234.50', '-3', '0.125'); may be invalid text when the source was. */
export type Dec = string;

/** Where a group and its fields were read from. */
export interface Located {
  $src?: XmlElement;
  $at?: Partial<Record<string, XmlElement>>;
}

/** An identifier with its optional scheme (BT-29/BT-29-1, BT-46/BT-46-1…). */
export interface Identifier extends Located {
  value: string;
  /** Scheme identifier (ISO 6523 ICD, EAS, UNTDID 7143…), when given. */
  scheme?: string;
  /** Scheme version (BT-158-2). */
  schemeVersion?: string;
}

/** BG-5, BG-8, BG-12, BG-15. */
export interface PostalAddress extends Located {
  line1?: string; // BT-35 / BT-50 / BT-64 / BT-75
  line2?: string; // BT-36 / BT-51 / BT-65 / BT-76
  line3?: string; // BT-162 / BT-163 / BT-164 / BT-165
  city?: string; // BT-37 / BT-52 / BT-66 / BT-77
  postCode?: string; // BT-38 / BT-53 / BT-67 / BT-78
  countrySubdivision?: string; // BT-39 / BT-54 / BT-68 / BT-79
  countryCode?: string; // BT-40 / BT-55 / BT-69 / BT-80
}

/** BG-6, BG-9. */
export interface Contact extends Located {
  name?: string; // BT-41 / BT-56
  phone?: string; // BT-42 / BT-57
  email?: string; // BT-43 / BT-58
}

/** BG-1 */
export interface Note extends Located {
  subjectCode?: string; // BT-21
  text: string; // BT-22
}

/** BG-3 */
export interface PrecedingInvoice extends Located {
  id: string; // BT-25
  issueDate?: string; // BT-26
}

/** BG-4 */
export interface Seller extends Located {
  name?: string; // BT-27
  tradingName?: string; // BT-28
  identifiers: Identifier[]; // BT-29 (+ BT-29-1)
  legalRegistration?: Identifier; // BT-30 (+ BT-30-1)
  vatId?: string; // BT-31
  taxRegistrationId?: string; // BT-32
  additionalLegalInfo?: string; // BT-33
  electronicAddress?: Identifier; // BT-34 (+ BT-34-1)
  address?: PostalAddress; // BG-5
  contact?: Contact; // BG-6
}

/** BG-7 */
export interface Buyer extends Located {
  name?: string; // BT-44
  tradingName?: string; // BT-45
  identifier?: Identifier; // BT-46 (+ BT-46-1)
  legalRegistration?: Identifier; // BT-47 (+ BT-47-1)
  vatId?: string; // BT-48
  electronicAddress?: Identifier; // BT-49 (+ BT-49-1)
  address?: PostalAddress; // BG-8
  contact?: Contact; // BG-9
}

/** BG-10 */
export interface Payee extends Located {
  name?: string; // BT-59
  identifier?: Identifier; // BT-60 (+ BT-60-1)
  legalRegistration?: Identifier; // BT-61 (+ BT-61-1)
}

/** BG-11 */
export interface TaxRepresentative extends Located {
  name?: string; // BT-62
  vatId?: string; // BT-63
  address?: PostalAddress; // BG-12
}

/** BG-14, BG-26 */
export interface Period extends Located {
  startDate?: string; // BT-73 / BT-134
  endDate?: string; // BT-74 / BT-135
}

/** BG-13 */
export interface Delivery extends Located {
  partyName?: string; // BT-70
  locationId?: Identifier; // BT-71 (+ BT-71-1)
  actualDate?: string; // BT-72
  address?: PostalAddress; // BG-15
}

/** BG-17 */
export interface CreditTransfer extends Located {
  accountId?: string; // BT-84
  accountName?: string; // BT-85
  serviceProviderId?: string; // BT-86
}

/** BG-18 */
export interface PaymentCard extends Located {
  primaryAccountNumber?: string; // BT-87
  holderName?: string; // BT-88
}

/** BG-19 */
export interface DirectDebit extends Located {
  mandateReference?: string; // BT-89
  creditorId?: string; // BT-90
  debitedAccountId?: string; // BT-91
}

/**
 * One payment means element as read (UBL cac:PaymentMeans, CII
 * SpecifiedTradeSettlementPaymentMeans): the official rules BR-49, BR-50 and BR-61 judge each
 * one on its own code and accounts, while BG-16 merges them.
 */
export interface PaymentMeans extends Located {
  /** Its own payment means code (BT-81), as read. */
  code?: string;
  /** Its own accounts: the same objects as in PaymentInstructions.creditTransfers. */
  creditTransfers: CreditTransfer[];
}

/** BG-16 */
export interface PaymentInstructions extends Located {
  meansCode?: string; // BT-81
  meansText?: string; // BT-82
  remittanceInformation?: string; // BT-83
  creditTransfers: CreditTransfer[]; // BG-17
  card?: PaymentCard; // BG-18
  directDebit?: DirectDebit; // BG-19
  /**
   * Each payment means element in document order (not an EN 16931 term), set by the readers
   * only when the document's layout differs from the default one, which writers produce and
   * PaymentInstructions stands for without it: one payment means per credit transfer (at
   * least one), each with BT-81 as `meansCode`. Absent on a keyed-in model.
   */
  means?: PaymentMeans[];
}

/**
 * BG-20 (document allowance), BG-21 (document charge), BG-27 (line allowance), BG-28 (line
 * charge). EN 16931 gives line-level ones no VAT category or rate; both syntaxes allow one,
 * which the readers keep in the same fields (the official category rules see it).
 */
export interface AllowanceCharge extends Located {
  amount?: Dec; // BT-92 / BT-99 / BT-136 / BT-141
  baseAmount?: Dec; // BT-93 / BT-100 / BT-137 / BT-142
  percentage?: Dec; // BT-94 / BT-101 / BT-138 / BT-143
  vatCategoryCode?: string; // BT-95 / BT-102
  vatRate?: Dec; // BT-96 / BT-103
  /** Tax scheme of the VAT category when not 'VAT' (see VatBreakdown.taxScheme). */
  taxScheme?: string | null;
  reason?: string; // BT-97 / BT-104 / BT-139 / BT-144
  reasonCode?: string; // BT-98 / BT-105 / BT-140 / BT-145
}

/** BG-22 */
export interface DocumentTotals extends Located {
  lineNetTotal?: Dec; // BT-106
  allowanceTotal?: Dec; // BT-107
  chargeTotal?: Dec; // BT-108
  taxExclusiveAmount?: Dec; // BT-109
  /** BT-110, in the invoice currency. */
  vatTotal?: Dec;
  /** BT-111, in the VAT accounting currency (BT-6). */
  vatTotalInAccountingCurrency?: Dec;
  taxInclusiveAmount?: Dec; // BT-112
  prepaidAmount?: Dec; // BT-113
  roundingAmount?: Dec; // BT-114
  payableAmount?: Dec; // BT-115
}

/** BG-23 */
export interface VatBreakdown extends Located {
  taxableAmount?: Dec; // BT-116
  taxAmount?: Dec; // BT-117
  categoryCode?: string; // BT-118
  rate?: Dec; // BT-119
  exemptionReason?: string; // BT-120
  exemptionReasonCode?: string; // BT-121
  /**
   * CII only: the ram:TypeCode of the tax element the category was read from, when it is not
   * exactly 'VAT' (the default, which writers write), kept whatever it says (e.g. 'GST': the
   * official CII rules count categories of any type in some places, only those of type VAT,
   * upper-cased, in others); null when the tax element has no TypeCode. Never set from UBL
   * (the reader keeps only categories under the VAT scheme, whose spelling no rule needs)
   * nor on a keyed-in model.
   */
  taxScheme?: string | null;
}

/** BG-24 */
export interface AdditionalDocument extends Located {
  id: string; // BT-122
  /** UBL DocumentTypeCode / CII TypeCode ('130' makes it BT-18, '50' BT-17 in UBL). */
  typeCode?: string;
  description?: string; // BT-123
  externalUri?: string; // BT-124
  attachment?: {
    /** Base64 content as read (BT-125). */
    content: string;
    mimeCode?: string; // BT-125-1
    filename?: string; // BT-125-2
  };
}

/** BG-29 */
export interface PriceDetails extends Located {
  netPrice?: Dec; // BT-146
  discount?: Dec; // BT-147
  grossPrice?: Dec; // BT-148
  baseQuantity?: Dec; // BT-149
  baseQuantityUnitCode?: string; // BT-150
}

/** BG-32 */
export interface ItemAttribute extends Located {
  name: string; // BT-160
  value: string; // BT-161
}

/** BG-31 */
export interface Item extends Located {
  name?: string; // BT-153
  description?: string; // BT-154
  sellerId?: string; // BT-155
  buyerId?: string; // BT-156
  standardId?: Identifier; // BT-157 (+ BT-157-1)
  classifications: Identifier[]; // BT-158 (+ BT-158-1 scheme, BT-158-2 version)
  originCountry?: string; // BT-159
  attributes: ItemAttribute[]; // BG-32
}

/** BG-25 */
export interface InvoiceLine extends Located {
  id?: string; // BT-126
  note?: string; // BT-127
  objectId?: Identifier; // BT-128 (+ BT-128-1)
  quantity?: Dec; // BT-129
  unitCode?: string; // BT-130
  netAmount?: Dec; // BT-131
  orderLineRef?: string; // BT-132
  buyerAccountingRef?: string; // BT-133
  period?: Period; // BG-26
  allowances: AllowanceCharge[]; // BG-27
  charges: AllowanceCharge[]; // BG-28
  price?: PriceDetails; // BG-29
  vatCategoryCode?: string; // BT-151
  vatRate?: Dec; // BT-152
  /** Tax scheme of the VAT category when not 'VAT' (see VatBreakdown.taxScheme). */
  taxScheme?: string | null;
  item?: Item; // BG-31
  /** Sub-lines (UBL cac:SubInvoiceLine, CII extended profiles); not EN 16931 terms. */
  subLines?: InvoiceLine[];
}

export type Syntax = 'UBL' | 'CII';

/** BG-0: the invoice. */
export interface Invoice extends Located {
  /** Syntax it was read from; undefined for a keyed-in or built model. */
  syntax?: Syntax;
  /** UBL only: the root was a CreditNote (the document kind, not BT-3). */
  ublDocument?: 'Invoice' | 'CreditNote';

  id?: string; // BT-1
  issueDate?: string; // BT-2
  typeCode?: string; // BT-3
  currencyCode?: string; // BT-5
  vatAccountingCurrencyCode?: string; // BT-6
  taxPointDate?: string; // BT-7
  vatPointDateCode?: string; // BT-8
  dueDate?: string; // BT-9
  buyerReference?: string; // BT-10
  projectReference?: string; // BT-11
  contractReference?: string; // BT-12
  purchaseOrderReference?: string; // BT-13
  salesOrderReference?: string; // BT-14
  receivingAdviceReference?: string; // BT-15
  despatchAdviceReference?: string; // BT-16
  tenderOrLotReference?: string; // BT-17
  invoicedObjectId?: Identifier; // BT-18 (+ BT-18-1)
  buyerAccountingReference?: string; // BT-19
  paymentTerms?: string; // BT-20
  notes: Note[]; // BG-1
  businessProcessType?: string; // BT-23 (BG-2)
  specificationId?: string; // BT-24 (BG-2)
  precedingInvoices: PrecedingInvoice[]; // BG-3
  seller?: Seller; // BG-4
  buyer?: Buyer; // BG-7
  payee?: Payee; // BG-10
  taxRepresentative?: TaxRepresentative; // BG-11
  delivery?: Delivery; // BG-13
  invoicingPeriod?: Period; // BG-14
  paymentInstructions?: PaymentInstructions; // BG-16
  allowances: AllowanceCharge[]; // BG-20
  charges: AllowanceCharge[]; // BG-21
  totals?: DocumentTotals; // BG-22
  vatBreakdowns: VatBreakdown[]; // BG-23
  additionalDocuments: AdditionalDocument[]; // BG-24
  lines: InvoiceLine[]; // BG-25
}

/** An empty invoice (all arrays present), the starting point of readers and builders. */
export function emptyInvoice(): Invoice {
  return {
    notes: [],
    precedingInvoices: [],
    allowances: [],
    charges: [],
    vatBreakdowns: [],
    additionalDocuments: [],
    lines: [],
  };
}

/**
 * The payment means of BG-16 one by one: `means` when the reader kept them, else the default
 * layout (see PaymentInstructions.means).
 */
export function paymentMeansOf(pi: PaymentInstructions): PaymentMeans[] {
  if (pi.means) return pi.means;
  const cts = pi.creditTransfers;
  if (cts.length === 0) return [{ code: pi.meansCode, creditTransfers: [] }];
  return cts.map((ct) => ({ code: pi.meansCode, creditTransfers: [ct] }));
}

/** True when the payment means as read are the default layout (see paymentMeansOf). */
export function isDefaultMeansLayout(pi: PaymentInstructions, means: PaymentMeans[]): boolean {
  const cts = pi.creditTransfers;
  if (means.length !== Math.max(1, cts.length)) return false;
  for (let i = 0; i < means.length; i++) {
    const m = means[i] as PaymentMeans;
    if (m.code !== pi.meansCode) return false;
    const own = m.creditTransfers;
    if (cts.length === 0 ? own.length !== 0 : own.length !== 1 || own[0] !== cts[i]) return false;
  }
  return true;
}
