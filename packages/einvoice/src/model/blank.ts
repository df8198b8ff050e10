/**
 * Blank model groups for the readers: every field of the group and of its `$at` map present
 * from the start (undefined until read), always in the order below.
 *
 * Why: V8 gives objects that gain properties in different orders different hidden classes.
 * Readers used to add only the fields a document has, so one group type came in dozens of
 * shapes, and every rule reading `totals.payableAmount` or `invoice.seller` went through a
 * megamorphic inline cache (a global stub cache shared by all such sites, whose misses end in
 * the runtime: ~55 per invoice measured with --log-ic, the main cost of reading and of the
 * business rules). One shape per group type keeps those sites monomorphic.
 *
 * Observable only as `'field' in group` (now true for an absent term, whose value stays
 * undefined): nothing relies on it, JSON drops undefined, and tests compare models with
 * toEqual. A keyed-in model is built elsewhere and keeps its own shapes.
 */
import type {
  AdditionalDocument,
  AllowanceCharge,
  Buyer,
  Contact,
  CreditTransfer,
  Delivery,
  DirectDebit,
  DocumentTotals,
  Identifier,
  Invoice,
  InvoiceLine,
  Item,
  ItemAttribute,
  Located,
  Note,
  Payee,
  PaymentCard,
  PaymentInstructions,
  PaymentMeans,
  Period,
  PostalAddress,
  PrecedingInvoice,
  PriceDetails,
  Seller,
  TaxRepresentative,
  VatBreakdown,
} from './types.js';
import type { XmlElement } from '../xml/types.js';

/** Where each field of a group was read from (see Located.$at). */
export type At<T> = Partial<Record<Exclude<keyof T, '$src' | '$at'> & string, XmlElement>>;

/** A group as the readers build it: `$at` always there, keyed by the group's own fields. */
export type Read<T extends Located> = T & { $at: At<T> };

type El = XmlElement | undefined;

/** `el`'s text, noting in `at` that `field` came from `el`; undefined (nothing noted) without it. */
export function text<K extends string>(
  at: Partial<Record<K, XmlElement>>,
  field: K,
  el: El,
): string | undefined {
  if (el === undefined) return undefined;
  at[field] = el;
  return el.text;
}

/** Attribute `name` of `el`, noting `el` as where `field` came from; undefined without it. */
export function attrText<K extends string>(
  at: Partial<Record<K, XmlElement>>,
  field: K,
  el: El,
  name: string,
): string | undefined {
  if (el === undefined) return undefined;
  for (const a of el.attributes) {
    if (a.local === name && a.ns === '') {
      at[field] = el;
      return a.value;
    }
  }
  return undefined;
}

export function blankIdentifier(src: XmlElement, value: string): Identifier {
  return { value, scheme: undefined, schemeVersion: undefined, $src: src };
}

export function blankAddress(src: XmlElement): Read<PostalAddress> {
  return {
    line1: undefined,
    line2: undefined,
    line3: undefined,
    city: undefined,
    postCode: undefined,
    countrySubdivision: undefined,
    countryCode: undefined,
    $src: src,
    $at: {
      line1: undefined,
      line2: undefined,
      line3: undefined,
      city: undefined,
      postCode: undefined,
      countrySubdivision: undefined,
      countryCode: undefined,
    },
  };
}

export function blankContact(src: XmlElement): Read<Contact> {
  return {
    name: undefined,
    phone: undefined,
    email: undefined,
    $src: src,
    $at: { name: undefined, phone: undefined, email: undefined },
  };
}

export function blankNote(src: XmlElement, text: string): Read<Note> {
  return {
    subjectCode: undefined,
    text,
    $src: src,
    $at: { subjectCode: undefined, text: undefined },
  };
}

export function blankPrecedingInvoice(src: XmlElement): Read<PrecedingInvoice> {
  return {
    id: '',
    issueDate: undefined,
    $src: src,
    $at: { id: undefined, issueDate: undefined },
  };
}

export function blankSeller(src: XmlElement): Read<Seller> {
  return {
    name: undefined,
    tradingName: undefined,
    identifiers: [],
    legalRegistration: undefined,
    vatId: undefined,
    taxRegistrationId: undefined,
    additionalLegalInfo: undefined,
    electronicAddress: undefined,
    address: undefined,
    contact: undefined,
    $src: src,
    $at: {
      name: undefined,
      tradingName: undefined,
      vatId: undefined,
      taxRegistrationId: undefined,
      additionalLegalInfo: undefined,
    },
  };
}

