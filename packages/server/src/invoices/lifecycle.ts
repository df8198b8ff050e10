/**
 * The invoice lifecycle: ONE table of every allowed move, who may make it and what it needs,
 * and the one function that applies a move (status, version, payment clock, journal, jobs) in
 * the caller's transaction. Every use case that changes a status goes through `applyTransition`.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordEvents } from '../events/record-event.js';
import { enqueue } from '../jobs/queue.js';
import { AppError } from '../lib/errors.js';
import type { InvoiceSide } from './invoice-access.js';
import { invoiceEvents } from './invoice-events.js';
import { appendJournal, type Actor } from './journal.js';
import type { InvoiceStatus, JournalEvent } from './model.js';

/** Who moves an invoice: one of the two sides, or the platform itself. */
export type Party = InvoiceSide | 'SYSTEM';

/** What a move needs besides the version. */
export type Requirement =
  /** A reason of at most MAX_REASON characters. */
  | 'reason'
  /** The mandate number (numéro de mandat). */
  | 'mandateNumber'
  /** Payment date and amount. */
  | 'payment'
  /** Supplier's complement: a comment and/or attachments (complete-invoice). */
  | 'complement'
  /** New routing checked against the directory (recycle-invoice). */
  | 'routing';

/** Which use case performs the move: the generic status change or a dedicated one. */
export type Via = 'status' | 'complete' | 'recycle' | 'system';

export interface Transition {
  from: InvoiceStatus;
  to: InvoiceStatus;
  by: Party;
  needs: readonly Requirement[];
  via: Via;
  event: JournalEvent;
}

export { lifecycleCodes } from './lifecycle-codes.js';

