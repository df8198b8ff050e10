/**
 * Flow benchmark (the concentrator): invoices integrated per second from a zip deposited over
 * HTTP, on PostgreSQL, the real server in its own process (`startServer` of runtime.ts, job
 * worker and archive reader included) on 127.0.0.1.
 *
 * Default: N distinct generated invoices (flow-invoices.ts: 10–15 lines, ~15–30 KB, UBL and
 * CII). A flow has one declared syntax, so the mix goes as TWO zips deposited back to back
 * (half UBL as IN_DP_E1_UBL_INVOICE, half CII as IN_DP_E1_CII_16B); the clock runs from the
 * first deposit's request to both flows final with their reports fetched. Printed: invoices/s,
 * the server's peak RSS (sampled from /proc every 100 ms during the flows), CPU per invoice of
 * the server process and of its PostgreSQL backends (/proc), the reports' counts, a database
 * check, and the baselines of the same run with ratios: bare validate() of the same invoices in
 * this process (one core), and single deposits over HTTP (16 clients, distinct invoices, the
 * same server just before the flows).
 *
 * --large: one zip of ~1 GB (stored, not deflated: the reader's 2 GiB inflated-bytes limit and
 * 10,000-entry limit allow it) of large invoices (--large-lines, default 800 lines, ~1 MB each,
 * distinct numbers on a few distinct bodies); checks the server's peak RSS < 512 MB. It
 * measures the server process only (the HTTP upload streamed to disk, the reader, validation,
 * the writes); not PostgreSQL's memory, nor this process's.
 *
 *   DATABASE_URL=postgres://… npm run bench:flow [-- --count 10000] [-- --large]
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import yazl from 'yazl';
import { numberArg } from './support/args.js';
import { drive, keepAliveSender, singleDeposits, token } from './support/http.js';
import {
  backendPids,
  createThrowawayDatabase,
  dropThrowawayDatabase,
  withClient,
} from './support/postgres.js';
import { cpuMsOfLive, rssKb, sampleRss, threadCpuMs, trackCpu } from './support/proc.js';
import { buildEinvoice, startServer, stopServer } from './support/server.js';

// Dynamic imports: the server modules need the library's build (see buildEinvoice).
buildEinvoice();
const { validate } = await import('../packages/einvoice/src/validate.js');
const { generatedInvoice } = await import('./flow-invoices.js');
const { prepareDemoClient } = await import('./support/demo-client.js');

const LARGE = process.argv.includes('--large');
const COUNT = numberArg('--count', 10_000);
const CLIENTS = numberArg('--clients', 16);
const SINGLE_SECONDS = numberArg('--single-seconds', 4);
const LARGE_LINES = numberArg('--large-lines', 800);
const LARGE_BYTES = numberArg('--large-mb', 1000) * 1024 * 1024;
const run = randomBytes(3).toString('hex');

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('bench:flow runs on PostgreSQL: set DATABASE_URL');
const work = mkdtempSync(join(tmpdir(), 'chorale-bench-flow-'));

/** Writes a zip of `count` entries to `path`, streaming (never the whole zip in memory). */
async function writeZip(
  path: string,
  count: number,
  entry: (i: number) => { name: string; bytes: Uint8Array },
  compress: boolean,
) {
  const zip = new yazl.ZipFile();
  const out = createWriteStream(path);
  zip.outputStream.pipe(out);
  for (let i = 0; i < count; i++) {
    const e = entry(i);
    zip.addBuffer(Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength), e.name, {
      compress,
    });
    // Let the output drain now and then, so a 1 GB zip does not pile up in memory.
    if (i % 64 === 63) await new Promise((r) => setImmediate(r));
  }
  zip.end();
  await finished(out);
  return statSync(path).size;
}

/** Invoices per second (and CPU ms each) of bare validate() in this process, one core. */
function validateRate(samples: Uint8Array[], seconds: number) {
  const end0 = performance.now() + 2000; // V8 optimises the validator over ~2 s (decision 0012)
  while (performance.now() < end0) for (const s of samples) validate(s);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let n = 0;
  while (performance.now() - t0 < seconds * 1000)
    for (const s of samples) {
      validate(s);
      n++;
    }
  const cpu = process.cpuUsage(cpu0);
  return { rate: (n * 1000) / (performance.now() - t0), cpuMs: (cpu.user + cpu.system) / 1000 / n };
}

const send = keepAliveSender(32);

