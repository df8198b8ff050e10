import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// Only PostgreSQL has connections a server can cut; the embedded database runs in-process.
const serverUrl = process.env.DATABASE_URL;

describe.runIf(serverUrl)('a pooled connection cut by the server', () => {
  let test: TestDatabase;
  let database: Database;
  const told: Error[] = [];

  beforeAll(async () => {
    test = await createTestDatabase();
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(test.db))
      .rows[0]!.name;
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    database = await openDatabase({
      databaseUrl: url.toString(),
      poolSize: 2,
      onIdleError: (error) => told.push(error),
    });
  });
  afterAll(async () => {
    await database.close();
    await test.destroy();
  });

  it('is reported, dropped, and the next query opens a new one', async () => {
    const before = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    const pid = before.rows[0]!.pid;
    // Cut the now idle connection from another session, as a server restart or a DBA would.
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      await admin.query('select pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }
    await expect.poll(() => told.length, { timeout: 5000 }).toBeGreaterThan(0);
    expect((told[0] as Error & { code?: string }).code).toBe('57P01');
    const after = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db);
    expect(after.rows[0]!.pid).not.toBe(pid);
  });
});
