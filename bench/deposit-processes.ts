/**
 * The scale-out part of bench:deposit (issue 17, decision 0025): 1, 2, 4… `chorale serve`
 * processes (the built command, each with its job worker, as the deployment guide's small
 * deployment runs them) on one PostgreSQL database, the same clients pinned to them in turn
 * (client k posts to process k mod N over its own keep-alive connection, as a round-robin
 * balancer holding connections would), the same distinct typical invoices. Each process count
 * gets a fresh throw-away database, so a later run does not pay for a fuller one.
 *
 * Besides deposits/s and latency, it says where the limit is: how busy the machine's cores
 * were (/proc/stat) and who used them — the server processes, their PostgreSQL backends, the
 * clients (this process), everything else on the machine — and, sampled every 100 ms from
 * pg_stat_activity, how many of the database's backends were running a statement and what
 * they were waiting on. A saturated machine is the limit when its cores are all busy; the
 * database is when its backends are busy while the machine still has idle cores.
 */
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { OpenDatabaseOptions } from '../packages/server/src/db/database.js';
import { drive, singleDeposits, token, type RunResult, type Send } from './support/http.js';
import { backendPids, createThrowawayDatabase, dropThrowawayDatabase } from './support/postgres.js';
import { cpuMs, machineBusyMs, trackCpu } from './support/proc.js';
import { startChoraleServe, stopServer } from './support/server.js';
import { quantile } from './support/stats.js';

export interface ProcessesOptions {
  counts: number[];
  /** The PostgreSQL server's URL (DATABASE_URL): throw-away databases are made on it. */
  serverUrl: string;
  seconds: number;
  warmupSeconds: number;
  clients: number;
  send: Send;
  run: string;
  /** The next distinct invoice (never the same twice). */
  nextInvoice: () => Uint8Array;
  prepareDemoClient: (
    db: OpenDatabaseOptions,
    name: string,
  ) => Promise<{ id: string; secret: string }>;
  countInvoices: (db: OpenDatabaseOptions) => Promise<number>;
}

const IDLE_MS = 3000;

interface Measure {
  processes: number;
  result: RunResult;
  rate: number;
  p50: number;
  p99: number;
  /** Shares of the machine's capacity (cores × elapsed time), 0..1. */
  machine: number;
  servers: number;
  backends: number;
  clients: number;
  /** Mean number of the database's backends running a statement, and how many there were. */
  activeBackends: number;
  backendCount: number;
  /** Shares of the machine's capacity used with no request at all, after the run. */
  idle: { servers: number; backends: number };
  /** Wait events of the running backends, share of samples ("CPU" when waiting on nothing). */
  waits: [string, number][];
  /** CPU ms per deposit: the servers, their backends, the clients. */
  perDeposit: { servers: number; backends: number; clients: number };
  cores: number;
  exact: boolean;
  /** The machine's 1-minute load average at the end of the run. */
  load: number;
}

