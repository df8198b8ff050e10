import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { appendJournal, journalHash, verifyJournal } from '../../src/invoices/journal.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDirectory({ db: t.db });
});
afterAll(async () => {
  await t.destroy();
});

/** An invoice with `rows` journal rows in all. */
async function invoiceWithRows(rows: number): Promise<string> {
  const { id } = await insertInvoice(t.db, { status: 'MISE_A_DISPOSITION' });
  for (let i = 2; i < rows; i++) {
    await t.db.transaction().execute((trx) =>
      appendJournal(trx, {
        invoiceId: id,
        event: 'DOWNLOADED',
        actor: { kind: 'SYSTEM' },
        fromStatus: null,
        toStatus: null,
        data: { n: i, nested: { b: 1, a: [1, 'x', null] } },
      }),
    );
  }
  return id;
}

/** What an attacker with the database's superuser does: switch the append-only guard off. */
async function tamper(run: () => Promise<unknown>): Promise<void> {
  await sql`alter table invoice_event disable trigger invoice_event_no_change`.execute(t.db);
  try {
    await run();
  } finally {
    await sql`alter table invoice_event enable trigger invoice_event_no_change`.execute(t.db);
  }
}

const problemsOf = async (invoiceId: string) =>
  (await verifyJournal({ db: t.db })).problems
    .filter((p) => p.invoiceId === invoiceId)
    .map((p) => `${p.problem}@${p.seq ?? '-'}`)
    .sort();

describe('journal', () => {
  it('chains rows 1, 2, 3… per invoice, keeps the head on the invoice, verifies intact', async () => {
    const id = await invoiceWithRows(4);
    const rows = await t.db
      .selectFrom('invoice_event')
      .selectAll()
      .where('invoice_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe('');
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const invoice = await t.db
      .selectFrom('invoice')
      .select(['journal_head', 'journal_length'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(invoice).toEqual({ journal_head: rows[3]!.hash, journal_length: 4 });
    // Key order of the data does not matter (jsonb reorders keys).
    expect(rows[2]!.data).toEqual({ n: 2, nested: { a: [1, 'x', null], b: 1 } });
    const progress: [number, number][] = [];
    const result = await verifyJournal({ db: t.db, onProgress: (d, n) => progress.push([d, n]) });
    expect(result.problems).toEqual([]);
    expect(result.events).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
  });

  it('refuses updates and deletes (append-only trigger)', async () => {
    const id = await invoiceWithRows(2);
    await expect(
      t.db.updateTable('invoice_event').set({ reason: 'x' }).where('invoice_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(
      t.db.deleteFrom('invoice_event').where('invoice_id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
  });

  it('finds an edited row', async () => {
    const id = await invoiceWithRows(3);
    await tamper(() =>
      t.db
        .updateTable('invoice_event')
        .set({ data: JSON.stringify({ n: 2, nested: { a: [], b: 2 } }) })
        .where('invoice_id', '=', id)
        .where('seq', '=', 2)
        .execute(),
    );
    expect(await problemsOf(id)).toEqual(['HASH_MISMATCH@2']);
  });

  it('finds an edited row whose hash the attacker recomputed (the next row no longer follows)', async () => {
    const id = await invoiceWithRows(3);
    const row = await t.db
      .selectFrom('invoice_event')
      .selectAll()
      .where('invoice_id', '=', id)
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const hash = journalHash(row.prev_hash, {
      invoiceId: id,
      seq: 2,
      at: row.at,
      event: row.event,
      actorKind: row.actor_kind,
      actorUserId: row.actor_user_id,
      actorClientId: row.actor_client_id,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      reason: 'rewritten',
      data: row.data,
    });
    await tamper(() =>
      t.db
        .updateTable('invoice_event')
        .set({ reason: 'rewritten', hash })
        .where('id', '=', row.id)
        .execute(),
    );
    expect(await problemsOf(id)).toEqual(['CHAIN_BROKEN@3']);
  });

  it('finds a deleted row in the middle', async () => {
    const id = await invoiceWithRows(4);
    await tamper(() =>
      t.db.deleteFrom('invoice_event').where('invoice_id', '=', id).where('seq', '=', 2).execute(),
    );
    expect(await problemsOf(id)).toEqual([
      'CHAIN_BROKEN@3',
      'LENGTH_MISMATCH@-',
      'SEQUENCE_GAP@3',
      'SEQUENCE_GAP@4',
    ]);
  });

  it('finds deleted trailing rows (the invoice keeps the head and the length)', async () => {
    const id = await invoiceWithRows(4);
    await tamper(() =>
      t.db.deleteFrom('invoice_event').where('invoice_id', '=', id).where('seq', '>=', 3).execute(),
    );
    expect(await problemsOf(id)).toEqual(['HEAD_MISMATCH@-', 'LENGTH_MISMATCH@-']);
  });

  it('finds reordered rows (seq numbers swapped)', async () => {
    const id = await invoiceWithRows(4);
    await tamper(async () => {
      const move = (from: number, to: number) =>
        t.db
          .updateTable('invoice_event')
          .set({ seq: to })
          .where('invoice_id', '=', id)
          .where('seq', '=', from)
          .execute();
      await move(2, -1);
      await move(3, 2);
      await move(-1, 3);
    });
    const found = await problemsOf(id);
    expect(found).toContain('HASH_MISMATCH@2');
    expect(found).toContain('HASH_MISMATCH@3');
    expect(found).toContain('CHAIN_BROKEN@2');
  });
});

describe('chorale journal verify (child process)', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  const cli = path.join(root, 'packages/server/src/cli/main.ts');
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-journal-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const chorale = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const r = spawnSync(tsx, [cli, ...args], { env, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('exits 0 on an intact journal, 1 with the problem listed after tampering; has --help', async () => {
    const help = chorale('journal', 'verify', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exits 1\s+when a problem is found/);
    const database = await openDatabase({ dataDir: dir });
    let id = '';
    try {
      await migrateToLatest(database.db);
      await seedDirectory({ db: database.db });
      id = (await insertInvoice(database.db, { status: 'MISE_A_DISPOSITION' })).id;
    } finally {
      await database.close();
    }
    const ok = chorale('journal', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('1 invoices, 2 journal rows checked: intact');
    const again = await openDatabase({ dataDir: dir });
    try {
      await sql`alter table invoice_event disable trigger invoice_event_no_change`.execute(
        again.db,
      );
      await again.db.deleteFrom('invoice_event').where('seq', '=', 2).execute();
    } finally {
      await again.close();
    }
    const bad = chorale('journal', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`${id}: HEAD_MISMATCH`);
    expect(bad.stdout).toContain('2 problem(s) found');
  }, 300_000);
});
