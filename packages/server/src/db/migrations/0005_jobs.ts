import { sql, type Kysely } from 'kysely';

// This migration used to install pg-boss 10's schema and create the two queues from the
// construction plan of whatever pg-boss was installed; that was edited out (a rule we otherwise
// keep: migrations are never edited) because its effect changed with the library, and pg-boss
// 12's schema is not the one 0007 expected. Migration 0009_pgboss_12 now installs the queue's
// schema on a new database, and moves the jobs of a database that got pg-boss 10's from here.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
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
