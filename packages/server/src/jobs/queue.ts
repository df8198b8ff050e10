/**
 * The durable job queue (PostgreSQL-backed, also on the embedded database). Jobs are enqueued
 * in the caller's transaction, so a change and the jobs it triggers commit or vanish together.
 *
 * pg-boss (docs/decisions/0003-job-queue.md) stores the jobs in its own `pgboss` schema, created
 * by migration 0005_jobs. The worker's SQL goes through a Kysely executor of ours. Enqueueing is
 * our own INSERT into pgboss.job (`jobInsert`), written as pg-boss's `send` writes it (same
 * columns, the queue's options as defaults; a test compares the rows both give), so that it can
 * be one part of the caller's own statement: a deposit writes its invoice and its job in one
 * round trip.
 */
import { createHash, randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../db/schema.js';

/** Every job and its payload (each payload carries its schema version `v`). */
export interface JobPayloads {
  /** Tell the recipient service's users that an invoice is available to them. */
  'notify-invoice-available': { v: 1; invoiceId: string };
  /** Tell the supplier's users that their invoice changed status. */
  'notify-status-changed': { v: 1; invoiceId: string; eventSeq: number };
  /** Integrate an inbound flow's entries; `part` numbers the continuations of a long flow. */
  'integrate-flow': { v: 1; flowId: string; part: number };
  /** Tell a flow's depositor that its integration ended (final state). */
  'notify-flow-integrated': { v: 1; flowId: string };
  /** Write a final SFTP flow's report (JSON and PDF) into the depositor's SFTP out/. */
  'deliver-flow-report': { v: 1; flowId: string };
}
export type JobName = keyof JobPayloads;

const invoiceId = z.string().regex(/^inv_[0-9a-z]{26}$/);
const flowId = z.string().regex(/^flw_[0-9a-z]{26}$/);

/**
 * Payload schemas, per job and per version. A new payload shape gets a new `v` and a new
 * member of the union; the handler keeps accepting the old one until no such job is left.
 */
export const jobSchemas: { [N in JobName]: z.ZodType<JobPayloads[N]> } = {
  'notify-invoice-available': z.object({ v: z.literal(1), invoiceId }).strict(),
  'notify-status-changed': z
    .object({ v: z.literal(1), invoiceId, eventSeq: z.number().int().positive() })
    .strict(),
  'integrate-flow': z
    .object({ v: z.literal(1), flowId, part: z.number().int().nonnegative() })
    .strict(),
  'notify-flow-integrated': z.object({ v: z.literal(1), flowId }).strict(),
  'deliver-flow-report': z.object({ v: z.literal(1), flowId }).strict(),
};

export const jobNames = Object.keys(jobSchemas) as JobName[];

/** The executor pg-boss runs its SQL through. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss SQL through Kysely. Its maintenance scripts are several statements between BEGIN and
 * COMMIT and without parameters; the embedded database only takes one statement per query, so
 * those run as one dynamic EXECUTE inside a Kysely transaction (same effect on both databases).
 */
export function kyselyExecutor(db: Kysely<DB>): SqlExecutor {
  return {
    async executeSql(text, values) {
      const script = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/i.exec(text);
      if (script && (!values || values.length === 0)) {
        const body = script[1]!;
        if (body.includes('$chorale_sql$')) throw new Error('unexpected quote tag in pg-boss SQL');
        await db
          .transaction()
          .execute((trx) =>
            trx.executeQuery(
              CompiledQuery.raw(
                `do $chorale_do$ begin execute $chorale_sql$${body}$chorale_sql$; end $chorale_do$`,
              ),
            ),
          );
        return { rows: [] };
      }
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: [...result.rows] };
    },
  };
}

/** A stable UUID for a (job, key): enqueueing the same key twice inserts one job. */
function jobIdFor(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\n${key}`).digest('hex');
  // RFC 9562 layout, version 8 (custom), variant 10.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `insert into pgboss.job …` for one job, as SQL text whose values go through `param` (which
 * returns the placeholder of each value in the caller's statement): to run alone (`jobInsert`)
 * or as a part (a CTE) of the caller's statement, so it commits with what it belongs to. The
 * row is the one pg-boss 10's `send` writes for a job with no options of its own: the queue's
 * retry, expiry, retention, dead-letter and policy, pg-boss's fallbacks where the queue has
 * none (a test holds the two to the same row). A queue that does not exist inserts nothing, as
 * with `send`. `singletonKey` makes the enqueue idempotent: the job id derives from it, and a
 * second insert does nothing.
 */
export function jobInsertSql<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  options: { singletonKey?: string },
  param: (value: unknown) => string,
): string {
  const data = JSON.stringify(jobSchemas[name].parse(payload));
  const key = options.singletonKey ?? null;
  const id = key === null ? randomUUID() : jobIdFor(name, key);
  return `insert into pgboss.job (id, name, data, priority, start_after, singleton_key,
      singleton_on, dead_letter, expire_in, keep_until, retry_limit, retry_delay, retry_backoff,
      policy)
    select ${param(id)}::uuid, q.name, ${param(data)}::jsonb, 0, now(), ${param(key)}::text,
      null, q.dead_letter,
      coalesce(q.expire_seconds * interval '1 second', interval '15 minutes'),
      now() + coalesce(q.retention_minutes * interval '1 minute', interval '14 days'),
      coalesce(q.retry_limit, 2),
      case when coalesce(q.retry_backoff, false) then greatest(coalesce(q.retry_delay, 0), 1)
        else coalesce(q.retry_delay, 0) end,
      coalesce(q.retry_backoff, false), q.policy
    from pgboss.queue q where q.name = ${param(name)}
    on conflict do nothing`;
}

/** The job insert as a statement of its own. */
export function jobInsert<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  options: { singletonKey?: string } = {},
): CompiledQuery {
  const values: unknown[] = [];
  const text = jobInsertSql(name, payload, options, (value) => {
    values.push(value);
    return `$${values.length}`;
  });
  return CompiledQuery.raw(text, values);
}

/** Enqueues a job inside `trx`; `singletonKey` makes the enqueue idempotent. */
export async function enqueue<N extends JobName>(
  trx: Transaction<DB>,
  name: N,
  payload: JobPayloads[N],
  options: { singletonKey?: string } = {},
): Promise<void> {
  await trx.executeQuery(jobInsert(name, payload, options));
}