export function blankBuyer(src: XmlElement): Read<Buyer> {
  return {
    name: undefined,
    tradingName: undefined,
    identifier: undefined,
    legalRegistration: undefined,
    vatId: undefined,
    electronicAddress: undefined,
    address: undefined,
    contact: undefined,
    $src: src,
    $at: { name: undefined, tradingName: undefined, vatId: undefined },
  };
}

export function blankPayee(src: XmlElement): Read<Payee> {
  return {
    name: undefined,
    identifier: undefined,
    legalRegistration: undefined,
    $src: src,
    $at: { name: undefined },
  };
}

export function blankTaxRepresentative(src: XmlElement): Read<TaxRepresentative> {
  return {
    name: undefined,
    vatId: undefined,
    address: undefined,
    $src: src,
    $at: { name: undefined, vatId: undefined },
  };
}

export function blankPeriod(src: XmlElement): Read<Period> {
  return {
    startDate: undefined,
    endDate: undefined,
    $src: src,
    $at: { startDate: undefined, endDate: undefined },
  };
}

export function blankDelivery(src: XmlElement): Read<Delivery> {
  return {
    partyName: undefined,
    locationId: undefined,
    actualDate: undefined,
    address: undefined,
    $src: src,
    $at: { partyName: undefined, actualDate: undefined },
  };
}

export function blankCreditTransfer(src: XmlElement): Read<CreditTransfer> {
  return {
    accountId: undefined,
    accountName: undefined,
    serviceProviderId: undefined,
    $src: src,
    $at: { accountId: undefined, accountName: undefined, serviceProviderId: undefined },
  };
}

export function blankPaymentCard(src: XmlElement): Read<PaymentCard> {
  return {
    primaryAccountNumber: undefined,
    holderName: undefined,
    $src: src,
    $at: { primaryAccountNumber: undefined, holderName: undefined },
  };
}

export function blankDirectDebit(src: XmlElement): Read<DirectDebit> {
  return {
    mandateReference: undefined,
    creditorId: undefined,
    debitedAccountId: undefined,
    $src: src,
    $at: { mandateReference: undefined, creditorId: undefined, debitedAccountId: undefined },
  };
}

export function blankPaymentMeans(src: XmlElement): Read<PaymentMeans> {
  return { code: undefined, creditTransfers: [], $src: src, $at: { code: undefined } };
}

export function blankPaymentInstructions(src: XmlElement | undefined): Read<PaymentInstructions> {
  return {
    meansCode: undefined,
    meansText: undefined,
    remittanceInformation: undefined,
    creditTransfers: [],
    card: undefined,
    directDebit: undefined,
    means: undefined,
    $src: src,
    $at: { meansCode: undefined, meansText: undefined, remittanceInformation: undefined },
  };
}

export function blankAllowanceCharge(src: XmlElement): Read<AllowanceCharge> {
  return {
    amount: undefined,
    baseAmount: undefined,
    percentage: undefined,
    vatCategoryCode: undefined,
    vatRate: undefined,
    taxScheme: undefined,
    reason: undefined,
    reasonCode: undefined,
    $src: src,
    $at: {
      amount: undefined,
      baseAmount: undefined,
      percentage: undefined,
      vatCategoryCode: undefined,
      vatRate: undefined,
      taxScheme: undefined,
      reason: undefined,
      reasonCode: undefined,
    },
  };
}

export function blankTotals(src: XmlElement | undefined): Read<DocumentTotals> {
  return {
    lineNetTotal: undefined,
    allowanceTotal: undefined,
    chargeTotal: undefined,
    taxExclusiveAmount: undefined,
    vatTotal: undefined,
    vatTotalInAccountingCurrency: undefined,
    taxInclusiveAmount: undefined,
    prepaidAmount: undefined,
    roundingAmount: undefined,
    payableAmount: undefined,
    $src: src,
    $at: {
      lineNetTotal: undefined,
      allowanceTotal: undefined,
      chargeTotal: undefined,
      taxExclusiveAmount: undefined,
      vatTotal: undefined,
      vatTotalInAccountingCurrency: undefined,
      taxInclusiveAmount: undefined,
      prepaidAmount: undefined,
      roundingAmount: undefined,
      payableAmount: undefined,
    },
  };
}

export function blankVatBreakdown(src: XmlElement): Read<VatBreakdown> {
  return {
    taxableAmount: undefined,
    taxAmount: undefined,
    categoryCode: undefined,
    rate: undefined,
    exemptionReason: undefined,
    exemptionReasonCode: undefined,
    taxScheme: undefined,
    $src: src,
    $at: {
      taxableAmount: undefined,
      taxAmount: undefined,
      categoryCode: undefined,
      rate: undefined,
      exemptionReason: undefined,
      exemptionReasonCode: undefined,
      taxScheme: undefined,
    },
  };
}

