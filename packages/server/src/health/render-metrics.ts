import { sql, type Kysely } from 'kysely';
import { Gauge, Registry } from 'prom-client';
import type { PoolStats } from '../db/database.js';
import type { DB } from '../db/schema.js';
import { jobNames } from '../jobs/queue.js';
import { metricsRegistry } from '../lib/metrics.js';

/**
 * Jobs counted per queue and state, at most this many per queue: a scrape stays one cheap
 * statement however large a backlog grows (beyond it the depth reads as this bound, which is
 * already an alarm).
 */
export const QUEUE_DEPTH_BOUND = 10_000;
/** A scrape never holds a connection longer than this. */
const SCRAPE_TIMEOUT_MS = 2_000;

interface QueueRow {
  name: string;
  state: string;
  n: number;
  oldest: Date | null;
}

/**
 * The Prometheus text of this process: its own counters (lib/metrics.ts), plus what every
 * process shares, read now from the database — each queue's jobs by state and the age of its
 * oldest waiting job — and this process's connection pool. It acts for no one: the route
 * decides who may scrape (decision 0020).
 */
export async function renderMetrics(options: {
  db: Kysely<DB>;
  poolStats?: (() => PoolStats) | undefined;
}): Promise<{ contentType: string; text: string }> {
  const scrape = new Registry();
  const depth = new Gauge({
    name: 'chorale_job_queue_jobs',
    help: `Jobs in each queue by state (created, retry, active), counted up to ${QUEUE_DEPTH_BOUND} per queue.`,
    labelNames: ['queue', 'state'] as const,
    registers: [scrape],
  });
  const oldest = new Gauge({
    name: 'chorale_job_queue_oldest_age_seconds',
    help: 'Age of the oldest job waiting to run (created or retry) in each queue; 0 when none waits.',
    labelNames: ['queue'] as const,
    registers: [scrape],
  });
  const up = new Gauge({
    name: 'chorale_job_queue_readable',
    help: '1 when the queue tables answered this scrape, 0 when they did not.',
    registers: [scrape],
  });
  try {
    const rows = await queueRows(options.db);
    const now = Date.now();
    for (const name of jobNames) {
      let age = 0;
      for (const state of ['created', 'retry', 'active'] as const) {
        const row = rows.find((r) => r.name === name && r.state === state);
        depth.set({ queue: name, state }, row?.n ?? 0);
        if (state !== 'active' && row?.oldest) {
          age = Math.max(age, (now - row.oldest.getTime()) / 1000);
        }
      }
      oldest.set({ queue: name }, age);
    }
    up.set(1);
  } catch {
    // The counters are still worth having while the database is away: say so, and go on.
    up.set(0);
  }
  const stats = options.poolStats?.();
  if (stats) {
    const pool = new Gauge({
      name: 'chorale_db_pool_connections',
      help: 'This process’s PostgreSQL connections: open (total), idle, the pool size (max), and callers waiting for one (waiting).',
      labelNames: ['kind'] as const,
      registers: [scrape],
    });
    for (const kind of ['total', 'idle', 'waiting', 'max'] as const)
      pool.set({ kind }, stats[kind]);
  }
  const merged = Registry.merge([metricsRegistry, scrape]);
  return { contentType: metricsRegistry.contentType, text: await merged.metrics() };
}

/** One statement, each queue's jobs bounded by a LIMIT, under a statement timeout. */
async function queueRows(db: Kysely<DB>): Promise<QueueRow[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('statement_timeout', ${String(SCRAPE_TIMEOUT_MS)}, true)`.execute(
      trx,
    );
    const result = await sql<QueueRow>`
      select q.name, s.state, s.n, s.oldest
      from unnest(${sql.val(jobNames)}::text[]) as q(name)
      cross join lateral (
        select j.state::text as state, count(*)::int as n, min(j.created_on) as oldest
        from (
          select state, created_on from pgboss.job
          where name = q.name and state < 'completed'
          limit ${QUEUE_DEPTH_BOUND}
        ) j
        group by j.state
      ) s`.execute(trx);
    return result.rows;
  });
}
