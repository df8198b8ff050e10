import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { loadInvoiceFor, type InvoiceAccess, type InvoiceSide } from './invoice-access.js';
import {
  applyTransition,
  checkTransition,
  type AppliedTransition,
  type Transition,
  type TransitionColumns,
  type Via,
} from './lifecycle.js';
import { actorOf } from './journal.js';
import { MAX_REASON, type InvoiceStatus, type RejectionReason } from './model.js';

export const MAX_MANDATE_NUMBER = 50;

/** The version check, shared by every lifecycle use case: a stale version is a 409. */
export function checkVersion(invoice: { version: number }, version: number): void {
  if (invoice.version !== version) {
    throw new AppError(
      'CONFLICT',
      `This invoice is at version ${invoice.version}, not ${version}: reload it and try again`,
    );
  }
}

/**
 * The start of every lifecycle use case (status change, completion, recycling): the invoice the
 * principal may act on (on `side` when the use case belongs to one side), at the version the
 * caller names, and the transition to `to` allowed through this use case (`via`).
 */
export async function startTransition(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  version: number;
  side?: InvoiceSide | undefined;
  to: InvoiceStatus;
  via: Via;
}): Promise<InvoiceAccess & { transition: Transition }> {
  const access = await loadInvoiceFor({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    side: options.side,
  });
  checkVersion(access.invoice, options.version);
  const transition = checkTransition({
    from: access.invoice.status as InvoiceStatus,
    to: options.to,
    sides: access.sides,
    via: options.via,
  });
  return { ...access, transition };
}

/**
 * The free-text reason of a move. The French messages are those the portal shows at the field
 * (action-messages.ts), so a caller of the API reads the same words as a clerk.
 */
export function checkReason(reason: string | undefined, required: boolean): string | null {
  const text = reason?.trim() ?? '';
  if (required && !text) {
    throw new AppError('VALIDATION_FAILED', 'A reason is required', {
      fr: 'Saisissez le motif.',
      details: [{ pointer: 'reason', message: 'required' }],
    });
  }
  if (text.length > MAX_REASON) {
    throw new AppError('VALIDATION_FAILED', `The reason is longer than ${MAX_REASON} characters`, {
      fr: `Le motif compte ${text.length} caractères : ${MAX_REASON} au plus.`,
      details: [{ pointer: 'reason', message: `at most ${MAX_REASON} characters` }],
    });
  }
  return text || null;
}

/**
 * A rejection's reason: a code from the closed list, plus free text, which AUTRE needs (so
 * does a rejection naming no code: it is recorded as AUTRE). A code on any other move is
 * refused rather than silently dropped.
 */
export function checkRejection(
  to: InvoiceStatus,
  code: RejectionReason | undefined,
  reason: string | undefined,
): { code: RejectionReason | null; reason: string | null } {
  if (to !== 'REJETEE') {
    if (code !== undefined) {
      throw new AppError('VALIDATION_FAILED', 'A rejection reason only goes with REJETEE', {
        fr: 'Un motif de rejet ne va qu’avec le statut REJETEE.',
        details: [{ pointer: 'rejectionReason', message: 'only with REJETEE' }],
      });
    }
    return { code: null, reason: null };
  }
  const chosen = code ?? 'AUTRE';
  const text = checkReason(reason, false);
  if (chosen === 'AUTRE' && !text) {
    throw new AppError('VALIDATION_FAILED', 'Say why the invoice is rejected', {
      fr: 'Précisez le motif du rejet : le fournisseur doit savoir quoi corriger.',
      details: [{ pointer: 'reason', message: 'required with AUTRE' }],
    });
  }
  return { code: chosen, reason: text };
}

function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/**
 * The recipient (or, for no status today, the supplier) moves an invoice to another status
 * through the generic change. Checks, in order: access (404/403), version (409), the
 * transition table (409 / 403 / 400), what the move needs (400); then one transaction: the
 * optimistic update, the journal row, the notification jobs.
 */
export async function changeInvoiceStatus(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  status: InvoiceStatus;
  version: number;
  reason?: string | undefined;
  /** Only with REJETEE: why, from the closed list; AUTRE (the default) needs `reason`. */
  rejectionReason?: RejectionReason | undefined;
  mandateNumber?: string | undefined;
  paymentDate?: string | undefined;
  /** Decimal string, e.g. "1234.50". */
  paymentAmount?: string | undefined;
  now?: Date;
}): Promise<{ id: string } & AppliedTransition> {
  const { invoice, transition } = await startTransition({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    version: options.version,
    to: options.status,
    via: 'status',
  });
  const rejection = checkRejection(transition.to, options.rejectionReason, options.reason);
  const reason = rejection.code
    ? rejection.reason
    : checkReason(options.reason, transition.needs.includes('reason'));
  const columns: TransitionColumns = {};
  const data: Record<string, unknown> = {};
  if (rejection.code) {
    columns.rejection_reason = rejection.code;
    data.rejectionReason = rejection.code;
  }
  if (transition.needs.includes('mandateNumber')) {
    const mandate = options.mandateNumber?.trim() ?? '';
    if (!mandate || mandate.length > MAX_MANDATE_NUMBER) {
      throw new AppError('VALIDATION_FAILED', 'A mandate number is required', {
        details: [{ pointer: 'mandateNumber', message: `1 to ${MAX_MANDATE_NUMBER} characters` }],
      });
    }
    columns.mandate_number = mandate;
    data.mandateNumber = mandate;
  }
  if (transition.needs.includes('payment')) {
    const details = [];
    if (!options.paymentDate || !isCalendarDate(options.paymentDate)) {
      details.push({ pointer: 'paymentDate', message: 'a date YYYY-MM-DD' });
    }
    if (!options.paymentAmount || !/^\d{1,13}(\.\d{1,2})?$/.test(options.paymentAmount)) {
      details.push({ pointer: 'paymentAmount', message: 'a positive amount, e.g. 1234.50' });
    }
    if (details.length) {
      throw new AppError('VALIDATION_FAILED', 'A payment date and amount are required', {
        details,
      });
    }
    columns.payment_date = options.paymentDate!;
    columns.payment_amount = options.paymentAmount!;
    data.paymentDate = options.paymentDate;
    data.paymentAmount = options.paymentAmount;
  }
  const applied = await options.db.transaction().execute((trx) =>
    applyTransition(trx, {
      invoice,
      version: options.version,
      to: transition.to,
      event: transition.event,
      actor: actorOf(options.principal),
      reason,
      data,
      columns,
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  return { id: invoice.id, ...applied };
}
