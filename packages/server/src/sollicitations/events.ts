/**
 * The one place where a sollicitation's events leave its use cases. Each use case calls
 * `emitSollicitationEvent` once, inside the transaction of its change, so what follows from the
 * event commits (or vanishes) with it.
 *
 * Today an event enqueues the mail to its addressees (`notify-sollicitation`,
 * notify-sollicitation.ts). The in-app notifications and webhooks of issue 16 hook here too: an
 * extra enqueue or insert in this function, with the same transaction.
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
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
}
