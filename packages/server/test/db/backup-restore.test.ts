import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { buildApp } from '../../src/http/app.js';
import { verifyJournal } from '../../src/invoices/journal.js';
import { createMailer } from '../../src/lib/mailer.js';
import { openVerified } from '../../src/storage/file-store.js';
import { localFileStore } from '../../src/storage/local-file-store.js';
import { storedFiles } from '../../src/storage/stored-files.js';
import { runCli } from '../crash/harness.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber, sha256, type Deposited } from '../support/deposit.js';
import { cii, plainPdf, ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';

// The deployment guide's backup and restore (docs/deployment.md, "Backups and restore"), done
// as written: a populated database (deposits with attachments, status changes, a flow in the
// file store) is dumped with `pg_dump --format=custom`, the file store copied after the dump
// has finished, the dump restored with `pg_restore` into a new database, and on the restored
// database `chorale journal verify` finds every journal row intact and an instance serves the
// same invoices, files and histories. PostgreSQL only (vitest.config.ts): the embedded
// database is backed up by copying its stopped folder, not by pg_dump.

/** Whether `program` runs here; under CI its absence is a failure, not a skipped test. */
function found(program: string): boolean {
  const r = spawnSync(program, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}
const tools = found('pg_dump') && found('pg_restore');
const runIt = tools || process.env.CI === 'true' ? it : it.skip;

/** A program run to its end: its exit code and output. */
function run(program: string, args: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, out }));
  });
}

const server = process.env.DATABASE_URL!;
async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-backup-'));
const restoredName = `chorale_restored_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
let t: TestApp | undefined;
let restored: Database | undefined;
let restoredApp: FastifyInstance | undefined;
afterAll(async () => {
  await restoredApp?.close();
  await restored?.close();
  await t?.close();
  if (server) await admin(`drop database if exists ${restoredName} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
});

const drain = (stream: NodeJS.ReadableStream) =>
  pipeline(stream, new Writable({ write: (_c, _e, done) => done() }));

interface Kept {
  id: string;
  original: string;
  attachment?: { id: string; sha256: string };
}

/** What the source says of an invoice, to compare with the restored instance's answers. */
async function readBack(app: TestApp, p: Personas, kept: Kept) {
  const detail = await call(app, p.supplierUser, {
    method: 'GET',
    url: `/api/v1/invoices/${kept.id}`,
  });
  const history = await call(app, p.supplierUser, {
    method: 'GET',
    url: `/api/v1/invoices/${kept.id}/history`,
  });
  const original = await call(app, p.supplierUser, {
    method: 'GET',
    url: `/api/v1/invoices/${kept.id}/original`,
  });
  const attachment = kept.attachment
    ? await call(app, p.supplierUser, {
        method: 'GET',
        url: `/api/v1/invoices/${kept.id}/attachments/${kept.attachment.id}`,
      })
    : undefined;
  for (const res of [detail, history, original, attachment]) {
    if (res) expect(res.statusCode, res.body).toBe(200);
  }
  const d = detail.json<{ status: string; version: number; number: string }>();
  return {
    status: d.status,
    version: d.version,
    number: d.number,
    history: history.json<unknown>(),
    original: sha256(original.rawPayload),
    attachment: attachment ? sha256(attachment.rawPayload) : undefined,
  };
}

