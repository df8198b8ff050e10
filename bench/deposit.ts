/**
 * Deposit benchmark: invoices deposited per second through HTTP, the real server in its own
 * process (`chorale serve`, job worker included) listening on 127.0.0.1, driven by N concurrent
 * clients (node:http, keep-alive) posting multipart deposits (`invoice` = a UBL invoice with a unique
 * number, `metadata` = {framework: A1_FACTURE_FOURNISSEUR}) with an API client's bearer token.
 * Reports deposits/s, p50/p99 latency, the statuses answered, and checks that the database
 * holds exactly one invoice per 201. Baselines measured in the same run, given as ratios: the
 * bare `validate()` rate of the same invoice (one core, this process), the ceiling of any
 * deposit path; and GET /health/ready on the same server with the same clients (one request,
 * one database round trip), which other work on the machine slows down as much as deposits.
 * Where the CPU goes: per deposit, the server process, its PostgreSQL backends and the clients
 * (from /proc, Linux only).
 *
 * PostgreSQL when DATABASE_URL is set (a throw-away database, dropped at the end), then the
 * embedded PGlite in a temporary folder (as `chorale serve` runs it without DATABASE_URL).
 * Both client and server share this machine's cores: the figures are for the whole machine.
 *
 *   npm run bench:deposit [-- --seconds 10] [-- --clients 16] [-- --skip-pglite]
 *   BENCH_CPU_PROF=<dir> npm run bench:deposit   (V8 CPU profile of the server process)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import pg from 'pg';
import type { OpenDatabaseOptions } from '../packages/server/src/db/database.js';

const root = join(import.meta.dirname, '..');

// The server resolves @chorale/einvoice to the library's build: bring that build up to date
// before anything imports it (incremental, a no-op when fresh). Hence the dynamic imports below.
if (!process.argv.includes('--server-child')) {
  const built = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-b', 'packages/einvoice'],
    { cwd: root, stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('could not build packages/einvoice');
}
const { validate } = await import('../packages/einvoice/src/validate.js');
const { createApiClient } = await import('../packages/server/src/accounts/create-api-client.js');
const { SYSTEM_ACTOR } = await import('../packages/server/src/accounts/model.js');
const { findStructure } = await import('../packages/server/src/accounts/structure-access.js');
const { openDatabase } = await import('../packages/server/src/db/database.js');
const { migrateToLatest } = await import('../packages/server/src/db/migrate.js');
const { DEMO_SUPPLIER } = await import('../packages/server/src/directory/demo-directory.js');
const { seedDirectory } = await import('../packages/server/src/directory/seed-directory.js');
const { ublInvoice } = await import('../packages/server/test/support/invoices.js');
const { loadConfig } = await import('../packages/server/src/config.js');
const { openMigratedDatabase, startServer: startApp } =
  await import('../packages/server/src/runtime.js');

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
    const client = await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: supplier.identifier,
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
    [
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the server, written when it stops.
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
        : []),
      '--import',
      'tsx',
      join(root, 'bench/deposit.ts'),
      '--server-child',
    ],
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
  ok: number;
  seconds: number;
  firstError?: string;
}

interface Answer {
  status: number;
  text: string;
}

/**
 * The clients' HTTP: node:http on keep-alive connections, one per client. Lighter on the CPU
 * than fetch and FormData, which cost the machine as much as a deposit's database work: the
 * clients share the two cores with the server, so what they spend is not measured but lost.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
function send(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string | number>,
  body?: Buffer,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** N clients sending `request()` back to back for `seconds`; `okStatus` answers are counted. */
async function drive(
  seconds: number,
  okStatus: number,
  request: () => Promise<Answer>,
): Promise<RunResult> {
  const result: RunResult = { latencies: [], statuses: new Map(), ok: 0, seconds };
  const end = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const res = await request();
      result.latencies.push(performance.now() - t0);
      result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
      if (res.status === okStatus) result.ok += 1;
      else result.firstError ??= `${res.status} ${res.text.slice(0, 300)}`;
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return result;
}

/** A multipart deposit (`invoice` file, `metadata` JSON), the body written out by hand. */
function deposit(url: string, bearer: string): () => Promise<Answer> {
  const boundary = `chorale-bench-${run}`;
  const opening = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n` +
      `${JSON.stringify({ framework: 'A1_FACTURE_FOURNISSEUR' })}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="invoice"; filename="facture.xml"\r\n` +
      `Content-Type: application/xml\r\n\r\n`,
  );
  const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
  return () => {
    const body = Buffer.concat([opening, Buffer.from(nextInvoice()), closing]);
    return send(
      `${url}/api/v1/invoices`,
      'POST',
      {
        authorization: `Bearer ${bearer}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': body.byteLength,
      },
      body,
    );
  };
}