const flowTypes = { UBL: 'IN_DP_E1_UBL_INVOICE', CII: 'IN_DP_E1_CII_16B' } as const;
interface FlowPlan {
  syntax: 'UBL' | 'CII';
  path: string;
  entries: number;
  bytes: number;
}
interface FlowSummary {
  etat: string;
  entries: number | null;
  accepted: number;
  refused: number;
}

const { name, url: dbUrl } = await createThrowawayDatabase(databaseUrl, 'chorale_bench_flow_');
let child: ChildProcess | undefined;
try {
  // The directory and an API client of the demo supplier.
  const client = await prepareDemoClient({ databaseUrl: dbUrl.toString() }, 'bench-flow');

  // The flows' zips, written before the server starts.
  const t0 = performance.now();
  const plans: FlowPlan[] = [];
  let samples: Uint8Array[];
  if (LARGE) {
    // A few distinct large bodies; each entry gets its own number (the duplicate key).
    const PLACEHOLDER = 'LARGE-NUMBER-PLACEHOLDER';
    const bodies = Array.from({ length: 4 }, (_, i) =>
      new TextDecoder()
        .decode(generatedInvoice('LARGE', i, 'UBL', LARGE_LINES).bytes)
        .split(`LARGE-${i}`),
    );
    const size = bodies[0]!.join(PLACEHOLDER).length;
    const count = Math.min(10_000, Math.ceil(LARGE_BYTES / size));
    const entryOf = (i: number) => ({
      name: `large-${i}.xml`,
      bytes: Buffer.from(bodies[i % 4]!.join(`L${run}-${i}`)),
    });
    samples = [0, 1].map((i) => entryOf(i).bytes);
    const path = join(work, 'large.zip');
    plans.push({
      syntax: 'UBL',
      path,
      entries: count,
      bytes: await writeZip(path, count, entryOf, false),
    });
    console.log(
      `Large flow: ${count} invoices of ${LARGE_LINES} lines (${(size / 1024).toFixed(0)} KiB each), zip ${(plans[0]!.bytes / 1024 ** 2).toFixed(0)} MiB (stored), written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  } else {
    samples = [];
    for (const syntax of ['UBL', 'CII'] as const) {
      const count = syntax === 'UBL' ? Math.ceil(COUNT / 2) : Math.floor(COUNT / 2);
      const path = join(work, `${syntax}.zip`);
      let total = 0;
      const bytes = await writeZip(
        path,
        count,
        (i) => {
          const g = generatedInvoice(`F${run}${syntax[0]}`, i, syntax);
          total += g.bytes.byteLength;
          if (i < 100) samples.push(g.bytes);
          return { name: `${g.number}.xml`, bytes: g.bytes };
        },
        true,
      );
      plans.push({ syntax, path, entries: count, bytes });
      console.log(
        `${syntax} flow: ${count} distinct invoices, ${(total / count / 1024).toFixed(1)} KiB on average, zip ${(bytes / 1024 ** 2).toFixed(1)} MiB`,
      );
    }
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  // Baseline 1: bare validate() of the same invoices, this process, one core.
  const bare = validateRate(samples, LARGE ? 5 : 3);
  const bad = samples.filter((s) => !validate(s).valid).length;
  console.log(
    `Baseline validate() of the same invoices, one core: ${bare.rate.toFixed(0)} invoices/s (${bare.cpuMs.toFixed(2)} ms CPU each)${bad ? `; ${bad} sample(s) INVALID` : ''}`,
  );

  const server = await startServer(
    {
      DATABASE_URL: dbUrl.toString(),
      FILES_DIR: join(work, 'files'),
      DATA_DIR: join(work, 'data'),
    },
    { echoStderr: true },
  );
  child = server.child;
  const url = server.url;
  const bearer = await token(send, url, client);
  const auth = { authorization: `Bearer ${bearer}` };
  const backends = await backendPids(databaseUrl, name);

  // Baseline 2: single deposits over HTTP, same server, distinct invoices, 16 clients.
  let single: { rate: number; server: number; db: number } | undefined;
  if (!LARGE) {
    const deposits = singleDeposits(send, url, bearer, run);
    let next = 0;
    const body = () => {
      const g = generatedInvoice(`S${run}`, next, next % 2 === 0 ? 'UBL' : 'CII');
      next++;
      return deposits.body(g.bytes);
    };
    // Bodies made ahead, so the clients' CPU during the measure is only HTTP.
    const bodies = Array.from({ length: Math.max(500, SINGLE_SECONDS * 700) }, body);
    const single201 = async (seconds: number) => {
      const r = await drive(CLIENTS, seconds, 201, () => deposits.post(bodies.pop() ?? body()));
      if (r.firstError)
        console.log(
          `  single deposit: unexpected answer ${r.firstError.status} ${r.firstError.text.slice(0, 200)}`,
        );
      return r.ok;
    };
    await single201(1.5);
    const c0 = { server: cpuMsOfLive([child.pid!]), db: cpuMsOfLive(backends) };
    const ok = await single201(SINGLE_SECONDS);
    const c1 = { server: cpuMsOfLive([child.pid!]), db: cpuMsOfLive(backends) };
    single = {
      rate: ok / SINGLE_SECONDS,
      server: (c1.server - c0.server) / ok,
      db: (c1.db - c0.db) / ok,
    };
    console.log(
      `Baseline single deposits over HTTP (same server, ${CLIENTS} clients, ${SINGLE_SECONDS} s): ${single.rate.toFixed(0)} invoices/s; CPU per deposit: server ${single.server.toFixed(2)} ms, PostgreSQL ${single.db.toFixed(2)} ms`,
    );
  }

  // The flows: deposited back to back, followed until final, reports fetched.
  const rss = sampleRss(child.pid!, 100);
  const pgPids = await backendPids(databaseUrl, name);
  const pgCpu = trackCpu(pgPids, 100);
  const cpu0 = { server: cpuMsOfLive([child.pid!]), db: 0 };
  const threads0 = threadCpuMs(child.pid!);
  const start = performance.now();
  const ids: string[] = [];
  for (const plan of plans) {
    const res = await send(
      `${url}/api/v1/flows?${new URLSearchParams({ syntaxeFlux: flowTypes[plan.syntax], nomFichier: `bench-${plan.syntax}.zip` })}`,
      'POST',
      { ...auth, 'content-type': 'application/zip', 'content-length': plan.bytes },
      createReadStream(plan.path),
    );
    if (res.status !== 202) throw new Error(`flow deposit: ${res.status} ${res.text}`);
    ids.push((JSON.parse(res.text) as { id: string }).id);
  }
  const deposited = performance.now();
  const summaries: FlowSummary[] = [];
  for (const id of ids) {
    for (;;) {
      const res = await send(`${url}/api/v1/flows/${id}`, 'GET', auth);
      const flow = JSON.parse(res.text) as FlowSummary;
      if (['IN_INTEGRE', 'IN_INTEGRE_PARTIEL', 'IN_REJETE', 'IN_INCIDENTE'].includes(flow.etat))
        break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const report = await send(`${url}/api/v1/flows/${id}/report`, 'GET', auth);
    if (report.status !== 200)
      throw new Error(`report: ${report.status} ${report.text.slice(0, 300)}`);
    const parsed = JSON.parse(report.text) as {
      flow: FlowSummary;
      entries: { outcome: string; refusalCode: string | null }[];
    };
    const refusals = new Map<string, number>();
    for (const e of parsed.entries)
      if (e.refusalCode) refusals.set(e.refusalCode, (refusals.get(e.refusalCode) ?? 0) + 1);
    summaries.push(parsed.flow);
    console.log(
      `  report ${id}: ${parsed.flow.etat}, ${parsed.entries.length} entries, ${parsed.flow.accepted} accepted, ${parsed.flow.refused} refused${refusals.size ? ` (${[...refusals].map(([k, v]) => `${k}×${v}`).join(', ')})` : ''}`,
    );
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu1 = { server: cpuMsOfLive([child.pid!]), db: pgCpu.read() };
  const threads1 = threadCpuMs(child.pid!);
  // The recipients' notifications (one job per invoice) run beside the integration: wait for
  // the last one, so that the CPU figures below can include them too.
  const pendingNotices = async () =>
    withClient(
      dbUrl.toString(),
      async (c) =>
        (
          await c.query<{ n: number }>(
            `select count(*)::int as n from pgboss.job
              where name = 'notify-invoice-available' and state in ('created', 'retry', 'active')`,
          )
        ).rows[0]!.n,
    );
  const pendingAtEnd = await pendingNotices();
  while ((await pendingNotices()) > 0) await new Promise((r) => setTimeout(r, 100));
  const noticesDone = (performance.now() - start) / 1000;
  const cpu2 = { server: cpuMsOfLive([child.pid!]), db: pgCpu.read() };
  pgCpu.stop();
  const peak = rss.stop();
  const entries = summaries.reduce((n, s) => n + (s.entries ?? 0), 0);
  const acceptedCount = summaries.reduce((n, s) => n + s.accepted, 0);
  const rate = entries / seconds;
  console.log(
    `\nFlow integration (PostgreSQL, ${plans.length} flow(s), ${entries} invoices): ${rate.toFixed(0)} invoices/s — ${seconds.toFixed(2)} s from the first deposit to the last report (upload ${((deposited - start) / 1000).toFixed(2)} s)`,
  );
  console.log(
    `  CPU per invoice: server process ${((cpu1.server - cpu0.server) / entries).toFixed(2)} ms, its ${pgPids.length} PostgreSQL backends ${((cpu1.db - cpu0.db) / entries).toFixed(2)} ms`,
  );
  console.log(
    `    of which the server's main thread ${((threads1.main - threads0.main) / entries).toFixed(2)} ms, its other threads (validation, GC, I/O) ${((threads1.others - threads0.others) / entries).toFixed(2)} ms`,
  );
  if (process.env.BENCH_THREADS) {
    const deltas = [...threads1.byThread]
      .map(([tid, ms]) => [tid, ms - (threads0.byThread.get(tid) ?? 0)] as const)
      .filter(([, ms]) => ms > 0)
      .sort((a, b) => b[1] - a[1]);
    console.log(
      `    by thread (ms per invoice): ${deltas.map(([tid, ms]) => `${tid === child!.pid ? 'main' : tid} ${(ms / entries).toFixed(2)}`).join(', ')}`,
    );
  }
  console.log(
    `  notifications to the recipient: ${pendingAtEnd} of ${entries} jobs still waiting when the last report came, all done ${(noticesDone - seconds).toFixed(1)} s later; CPU per invoice with them: server ${((cpu2.server - cpu0.server) / entries).toFixed(2)} ms, PostgreSQL ${((cpu2.db - cpu0.db) / entries).toFixed(2)} ms`,
  );
  console.log(
    `  server RSS: peak ${(peak / 1024).toFixed(0)} MiB during the flows (sampled every 100 ms); high-water mark since start ${(rssKb(child.pid!, 'VmHWM') / 1024).toFixed(0)} MiB`,
  );
  console.log(
    `  ratios: flow ÷ bare validate() one core = ${(rate / bare.rate).toFixed(2)}${single ? `; flow ÷ single deposits over HTTP = ${(rate / single.rate).toFixed(2)}` : ''}`,
  );
  if (LARGE)
    console.log(
      `  target peak RSS < 512 MiB on a ~1 GB flow: ${peak / 1024 < 512 ? 'met' : 'NOT met'}`,
    );
  else if (COUNT >= 10_000)
    console.log(
      `  target 10,000 invoices in under 10 s (≥ 1,000/s): ${COUNT / seconds >= 1000 ? 'met' : 'NOT met'} (${seconds.toFixed(1)} s for ${COUNT})`,
    );
  // Fewer invoices than the target's 10,000 say nothing of it: warm-up and fixed costs dominate.
  else console.log(`  target (10,000 invoices in under 10 s): not judged on ${COUNT} invoices`);

  // Database check: every accepted entry is one invoice, none stored twice.
  const check = await withClient(
    dbUrl.toString(),
    async (c) =>
      (
        await c.query<{ invoices: number; numbers: number; entries: number }>(
          `select (select count(*)::int from invoice where number like $1) as invoices,
            (select count(distinct (supplier_structure_id, number, issue_year))::int from invoice where number like $1) as numbers,
            (select count(*)::int from flow_entry where outcome = 'ACCEPTED' and flow_id = any($2)) as entries`,
          [LARGE ? `L${run}-%` : `F${run}%`, ids],
        )
      ).rows[0]!,
  );
  console.log(
    `  database check: ${check.invoices} invoices for ${check.entries} accepted entries (${acceptedCount} in the reports), ${check.numbers} distinct — ${check.invoices === check.entries && check.entries === acceptedCount && check.numbers === check.invoices ? 'exact' : 'MISMATCH'}`,
  );
} finally {
  if (child) await stopServer(child);
  await dropThrowawayDatabase(databaseUrl, name, 500);
  rmSync(work, { recursive: true, force: true });
}
