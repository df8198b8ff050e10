/**
 * Our enqueue writes pgboss.job rows itself (so a deposit writes its invoice and its job in one
 * statement). These tests hold that row to the one pg-boss's own `send` writes for the same
 * job, column by column, so an upgrade of pg-boss that changes its job rows fails here.
 */
import { sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { jobInsert, jobsInsert, kyselyExecutor } from '../../src/jobs/queue.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { insertInvoice } from './invoice-fixtures.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDirectory({ db: database.db });
});
afterAll(async () => {
  await database.destroy();
});

/** Every column of a job except those that differ by nature (id, times of insertion). */
async function jobRow(id: string) {
  const r = await sql<Record<string, unknown>>`
    select name, data, priority, state, retry_limit, retry_count, retry_delay, retry_backoff,
      retry_delay_max, expire_seconds, deletion_seconds, singleton_key, singleton_on, group_id,
      group_tier, dead_letter, policy, heartbeat_seconds, blocked, blocking,
      pending_dependencies, trace_context, upsert_by_key, started_on, completed_on, output,
      start_after - created_on < interval '1 second' as starts_at_once,
      keep_until - start_after as kept_for
    from pgboss.job where id = ${id}::uuid`.execute(database.db);
  return r.rows[0];
}

describe('jobInsert', () => {
  it('writes the row pg-boss send writes, with the queue options', async () => {
    const { id: invoiceId } = await insertInvoice(database.db);
    const boss = new PgBoss({ db: kyselyExecutor(database.db), schema: 'pgboss' });
    const theirs = await boss.send(
      'notify-status-changed',
      { v: 1, invoiceId, eventSeq: 3 },
      { singletonKey: `${invoiceId}:3` },
    );
    expect(theirs).toBeTypeOf('string');
    await database.db.executeQuery(
      jobInsert(
        'notify-status-changed',
        { v: 1, invoiceId, eventSeq: 4 },
        { singletonKey: `${invoiceId}:4` },
      ),
    );
    const ours = await sql<{ id: string }>`
      select id::text from pgboss.job where singleton_key = ${`${invoiceId}:4`}`.execute(
      database.db,
    );
    expect(ours.rows).toHaveLength(1);
    const a = await jobRow(theirs!);
    const b = await jobRow(ours.rows[0]!.id);
    expect(b).toEqual({
      ...a,
      data: { v: 1, invoiceId, eventSeq: 4 },
      singleton_key: `${invoiceId}:4`,
    });
    // The queue's options, not pg-boss's fallbacks, are what both rows carry.
    const queue = await sql<{ retry_limit: number; expire_seconds: number }>`
      select retry_limit, expire_seconds from pgboss.queue
      where name = 'notify-status-changed'`.execute(database.db);
    expect(b).toMatchObject({ ...queue.rows[0], state: 'created' });
  });

  it('writes several jobs in one statement as it writes each alone', async () => {
    const invoices = [await insertInvoice(database.db), await insertInvoice(database.db)];
    const keys = invoices.map(({ id }) => `many:${id}`);
    await database.db.executeQuery(
      jobsInsert(
        'notify-invoice-available',
        invoices.map(({ id }, i) => ({ payload: { v: 1, invoiceId: id }, singletonKey: keys[i] })),
      ),
    );
    const alone = await insertInvoice(database.db);
    await database.db.executeQuery(
      jobInsert(
        'notify-invoice-available',
        { v: 1, invoiceId: alone.id },
        { singletonKey: `alone:${alone.id}` },
      ),
    );
    const idOf = async (key: string) =>
      (
        await sql<{ id: string }>`
          select id::text from pgboss.job where singleton_key = ${key}`.execute(database.db)
      ).rows.map((r) => r.id);
    const reference = await jobRow((await idOf(`alone:${alone.id}`))[0]!);
    for (const [i, { id }] of invoices.entries()) {
      const ids = await idOf(keys[i]!);
      expect(ids).toHaveLength(1);
      expect(await jobRow(ids[0]!)).toEqual({
        ...reference,
        data: { v: 1, invoiceId: id },
        singleton_key: keys[i],
      });
    }
    // Idempotent per key within and across statements.
    await database.db.executeQuery(
      jobsInsert(
        'notify-invoice-available',
        invoices.map(({ id }, i) => ({ payload: { v: 1, invoiceId: id }, singletonKey: keys[i] })),
      ),
    );
    for (const key of keys) expect(await idOf(key)).toHaveLength(1);
  });

  it('is idempotent per singleton key, and validates the payload', async () => {
    const { id: invoiceId } = await insertInvoice(database.db);
    const insert = () =>
      database.db.executeQuery(
        jobInsert('notify-invoice-available', { v: 1, invoiceId }, { singletonKey: invoiceId }),
      );
    await insert();
    await insert();
    const jobs =
      await sql`select id from pgboss.job where data->>'invoiceId' = ${invoiceId}`.execute(
        database.db,
      );
    expect(jobs.rows).toHaveLength(1);
    expect(() => jobInsert('notify-invoice-available', { v: 1, invoiceId: 'nope' })).toThrow();
  });
});
