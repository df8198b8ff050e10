/**
 * The one place where a sollicitation's events leave its use cases. Each use case calls
 * `emitSollicitationEvent` once, inside the transaction of its change, so what follows from the
 * event commits (or vanishes) with it.
 *
 * An event enqueues the mail to its addressees (`notify-sollicitation`, notify-sollicitation.ts)
 * and records the platform event the portal's bell and the structures' webhooks read
 * (events/record-event.ts): `sollicitation.opened` for the addressed structure when a thread is
 * opened or handed to it, `sollicitation.answered` for the asking structure. A thread addressed
 * to the platform support tells no structure until it is reassigned; a follow-up of the
 * supplier is mailed, not an event of the closed list.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordEvent } from '../events/record-event.js';
import { enqueue } from '../jobs/queue.js';

export const sollicitationEvents = ['OPENED', 'ANSWERED', 'FOLLOWED_UP', 'REASSIGNED'] as const;
/**
 * OPENED: a supplier asked; ANSWERED: the addressee wrote back; FOLLOWED_UP: the supplier wrote
 * again (an answered or reopened thread waits again); REASSIGNED: the support handed it to a
 * structure.
 */
export type SollicitationEvent = (typeof sollicitationEvents)[number];

export async function emitSollicitationEvent(
  trx: Transaction<DB>,
  event: {
    type: SollicitationEvent;
    sollicitationId: string;
    /** The new message (OPENED, ANSWERED, FOLLOWED_UP). */
    messageId?: string;
    /** For an event without a message (REASSIGNED): the thread's new version. */
    version?: number;
  },
): Promise<void> {
  const { sollicitationId, messageId } = event;
  await enqueue(
    trx,
    'notify-sollicitation',
    { v: 1, sollicitationId, event: event.type, ...(messageId ? { messageId } : {}) },
    // One mail per message or reassignment, even if the use case's transaction is replayed.
    { singletonKey: `${sollicitationId}:${event.type}:${messageId ?? `v${event.version}`}` },
  );
  await recordPlatformEvent(trx, event);
}

/** The bell's and webhooks' event of a sollicitation change, when it has one. */
async function recordPlatformEvent(
  trx: Transaction<DB>,
  event: { type: SollicitationEvent; sollicitationId: string; messageId?: string },
): Promise<void> {
  if (event.type === 'FOLLOWED_UP') return;
  const thread = await trx
    .selectFrom('sollicitation')
    .select([
      'id',
      'subject',
      'category',
      'status',
      'invoice_id',
      'requester_structure_id',
      'recipient_structure_id',
      'recipient_service_id',
      'version',
    ])
    .where('id', '=', event.sollicitationId)
    .executeTakeFirstOrThrow();
  const data = {
    sollicitation: {
      id: thread.id,
      subject: thread.subject,
      category: thread.category,
      status: thread.status,
    },
    invoice: thread.invoice_id ? { id: thread.invoice_id } : null,
    ...(event.messageId ? { messageId: event.messageId } : {}),
  };
  const common = {
    orderKey: thread.id,
    seq: thread.version,
    invoiceId: thread.invoice_id,
    data,
  };
  if (event.type === 'ANSWERED') {
    await recordEvent(trx, {
      ...common,
      type: 'sollicitation.answered',
      structureId: thread.requester_structure_id,
      audience: 'FACTURES_EMISES',
    });
  } else if (thread.recipient_structure_id) {
    await recordEvent(trx, {
      ...common,
      type: 'sollicitation.opened',
      structureId: thread.recipient_structure_id,
      audience: 'SOLLICITATIONS',
      serviceId: thread.recipient_service_id,
    });
  }
}
