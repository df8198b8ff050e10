import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY } from '../src/directory/demo-directory.js';
import { generateDirectory } from '../src/directory/seed-directory.js';
import { openDatabase } from '../src/db/database.js';
import { exportFile, exportLine } from './directory/csv.js';

// The administration commands run as a user runs them: a child process on an embedded
// database in a temporary DATA_DIR; the database is then opened to check what they wrote.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cli = path.join(root, 'packages/server/src/cli/main.ts');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-cli-'));
const dataDir = path.join(dir, 'data');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function chorale(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const r = spawnSync(tsx, [cli, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('chorale CLI (child process)', () => {
  it('migrate, seed (prints the demo accounts), seed again (nothing written)', () => {
    const migrate = chorale('migrate');
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toContain('applied 0003_accounts');
    const seed = chorale('seed');
    expect(seed.code, seed.stderr).toBe(0);
    expect(seed.stdout).toContain('demo data written');
    expect(seed.stdout).toContain('fournisseur@demo.chorale.test');
    expect(chorale('seed').stdout).toContain('already present');
  }, 180_000);

  it('the seed’s invoice originals are in the file store, as any deposit’s', async () => {
    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db
        .selectFrom('invoice_file')
        .select(['storage_key', 'content', 'size'])
        .execute();
      expect(rows.length).toBeGreaterThan(4);
      for (const row of rows) {
        expect(row.content).toBeNull();
        const file = path.join(dataDir, 'files', row.storage_key!);
        expect(fs.statSync(file).size).toBe(Number(row.size));
      }
    } finally {
      await database.close();
    }
  });

  it('serve --no-worker refuses the embedded database: no other process could run its jobs', () => {
    const r = chorale('serve', '--no-worker', '--port', '0');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--no-worker needs DATABASE_URL');
  }, 60_000);

  it('storage migrate copies to another folder and refuses the store the files are in; sweep runs', () => {
    const target = path.join(dir, 'files-copy');
    const moved = chorale('storage', 'migrate', '--to', target);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/^\d+ files copied and verified, 0 failed$/m);
    const same = chorale('storage', 'migrate', '--to', path.join(dataDir, 'files'));
    expect(same.code).toBe(1);
    expect(same.stderr).toContain('already in');
    const swept = chorale('storage', 'sweep');
    expect(swept.code, swept.stderr).toBe(0);
    expect(swept.stdout).toMatch(/objects listed, 0 orphans removed/);
  }, 120_000);

  it('storage move-from-database moves the bytes rows still hold into FILES_DIR, then has none left', async () => {
    // Rows as written before migration 0024: the bytes in the row, no key. The seed's files
    // are put back so, and their objects removed.
    const before = await openDatabase({ dataDir });
    try {
      const rows = await before.db
        .selectFrom('invoice_file')
        .select(['id', 'storage_key'])
        .execute();
      for (const row of rows) {
        const file = path.join(dataDir, 'files', row.storage_key!);
        await sql`update invoice_file set content = ${fs.readFileSync(file)}, storage_key = null
          where id = ${row.id}`.execute(before.db);
        fs.rmSync(file);
      }
    } finally {
      await before.close();
    }
    const moved = chorale('storage', 'move-from-database', '--batch-size', '4');
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/^invoice_file: (\d+)\/\1 moved \([\d.]+ MiB\), 0 failed$/m);
    const total = Number(/^invoice_file: \d+\/(\d+)/m.exec(moved.stdout)![1]);
    expect(total).toBeGreaterThan(4); // two batches at least
    expect(moved.stdout).toMatch(
      new RegExp(`^${total} files moved to the store .*, 0 failed$`, 'm'),
    );
    const database = await openDatabase({ dataDir });
    try {
      const rows = await database.db
        .selectFrom('invoice_file')
        .select(['storage_key', 'content'])
        .execute();
      expect(rows.length).toBe(total);
      for (const row of rows) {
        expect(row.content).toBeNull();
        expect(fs.existsSync(path.join(dataDir, 'files', row.storage_key!))).toBe(true);
      }
    } finally {
      await database.close();
    }
    const again = chorale('storage', 'move-from-database');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('invoice_file: 0/0 moved');
    expect(again.stdout).toMatch(/^0 files moved to the store/m);
  }, 120_000);

  it('directory import: reports broken rows with their line, imports the rest, exits 1', async () => {
    const rows = generateDirectory(42).structures.slice(0, 30);
    const file = path.join(dir, 'annuaire.csv');
    const text = exportFile(rows).replace(
      exportLine(rows[4]!),
      exportLine({ ...rows[4]!, identifier: '12345678901234' }),
    );
    fs.writeFileSync(file, text);
    const services = path.join(dir, 'services.csv');
    fs.writeFileSync(
      services,
      `TypeIdentifiant;Identifiant;CodeService;LibelleService;GestionEngagement\nSIRET;${rows[0]!.identifier};COMPTA;Comptabilité;false\n`,
    );
    const report = path.join(dir, 'report.csv');
    const r = chorale('directory', 'import', file, '--services', services, '--report', report);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${file}:6: Identifiant "12345678901234": SIRET check digit is wrong (Luhn key)`,
    );
    expect(r.stdout).toMatch(
      /structures: 30 rows read \(utf8\), 29 inserted, 0 updated, 1 rejected/,
    );
    expect(r.stdout).toMatch(/services: 1 rows read \(utf8\), 1 inserted/);
    expect(fs.readFileSync(report, 'utf8')).toBe(
      `file;line;reason\n${file};6;Identifiant "12345678901234": SIRET check digit is wrong (Luhn key)\n`,
    );
    const database = await openDatabase({ dataDir });
    try {
      const svc = await database.db
        .selectFrom('service')
        .innerJoin('structure', 'structure.id', 'service.structure_id')
        .select(['structure.identifier', 'service.code'])
        .where('service.code', '=', 'COMPTA')
        .execute();
      expect(svc).toEqual([{ identifier: rows[0]!.identifier, code: 'COMPTA' }]);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('api-client create --json prints the id and the secret once; the secret is stored hashed', async () => {
    const r = chorale(
      'api-client',
      'create',
      '--structure',
      DEMO_PUBLIC_BODY.identifier,
      '--scopes',
      'invoices:read,directory:read',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      clientId: string;
      clientSecret: string;
      scopes: string[];
    };
    expect(out.clientId).toMatch(/^cli_/);
    expect(out.scopes).toEqual(['invoices:read', 'directory:read']);
    const database = await openDatabase({ dataDir });
    try {
      const row = await database.db
        .selectFrom('api_client')
        .selectAll()
        .where('id', '=', out.clientId)
        .executeTakeFirstOrThrow();
      expect(row.scopes).toBe('invoices:read directory:read');
      expect(row.secret_hash).not.toBe(out.clientSecret);
    } finally {
      await database.close();
    }
    const bad = chorale('api-client', 'create', '--structure', '00000000000000');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('no structure 00000000000000');
    const usage = chorale('api-client', 'create');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--structure <identifier>'");
  }, 180_000);
});
