/**
 * Loading an invoice for whoever asks, with the checks every invoice use case needs.
 *
 * Invariants:
 * - someone with no tie at all to the invoice (not a member of, nor a client of, its supplier
 *   or recipient structure) gets NOT_FOUND, exactly as for an id that does not exist: an
 *   invoice of another structure never reveals itself;
 * - a member (or client) of one of the two structures who lacks the right gets FORBIDDEN;
 * - on the recipient side a right is per service: a FACTURES_RECUES right on the whole
 *   structure, or on the invoice's own service. A clerk of another service is a member
 *   without the right (FORBIDDEN).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { InvoiceTable } from '../db/schema/invoices.js';
import { AppError, notFound } from '../lib/errors.js';

export const invoiceSides = ['SUPPLIER', 'RECIPIENT'] as const;
export type InvoiceSide = (typeof invoiceSides)[number];

export type InvoiceRow = Selectable<InvoiceTable>;

export interface InvoiceAccess {
  invoice: InvoiceRow;
  /** The sides the principal may act on (never empty). */
  sides: InvoiceSide[];
}

/**
 * What the caller means to do:
 * - 'act' (default): change it. Users need FACTURES_EMISES (supplier side) or FACTURES_RECUES
 *   (recipient side); API clients need invoices:send (supplier) or invoices:process
 *   (recipient).
 * - 'read': look at it. Same user rights; an API client may also read with invoices:read.
 */
export type InvoicePurpose = 'act' | 'read';

/** The sides a principal holds on an invoice, and whether it is tied to it at all. */
export async function sidesFor(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoice: Pick<
    InvoiceRow,
    'supplier_structure_id' | 'recipient_structure_id' | 'recipient_service_id'
  >;
  purpose?: InvoicePurpose;
}): Promise<{ sides: InvoiceSide[]; related: boolean }> {
  const { principal, invoice } = options;
  const purpose = options.purpose ?? 'act';
  const sides: InvoiceSide[] = [];
  if (principal.kind === 'client') {
    const read = purpose === 'read' && principal.scopes.includes('invoices:read');
    if (principal.structureId === invoice.supplier_structure_id) {
      if (read || principal.scopes.includes('invoices:send')) sides.push('SUPPLIER');
    }
    if (principal.structureId === invoice.recipient_structure_id) {
      if (read || principal.scopes.includes('invoices:process')) sides.push('RECIPIENT');
    }
    const related =
      principal.structureId === invoice.supplier_structure_id ||
      principal.structureId === invoice.recipient_structure_id;
    return { sides, related };
  }
  const rows = await options.db
    .selectFrom('membership')
    .leftJoin('membership_right', 'membership_right.membership_id', 'membership.id')
    .select(['membership.structure_id', 'membership_right.space', 'membership_right.service_id'])
    .where('membership.user_id', '=', principal.userId)
    .where('membership.structure_id', 'in', [
      invoice.supplier_structure_id,
      invoice.recipient_structure_id,
    ])
    .execute();
  const supplier = rows.some(
    (r) => r.structure_id === invoice.supplier_structure_id && r.space === 'FACTURES_EMISES',
  );
  const recipient = rows.some(
    (r) =>
      r.structure_id === invoice.recipient_structure_id &&
      r.space === 'FACTURES_RECUES' &&
      (r.service_id === null || r.service_id === invoice.recipient_service_id),
  );
  if (supplier) sides.push('SUPPLIER');
  if (recipient) sides.push('RECIPIENT');
  return { sides, related: rows.length > 0 };
}

/**
 * The invoice row and the sides the principal may act on. NOT_FOUND when the invoice does not
 * exist or the principal has no tie to it; FORBIDDEN when it is tied but holds no right (or
 * not the right for the `side` asked).
 */
export async function loadInvoiceFor(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  side?: InvoiceSide;
  purpose?: InvoicePurpose;
}): Promise<InvoiceAccess> {
  const invoice = await options.db
    .selectFrom('invoice')
    .selectAll()
    .where('id', '=', options.invoiceId)
    .executeTakeFirst();
  if (!invoice) throw notFound(`Invoice ${options.invoiceId}`);
  const { sides, related } = await sidesFor({
    db: options.db,
    principal: options.principal,
    invoice,
    ...(options.purpose ? { purpose: options.purpose } : {}),
  });
  if (sides.length === 0) {
    if (!related) throw notFound(`Invoice ${options.invoiceId}`);
    throw new AppError('FORBIDDEN', 'You have no right on this invoice');
  }
  if (options.side && !sides.includes(options.side)) {
    throw new AppError(
      'FORBIDDEN',
      options.side === 'SUPPLIER'
        ? 'Only the supplier of this invoice may do this'
        : 'Only the recipient service of this invoice may do this',
    );
  }
  return { invoice, sides };
}
