import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

// A failed statement's error is logged whole (pino copies its own properties). It must not carry
// the statement's parameters there: a deposit's are its file, megabytes written out byte by byte
// into the log for every refusal — during a fault, for every request (decision 0016).

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(() => database.destroy());

describe('database errors in logs', () => {
  it('do not carry the parameters of the failed statement in their serialised form', async () => {
    const big = new Uint8Array(200_000).fill(65);
    let caught: unknown;
    try {
      await sql`select ${big}::bytea / 0`.execute(database.db);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    const serialised = JSON.stringify({ ...(caught as object) });
    expect(serialised.length).toBeLessThan(10_000);
    expect(Object.keys(caught as object)).not.toContain('params');
  });
});
