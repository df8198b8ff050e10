import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { preparedQuery } from '../../src/db/prepared.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(async () => {
  await test.destroy();
});

describe('a statement marked with preparedQuery', () => {
  it('gives the same rows as when sent plain, on either database', async () => {
    for (let i = 0; i < 3; i++) {
      const result = await test.db.executeQuery<{ n: number; t: string }>(
        preparedQuery('select $1::int + 1 as n, $2::text as t', [i, `v${i}`]),
      );
      expect(result.rows).toEqual([{ n: i + 1, t: `v${i}` }]);
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    'is kept prepared by the PostgreSQL connection, once per text',
    async () => {
      // One connection, so the statement and the catalogue read are on the same session.
      await test.db.connection().execute(async (db) => {
        const text = 'select $1::text as marked_statement_probe';
        for (let i = 0; i < 3; i++) await db.executeQuery(preparedQuery(text, [String(i)]));
        const kept = await sql<{ n: number }>`
          select count(*)::int as n from pg_prepared_statements
          where statement like '%marked_statement_probe%'`.execute(db);
        expect(kept.rows[0]!.n).toBe(1);
      });
    },
  );
});

describe('DATABASE_PREPARED_STATEMENTS', () => {
  it('is on unless set to false, and refuses anything but true or false', () => {
    expect(loadConfig({}).preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'true' }).preparedStatements).toBe(true);
    expect(loadConfig({ DATABASE_PREPARED_STATEMENTS: 'false' }).preparedStatements).toBe(false);
    expect(() => loadConfig({ DATABASE_PREPARED_STATEMENTS: 'no' })).toThrow(
      'DATABASE_PREPARED_STATEMENTS must be true or false, got "no"',
    );
  });

  it.runIf(process.env.DATABASE_URL)(
    'set to false, runs marked statements unprepared (for a transaction-mode pooler), same rows',
    async () => {
      const plain = await createTestDatabase({ preparedStatements: false });
      try {
        await plain.db.connection().execute(async (db) => {
          const text = 'select $1::text as unprepared_statement_probe';
          for (let i = 0; i < 3; i++) {
            const result = await db.executeQuery<{ unprepared_statement_probe: string }>(
              preparedQuery(text, [String(i)]),
            );
            expect(result.rows).toEqual([{ unprepared_statement_probe: String(i) }]);
          }
          const kept = await sql<{ n: number }>`
            select count(*)::int as n from pg_prepared_statements`.execute(db);
          expect(kept.rows[0]!.n).toBe(0);
        });
      } finally {
        await plain.destroy();
      }
    },
  );
});
