import { getConstructionPlans } from 'pg-boss';
import { sql, type Kysely } from 'kysely';
import { scriptQuery } from '../prepared.js';

/**
 * The job queue's schema for pg-boss 12, installed here (not at worker start) so that a use case
 * can enqueue in its transaction before any worker ever ran, on both databases.
 *
 * pg-boss has no migration from its version 10 schema (24) to 11's or 12's: its advice is a new
 * schema and moving the jobs by INSERT … SELECT. A database that got version 10's from
 * 0005_jobs has it renamed to pgboss_v10; version 12's is installed as `pgboss`; the jobs still
 * to run move over, ids kept (notification_sent refers to them), then the old schema is
 * dropped, with the history of finished jobs (the mails sent are in notification_sent).
 */
const JOBS_SCHEMA = 'pgboss';
const V10_SCHEMA_VERSION = 24;
const QUEUES = ['notify-invoice-available', 'notify-status-changed'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const installed = await schemaVersion(db);
  if (installed !== null && installed !== V10_SCHEMA_VERSION) {
    throw new Error(`pg-boss schema version ${installed}: expected none or ${V10_SCHEMA_VERSION}`);
  }
  if (installed !== null) await sql`alter schema pgboss rename to pgboss_v10`.execute(db);

  // The plan is one transaction (BEGIN … COMMIT); the migration already is one, so those two go
  // and the rest runs as a script in ours (the embedded database takes it through `exec`).
  const plan = getConstructionPlans(JOBS_SCHEMA)
    .trim()
    .replace(/^BEGIN;/i, '')
    .replace(/COMMIT;$/i, '');
  await db.executeQuery(scriptQuery(plan));
  for (const name of QUEUES) {
    // Retries with backoff (5 s, 10 s, 20 s…, 10 tries). A job left active by a crashed process
    // is failed after 20 s by the worker's maintenance, and so retried (0007_job_expiry says
    // why 20 s). Queued jobs are kept 14 days. Each queue is a partition of pgboss.job, so that
    // table holds every job as it did with pg-boss 10: our enqueue inserts there
    // (jobs/queue.ts), and whoever reads jobs reads there.
    await sql`select pgboss.create_queue(${name}, ${JSON.stringify({
      policy: 'standard',
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 20,
      retentionSeconds: 14 * 24 * 3600,
      partition: true,
    })}::jsonb)`.execute(db);
  }

  if (installed === null) return;
  // Created and retry jobs keep their state and their due time. An active one was held by a
  // process that is gone (migrations run before the worker starts): it is due for a retry now,
  // as pg-boss 10's expiry would have made it; the handlers are idempotent for that reason.
  await sql`insert into pgboss.job (id, name, data, priority, state, retry_limit, retry_count,
      retry_delay, retry_backoff, expire_seconds, deletion_seconds, singleton_key, singleton_on,
      start_after, created_on, keep_until, policy, dead_letter, output)
    select j.id, j.name, j.data, j.priority,
      (case when j.state = 'active' then 'retry' else j.state::text end)::pgboss.job_state,
      j.retry_limit, j.retry_count, j.retry_delay, j.retry_backoff,
      ceil(extract(epoch from j.expire_in))::int, q.deletion_seconds, j.singleton_key,
      j.singleton_on, case when j.state = 'active' then now() else j.start_after end,
      j.created_on, j.keep_until, q.policy, q.dead_letter, j.output
    from pgboss_v10.job j join pgboss.queue q on q.name = j.name
    where j.state::text in ('created', 'retry', 'active')`.execute(db);
  await sql`drop schema pgboss_v10 cascade`.execute(db);
}

/** The installed pg-boss schema version, null when there is none. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function schemaVersion(db: Kysely<any>): Promise<number | null> {
  const table = await sql<{
    t: string | null;
  }>`select to_regclass('pgboss.version')::text as t`.execute(db);
  if (table.rows[0]?.t == null) return null;
  const row = await sql<{ version: number }>`select version from pgboss.version`.execute(db);
  return row.rows[0] ? Number(row.rows[0].version) : null;
}
