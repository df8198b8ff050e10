/**
 * The invoice journal: one row per change, written in the caller's transaction, hash-chained
 * per invoice (prev_hash → hash), numbered 1, 2, 3… per invoice, with the invoice row keeping
 * the head hash and length so a deleted trailing row is found too.
 *
 * hash = SHA-256(prev_hash + "\n" + canonical JSON of the row's content), where the content is
 * the invoice id, seq, time (ISO 8601, UTC, milliseconds), event, actor, both statuses, reason
 * and data, in RFC 8785 canonical form (JCS: keys sorted by UTF-16 code units at every depth,
 * ECMAScript number and string text), so the text does not depend on key order (jsonb reorders
 * keys) and anyone can re-check a chain with a JCS library (docs/lifecycle.md gives the recipe). Any edit of a row changes its hash; a deleted or moved row breaks the
 * prev_hash chain and the 1, 2, 3… sequence; a deleted last row no longer matches the head
 * kept on the invoice.
 */
import { createHash } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
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
 * RFC 8785 (JCS) text of a JSON value: object keys sorted by UTF-16 code units at every depth,
 * no whitespace, numbers and strings as JSON.stringify writes them; `undefined` members dropped
 * like JSON does, a Date as its ISO string. Held to a JCS library by a property test.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

interface HashedContent {
  invoiceId: string;
  seq: number;
  at: Date;
  event: string;
  actorKind: string;
  actorUserId: string | null;
  actorClientId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  reason: string | null;
  data: Record<string, unknown>;
}

