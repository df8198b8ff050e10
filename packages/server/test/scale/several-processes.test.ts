import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { MAX_FAILED_ATTEMPTS, SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { signUp } from '../../src/accounts/sign-up.js';
import { TOKEN_CACHE_MS } from '../../src/accounts/token-cache.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { freshLocation, until, type Location } from '../crash/harness.js';
import { depositBody, ubl } from '../support/invoices.js';
import { startChorale, type ChoraleProcess } from './processes.js';

// Issue 17, decision 0020: two `serve --no-worker` processes and one `chorale worker` on one
// PostgreSQL, driven through both servers in turn. Sessions, CSRF, lockouts and tokens are the
// database's, so either server gives the same answer; jobs run in the worker only, each once;
// a revoked token is refused by both, by the one that revoked it at once and by the other
// within the token cache's bound. PostgreSQL only (vitest.config.ts): the embedded database is
// one process's.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-scale-'));
let location: Location | undefined;
let sink: SmtpSink | undefined;
const processes: ChoraleProcess[] = [];
afterAll(async () => {
  for (const p of processes) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
  await sink?.close();
  await location?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, email: string, password: string): Promise<Response> {
  return fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

async function sessionOf(res: Response): Promise<Session> {
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('chorale_session='))!;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}

const asUser = (s: Session, write = true): Record<string, string> => ({
  cookie: s.cookie,
  ...(write ? { 'x-csrf-token': s.csrf, 'content-type': 'application/json' } : {}),
});

async function getJson(base: string, url: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${url}`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('several server processes and a worker on one PostgreSQL', () => {
  it('answer alike, run each job once, and all refuse a revoked token', async () => {
    expect(process.env.DATABASE_URL, 'this test runs in the postgres project').toBeTruthy();
    location = await freshLocation(path.join(dir, 'data'));
    // The schema and data first (`chorale migrate` before the processes start, as the
    // deployment guide says), then the processes.
    const setup = await location.open();
    let client: { clientId: string; clientSecret: string };
    let accounts: { email: string; password: string }[];
    const lockee = { email: 'lockee@scale.chorale.test', password: 'Lockee-password-2026' };
    try {
      await migrateToLatest(setup.db);
      accounts = (await seedDemo({ db: setup.db })).accounts;
      client = await createApiClient({
        db: setup.db,
        actor: SYSTEM_ACTOR,
        identifier: DEMO_SUPPLIER.identifier,
        name: 'scale test: supplier',
        scopes: ['invoices:send', 'invoices:read'],
      });
      await signUp({ db: setup.db, ...lockee, name: 'Lockee' });
    } finally {
      await setup.close();
    }
    const supplier = accounts.find((a) => a.email.startsWith('fournisseur@'))!;
    const clerk = accounts.find((a) => a.email.startsWith('gestionnaire@mairie'))!;

    sink = await startSmtpSink();
    const env = {
      ...location.env,
      SMTP_URL: sink.url,
      FILES_DIR: path.join(dir, 'files'),
      PUBLIC_URL: 'http://chorale.test',
    };
    const [a, b, worker] = await Promise.all([
      startChorale(['serve', '--no-worker'], env, /running on/),
      startChorale(['serve', '--no-worker'], env, /running on/),
      startChorale(['worker', '--http-port', '0'], env, /worker is running.*health on/),
    ]);
    processes.push(a!, b!, worker!);
    const A = a!.url!;
    const B = b!.url!;
    expect(a!.output()).toContain('no job worker');

    // Sessions and CSRF: signed in through A, the session works through B; a write without
    // the CSRF token is refused by both.
    const supplierSession = await sessionOf(await signIn(A, supplier.email, supplier.password));
    const meA = await getJson(A, '/api/v1/me', asUser(supplierSession, false));
    const meB = await getJson(B, '/api/v1/me', asUser(supplierSession, false));
    expect(meA.status).toBe(200);
    expect(meB).toEqual(meA);
    for (const base of [A, B]) {
      const noCsrf = await fetch(`${base}/api/v1/me/password`, {
        method: 'POST',
        headers: { cookie: supplierSession.cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ currentPassword: 'x', newPassword: 'y' }),
      });
      expect(noCsrf.status).toBe(403);
      expect(((await noCsrf.json()) as { code: string }).code).toBe('CSRF_INVALID');
    }

    // Lockout: wrong passwords through A and B in turn lock the account for both.
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      const res = await signIn(i % 2 ? B : A, lockee.email, 'not-the-password-at-all');
      expect(res.status).toBe(401);
    }
    for (const base of [A, B]) {
      const res = await signIn(base, lockee.email, lockee.password);
      expect(res.status).toBe(423);
      expect(((await res.json()) as { code: string }).code).toBe('ACCOUNT_LOCKED');
    }

    // Deposits through both, with a token issued by A.
    const tokenRes = await fetch(`${A}/api/v1/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        grant_type: 'client_credentials',
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    });
    expect(tokenRes.status).toBe(200);
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const bearer = { authorization: `Bearer ${token}` };
    const depositThrough = async (base: string, number: string) => {
      const body = depositBody({ invoice: ubl({ number }) });
      const res = await fetch(`${base}/api/v1/invoices`, {
        method: 'POST',
        headers: { ...body.headers, ...bearer },
        body: body.payload,
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const numbers = Array.from({ length: 12 }, (_, i) => `SCALE-${i + 1}`);
    const deposited = await Promise.all(numbers.map((n, i) => depositThrough(i % 2 ? B : A, n)));
    expect(deposited.map((d) => d.status)).toEqual(numbers.map(() => 201));
    const ids = deposited.map((d) => d.body.id as string);
    // The same invoice again, through the other server: the same duplicate refusal.
    const again = await depositThrough(B, numbers[0]!);
    expect(again.status).toBe(409);
    expect((again.body.refusal as { code: string }).code).toBe('DOUBLON');
    // Every invoice reads the same through either server, and so does the list.
    for (const id of ids) {
      const [viaA, viaB] = await Promise.all([
        getJson(A, `/api/v1/invoices/${id}`, bearer),
        getJson(B, `/api/v1/invoices/${id}`, bearer),
      ]);
      expect(viaA.status).toBe(200);
      expect(viaB).toEqual(viaA);
    }
    const listA = await getJson(
      A,
      `/api/v1/invoices?side=sent&structure=${DEMO_SUPPLIER.identifier}`,
      bearer,
    );
    expect(listA.status).toBe(200);
    expect((listA.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual([...ids].sort());
    expect(
      await getJson(B, `/api/v1/invoices?side=sent&structure=${DEMO_SUPPLIER.identifier}`, bearer),
    ).toEqual(listA);

    // A lifecycle change through A, seen through B; B refuses the stale version it names.
    const clerkSession = await sessionOf(await signIn(B, clerk.email, clerk.password));
    const target = ids[0]!;
    const before = await getJson(B, `/api/v1/invoices/${target}`, asUser(clerkSession, false));
    expect(before.status).toBe(200);
    const move = { status: 'SERVICE_FAIT', version: before.body.version };
    const moved = await fetch(`${A}/api/v1/invoices/${target}/status`, {
      method: 'POST',
      headers: asUser(clerkSession),
      body: JSON.stringify(move),
    });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const stale = await fetch(`${B}/api/v1/invoices/${target}/status`, {
      method: 'POST',
      headers: asUser(clerkSession),
      body: JSON.stringify(move),
    });
    expect(stale.status).toBe(409);
    const after = await getJson(B, `/api/v1/invoices/${target}`, asUser(clerkSession, false));
    expect(after.body.status).toBe('SERVICE_FAIT');
    expect(after.body.version).toBe((before.body.version as number) + 1);

    // Jobs: the worker runs them all (the servers run none), each once.
    const check = await location.open();
    try {
      await until(
        'the worker to run every job',
        async () => {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
            where state < 'completed'`.execute(check.db);
          return rows[0]!.n === 0;
        },
        60_000,
      );
      const { rows: jobs } = await sql<{ name: string; n: number; failed: number }>`
        select name, count(*)::int as n, count(*) filter (where state <> 'completed')::int as failed
        from pgboss.job group by name`.execute(check.db);
      const notify = jobs.find((j) => j.name === 'notify-invoice-available');
      expect(notify?.n).toBe(numbers.length);
      expect(jobs.every((j) => j.failed === 0)).toBe(true);
      const sent = await check.db
        .selectFrom('notification_sent' as never)
        .select(['key' as never, 'state' as never])
        .execute();
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.every((s) => (s as { state: string }).state === 'SENT')).toBe(true);
      // Each recorded mail reached the relay once: as many messages, no Message-ID twice.
      await until(
        'the relay to receive every mail',
        () => sink!.messages.length >= sent.length,
        10_000,
      );
      const messageIds = sink.messages.map((m) => /^Message-ID:\s*(.*)$/im.exec(m.raw)?.[1]);
      expect(new Set(messageIds).size).toBe(sink.messages.length);
      expect(sink.messages.length).toBe(sent.length);
    } finally {
      await check.close();
    }
    // The worker shows its own counters (--http-port): every notification job ran there, once.
    const W = worker!.url!;
    expect((await fetch(`${W}/health/ready`)).status).toBe(200);
    const workerMetrics = await (await fetch(`${W}/metrics`)).text();
    expect(workerMetrics).toMatch(
      new RegExp(
        `^chorale_jobs_total\\{queue="notify-invoice-available",result="completed"\\} ${numbers.length}$`,
        'm',
      ),
    );
    expect(workerMetrics).not.toMatch(/^chorale_jobs_total\{[^}]*result="failed"\} [1-9]/m);
    expect((await fetch(`${W}/api/v1/me`)).status).toBe(404);
    for (const base of [A, B]) {
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).not.toMatch(/^chorale_jobs_total\{/m);
      expect(metrics).toMatch(/^chorale_deposits_total\{channel="api"\} 6$/m);
    }

    // Revocation: B has the token cached (it just used it); the secret is rotated through A.
    expect((await getJson(B, `/api/v1/invoices/${ids[1]}`, bearer)).status).toBe(200);
    const rotated = await fetch(
      `${A}/api/v1/structures/${DEMO_SUPPLIER.identifier}/api-clients/${client.clientId}/secret`,
      { method: 'POST', headers: asUser(supplierSession), body: '{}' },
    );
    expect(rotated.status, await rotated.clone().text()).toBe(200);
    const revokedAt = Date.now();
    expect((await getJson(A, `/api/v1/invoices/${ids[1]}`, bearer)).status).toBe(401);
    await until(
      'B to refuse the revoked token',
      async () => (await getJson(B, `/api/v1/invoices/${ids[1]}`, bearer)).status === 401,
      TOKEN_CACHE_MS + 2_000,
    );
    const seenAfter = Date.now() - revokedAt;
    expect(seenAfter).toBeLessThanOrEqual(TOKEN_CACHE_MS + 2_000);
    console.log(`revocation seen by the other server after ${seenAfter} ms`);

    // Each process stops gracefully.
    expect(await Promise.all([a!.stop(), b!.stop(), worker!.stop()])).toEqual([0, 0, 0]);
  }, 240_000);
});
