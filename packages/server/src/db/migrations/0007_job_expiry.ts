import { sql, type Kysely } from 'kysely';

/**
 * Notification jobs expire after 20 s instead of 60 s. A job held by a process that died is
 * failed by the queue's maintenance once `started_on + expire_in` has passed, then retried: the
 * expiry is how long such mails wait. A job sends a few short e-mails, and the worker stops
 * taking new jobs of a batch after half the expiry (jobs/worker.ts), so a live job never runs
 * into it. Jobs already queued keep their copy of the old expiry unless updated here.
 */
const EXPIRE_SECONDS = 20;
const QUEUES = ['notify-invoice-available', 'notify-status-changed'];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // Only for pg-boss 10's schema, which 0005 installed until it was edited: a new database gets
  // pg-boss 12's from 0009, with this expiry as its queue option.
  if (!(await hasPgBoss10(db))) return;
  await sql`update pgboss.queue set expire_seconds = ${EXPIRE_SECONDS}, updated_on = now()
    where name in (${sql.join(QUEUES)})`.execute(db);
  await sql`update pgboss.job set expire_in = ${EXPIRE_SECONDS} * interval '1 second'
    where name in (${sql.join(QUEUES)}) and state < 'completed'`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!(await hasPgBoss10(db))) return;
  await sql`update pgboss.queue set expire_seconds = 60, updated_on = now()
    where name in (${sql.join(QUEUES)})`.execute(db);
}

/** pg-boss 10's job table: expire_in, where pg-boss 12 has expire_seconds. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function hasPgBoss10(db: Kysely<any>): Promise<boolean> {
  const found = await sql`select 1 from information_schema.columns
    where table_schema = 'pgboss' and table_name = 'job' and column_name = 'expire_in'`.execute(db);
  return found.rows.length > 0;
}
