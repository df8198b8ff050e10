import PgBoss from 'pg-boss';
import { sql, type Kysely } from 'kysely';

/** Schema of the job queue's tables (pg-boss), kept apart from ours. */
export const JOBS_SCHEMA = 'pgboss';
/** Every job name the platform knows; each gets its queue here. */
export const JOB_QUEUES = ['notify-invoice-available', 'notify-status-changed'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // pg-boss's own DDL, installed here (not at worker start) so that a use case can enqueue in
  // its transaction before any worker ever ran, on both databases. The script is several
  // statements wrapped in BEGIN/COMMIT; the migration already runs in a transaction, and the
  // embedded database only takes one statement per query, so the BEGIN/COMMIT are removed and
  // the rest runs as one dynamic EXECUTE (PL/pgSQL runs a multi-statement string in order).
  const plan = PgBoss.getConstructionPlans(JOBS_SCHEMA)
    .trim()
    .replace(/^BEGIN;/i, '')
    .replace(/COMMIT;$/i, '');
  if (plan.includes('$chorale_ddl$')) throw new Error('unexpected quote tag in the pg-boss DDL');
  await sql
    .raw(`do $chorale_do$ begin execute $chorale_ddl$${plan}$chorale_ddl$; end $chorale_do$`)
    .execute(db);
  for (const name of JOB_QUEUES) {
    // Retries with backoff (5 s, 10 s, 20 s…, 10 tries). A job left active by a crashed process
    // is failed after 60 s by the worker's maintenance and so retried: mails are quick, and the
    // handlers are idempotent, so a generous expiry only delays recovery.
    await sql`select pgboss.create_queue(${name}, ${JSON.stringify({
      policy: 'standard',
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 60,
      retentionMinutes: 60 * 24 * 14,
    })})`.execute(db);
  }

  // One row per e-mail a job sends, keyed by the job and the addressee: a job retried after a
  // crash finds its SENT rows and does not send them again.
  await db.schema
    .createTable('notification_sent')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('job_name', 'text', (c) => c.notNull())
    .addColumn('job_id', 'text', (c) => c.notNull())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoice.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('SENDING','SENT')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('notification_sent_invoice_idx')
    .on('notification_sent')
    .column('invoice_id')
    .execute();
}
