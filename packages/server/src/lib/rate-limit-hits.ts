import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Counts one hit of `key` in its fixed window of `windowMs`, in the database every process
 * shares (decision 0020), and says how many hits the window holds and how long it still runs.
 * One statement: the upsert's row lock orders concurrent hits, from any process, so none is
 * lost and two windows never start at once. The database's clock decides, not each process's.
 */
export async function countHit(options: {
  db: Kysely<DB>;
  key: string;
  windowMs: number;
}): Promise<{ hits: number; ttlMs: number }> {
  const window = sql`(${options.windowMs}::int8 * interval '1 millisecond')`;
  const { rows } = await sql<{ hits: number; ttl_ms: number }>`
    insert into rate_limit_window as w (key, hits, reset_at)
    values (${options.key}, 1, now() + ${window})
    on conflict (key) do update set
      hits = case when w.reset_at <= now() then 1 else w.hits + 1 end,
      reset_at = case when w.reset_at <= now() then now() + ${window} else w.reset_at end
    returning hits, greatest(0, ceil(extract(epoch from (reset_at - now())) * 1000))::int8 as ttl_ms`.execute(
    options.db,
  );
  const row = rows[0]!;
  return { hits: row.hits, ttlMs: row.ttl_ms };
}

/** Forgets windows that ended, at most `limit` rows a call (the table stays small). */
export async function sweepRateLimitWindows(options: {
  db: Kysely<DB>;
  limit?: number;
}): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with gone as (
      delete from rate_limit_window where key in (
        select key from rate_limit_window where reset_at < now() limit ${options.limit ?? 1000}
      ) returning 1
    ) select count(*)::int as n from gone`.execute(options.db);
  return rows[0]?.n ?? 0;
}