/** pg_stat_activity of one database every `everyMs`: running backends and their waits. */
function sampleActivity(adminUrl: string, database: string, everyMs: number) {
  const client = new pg.Client({ connectionString: adminUrl });
  let samples = 0;
  let active = 0;
  const waits = new Map<string, number>();
  let stopped = false;
  const loop = (async () => {
    await client.connect();
    while (!stopped) {
      const r = await client.query<{ wait: string | null }>(
        `select case when wait_event is null then null else wait_event_type || ':' || wait_event end as wait
           from pg_stat_activity
          where datname = $1 and state = 'active' and pid <> pg_backend_pid()`,
        [database],
      );
      samples++;
      active += r.rows.length;
      for (const row of r.rows) {
        const key = row.wait ?? 'CPU';
        waits.set(key, (waits.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
    await client.end();
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const total = [...waits.values()].reduce((a, b) => a + b, 0);
      return {
        activeBackends: samples > 0 ? active / samples : 0,
        waits: [...waits]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 4)
          .map(([k, v]) => [k, total > 0 ? v / total : 0] as [string, number]),
      };
    },
  };
}

async function measure(o: ProcessesOptions, processes: number): Promise<Measure> {
  const { name, url } = await createThrowawayDatabase(o.serverUrl, 'chorale_bench_scale_');
  const db = { databaseUrl: url.toString() };
  const servers: { url: string; child: ChildProcess }[] = [];
  try {
    // Migrated and seeded before the processes start (`chorale migrate` first, as the
    // deployment guide says for several processes).
    const client = await o.prepareDemoClient(db, `bench-${processes}`);
    const before = await o.countInvoices(db);
    for (let i = 0; i < processes; i++) {
      servers.push(await startChoraleServe({ DATABASE_URL: url.toString() }));
    }
    // Tokens are the database's: one from the first process is good on every one.
    const bearer = await token(o.send, servers[0]!.url, client);
    const posts = servers.map((s) => singleDeposits(o.send, s.url, bearer, o.run));
    const request = (k: number) => {
      const bytes = o.nextInvoice();
      const target = posts[k % posts.length]!;
      return target.post(
        target.body(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      );
    };
    const warm = await drive(o.clients, o.warmupSeconds, 201, request);
    const pids = await backendPids(o.serverUrl, name);
    const backends = trackCpu(pids, 200);
    const serverPids = servers.map((s) => s.child.pid!);
    const activity = sampleActivity(o.serverUrl, name, 100);
    const m0 = machineBusyMs();
    const s0 = cpuMs(serverPids) ?? 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const result = await drive(o.clients, o.seconds, 201, request);
    const elapsed = performance.now() - t0;
    const c1 = process.cpuUsage(c0);
    const s1 = cpuMs(serverPids) ?? 0;
    const m1 = machineBusyMs();
    const backendMs = backends.read();
    const seen = await activity.stop();
    // Then a few seconds without requests: what the processes cost doing nothing (job worker
    // polling, timers), which a rate that falls spreads over fewer deposits.
    const i0 = { servers: cpuMs(serverPids) ?? 0, backends: backends.read() };
    const idleStart = performance.now();
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
    const idleMs = performance.now() - idleStart;
    const idle = {
      servers: ((cpuMs(serverPids) ?? 0) - i0.servers) / ((m1?.cores ?? 1) * idleMs),
      backends: (backends.read() - i0.backends) / ((m1?.cores ?? 1) * idleMs),
    };
    backends.stop();
    for (const s of servers.splice(0)) await stopServer(s.child);
    const after = await o.countInvoices(db);
    const cores = m1?.cores ?? 1;
    const capacity = cores * elapsed;
    const clientMs = (c1.user + c1.system) / 1000;
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const per = (ms: number) => (result.ok > 0 ? ms / result.ok : NaN);
    return {
      processes,
      result,
      rate: result.ok / o.seconds,
      p50: quantile(sorted, 0.5),
      p99: quantile(sorted, 0.99),
      machine: m0 && m1 ? (m1.busy - m0.busy) / capacity : NaN,
      servers: (s1 - s0) / capacity,
      backends: backendMs / capacity,
      clients: clientMs / capacity,
      activeBackends: seen.activeBackends,
      backendCount: pids.length,
      idle,
      waits: seen.waits,
      perDeposit: { servers: per(s1 - s0), backends: per(backendMs), clients: per(clientMs) },
      cores,
      exact: after - before === warm.ok + result.ok,
      load: loadavg()[0]!,
    };
  } finally {
    for (const s of servers) await stopServer(s.child);
    await dropThrowawayDatabase(o.serverUrl, name, 500);
  }
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Where the limit of one run is, from its measures (the rules are the module comment's). */
function limitOf(m: Measure): string {
  const other = Math.max(0, m.machine - m.servers - m.backends - m.clients);
  if (m.machine >= 0.9) {
    const ours = [
      ['the server processes', m.servers],
      ['PostgreSQL', m.backends],
      ['the load generator', m.clients],
      ['other work on the machine', other],
    ] as const;
    const top = [...ours].sort((a, b) => b[1] - a[1])[0]!;
    return `the machine's ${m.cores} cores (${pct(m.machine)} busy; the largest share: ${top[0]}, ${pct(top[1])})`;
  }
  if (m.activeBackends >= 0.8 * Math.max(1, m.backendCount)) {
    return `the database (${m.activeBackends.toFixed(1)} of ${m.backendCount} backends busy on average, ${pct(1 - m.machine)} of the cores idle)`;
  }
  return `neither the cores (${pct(m.machine)} busy) nor the database (${m.activeBackends.toFixed(1)} backends busy on average): round trips and waits`;
}

const cpuPerDeposit = (m: Measure) =>
  m.perDeposit.servers + m.perDeposit.backends + m.perDeposit.clients;

/**
 * Runs every process count in turn, `rounds` times over (1, 2, 4, 1, 2, 4…: the machine's other
 * work drifts, and each round's ratios are to its own 1-process run), and prints each run,
 * where it stopped, and the table.
 */
export async function benchProcesses(o: ProcessesOptions, rounds: number): Promise<void> {
  console.log(
    `\nScale-out: ${o.counts.join(', ')} \`chorale serve\` processes on one PostgreSQL (a fresh database each), ${o.clients} clients pinned to them in turn, ${o.seconds} s each after ${o.warmupSeconds} s of warm-up, ${rounds} round(s)`,
  );
  const measures: { round: number; m: Measure }[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const n of o.counts) {
      const m = await measure(o, n);
      measures.push({ round, m });
      const statuses = [...m.result.statuses].map(([k, v]) => `${k}×${v}`).join(' ');
      console.log(
        `  round ${round}, ${n} process${n > 1 ? 'es' : ''}: ${m.rate.toFixed(0)}/s, p50 ${m.p50.toFixed(1)} ms, p99 ${m.p99.toFixed(1)} ms; answers ${statuses}; database check ${m.exact ? 'exact' : 'MISMATCH'}; load average ${m.load.toFixed(1)}` +
          (m.result.firstError
            ? `; first unexpected answer ${m.result.firstError.status} ${m.result.firstError.text.slice(0, 200)}`
            : ''),
      );
      console.log(
        `    cores: ${pct(m.machine)} of ${m.cores} busy — servers ${pct(m.servers)}, PostgreSQL backends ${pct(m.backends)}, clients ${pct(m.clients)}, other work ${pct(Math.max(0, m.machine - m.servers - m.backends - m.clients))}; ` +
          `CPU per deposit: servers ${m.perDeposit.servers.toFixed(2)} ms, backends ${m.perDeposit.backends.toFixed(2)} ms, clients ${m.perDeposit.clients.toFixed(2)} ms`,
      );
      console.log(
        `    database: ${m.activeBackends.toFixed(2)} of its ${m.backendCount} backends running a statement on average; ` +
          `their waits: ${m.waits.map(([k, v]) => `${k} ${pct(v)}`).join(', ') || 'none seen'}`,
      );
      console.log(
        `    idle afterwards (${IDLE_MS / 1000} s, no request): servers ${pct(m.idle.servers)}, backends ${pct(m.idle.backends)} of the cores`,
      );
      console.log(`    limit: ${limitOf(m)}`);
    }
  }
  console.log(
    '\n  round | processes | deposits/s | × 1 process | p50 ms | p99 ms | cores busy | other work | ours (servers+PostgreSQL+clients) | PostgreSQL | CPU ms/deposit | ceiling/s',
  );
  for (const { round, m } of measures) {
    const base =
      measures.find((x) => x.round === round && x.m.processes === 1)?.m ??
      measures.find((x) => x.round === round)!.m;
    const other = Math.max(0, m.machine - m.servers - m.backends - m.clients);
    console.log(
      `  ${String(round).padStart(5)} | ${String(m.processes).padStart(9)} | ${m.rate.toFixed(0).padStart(10)} | ${(m.rate / base.rate).toFixed(2).padStart(11)} | ${m.p50.toFixed(1).padStart(6)} | ${m.p99.toFixed(1).padStart(6)} | ${pct(m.machine).padStart(10)} | ${pct(other).padStart(10)} | ${pct(m.servers + m.backends + m.clients).padStart(33)} | ${pct(m.backends).padStart(10)} | ${cpuPerDeposit(m).toFixed(1).padStart(14)} | ${((1000 * m.cores) / cpuPerDeposit(m)).toFixed(0).padStart(9)}`,
    );
  }
  // CPU per deposit (servers, backends, clients) does not depend on how much of the machine
  // other work took, which the rates do (the scheduler gives N processes a larger share of a
  // contended machine than one): the ceiling it gives (`ceiling/s`: every core for this work
  // at that cost) is what these cores could do with that many processes.
  const ones = measures.filter((x) => x.m.processes === 1).map((x) => cpuPerDeposit(x.m));
  if (ones.length > 0) {
    const best = Math.min(...ones);
    const cores = measures[0]!.m.cores;
    console.log(
      `  CPU ceiling of this machine for this work (all ${cores} cores, nothing else running, at the best 1-process CPU per deposit, clients included): ${((1000 * cores) / best).toFixed(0)}/s`,
    );
  }
}