const quantile = (r: RunResult, p: number) => {
  const s = [...r.latencies].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

function report(what: string, r: RunResult): void {
  const statuses = [...r.statuses].map(([k, v]) => `${k}×${v}`).join(' ');
  console.log(
    `  ${what}: ${(r.ok / r.seconds).toFixed(0)}/s over ${r.seconds} s, ${CLIENTS} clients; latency p50 ${quantile(r, 0.5).toFixed(1)} ms, p99 ${quantile(r, 0.99).toFixed(1)} ms, max ${Math.max(...r.latencies).toFixed(1)} ms; answers: ${statuses}`,
  );
  if (r.firstError) console.log(`  first unexpected answer: ${r.firstError}`);
}

/**
 * CPU time (ms) used so far by some processes, from /proc (Linux; undefined elsewhere). Tells
 * where a deposit's CPU goes — server process, its PostgreSQL backends — whatever else runs on
 * the machine, which throughput alone cannot.
 */
const TICK_MS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  return 1000 / (Number(r.stdout) || 100);
})();
function cpuMs(pids: readonly number[]): number | undefined {
  let total = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * TICK_MS;
    } catch {
      return undefined;
    }
  }
  return total;
}

/** PostgreSQL backends serving one database (the server's pool), when we may ask. */
async function backendPids(databaseUrl: string | undefined, name: string | undefined) {
  if (!databaseUrl || !name) return [];
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const r = await c.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [name],
    );
    return r.rows.map((row) => row.pid);
  } finally {
    await c.end();
  }
}

async function bench(
  label: string,
  db: OpenDatabaseOptions,
  env: Record<string, string>,
  backends?: { adminUrl: string; database: string },
) {
  console.log(`\n${label}`);
  const client = await prepare(db);
  const before = await countInvoices(db);
  const { url, child } = await startServer(env);
  let created = 0;
  try {
    const bearer = await token(url, client);
    // Baseline, same server, same clients, same moment: GET /health/ready (one HTTP request and
    // one database round trip). The deposit rate is given as a share of it, a figure that moves
    // less than raw rates when other work shares the machine.
    const ready = () => send(`${url}/health/ready`, 'GET', {});
    await drive(1, 200, ready);
    const baseline = await drive(Math.max(2, Math.round(SECONDS / 3)), 200, ready);
    report('baseline GET /health/ready', baseline);
    const warm = await drive(WARMUP_SECONDS, 201, deposit(url, bearer));
    created += warm.ok;
    const pids = await backendPids(backends?.adminUrl, backends?.database);
    const cpu0 = { server: cpuMs([child.pid!]), db: cpuMs(pids), clients: process.cpuUsage() };
    const measured = await drive(SECONDS, 201, deposit(url, bearer));
    const clients = process.cpuUsage(cpu0.clients);
    const cpu1 = { server: cpuMs([child.pid!]), db: cpuMs(pids) };
    created += measured.ok;
    report('deposits (201)', measured);
    const rate = measured.ok / SECONDS;
    const baseRate = baseline.ok / baseline.seconds;
    console.log(
      `  ratio: deposits/s ÷ baseline/s = ${(rate / baseRate).toFixed(3)}; deposits/s ÷ bare validate()/s = ${(rate / validateRateNow).toFixed(3)}`,
    );
    const per = (a: number | undefined, b: number | undefined) =>
      a !== undefined && b !== undefined && measured.ok > 0
        ? `${((b - a) / measured.ok).toFixed(2)} ms`
        : 'n/a';
    console.log(
      `  CPU per deposit: server process ${per(cpu0.server, cpu1.server)}` +
        (pids.length > 0
          ? `, its ${pids.length} PostgreSQL backends ${per(cpu0.db, cpu1.db)}`
          : '') +
        `, the ${CLIENTS} clients (this process) ${per(0, (clients.user + clients.system) / 1000)}`,
    );
    const p99 = quantile(measured, 0.99);
    console.log(
      `  target ≥ 500/s with p99 < 100 ms: ${rate >= 500 && p99 < 100 ? 'met' : 'NOT met'}`,
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
const validateRateNow = validateRate(3);
console.log(
  `  bare validate() in this process, one core: ${validateRateNow.toFixed(0)} invoices/s`,
);

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
      { adminUrl: serverUrl, database: name },
    );
  } finally {
    // pg-pool's end() resolves before its sockets have closed: a forced drop racing with them
    // would make a closing client emit an error nobody listens to.
    await new Promise((r) => setTimeout(r, 500));
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