export function journalHash(prevHash: string, c: HashedContent): string {
  const content = canonicalJson({
    invoiceId: c.invoiceId,
    seq: c.seq,
    at: c.at.toISOString(),
    event: c.event,
    actor: { kind: c.actorKind, userId: c.actorUserId, clientId: c.actorClientId },
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    reason: c.reason,
    data: c.data,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

/**
 * The journal row `seq` of an invoice, chained after `prevHash` (its hash covers what the row
 * holds, as `journalHash` reads it back). Every writer of the journal builds its rows here, so
 * what is hashed and what is stored cannot drift apart.
 */
export function chainedRow(
  entry: JournalEntry & { at: Date },
  seq: number,
  prevHash: string,
): Insertable<DB['invoice_event']> & { seq: number; hash: string } {
  // Milliseconds only: what the database keeps (microseconds) must re-hash to the same text.
  const at = new Date(Math.floor(entry.at.getTime()));
  // Round-trip the data through JSON now, so what is hashed is exactly what jsonb gives back.
  const json = JSON.stringify(entry.data ?? {});
  const content: HashedContent = {
    invoiceId: entry.invoiceId,
    seq,
    at,
    event: entry.event,
    actorKind: entry.actor.kind,
    actorUserId: entry.actor.kind === 'USER' ? entry.actor.userId : null,
    actorClientId: entry.actor.kind === 'CLIENT' ? entry.actor.clientId : null,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    reason: entry.reason ?? null,
    data: JSON.parse(json) as Record<string, unknown>,
  };
  return {
    id: newId('invoiceEvent'),
    invoice_id: content.invoiceId,
    seq,
    at,
    event: content.event,
    actor_kind: content.actorKind,
    actor_user_id: content.actorUserId,
    actor_client_id: content.actorClientId,
    from_status: content.fromStatus,
    to_status: content.toStatus,
    reason: content.reason,
    data: json,
    prev_hash: prevHash,
    hash: journalHash(prevHash, content),
  };
}

/** The journal actor for a principal (a user's session or an API client's token). */
export function actorOf(
  principal: { kind: 'user'; userId: string } | { kind: 'client'; clientId: string },
): Actor {
  return principal.kind === 'user'
    ? { kind: 'USER', userId: principal.userId }
    : { kind: 'CLIENT', clientId: principal.clientId };
}

/**
 * Appends one row to the invoice's journal inside `trx` and moves the invoice's journal head.
 * The invoice row must exist (a new invoice is inserted with journal_head '' and length 0).
 * The invoice row is locked (`for update`) so two appends to one invoice take turns and the
 * chain stays a line.
 */
export async function appendJournal(
  trx: Transaction<DB>,
  entry: JournalEntry,
): Promise<{ seq: number; hash: string }> {
  const invoice = await trx
    .selectFrom('invoice')
    .select(['journal_head', 'journal_length'])
    .where('id', '=', entry.invoiceId)
    .forUpdate()
    .executeTakeFirst();
  if (!invoice) throw new Error(`appendJournal: no invoice ${entry.invoiceId}`);
  const row = chainedRow(
    { ...entry, at: entry.at ?? new Date() },
    invoice.journal_length + 1,
    invoice.journal_head,
  );
  await trx.insertInto('invoice_event').values(row).execute();
  await trx
    .updateTable('invoice')
    .set({ journal_head: row.hash, journal_length: row.seq })
    .where('id', '=', entry.invoiceId)
    .execute();
  return { seq: row.seq, hash: row.hash };
}

export interface JournalProblem {
  invoiceId: string;
  seq: number | null;
  problem: 'HASH_MISMATCH' | 'CHAIN_BROKEN' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH' | 'LENGTH_MISMATCH';
  detail: string;
}

/** Invoices checked per round trip. */
const VERIFY_BATCH = 500;

/** Re-computes every chain; returns every problem found (empty: the journal is intact). */
export async function verifyJournal(options: {
  db: Kysely<DB>;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ invoices: number; events: number; problems: JournalProblem[] }> {
  const { db } = options;
  const { total } = await db
    .selectFrom('invoice')
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const problems: JournalProblem[] = [];
  let invoices = 0;
  let events = 0;
  let after = '';
  options.onProgress?.(0, Number(total));
  for (;;) {
    const batch = await db
      .selectFrom('invoice')
      .select(['id', 'journal_head', 'journal_length'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(VERIFY_BATCH)
      .execute();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const rows = await db
      .selectFrom('invoice_event')
      .selectAll()
      .where(
        'invoice_id',
        'in',
        batch.map((b) => b.id),
      )
      // Physical order is not trusted: rows are read by seq and the chain says whether the
      // seq numbers themselves were tampered with.
      .orderBy('invoice_id')
      .orderBy('seq')
      .execute();
    const byInvoice = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byInvoice.get(r.invoice_id) ?? [];
      list.push(r);
      byInvoice.set(r.invoice_id, list);
    }
    for (const invoice of batch) {
      const chain = byInvoice.get(invoice.id) ?? [];
      events += chain.length;
      let prev = '';
      chain.forEach((r, i) => {
        const add = (problem: JournalProblem['problem'], detail: string) =>
          problems.push({ invoiceId: invoice.id, seq: r.seq, problem, detail });
        if (r.seq !== i + 1) add('SEQUENCE_GAP', `row ${i + 1} of the chain has seq ${r.seq}`);
        if (r.prev_hash !== prev) {
          add('CHAIN_BROKEN', `seq ${r.seq} does not follow the row before it`);
        }
        const expected = journalHash(r.prev_hash, {
          invoiceId: r.invoice_id,
          seq: r.seq,
          at: r.at,
          event: r.event,
          actorKind: r.actor_kind,
          actorUserId: r.actor_user_id,
          actorClientId: r.actor_client_id,
          fromStatus: r.from_status,
          toStatus: r.to_status,
          reason: r.reason,
          data: r.data,
        });
        if (expected !== r.hash)
          add('HASH_MISMATCH', `seq ${r.seq} was changed after it was written`);
        prev = r.hash;
      });
      if (chain.length !== invoice.journal_length) {
        problems.push({
          invoiceId: invoice.id,
          seq: null,
          problem: 'LENGTH_MISMATCH',
          detail: `the invoice counts ${invoice.journal_length} rows, the journal holds ${chain.length}`,
        });
      }
      if (prev !== invoice.journal_head) {
        problems.push({
          invoiceId: invoice.id,
          seq: null,
          problem: 'HEAD_MISMATCH',
          detail: 'the last row of the journal is not the one the invoice points to',
        });
      }
      invoices++;
    }
    options.onProgress?.(invoices, Number(total));
  }
  return { invoices, events, problems };
}
