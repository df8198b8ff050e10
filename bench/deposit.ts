/**
 * Deposit benchmark: invoices deposited per second through HTTP, the real server in its own
 * process (`chorale serve`, job worker included) listening on 127.0.0.1, driven by N concurrent
 * clients (fetch, keep-alive) posting multipart deposits (`invoice` = a UBL invoice with a unique
 * number, `metadata` = {framework: A1_FACTURE_FOURNISSEUR}) with an API client's bearer token.
 * Reports deposits/s, p50/p99 latency, the statuses answered, and checks that the database
 * holds exactly one invoice per 201. Beside it, measured in the same run on this process: the
 * bare `validate()` rate of the same invoice (one core), the ceiling of any deposit path.
 *
 * PostgreSQL when DATABASE_URL is set (a throw-away database, dropped at the end), then the
 * embedded PGlite in a temporary folder (as `chorale serve` runs it without DATABASE_URL).
 * Both client and server share this machine's cores: the figures are for the whole machine.
 *
 *   npm run bench:deposit [-- --seconds 10] [-- --clients 16] [-- --skip-pglite]
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { validate } from '../packages/einvoice/src/validate.js';
import { createApiClientFor } from '../packages/server/src/accounts/api-clients.js';
import { findStructure } from '../packages/server/src/accounts/structure-access.js';
import { openDatabase, type OpenDatabaseOptions } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import { DEMO_SUPPLIER } from '../packages/server/src/directory/demo-directory.js';
import { seedDirectory } from '../packages/server/src/directory/seed-directory.js';
import { ublInvoice } from '../packages/server/test/support/invoices.js';
import { loadConfig } from '../packages/server/src/config.js';
import { openMigratedDatabase, startServer as startApp } from '../packages/server/src/runtime.js';

// Child mode: this same file, spawned with --server-child, runs the real server (the app and
// its job worker, as `chorale serve` does) in its own process, so clients and server do not
// share one event loop.
if (process.argv.includes('--server-child')) {
  const config = loadConfig();
  const server = await startApp({ config, database: await openMigratedDatabase(config) });
  process.stdout.write(`running on ${server.url}\n`);
  process.once('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
  await new Promise(() => undefined);
}

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('--seconds', 10);
const WARMUP_SECONDS = arg('--warmup', 2);
const CLIENTS = arg('--clients', 16);
const SKIP_PGLITE = process.argv.includes('--skip-pglite');
const root = join(import.meta.dirname, '..');

// The server runs from its TypeScript sources (tsx), and resolves @chorale/einvoice to the
// library's build: bring that build up to date first (incremental, a no-op when fresh).
const built = spawnSync(
  process.execPath,
  [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/einvoice'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (built.status !== 0) throw new Error('could not build packages/einvoice');

// One invoice template; each deposit swaps in a unique number (the duplicate rule is
// supplier + number + year, so every deposit is a new invoice).
const PLACEHOLDER = 'BENCH-NUMBER-PLACEHOLDER';
const template = new TextDecoder().decode(ublInvoice({ number: PLACEHOLDER }));
const [head, tail] = template.split(PLACEHOLDER) as [string, string];
if (tail === undefined || template.split(PLACEHOLDER).length !== 2)
  throw new Error('the invoice number must appear once in the UBL template');
const run = randomBytes(3).toString('hex');
let sequence = 0;
const nextInvoice = () => `${head}B-${run}-${String(++sequence).padStart(8, '0')}${tail}`;

function validateRate(seconds: number): number {
  const bytes = new TextEncoder().encode(nextInvoice());
  for (let i = 0; i < 200; i++) validate(bytes);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 50; i++) validate(bytes);
    n += 50;
  }
  return (n * 1000) / (performance.now() - start);
}

/** Seeds the demo directory and an API client of the demo supplier; returns its credentials. */
async function prepare(options: OpenDatabaseOptions): Promise<{ id: string; secret: string }> {
  const database = await openDatabase(options);
  try {
    await migrateToLatest(database.db);
    await seedDirectory({ db: database.db });
    const supplier = await findStructure(database.db, DEMO_SUPPLIER.identifier);
    if (!supplier) throw new Error('demo supplier missing after seeding');
    const client = await createApiClientFor({
      db: database.db,
      structureId: supplier.id,
      name: 'bench',
      scopes: ['invoices:send', 'invoices:read'],
    });
    return { id: client.clientId, secret: client.clientSecret };
  } finally {
    await database.close();
  }
}