export function blankAdditionalDocument(src: XmlElement): Read<AdditionalDocument> {
  return {
    id: '',
    typeCode: undefined,
    description: undefined,
    externalUri: undefined,
    attachment: undefined,
    $src: src,
    $at: {
      id: undefined,
      typeCode: undefined,
      description: undefined,
      externalUri: undefined,
      attachment: undefined,
    },
  };
}

export function blankPrice(src: XmlElement): Read<PriceDetails> {
  return {
    netPrice: undefined,
    discount: undefined,
    grossPrice: undefined,
    baseQuantity: undefined,
    baseQuantityUnitCode: undefined,
    $src: src,
    $at: {
      netPrice: undefined,
      discount: undefined,
      grossPrice: undefined,
      baseQuantity: undefined,
      baseQuantityUnitCode: undefined,
    },
  };
}

export function blankItemAttribute(src: XmlElement): Read<ItemAttribute> {
  return { name: '', value: '', $src: src, $at: { name: undefined, value: undefined } };
}

export function blankItem(src: XmlElement): Read<Item> {
  return {
    name: undefined,
    description: undefined,
    sellerId: undefined,
    buyerId: undefined,
    standardId: undefined,
    classifications: [],
    originCountry: undefined,
    attributes: [],
    $src: src,
    $at: {
      name: undefined,
      description: undefined,
      sellerId: undefined,
      buyerId: undefined,
      originCountry: undefined,
    },
  };
}

export function blankLine(src: XmlElement): Read<InvoiceLine> {
  return {
    id: undefined,
    note: undefined,
    objectId: undefined,
    quantity: undefined,
    unitCode: undefined,
    netAmount: undefined,
    orderLineRef: undefined,
    buyerAccountingRef: undefined,
    period: undefined,
    allowances: [],
    charges: [],
    price: undefined,
    vatCategoryCode: undefined,
    vatRate: undefined,
    taxScheme: undefined,
    item: undefined,
    subLines: undefined,
    $src: src,
    $at: {
      id: undefined,
      note: undefined,
      objectId: undefined,
      quantity: undefined,
      unitCode: undefined,
      netAmount: undefined,
      orderLineRef: undefined,
      buyerAccountingRef: undefined,
      vatCategoryCode: undefined,
      vatRate: undefined,
      taxScheme: undefined,
    },
  };
}

export function blankInvoice(src: XmlElement): Read<Invoice> {
  return {
    syntax: undefined,
    ublDocument: undefined,
    id: undefined,
    issueDate: undefined,
    typeCode: undefined,
    currencyCode: undefined,
    vatAccountingCurrencyCode: undefined,
    taxPointDate: undefined,
    vatPointDateCode: undefined,
    dueDate: undefined,
    buyerReference: undefined,
    projectReference: undefined,
    contractReference: undefined,
    purchaseOrderReference: undefined,
    salesOrderReference: undefined,
    receivingAdviceReference: undefined,
    despatchAdviceReference: undefined,
    tenderOrLotReference: undefined,
    invoicedObjectId: undefined,
    buyerAccountingReference: undefined,
    paymentTerms: undefined,
    notes: [],
    businessProcessType: undefined,
    specificationId: undefined,
    precedingInvoices: [],
    seller: undefined,
    buyer: undefined,
    payee: undefined,
    taxRepresentative: undefined,
    delivery: undefined,
    invoicingPeriod: undefined,
    paymentInstructions: undefined,
    allowances: [],
    charges: [],
    totals: undefined,
    vatBreakdowns: [],
    additionalDocuments: [],
    lines: [],
    $src: src,
    $at: {
      id: undefined,
      issueDate: undefined,
      typeCode: undefined,
      currencyCode: undefined,
      vatAccountingCurrencyCode: undefined,
      taxPointDate: undefined,
      vatPointDateCode: undefined,
      dueDate: undefined,
      buyerReference: undefined,
      projectReference: undefined,
      contractReference: undefined,
      purchaseOrderReference: undefined,
      salesOrderReference: undefined,
      receivingAdviceReference: undefined,
      despatchAdviceReference: undefined,
      tenderOrLotReference: undefined,
      invoicedObjectId: undefined,
      buyerAccountingReference: undefined,
      paymentTerms: undefined,
      businessProcessType: undefined,
      specificationId: undefined,
    },
  };
}
