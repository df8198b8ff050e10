import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { verifyJournal } from '../../src/invoices/journal.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.destroy();
});

describe('demo data', () => {
  it('deposits and processes the demo invoices through the real use cases, once', async () => {
    const first = await seedDemo({ db: database.db, invoices: true });
    expect(first.seeded).toBe(true);
    expect(first.invoices).toBe(6);
    const rows = await database.db
      .selectFrom('invoice')
      .select(['number', 'status'])
      .orderBy('number')
      .execute();
    expect(rows.map((r) => `${r.number} ${r.status}`)).toEqual([
      'DEMO-2026-001 MISE_A_DISPOSITION',
      'DEMO-2026-002 MISE_A_DISPOSITION',
      'DEMO-2026-003 SUSPENDUE',
      'DEMO-2026-004 SERVICE_FAIT',
      'DEMO-2026-005 MANDATEE',
      'DEMO-2026-006 MISE_EN_PAIEMENT',
    ]);
    const journal = await verifyJournal({ db: database.db });
    expect(journal.problems).toEqual([]);
    expect(journal.events).toBeGreaterThanOrEqual(6 * 2 + 1 + 1 + 2 + 3);

    const again = await seedDemo({ db: database.db, invoices: true });
    expect(again).toMatchObject({ seeded: false, invoices: 0 });
    const count = await database.db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
  });
});
