/**
 * One invoice in detail, for whoever may read it (supplier side or recipient service): routing,
 * amounts, status and version (to name in a change), EN 16931 warnings, the normalised model,
 * the stored files (without their bytes) and the payment terms as of today.
 *
 * Reading the detail is not a download: `first_downloaded_at` only moves when the recipient
 * fetches the original.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { PublicCategory } from '../directory/model.js';
import { loadSuspensions, paymentTermsOf, type PaymentTerms } from './get-forecast.js';
import { loadInvoiceFor, sidesFor, type InvoiceSide } from './invoice-access.js';
import { allowedActions, type AllowedAction } from './lifecycle.js';
import { loadEcbRates } from './list-ecb-rates.js';
import type { FileKind, InvoiceStatus, InvoiceType, RejectionReason } from './model.js';
import { parisDate } from './payment-terms.js';

export interface InvoiceDetail {
  id: string;
  number: string;
  issueDate: string;
  type: InvoiceType;
  typeCode: string | null;
  framework: string;
  currency: string;
  format: string;
  status: InvoiceStatus;
  version: number;
  /** What the caller may act as on this invoice. */
  sides: InvoiceSide[];
  /** The moves the caller may make now (the portal offers only these). */
  allowedActions: AllowedAction[];
  supplier: { identifier: string; name: string };
  recipient: { identifier: string; name: string };
  service: { code: string; name: string } | null;
  serviceCode: string | null;
  commitmentNumber: string | null;
  amounts: {
    totalWithoutVat: string | null;
    totalVat: string | null;
    totalWithVat: string | null;
    amountDue: string | null;
  };
  depositedAt: string;
  madeAvailableAt: string | null;
  firstDownloadedAt: string | null;
  suspendedSince: string | null;
  mandateNumber: string | null;
  payment: { date: string | null; amount: string | null };
  /** Why the recipient rejected it (REJETEE only): the code and the clerk's words. */
  rejection: { reason: RejectionReason; comment: string | null } | null;
  warnings: unknown[];
  model: unknown;
  files: {
    id: string;
    kind: FileKind;
    name: string;
    mediaType: string;
    size: number;
    sha256: string;
    createdAt: string;
  }[];
  /**
   * The due date written on the invoice (BT-9), as the rendering shows it; null when the
   * invoice gives none. Not the legal payment deadline (`terms.dueDate`), which runs from the
   * day it was made available.
   */
  invoiceDueDate: string | null;
  terms: PaymentTerms;
}

export async function getInvoice(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  now?: Date;
}): Promise<InvoiceDetail> {
  const { db } = options;
  const { invoice, sides } = await loadInvoiceFor({
    db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    purpose: 'read',
  });
  // Reading may come with a read-only scope; the actions are those of the sides one may act as.
  const acting = await sidesFor({ db, principal: options.principal, invoice, purpose: 'act' });
  const [structures, service, files, rates, suspensions, rejectedBy] = await Promise.all([
    db
      .selectFrom('structure')
      .select(['id', 'identifier', 'name', 'category'])
      .where('id', 'in', [invoice.supplier_structure_id, invoice.recipient_structure_id])
      .execute(),
    invoice.recipient_service_id
      ? db
          .selectFrom('service')
          .select(['code', 'name'])
          .where('id', '=', invoice.recipient_service_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
    db
      .selectFrom('invoice_file')
      .select(['id', 'kind', 'name', 'media_type', 'size', 'sha256', 'created_at'])
      .where('invoice_id', '=', invoice.id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    loadEcbRates(db),
    loadSuspensions(db, [invoice]),
    // The clerk's words are those of the latest move to REJETEE (the code is on the invoice).
    invoice.status === 'REJETEE'
      ? db
          .selectFrom('invoice_event')
          .select('reason')
          .where('invoice_id', '=', invoice.id)
          .where('to_status', '=', 'REJETEE')
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const supplier = structures.find((s) => s.id === invoice.supplier_structure_id)!;
  const recipient = structures.find((s) => s.id === invoice.recipient_structure_id)!;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: invoice.id,
    number: invoice.number,
    issueDate: invoice.issue_date,
    type: invoice.type as InvoiceType,
    typeCode: invoice.type_code,
    framework: invoice.framework,
    currency: invoice.currency,
    format: invoice.format,
    status: invoice.status as InvoiceStatus,
    version: invoice.version,
    sides,
    allowedActions: allowedActions(invoice.status as InvoiceStatus, acting.sides),
    // Names from the directory: a structure appears under one name, whatever its XML said.
    supplier: { identifier: supplier.identifier, name: supplier.name },
    recipient: { identifier: recipient.identifier, name: recipient.name },
    service: service ?? null,
    serviceCode: invoice.service_code,
    commitmentNumber: invoice.commitment_number,
    amounts: {
      totalWithoutVat: invoice.total_without_vat,
      totalVat: invoice.total_vat,
      totalWithVat: invoice.total_with_vat,
      amountDue: invoice.amount_due,
    },
    depositedAt: invoice.deposited_at.toISOString(),
    madeAvailableAt: iso(invoice.made_available_at),
    firstDownloadedAt: iso(invoice.first_downloaded_at),
    suspendedSince: iso(invoice.suspended_since),
    mandateNumber: invoice.mandate_number,
    payment: { date: invoice.payment_date, amount: invoice.payment_amount },
    rejection:
      invoice.status === 'REJETEE'
        ? {
            // Rejected before migration 0022 (no code kept): told as AUTRE with its words.
            reason: (invoice.rejection_reason ?? 'AUTRE') as RejectionReason,
            comment: rejectedBy?.reason ?? null,
          }
        : null,
    warnings: invoice.warnings,
    model: invoice.model,
    invoiceDueDate: writtenDueDate(invoice.model),
    files: files.map((f) => ({
      id: f.id,
      kind: f.kind as FileKind,
      name: f.name,
      mediaType: f.media_type,
      size: f.size,
      sha256: f.sha256,
      createdAt: f.created_at.toISOString(),
    })),
    terms: paymentTermsOf({
      invoice,
      category: recipient.category as PublicCategory | null,
      suspensions: suspensions.get(invoice.id) ?? [],
      rates,
      asOf: parisDate(options.now ?? new Date()),
    }),
  };
}

/** BT-9 from the stored model (an ISO date string), or null. */
function writtenDueDate(model: unknown): string | null {
  const due = (model as { dueDate?: unknown } | null)?.dueDate;
  return typeof due === 'string' && due !== '' ? due : null;
}