const recipientDecisions = (from: InvoiceStatus): Transition[] => [
  {
    from,
    to: 'REJETEE',
    by: 'RECIPIENT',
    needs: ['reason'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  {
    from,
    to: 'SUSPENDUE',
    by: 'RECIPIENT',
    needs: ['reason'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  { from, to: 'A_RECYCLER', by: 'RECIPIENT', needs: [], via: 'status', event: 'STATUS_CHANGED' },
  { from, to: 'SERVICE_FAIT', by: 'RECIPIENT', needs: [], via: 'status', event: 'STATUS_CHANGED' },
  {
    from,
    to: 'MANDATEE',
    by: 'RECIPIENT',
    needs: ['mandateNumber'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
];

/** Every allowed move. Anything not listed is refused. */
export const transitions: readonly Transition[] = [
  {
    from: 'DEPOSEE',
    to: 'EN_COURS_ACHEMINEMENT',
    by: 'SYSTEM',
    needs: [],
    via: 'system',
    event: 'ROUTED',
  },
  {
    from: 'DEPOSEE',
    to: 'MISE_A_DISPOSITION',
    by: 'SYSTEM',
    needs: [],
    via: 'system',
    event: 'MADE_AVAILABLE',
  },
  {
    from: 'EN_COURS_ACHEMINEMENT',
    to: 'MISE_A_DISPOSITION',
    by: 'SYSTEM',
    needs: [],
    via: 'system',
    event: 'MADE_AVAILABLE',
  },
  ...recipientDecisions('MISE_A_DISPOSITION'),
  // Once completed, the recipient decides again as on a freshly available invoice.
  ...recipientDecisions('COMPLETEE'),
  // A suspension the supplier never answers can end in a refusal.
  {
    from: 'SUSPENDUE',
    to: 'REJETEE',
    by: 'RECIPIENT',
    needs: ['reason'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  {
    from: 'SUSPENDUE',
    to: 'COMPLETEE',
    by: 'SUPPLIER',
    needs: ['complement'],
    via: 'complete',
    event: 'COMPLETED',
  },
  {
    from: 'A_RECYCLER',
    to: 'MISE_A_DISPOSITION',
    by: 'SUPPLIER',
    needs: ['routing'],
    via: 'recycle',
    event: 'RECYCLED',
  },
  {
    from: 'SERVICE_FAIT',
    to: 'MANDATEE',
    by: 'RECIPIENT',
    needs: ['mandateNumber'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  {
    from: 'MANDATEE',
    to: 'MISE_A_DISPOSITION_COMPTABLE',
    by: 'RECIPIENT',
    needs: [],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  {
    from: 'MISE_A_DISPOSITION_COMPTABLE',
    to: 'COMPTABILISEE',
    by: 'RECIPIENT',
    needs: [],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  {
    from: 'COMPTABILISEE',
    to: 'MISE_EN_PAIEMENT',
    by: 'RECIPIENT',
    needs: ['payment'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
  // The recipient may skip the accounting steps when its accountant does not report them.
  {
    from: 'MANDATEE',
    to: 'MISE_EN_PAIEMENT',
    by: 'RECIPIENT',
    needs: ['payment'],
    via: 'status',
    event: 'STATUS_CHANGED',
  },
];

/** Statuses no move leaves. REJETEE: the supplier may only acknowledge (journal only). */
export const finalStatuses: readonly InvoiceStatus[] = ['REJETEE', 'MISE_EN_PAIEMENT'];

export function findTransition(from: InvoiceStatus, to: InvoiceStatus): Transition | undefined {
  return transitions.find((t) => t.from === from && t.to === to);
}

/** The moves open from a status to someone holding `sides` (for the UI's action buttons). */
export function transitionsFor(from: InvoiceStatus, sides: readonly InvoiceSide[]): Transition[] {
  return transitions.filter((t) => t.from === from && t.by !== 'SYSTEM' && sides.includes(t.by));
}

/** A move the caller may make now, as the API gives it (the portal shows only these). */
export interface AllowedAction {
  /** The route that makes it: POST /invoices/{id}/status, /complete, /recycle or /acknowledge. */
  action: Exclude<Via, 'system'> | 'acknowledge';
  /** The status it leads to; null for acknowledge (the status stays REJETEE). */
  to: InvoiceStatus | null;
  needs: Requirement[];
}

/**
 * What someone holding `sides` may do now with an invoice in `status`: the moves of the one
 * transition table, and acknowledging a refusal (a journal event, no move).
 */
export function allowedActions(
  status: InvoiceStatus,
  sides: readonly InvoiceSide[],
): AllowedAction[] {
  const moves: AllowedAction[] = transitionsFor(status, sides).map((t) => ({
    action: t.via as Exclude<Via, 'system'>,
    to: t.to,
    needs: [...t.needs],
  }));
  if (status === 'REJETEE' && sides.includes('SUPPLIER')) {
    moves.push({ action: 'acknowledge', to: null, needs: [] });
  }
  return moves;
}

/**
 * The move from `from` to `to` by someone holding `sides` through `via`, or the error to give:
 * CONFLICT when the invoice's status does not allow it (the status moved on, or never could),
 * FORBIDDEN when it exists but belongs to the other side, BAD_REQUEST when it needs another
 * use case (complete, recycle).
 */
export function checkTransition(options: {
  from: InvoiceStatus;
  to: InvoiceStatus;
  sides: readonly Party[];
  via: Via;
}): Transition {
  const t = findTransition(options.from, options.to);
  if (!t) {
    throw new AppError(
      'CONFLICT',
      `An invoice in status ${options.from} cannot move to ${options.to}`,
    );
  }
  if (!options.sides.includes(t.by)) {
    throw new AppError(
      'FORBIDDEN',
      t.by === 'SYSTEM'
        ? `Only the platform moves an invoice from ${t.from} to ${t.to}`
        : `Only the ${t.by === 'RECIPIENT' ? 'recipient service' : 'supplier'} may move this invoice to ${t.to}`,
    );
  }
  if (t.via !== options.via) {
    throw new AppError(
      'BAD_REQUEST',
      t.via === 'complete'
        ? 'Use POST /invoices/{id}/complete to complete a suspended invoice'
        : t.via === 'recycle'
          ? 'Use POST /invoices/{id}/recycle to send an invoice to its new recipient'
          : `Moving to ${t.to} is not done through this request`,
    );
  }
  return t;
}

/** Whole days between two instants, by UTC calendar date (a suspension on one day counts 0). */
export function calendarDaysBetween(from: Date, to: Date): number {
  const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.max(0, Math.round((day(to) - day(from)) / 86_400_000));
}

/** Invoice columns a move may set besides the status (mandate number, payment…). */
export interface TransitionColumns {
  mandate_number?: string;
  payment_date?: string;
  payment_amount?: string;
  rejection_reason?: string;
  recipient_structure_id?: string;
  recipient_service_id?: string | null;
  service_code?: string | null;
  commitment_number?: string | null;
  recipient_name?: string;
}

export interface AppliedTransition {
  status: InvoiceStatus;
  version: number;
  seq: number;
}

/**
 * Applies a checked move inside `trx`: the optimistic update (`where id and version`: a stale
 * version updates nothing and gets CONFLICT), the payment clock (suspended_since / days,
 * made_available_at the first time only), the journal row, the notification jobs and the events
 * (with their webhook deliveries) — all in
 * the one transaction, so they commit or vanish together.
 */
export async function applyTransition(
  trx: Transaction<DB>,
  options: {
    invoice: {
      id: string;
      status: string;
      version: number;
      suspended_since: Date | null;
      made_available_at: Date | null;
    };
    /** The version the caller saw. */
    version: number;
    to: InvoiceStatus;
    event: JournalEvent;
    actor: Actor;
    reason?: string | null;
    data?: Record<string, unknown>;
    columns?: TransitionColumns;
    now?: Date;
  },
): Promise<AppliedTransition> {
  const now = options.now ?? new Date();
  const { invoice } = options;
  const from = invoice.status as InvoiceStatus;
  const suspendedSince = invoice.suspended_since ? new Date(invoice.suspended_since) : null;
  const clock: {
    suspended_since?: Date | null;
    made_available_at?: Date;
  } = {};
  if (options.to === 'SUSPENDUE') clock.suspended_since = now;
  else if (suspendedSince) clock.suspended_since = null;
  if (options.to === 'MISE_A_DISPOSITION' && !invoice.made_available_at) {
    clock.made_available_at = now;
  }
  const update = await trx
    .updateTable('invoice')
    .set((eb) => ({
      ...options.columns,
      ...clock,
      status: options.to,
      version: eb('version', '+', 1),
      updated_at: now,
      // Leaving a suspension: the days it lasted stop the legal payment clock.
      ...(options.to !== 'SUSPENDUE' && suspendedSince
        ? { suspended_days: eb('suspended_days', '+', calendarDaysBetween(suspendedSince, now)) }
        : {}),
    }))
    .where('id', '=', invoice.id)
    .where('version', '=', options.version)
    // What the events name: read by the update itself (a recycling may change the recipient).
    .returning([
      'id',
      'number',
      'supplier_structure_id',
      'recipient_structure_id',
      'recipient_service_id',
    ])
    .executeTakeFirst();
  if (!update) {
    throw new AppError(
      'CONFLICT',
      'This invoice was changed by someone else since you read it: reload it and try again',
    );
  }
  const { seq } = await appendJournal(trx, {
    invoiceId: invoice.id,
    event: options.event,
    actor: options.actor,
    fromStatus: from,
    toStatus: options.to,
    reason: options.reason ?? null,
    data: { ...options.data, version: options.version + 1 },
    at: now,
  });
  await enqueue(
    trx,
    'notify-status-changed',
    { v: 1, invoiceId: invoice.id, eventSeq: seq },
    { singletonKey: `status:${invoice.id}:${seq}` },
  );
  await recordEvents(trx, invoiceEvents(update, { from, to: options.to, seq, at: now }));
  if (options.to === 'MISE_A_DISPOSITION') {
    await enqueue(
      trx,
      'notify-invoice-available',
      { v: 1, invoiceId: invoice.id },
      { singletonKey: `available:${invoice.id}:${seq}` },
    );
  }
  return { status: options.to, version: options.version + 1, seq };
}
