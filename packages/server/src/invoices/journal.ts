/**
 * The invoice journal: one row per change, written in the caller's transaction, hash-chained
 * per invoice (prev_hash → hash), numbered 1, 2, 3… per invoice, with the invoice row keeping
 * the head hash and length so a deleted trailing row is found too.
 * (Contract: signatures fixed; implementation by the lifecycle work.)
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { ActorKind, InvoiceStatus, JournalEvent } from './model.js';

export type Actor =
  | { kind: Extract<ActorKind, 'USER'>; userId: string }
  | { kind: Extract<ActorKind, 'CLIENT'>; clientId: string }
  | { kind: Extract<ActorKind, 'SYSTEM'> };

export interface JournalEntry {
  invoiceId: string;
  event: JournalEvent;
  actor: Actor;
  fromStatus: InvoiceStatus | null;
  toStatus: InvoiceStatus | null;
  reason?: string | null;
  data?: Record<string, unknown>;
  at?: Date;
}

/**
 * Appends one row to the invoice's journal inside `trx` and moves the invoice's journal head.
 * The invoice row must exist (a new invoice is inserted with journal_head '' and length 0).
 */
export async function appendJournal(
  trx: Transaction<DB>,
  entry: JournalEntry,
): Promise<{ seq: number; hash: string }> {
  void trx;
  void entry;
  throw new Error('not implemented');
}

export interface JournalProblem {
  invoiceId: string;
  seq: number | null;
  problem: 'HASH_MISMATCH' | 'CHAIN_BROKEN' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH' | 'LENGTH_MISMATCH';
  detail: string;
}

/** Re-computes every chain; returns every problem found (empty: the journal is intact). */
export async function verifyJournal(options: {
  db: Kysely<DB>;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ invoices: number; events: number; problems: JournalProblem[] }> {
  void options;
  throw new Error('not implemented');
}
