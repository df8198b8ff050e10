import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freshLocation,
  startServer,
  tearDown,
  until,
  type Location,
  type ServerProcess,
} from './harness.js';
import {
  deposit,
  expectStoredOnce,
  seedForDeposits,
  tokenFor,
  type DepositOutcome,
} from './load.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

// PostgreSQL restarted under load (issue 18, decision 0016). The server (child process) reaches
// PostgreSQL through a TCP proxy the test cuts — every connection closed, new ones refused, as
// while a restarted PostgreSQL is down — and restores, during a stream of deposits. During the
// outage every request is answered, quickly, by a 503 problem document (never a 500, never a
// hang, and the process stays up); after it the server reconnects by itself; every deposit
// answered 201 is stored exactly once. PostgreSQL only (vitest.config.ts): the embedded
// database has no connection to lose.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-pgdown-'));
let location: Location | undefined;
let server: ServerProcess | undefined;
let proxy: TcpProxy | undefined;
afterAll(async () => {
  await tearDown({ server, sink: undefined, location, dir });
  await proxy?.close();
});

const OUTAGE_MS = 6000;

describe('fault: PostgreSQL restarted under load', () => {
  it('answers 503 during the outage, reconnects by itself, keeps every 201', async () => {
    expect(process.env.DATABASE_URL, 'this test runs in the postgres project').toBeTruthy();
    location = await freshLocation(path.join(dir, 'data'));
    const client = await seedForDeposits(location);
    const direct = new URL(location.env.DATABASE_URL!);
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    server = await startServer(location, 'smtp://127.0.0.1:9', {
      DATABASE_URL: viaProxy.toString(),
    });
    const base = server.url;
    // A server that dies shows why.
    const watched = server;
    void watched.exited.then((code) => {
      if (code !== 0) console.error(`server exited (${code}):\n${watched.output()}`);
    });
    const token = await tokenFor(base, client);

    type Phase = 'up' | 'refuse' | 'blackhole';
    type Seen = DepositOutcome & { number: string; phase: Phase };
    const seen: Seen[] = [];
    let phase: Phase = 'up';
    let stop = false;
    const answered = new Map<string, string>();
    const depositor = async (loop: number) => {
      for (let k = 1; !stop; k++) {
        const number = `PG-${loop}-${k}`;
        const sentIn = phase;
        const outcome = await deposit(base, token, number, 30_000);
        // A deposit sent or answered during an outage counts for that outage.
        seen.push({ ...outcome, number, phase: sentIn === 'up' ? phase : sentIn });
        if (outcome.kind === 'answered' && outcome.status === 201) {
          answered.set(number, (JSON.parse(outcome.body) as { id: string }).id);
        }
        // A client backing off during an outage, as a well-behaved one does.
        if (outcome.kind !== 'answered' || outcome.status !== 201) {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    const loops = [depositor(1), depositor(2), depositor(3)];
    await until('deposits to flow', () => answered.size >= 10, 60_000);

    // Two outages: PostgreSQL restarting (connections closed, new ones refused), then the
    // network to it cut (connections closed, new ones never answered: only a timeout ends them).
    const readiness: { phase: Phase; status: number; ms: number }[] = [];
    const reconnects: number[] = [];
    for (const mode of ['refuse', 'blackhole'] as const) {
      await proxy.cut(mode);
      phase = mode;
      const downAt = Date.now();
      // One deposit sent now and answered before PostgreSQL comes back: whatever the stream's
      // timing (on a loaded machine a deposit of the stream can outlast the whole outage and
      // be answered 201 after it), each outage has a request that met it.
      const number = `PG-probe-${mode}`;
      const probe = deposit(base, token, number, 30_000).then((outcome) => {
        seen.push({ ...outcome, number, phase: mode });
      });
      while (Date.now() - downAt < OUTAGE_MS) {
        const t0 = Date.now();
        const res = await fetch(`${base}/health/ready`, { signal: AbortSignal.timeout(30_000) });
        readiness.push({ phase: mode, status: res.status, ms: Date.now() - t0 });
        await new Promise((r) => setTimeout(r, 500));
      }
      await probe;
      await proxy.restore();
      phase = 'up';
      const upAt = Date.now();
      const before = answered.size;
      await until('a deposit to be stored after the outage', () => answered.size > before, 30_000);
      reconnects.push(Date.now() - upAt);
      await new Promise((r) => setTimeout(r, 1000));
    }
    stop = true;
    await Promise.all(loops);

    // The process stayed up, and every request got an answer.
    expect(seen.filter((s) => s.kind === 'failed')).toEqual([]);
    expect(server.child.exitCode).toBe(null);
    // During each outage: 503 problem documents, each within the connection timeout's reach.
    const refused = seen.filter((s) => s.kind === 'answered' && s.status !== 201);
    for (const mode of ['refuse', 'blackhole'] as const) {
      const probe = seen.find((s) => s.number === `PG-probe-${mode}`);
      expect(probe && probe.kind === 'answered' && probe.status, mode).toBe(503);
    }
    for (const s of refused) {
      if (s.kind !== 'answered') continue;
      expect(s.status, s.body).toBe(503);
      expect(s.contentType).toContain('application/problem+json');
      expect(JSON.parse(s.body)).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      expect(s.ms).toBeLessThan(10_000);
    }
    expect(readiness.filter((r) => r.status !== 503)).toEqual([]);
    expect(readiness.filter((r) => r.ms > 10_000)).toEqual([]);
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const slowest = (mode: Phase) =>
      Math.max(...refused.filter((s) => s.phase === mode).map((s) => s.ms));
    const summary =
      `postgres outage: ${seen.length} deposits sent, ${answered.size} answered 201, ` +
      `${refused.length} answered 503 (slowest: ${slowest('refuse')} ms refused, ` +
      `${slowest('blackhole')} ms black-holed); first 201 ${reconnects.join(' and ')} ms ` +
      `after PostgreSQL came back`;

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const database = await location.open();
    try {
      await expectStoredOnce(database, answered);
    } finally {
      await database.close();
    }
    console.info(summary);
  }, 180_000);
});
