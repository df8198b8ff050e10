/**
 * The durable job queue (PostgreSQL-backed, also on the embedded database). Jobs are enqueued
 * in the caller's transaction, so a change and the jobs it triggers commit or vanish together.
 *
 * pg-boss (docs/decisions/0003-job-queue.md) stores the jobs in its own `pgboss` schema, created
 * by migration 0009_pgboss_12. The worker's SQL goes through a Kysely executor of ours. Enqueueing is
 * our own INSERT into pgboss.job (`jobInsert`), written as pg-boss's `send` writes it (same
 * columns, the queue's options as defaults; a test compares the rows both give), so that it can
 * be one part of the caller's own statement: a deposit writes its invoice and its job in one
 * round trip.
 */
import { createHash, randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import { z } from 'zod';
import { scriptQuery } from '../db/prepared.js';
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
  /** Make the outbound flow of an invoice made available to a structure receiving by flow. */
  'produce-outbound-flow': { v: 1; invoiceId: string; structureId: string };
  /** Write a final SFTP flow's report (JSON and PDF) into the depositor's SFTP out/. */
  'deliver-flow-report': { v: 1; flowId: string };
  /** Mail a sollicitation's addressees about one of its events (sollicitations/events.ts). */
  'notify-sollicitation': {
    v: 1;
    sollicitationId: string;
    event: 'OPENED' | 'ANSWERED' | 'FOLLOWED_UP' | 'REASSIGNED';
    /** The message the event is about (none for a reassignment). */
    messageId?: string;
  };
  /** POST one event to one webhook (webhooks/deliver-webhook.ts); enqueued by recordEvents,
   * or by a manager's resend (`manual`). */
  'deliver-webhook': { v: 1; deliveryId: string; manual?: true };
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
  'produce-outbound-flow': z
    .object({ v: z.literal(1), invoiceId, structureId: z.string().regex(/^str_[0-9a-z]{26}$/) })
    .strict(),
  'deliver-flow-report': z.object({ v: z.literal(1), flowId }).strict(),
  'notify-sollicitation': z
    .object({
      v: z.literal(1),
      sollicitationId: z.string().regex(/^sol_[0-9a-z]{26}$/),
      event: z.enum(['OPENED', 'ANSWERED', 'FOLLOWED_UP', 'REASSIGNED']),
      messageId: z
        .string()
        .regex(/^som_[0-9a-z]{26}$/)
        .optional(),
    })
    .strict(),
  'deliver-webhook': z
    .object({
      v: z.literal(1),
      deliveryId: z.string().regex(/^whd_[0-9a-z]{26}$/),
      // A manager's "resend": one attempt now, whatever the delivery's state.
      manual: z.literal(true).optional(),
    })
    .strict(),
};

export const jobNames = Object.keys(jobSchemas) as JobName[];

/** The executor pg-boss runs its SQL through. */
export interface SqlExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss SQL through Kysely. A statement with values runs as it is. SQL without values may be a
 * script (its maintenance: several statements between BEGIN and COMMIT), whose rows pg-boss
 * reads from every statement: it runs as a marked script (db/prepared.ts), on one connection
 * that a failed script leaves with a rolled-back transaction rather than an aborted one.
 * Inside a caller's transaction, a script is part of that transaction: no rollback of our own.
 */
export function kyselyExecutor(db: Kysely<DB>): SqlExecutor {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await db.executeQuery(CompiledQuery.raw(text, values));
        return { rows: [...result.rows] };
      }
      if (db.isTransaction) return { rows: [...(await db.executeQuery(scriptQuery(text))).rows] };
      return db.connection().execute(async (conn) => {
        try {
          return { rows: [...(await conn.executeQuery(scriptQuery(text))).rows] };
        } catch (error) {
          await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
          throw error;
        }
      });
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
 * row is the one pg-boss 12's `send` writes for a job with no options of its own: the queue's
 * retry, expiry, deletion, retention, dead letter, heartbeat and policy (a test holds the two
 * to the same row). pg-boss's fallbacks for a queue without options are left out: every queue
 * column they stand for is NOT NULL, and a queue that does not exist inserts nothing, as with
 * `send`. Our queues are partitions of pgboss.job (migration 0009), so the parent routes the
 * row. `singletonKey` makes the enqueue idempotent: the job id derives from it, and a second
 * insert does nothing.
 */
export function jobInsertSql<N extends JobName>(
  name: N,
  payload: JobPayloads[N],
  options: { singletonKey?: string },
  param: (value: unknown) => string,
): string {
  return jobsInsertSql(name, [{ payload, singletonKey: options.singletonKey }], param);
}

/**
 * `jobInsertSql` for several jobs of one queue in one `insert … select`: row for row the same
 * as one insert per job (a test holds the two to the same rows), planned once for all —
 * a flow's batch of a hundred deposits writes its hundred jobs with it.
 */
export function jobsInsertSql<N extends JobName>(
  name: N,
  jobs: readonly { payload: JobPayloads[N]; singletonKey?: string | undefined }[],
  param: (value: unknown) => string,
): string {
  const rows = jobs.map(({ payload, singletonKey }) => {
    const data = JSON.stringify(jobSchemas[name].parse(payload));
    const key = singletonKey ?? null;
    const id = key === null ? randomUUID() : jobIdFor(name, key);
    return `(${param(id)}::uuid, ${param(data)}::jsonb, ${param(key)}::text)`;
  });
  return jobsFromSelectSql(name, `values ${rows.join(', ')}`, param);
}

/**
 * The job insert of `jobsInsertSql` for the rows of any select giving (id uuid, data jsonb,
 * key text): a statement can enqueue jobs for rows it computes itself (events/record-event.ts:
 * one delivery job per webhook subscribed to an event, found by the same statement). Such a
 * payload is built in SQL, not checked by `jobSchemas` at enqueue: the handler checks it.
 */
export function jobsFromSelectSql(
  name: JobName,
  select: string,
  param: (value: unknown) => string,
): string {
  return `insert into pgboss.job (id, name, data, priority, start_after, created_on,
      singleton_key, expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay,
      retry_backoff, retry_delay_max, policy, dead_letter, heartbeat_seconds)
    select v.id, q.name, v.data, 0, pgboss.job_now(),
      pgboss.job_now(), v.key, q.expire_seconds, q.deletion_seconds,
      pgboss.job_now() + q.retention_seconds * interval '1 second', q.retry_limit, q.retry_delay,
      q.retry_backoff, q.retry_delay_max, q.policy, q.dead_letter, q.heartbeat_seconds
    from pgboss.queue q, (${select}) as v (id, data, key)
    where q.name = ${param(name)}
    on conflict do nothing`;
}

/** Several jobs of one queue as one statement (`jobsInsertSql`). */
export function jobsInsert<N extends JobName>(
  name: N,
  jobs: readonly { payload: JobPayloads[N]; singletonKey?: string | undefined }[],
): CompiledQuery {
  const values: unknown[] = [];
  const text = jobsInsertSql(name, jobs, (value) => {
    values.push(value);
    return `$${values.length}`;
  });
  return CompiledQuery.raw(text, values);
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
