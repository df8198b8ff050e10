import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendJournal } from '../../src/invoices/journal.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { setUpPersonas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

// docs/lifecycle.md gives a recipe to re-check the journal without Chorale's code: this runs
// it, as written there, on a real journal, and on the same journal with one row edited.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
let t: TestApp;
let dir: string;

/** The code block of docs/lifecycle.md titled verify-journal.mjs, and the export query. */
function recipe(): { script: string; query: string } {
  const doc = readFileSync(path.join(root, 'docs/lifecycle.md'), 'utf8');
  const script = /```js verify-journal\.mjs\n([\s\S]*?)```/.exec(doc)?.[1];
  const query = /psql "\$DATABASE_URL" -Atc "([^"]+)"/.exec(doc)?.[1];
  expect(script, 'the recipe block is missing from docs/lifecycle.md').toBeTruthy();
  expect(query, 'the export query is missing from docs/lifecycle.md').toBeTruthy();
  expect(script!.trim().split('\n').length).toBeLessThanOrEqual(30);
  return { script: script!, query: query! };
}

beforeAll(async () => {
  t = await createTestApp();
  await setUpPersonas(t);
  // A few chains, with data holding what canonical JSON must get right: keys to sort beyond
  // ASCII, numbers, nested objects, escapes.
  for (let i = 0; i < 3; i++) {
    const { id } = await insertInvoice(t.database.db, {});
    await t.database.db.transaction().execute(async (trx) => {
      await appendJournal(trx, {
        invoiceId: id,
        event: 'STATUS_CHANGED',
        actor: { kind: 'SYSTEM' },
        fromStatus: 'MISE_A_DISPOSITION',
        toStatus: 'SUSPENDUE',
        reason: 'Pièce « manquante »\tligne 2',
        data: { z: 1, é: [1.5, 1e21, -3], '\u{1F600}': { b: null, a: 'x"y' }, Z: true, n: i },
      });
    });
  }
  // Inside the repository, so the script resolves `canonicalize` from its node_modules.
  dir = mkdtempSync(path.join(root, 'node_modules', '.journal-recipe-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

function run(rows: unknown): { code: number; out: string } {
  const { script } = recipe();
  writeFileSync(path.join(dir, 'verify-journal.mjs'), script);
  writeFileSync(path.join(dir, 'journal.json'), JSON.stringify(rows));
  try {
    const out = execFileSync(process.execPath, ['verify-journal.mjs', 'journal.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { code: e.status, out: e.stdout };
  }
}

describe('the journal verification recipe of docs/lifecycle.md', () => {
  it('checks every row of a real journal, and finds an edited one', async () => {
    const { query } = recipe();
    // The export query of the recipe, as written (psql prints the one value it selects).
    const exported = await sql.raw<Record<string, unknown>>(query).execute(t.database.db);
    const result = Object.values(exported.rows[0]!)[0];
    const rows = (typeof result === 'string' ? JSON.parse(result) : result) as {
      seq: number;
      data: Record<string, unknown>;
    }[];
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const good = run(rows);
    expect(good.out).toContain(`${rows.length} rows check`);
    expect(good.code).toBe(0);
    const edited = structuredClone(rows);
    const target = edited.find((r) => r.seq === 2)!;
    target.data = { ...target.data, n: 42 };
    const bad = run(edited);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('1 row(s) do not check');
  });
});