async function countInvoices(options: OpenDatabaseOptions): Promise<number> {
  const database = await openDatabase(options);
  try {
    const row = await database.db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

/** The server in a child process (this file with --server-child); resolves with its base URL once it listens. */
function startServer(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'bench/deposit.ts'), '--server-child'],
    {
      cwd: root,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'warn',
        COOKIE_SECRET: 'bench-cookie-secret-bench-cookie-secret',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running on http:\/\/[^:]+:(\d+)/.exec(out);
      if (m) resolve({ url: `http://127.0.0.1:${m[1]}`, child });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function token(url: string, client: { id: string; secret: string }): Promise<string> {
  const res = await fetch(`${url}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.id,
      client_secret: client.secret,
    }),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

interface RunResult {
  latencies: number[];
  statuses: Map<number, number>;
  created: number;
  seconds: number;
  firstError?: string;
}

/** N clients depositing back to back for `seconds`. */
async function drive(url: string, bearer: string, seconds: number): Promise<RunResult> {
  const result: RunResult = { latencies: [], statuses: new Map(), created: 0, seconds };
  const metadata = JSON.stringify({ framework: 'A1_FACTURE_FOURNISSEUR' });
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const form = new FormData();
      form.append('invoice', new Blob([nextInvoice()], { type: 'application/xml' }), 'facture.xml');
      form.append('metadata', metadata);
      const t0 = performance.now();
      const res = await fetch(`${url}/api/v1/invoices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}` },
        body: form,
      });
      const text = await res.text();
      result.latencies.push(performance.now() - t0);
      result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
      if (res.status === 201) result.created += 1;
      else result.firstError ??= `${res.status} ${text.slice(0, 300)}`;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return result;
}

function report(r: RunResult): void {
  const s = [...r.latencies].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  const statuses = [...r.statuses].map(([k, v]) => `${k}×${v}`).join(' ');
  console.log(
    `  ${(r.created / r.seconds).toFixed(0)} deposits/s (201) over ${r.seconds} s, ${CLIENTS} clients; latency p50 ${q(0.5).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms; answers: ${statuses}`,
  );
  if (r.firstError) console.log(`  first non-201 answer: ${r.firstError}`);
}

async function bench(label: string, db: OpenDatabaseOptions, env: Record<string, string>) {
  console.log(`\n${label}`);
  const client = await prepare(db);
  const before = await countInvoices(db);
  const { url, child } = await startServer(env);
  let created = 0;
  try {
    const bearer = await token(url, client);
    const warm = await drive(url, bearer, WARMUP_SECONDS);
    created += warm.created;
    const measured = await drive(url, bearer, SECONDS);
    created += measured.created;
    report(measured);
    const p99 = [...measured.latencies].sort((a, b) => a - b)[
      Math.floor(0.99 * measured.latencies.length)
    ];
    console.log(
      `  target ≥ 500/s with p99 < 100 ms: ${measured.created / SECONDS >= 500 && (p99 ?? Infinity) < 100 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await stopServer(child);
  }
  const after = await countInvoices(db);
  console.log(
    `  database check: ${after - before} invoices written for ${created} answers 201 (warm-up included) — ${after - before === created ? 'exact' : 'MISMATCH'}`,
  );
}

console.log(
  `Deposit benchmark: UBL invoice of ${(template.length / 1024).toFixed(1)} KiB, ${CLIENTS} concurrent clients, 127.0.0.1`,
);
const rate = validateRate(3);
console.log(`  bare validate() in this process, one core: ${rate.toFixed(0)} invoices/s`);

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const name = `chorale_bench_deposit_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await bench(
      `PostgreSQL (${url.host}, throw-away database ${name})`,
      { databaseUrl: url.toString() },
      { DATABASE_URL: url.toString() },
    );
  } finally {
    const drop = new pg.Client({ connectionString: serverUrl });
    await drop.connect();
    await drop.query(`drop database if exists ${name} with (force)`);
    await drop.end();
  }
} else {
  console.log('\nPostgreSQL: skipped (set DATABASE_URL)');
}
if (!SKIP_PGLITE) {
  const dir = mkdtempSync(join(tmpdir(), 'chorale-bench-'));
  try {
    await bench(
      `PGlite (embedded, files in ${dir})`,
      { dataDir: dir },
      { DATA_DIR: dir, DATABASE_URL: '' },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
