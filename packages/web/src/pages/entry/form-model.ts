/**
 * The key-in form's values and how they become the keyed invoice the API takes (the same
 * KeyedInvoice the library maps to EN 16931), and where a problem about a keyed field or a
 * refusal code is shown in the form.
 */
import type { KeyedInvoice } from '@chorale/einvoice';
import { computeAmounts, decimalOf, EXEMPT_CATEGORIES, NO_RATE_CATEGORIES } from './amounts';

export const INVOICE_TYPES = ['FACTURE', 'AVOIR', 'ACOMPTE'] as const;
export type InvoiceKind = (typeof INVOICE_TYPES)[number];
/** The billing frameworks the platform accepts today (others are refused: CADRE_NON_SUPPORTE). */
export const FRAMEWORKS = ['A1_FACTURE_FOURNISSEUR', 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE'] as const;
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'] as const;
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
/** UN/ECE Rec. 20 units a small supplier uses most. */
export const UNITS = ['C62', 'HUR', 'DAY', 'KGM', 'MTR', 'LTR', 'MTK', 'XPP'] as const;

export interface LineValues {
  name: string;
  quantity: string;
  unitCode: string;
  unitPrice: string;
  vatCategory: string;
  vatRate: string;
}

export interface RecipientChoice {
  identifier: string;
  name: string;
}

export interface FormValues {
  /** The chosen recipient (kept as two plain values: the form library handles them best). */
  recipientIdentifier: string;
  recipientName: string;
  serviceCode: string;
  commitmentNumber: string;
  number: string;
  issueDate: string;
  dueDate: string;
  type: InvoiceKind;
  framework: string;
  currency: string;
  paymentTerms: string;
  supplierVatId: string;
  lines: LineValues[];
  /** Exemption reason (BT-120) per VAT category that needs one. */
  exemptions: Record<string, string>;
}

export function emptyLine(): LineValues {
  return {
    name: '',
    quantity: '1',
    unitCode: 'C62',
    unitPrice: '',
    vatCategory: 'S',
    vatRate: '20',
  };
}

export function emptyForm(today: string): FormValues {
  return {
    recipientIdentifier: '',
    recipientName: '',
    serviceCode: '',
    commitmentNumber: '',
    number: '',
    issueDate: today,
    dueDate: '',
    type: 'FACTURE',
    framework: 'A1_FACTURE_FOURNISSEUR',
    currency: 'EUR',
    paymentTerms: '',
    supplierVatId: '',
    lines: [emptyLine()],
    exemptions: {},
  };
}

export interface Supplier {
  identifier: string;
  name: string;
  address: {
    line1?: string;
    line2?: string;
    city?: string;
    postCode?: string;
    countryCode: string;
  };
}

const opt = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/**
 * The keyed invoice of the form. Unreadable numbers are passed as typed (the rules and the
 * server then say what is wrong with them); amounts are computed, never typed.
 */
export function toKeyed(values: FormValues, supplier: Supplier): KeyedInvoice {
  const amounts = computeAmounts(values.lines);
  return {
    supplier: {
      identifier: supplier.identifier,
      name: supplier.name,
      vatId: opt(values.supplierVatId)?.replace(/\s/g, ''),
      address: supplier.address,
    },
    recipient: {
      identifier: values.recipientIdentifier,
      name: values.recipientName || undefined,
    },
    serviceCode: opt(values.serviceCode),
    commitmentNumber: opt(values.commitmentNumber),
    number: values.number.trim(),
    issueDate: values.issueDate,
    dueDate: opt(values.dueDate),
    type: values.type,
    currency: values.currency,
    paymentTerms: opt(values.paymentTerms),
    lines: values.lines.map((l, i) => ({
      name: l.name.trim(),
      quantity: decimalOf(l.quantity) ?? l.quantity.trim(),
      unitCode: l.unitCode || undefined,
      unitPrice: decimalOf(l.unitPrice) ?? l.unitPrice.trim(),
      netAmount: amounts.lineNets[i] ?? '0.00',
      vatCategory: l.vatCategory,
      vatRate: NO_RATE_CATEGORIES.has(l.vatCategory)
        ? undefined
        : (decimalOf(l.vatRate) ?? opt(l.vatRate)),
    })),
    vatBreakdown: amounts.breakdown.map((b) => ({
      category: b.category,
      rate: b.rate,
      taxableAmount: b.taxableAmount,
      taxAmount: b.taxAmount,
      exemptionReason: EXEMPT_CATEGORIES.has(b.category)
        ? opt(values.exemptions[b.category])
        : undefined,
    })),
    totals: amounts.totals,
  };
}

/** The keyed invoice as JSON for the API: absent optional terms are left out. */
export function keyedJson(keyed: KeyedInvoice): KeyedInvoice {
  return JSON.parse(JSON.stringify(keyed)) as KeyedInvoice;
}

/**
 * The keyed invoice as it will be sent: the service and commitment number only when the
 * recipient asks for them (a value typed for a previous recipient is not sent).
 */
export function keyedBody(
  values: FormValues,
  supplier: Supplier,
  asked: { service: boolean; commitment: boolean },
): KeyedInvoice {
  return keyedJson(
    toKeyed(
      {
        ...values,
        serviceCode: asked.service ? values.serviceCode : '',
        commitmentNumber: asked.commitment ? values.commitmentNumber : '',
      },
      supplier,
    ),
  );
}

/** Form places a problem can be shown at. */
export type Place =
  | 'recipient'
  | 'serviceCode'
  | 'commitmentNumber'
  | 'number'
  | 'issueDate'
  | 'dueDate'
  | 'type'
  | 'framework'
  | 'currency'
  | 'paymentTerms'
  | 'supplierVatId'
  | 'supplier'
  | 'lines'
  | `lines.${number}.${keyof LineValues}`
  | `exemptions.${string}`
  | 'totals'
  | 'pdf'
  | 'attachments'
  | 'top';

const LINE_FIELDS: Record<string, keyof LineValues> = {
  name: 'name',
  quantity: 'quantity',
  unitCode: 'unitCode',
  unitPrice: 'unitPrice',
  netAmount: 'unitPrice',
  vatCategory: 'vatCategory',
  vatRate: 'vatRate',
  id: 'name',
};

/**
 * Where a keyed field's problem shows: 'lines.1.vatRate' at that line's rate, a breakdown's
 * exemption reason at its category's reason, other breakdown and total terms at the totals.
 */
export function placeOfKeyedField(field: string | null, keyed: KeyedInvoice): Place {
  if (!field) return 'top';
  const parts = field.split('.');
  const head = parts[0];
  if (head === 'lines') {
    const i = parts[1];
    if (i === undefined) return 'lines';
    const f = LINE_FIELDS[parts[2] ?? ''] ?? 'name';
    return `lines.${Number(i)}.${f}`;
  }
  if (head === 'vatBreakdown') {
    const b = keyed.vatBreakdown[Number(parts[1])];
    if (parts[2] === 'exemptionReason' && b) return `exemptions.${b.category}`;
    return 'totals';
  }
  if (head === 'totals') return 'totals';
  if (head === 'recipient') return 'recipient';
  if (field === 'supplier.vatId') return 'supplierVatId';
  if (head === 'supplier') return 'supplier';
  const direct: Record<string, Place> = {
    number: 'number',
    issueDate: 'issueDate',
    dueDate: 'dueDate',
    type: 'type',
    currency: 'currency',
    paymentTerms: 'paymentTerms',
    serviceCode: 'serviceCode',
    commitmentNumber: 'commitmentNumber',
  };
  return direct[field] ?? 'top';
}

/** Where a refusal of the server shows, by its stable code. */
export function placeOfRefusal(code: string): Place {
  switch (code) {
    case 'DOUBLON':
      return 'number';
    case 'SERVICE_OBLIGATOIRE':
    case 'SERVICE_INCONNU':
    case 'SERVICE_INACTIF':
      return 'serviceCode';
    case 'ENGAGEMENT_OBLIGATOIRE':
      return 'commitmentNumber';
    case 'DESTINATAIRE_INCONNU':
    case 'DESTINATAIRE_NON_PUBLIC':
    case 'DESTINATAIRE_INACTIF':
      return 'recipient';
    case 'CADRE_NON_SUPPORTE':
      return 'framework';
    case 'TYPE_NON_SUPPORTE':
      return 'type';
    case 'PIECE_JOINTE_REFUSEE':
      return 'attachments';
    case 'FORMAT_ILLISIBLE':
    case 'FORMAT_NON_SUPPORTE':
      return 'pdf';
    default:
      return 'top';
  }
}

/** Where a schema problem of the API (pointer 'keyed/lines/0/quantity') shows. */
export function placeOfPointer(pointer: string | undefined, keyed: KeyedInvoice): Place {
  if (!pointer?.startsWith('keyed/')) return 'top';
  return placeOfKeyedField(pointer.slice('keyed/'.length).split('/').join('.'), keyed);
}
