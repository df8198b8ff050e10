/**
 * Migration 0009 on a database that got pg-boss 10's schema from 0005 (as every database did
 * before the upgrade): the jobs still to run move to pg-boss 12's schema, finished ones go,
 * and pg-boss 12 then hands the moved jobs to a worker. The version 10 schema comes from pg-boss
 * 10 itself (a test-only dependency), installed as 0005 used to.
 */
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import PgBossV10 from 'pg-boss-v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateTo, migrateToLatest } from '../../src/db/migrate.js';
import { kyselyExecutor } from '../../src/jobs/queue.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database.destroy();
});

const QUEUE = 'notify-invoice-available';

describe('migration 0009 from pg-boss 10', () => {
  it('moves the jobs still to run, drops the rest, and pg-boss 12 runs them', async () => {
    const db = database.db;
    await migrateTo(db, '0008_directory_facts');
    const executor = kyselyExecutor(db);
    await executor.executeSql(PgBossV10.getConstructionPlans('pgboss'));
    await sql`select pgboss.create_queue(${QUEUE}, ${JSON.stringify({
      policy: 'standard',
      retryLimit: 10,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: 20,
    })}::json)`.execute(db);
    const job = (state: string) =>
      sql`insert into pgboss.job (name, data, state, singleton_key,
        retry_count, expire_in, start_after)
      values (${QUEUE}, ${JSON.stringify({ state })}::jsonb, ${state}::pgboss.job_state,
        ${state}, ${state === 'retry' ? 2 : 0}, interval '20 seconds',
        now() - interval '1 minute')
      returning id::text`.execute(db);
    const ids: Record<string, string> = {};
    for (const state of ['created', 'retry', 'active', 'completed', 'failed']) {
      ids[state] = ((await job(state)).rows[0] as { id: string }).id;
    }

    await migrateToLatest(db);

    const version = await sql<{ version: number }>`select version from pgboss.version`.execute(db);
    expect(Number(version.rows[0]!.version)).toBeGreaterThan(24);
    const old = await sql`select 1 from pg_namespace where nspname = 'pgboss_v10'`.execute(db);
    expect(old.rows).toEqual([]);
    const moved = await sql<{ id: string; state: string; retry_count: number; ready: boolean }>`
      select id::text, state::text, retry_count, expire_seconds,
        start_after <= now() as ready
      from pgboss.job order by singleton_key`.execute(db);
    expect(moved.rows).toEqual([
      { id: ids.active, state: 'retry', retry_count: 0, expire_seconds: 20, ready: true },
      { id: ids.created, state: 'created', retry_count: 0, expire_seconds: 20, ready: true },
      { id: ids.retry, state: 'retry', retry_count: 2, expire_seconds: 20, ready: true },
    ]);

    const boss = new PgBoss({ db: executor, schema: 'pgboss', migrate: false, supervise: false });
    await boss.start();
    try {
      const fetched = await boss.fetch(QUEUE, { batchSize: 10 });
      expect(fetched.map((j) => j.id).sort()).toEqual([ids.active, ids.created, ids.retry].sort());
      await boss.complete(
        QUEUE,
        fetched.map((j) => j.id),
      );
    } finally {
      await boss.stop({ graceful: false, close: false });
    }
  });
});
