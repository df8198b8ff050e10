import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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
