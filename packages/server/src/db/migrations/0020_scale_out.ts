import { sql, type Kysely } from 'kysely';

/**
 * Several server processes on one PostgreSQL (decision 0020): the HTTP rate limits leave each
 * process's memory for this table, so that N processes behind a load balancer allow what one
 * does, not N times as much. One row per (route, caller key) window: `hits` in the window that
 * ends at `reset_at`. Rows whose window has ended are swept (the index on reset_at).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rate_limit_window (
    key text primary key check (length(key) <= 512),
    hits integer not null,
    reset_at timestamptz not null
  )`.execute(db);
  await sql`create index rate_limit_window_reset on rate_limit_window (reset_at)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rate_limit_window`.execute(db);
}