describe('backup with pg_dump and restore with pg_restore (deployment guide)', () => {
  runIt(
    `restores a database whose journal verifies and whose invoices and files read back${tools ? '' : ' (pg_dump or pg_restore not found: install postgresql-client)'}`,
    async () => {
      expect(tools, 'pg_dump and pg_restore must be installed (postgresql-client)').toBe(true);
      expect(server, 'this test runs in the postgres project').toBeTruthy();
      t = await createTestApp();
      const p = await setUpPersonas(t);

      // Deposits, some with an attachment, then the recipient's decisions on two of them.
      const kept: Kept[] = [];
      for (let i = 0; i < 4; i++) {
        const number = nextNumber();
        const invoice = i % 2 === 0 ? ubl({ number }) : cii({ number });
        const attachment = { bytes: plainPdf(`Bon de livraison ${number}`), filename: 'bl.pdf' };
        const res = await deposit(t, p.supplierUser, {
          invoice,
          attachments: i < 2 ? [{ ...attachment, contentType: 'application/pdf' }] : [],
        });
        expect(res.statusCode, res.body).toBe(201);
        const body = res.json<Deposited>();
        const files = await t.database.db
          .selectFrom('invoice_file')
          .select(['id', 'sha256'])
          .where('invoice_id', '=', body.id)
          .where('kind', '=', 'ATTACHMENT')
          .execute();
        kept.push({
          id: body.id,
          original: sha256(invoice.bytes),
          attachment: files[0] ? { id: files[0].id, sha256: sha256(attachment.bytes) } : undefined,
        });
      }
      expect(kept.filter((k) => k.attachment).length).toBe(2);
      for (const k of kept.slice(0, 2)) {
        const done = await call(t, p.clerkA, {
          method: 'POST',
          url: `/api/v1/invoices/${k.id}/status`,
          payload: { status: 'SERVICE_FAIT', version: 1 },
        });
        expect(done.statusCode, done.body).toBe(200);
      }
      const mandated = await call(t, p.clerkA, {
        method: 'POST',
        url: `/api/v1/invoices/${kept[0]!.id}/status`,
        payload: { status: 'MANDATEE', version: 2, mandateNumber: 'M-2026-17' },
      });
      expect(mandated.statusCode, mandated.body).toBe(200);
      // A flow: its file goes to the file store (here the local folder), its row to the database.
      const flow = await call(t, p.apiClient, {
        method: 'POST',
        url: `/api/v1/flows?${new URLSearchParams({ syntaxeFlux: 'IN_DP_E1_UBL_INVOICE', nomFichier: 'flux.xml' })}`,
        payload: Buffer.from(ubl({ number: nextNumber() }).bytes),
        headers: { 'content-type': 'application/octet-stream' },
      });
      expect(flow.statusCode, flow.body).toBe(202);

      const source = await verifyJournal({ db: t.database.db });
      expect(source.problems).toEqual([]);
      expect(source.events).toBeGreaterThanOrEqual(kept.length * 2 + 3);
      const before = await Promise.all(kept.map((k) => readBack(t!, p, k)));
      expect(before.map((b) => b.status)).toEqual([
        'MANDATEE',
        'SERVICE_FAIT',
        'MISE_A_DISPOSITION',
        'MISE_A_DISPOSITION',
      ]);

      // The backup: the dump, then (after it has finished) the file store.
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(
        t.database.db,
      );
      const sourceUrl = new URL(server);
      sourceUrl.pathname = `/${rows[0]!.name}`;
      const dump = path.join(dir, 'chorale.dump');
      const dumped = await run('pg_dump', [
        '--format=custom',
        `--file=${dump}`,
        `--dbname=${sourceUrl}`,
      ]);
      expect(dumped.code, dumped.out).toBe(0);
      const filesCopy = path.join(dir, 'files');
      fs.cpSync(t.config.filesDir, filesCopy, { recursive: true });

      // The restore: a new, empty database, the dump restored into it all or nothing.
      await admin(`create database ${restoredName}`);
      const restoredUrl = new URL(server);
      restoredUrl.pathname = `/${restoredName}`;
      const loaded = await run('pg_restore', [
        '--exit-on-error',
        '--single-transaction',
        '--no-owner',
        `--dbname=${restoredUrl}`,
        dump,
      ]);
      expect(loaded.code, loaded.out).toBe(0);

      // `chorale journal verify` on the restored database, as the guide says, before opening:
      // every invoice and journal row of the source, all intact.
      const verified = await runCli(
        {
          env: { DATABASE_URL: restoredUrl.toString() },
          open: () => openDatabase({ databaseUrl: restoredUrl.toString(), poolSize: 2 }),
          drop: async () => undefined,
        },
        'journal',
        'verify',
      );
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout.trim()).toBe(
        `${source.invoices} invoices, ${source.events} journal rows checked: intact`,
      );

      // An instance on the restored database and the copied store serves the same answers; the
      // sessions are the database's, so the same sign-ins hold.
      restored = await openDatabase({ databaseUrl: restoredUrl.toString(), poolSize: 2 });
      const config = { ...t.config, filesDir: filesCopy };
      restoredApp = await buildApp({
        deps: {
          db: restored.db,
          dbKind: restored.kind,
          config,
          mailer: createMailer({ smtpUrl: undefined, from: config.mailFrom, log: () => {} }),
        },
        cookieSecret: 'test-cookie-secret-test-cookie-secret',
        logger: false,
      });
      const onRestored = { ...t, app: restoredApp };
      const after = await Promise.all(kept.map((k) => readBack(onRestored, p, k)));
      expect(after).toEqual(before);
      for (let i = 0; i < kept.length; i++) {
        expect(after[i]!.original).toBe(kept[i]!.original);
        expect(after[i]!.attachment).toBe(kept[i]!.attachment?.sha256);
      }
      // Every file a restored row names is in the copied store, with the size and hash recorded.
      const store = localFileStore(filesCopy);
      let checked = 0;
      for await (const file of storedFiles(restored.db)) {
        await drain(openVerified(store, file.key, file));
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(1);

      // And the check has teeth on a restored database: one journal row edited behind the
      // append-only guard (as a superuser could) makes it fail, naming the invoice.
      await sql`alter table invoice_event disable trigger invoice_event_no_change`.execute(
        restored.db,
      );
      await sql`update invoice_event set reason = 'edited' where invoice_id = ${kept[0]!.id} and seq = 2`.execute(
        restored.db,
      );
      await sql`alter table invoice_event enable trigger invoice_event_no_change`.execute(
        restored.db,
      );
      const tampered = await runCli(
        {
          env: { DATABASE_URL: restoredUrl.toString() },
          open: () => openDatabase({ databaseUrl: restoredUrl.toString(), poolSize: 2 }),
          drop: async () => undefined,
        },
        'journal',
        'verify',
      );
      expect(tampered.code).toBe(1);
      expect(tampered.stdout).toContain(`${kept[0]!.id} seq 2`);
    },
    120_000,
  );
});
