/**
 * The durable job queue (PostgreSQL-backed, also on the embedded database). Jobs are enqueued
 * in the caller's transaction, so a change and the jobs it triggers commit or vanish together.
 * (Contract: signatures fixed; implementation by the lifecycle work.)
 */
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/** Every job and its payload (each payload carries its schema version `v`). */
export interface JobPayloads {
  /** Tell the recipient service's users that an invoice is available to them. */
  'notify-invoice-available': { v: 1; invoiceId: string };
  /** Tell the supplier's users that their invoice changed status. */
  'notify-status-changed': { v: 1; invoiceId: string; eventSeq: number };
}
export type JobName = keyof JobPayloads;

/** Enqueues a job inside `trx`; `singletonKey` makes the enqueue idempotent. */
export async function enqueue<N extends JobName>(
  trx: Transaction<DB>,
  name: N,
  payload: JobPayloads[N],
  options: { singletonKey?: string } = {},
): Promise<void> {
  void trx;
  void name;
  void payload;
  void options;
  throw new Error('not implemented');
}
