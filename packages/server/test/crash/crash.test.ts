import { INVOICE_STATUSES, statusLabel } from '@chorale/einvoice/statuses';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createApiClient,
  type ApiClientCredentials,
} from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { verifyJournal } from '../../src/invoices/journal.js';
import type { JobsTables } from '../../src/jobs/schema.js';
import { startWorker } from '../../src/jobs/worker.js';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { depositBody, ubl } from '../support/invoices.js';
import {
  freshLocation,
  readMail,
  startServer,
  tearDown,
  until,
  type Location,
  type ServerProcess,
} from './harness.js';

// The real server (`chorale serve`, child process) takes a stream of concurrent deposits and
// status changes over HTTP and is killed with SIGKILL at a random moment, twice. After the last
// restart and once its worker has drained the queue: every answered deposit and status change
// is there exactly once, no invoice is half-written, the journal verifies, and the SMTP sink got
// each notification exactly once. On PGlite by default, on a fresh PostgreSQL database when
// DATABASE_URL is set.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chorale-crash-'));
let location: Location | undefined;
let sink: SmtpSink | undefined;
let server: ServerProcess | undefined;
afterAll(() => tearDown({ server, sink, location, dir }));

/** The next status of the chain the test walks, with what that move needs. */
const nextMove: Record<string, { status: string; extra: Record<string, string> } | undefined> = {
  MISE_A_DISPOSITION: { status: 'SERVICE_FAIT', extra: {} },
  SERVICE_FAIT: { status: 'MANDATEE', extra: { mandateNumber: 'M-2026-1' } },
  MANDATEE: {
    status: 'MISE_EN_PAIEMENT',
    extra: { paymentDate: '2026-12-01', paymentAmount: '1500.00' },
  },
};

interface Tracked {
  number: string;
  status: string;
  version: number | undefined;
  /** A request on it is under way, or its outcome is unknown (the server died meanwhile). */
  busy: boolean;
}

/** Everything the clients saw answered, over all cycles. */
const deposited = new Map<string, string>(); // number → invoice id, answered 201
const changed: { id: string; seq: number; status: string }[] = []; // answered 200
const tracked = new Map<string, Tracked>();
const unexpected: string[] = [];

async function tokenFor(base: string, client: ApiClientCredentials): Promise<string> {
  const res = await fetch(`${base}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/**
 * One cycle: deposits and status changes from concurrent loops until the server is killed.
 * Returns once every loop saw the connection fail.
 */
async function streamUntilKilled(
  proc: ServerProcess,
  cycle: number,
  tokens: { supplier: string; body: string },
): Promise<void> {
  const base = proc.url;
  let killed = false;
  const call = (url: string, init: RequestInit, token: string) =>
    fetch(`${base}${url}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });

  const depositor = async (loop: number) => {
    for (let k = 1; !killed; k++) {
      const number = `CR-${cycle}-${loop}-${k}`;
      const body = depositBody({ invoice: ubl({ number }) });
      let res: Response;
      try {
        res = await call(
          '/api/v1/invoices',
          {
            method: 'POST',
            headers: body.headers,
            body: body.payload,
          },
          tokens.supplier,
        );
      } catch {
        return; // the server is gone: the outcome of this deposit is unknown
      }
      if (res.status !== 201) {
        unexpected.push(`deposit ${number}: ${res.status} ${await res.text()}`);
        continue;
      }
      const { id } = (await res.json()) as { id: string };
      deposited.set(number, id);
      tracked.set(id, { number, status: 'MISE_A_DISPOSITION', version: undefined, busy: false });
    }
  };

  const processor = async () => {
    while (!killed) {
      const entry = [...tracked].find(([, t]) => !t.busy && nextMove[t.status]);
      if (!entry) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const [id, t] = entry;
      t.busy = true;
      try {
        if (t.version === undefined) {
          const read = await call(`/api/v1/invoices/${id}`, {}, tokens.body);
          if (read.status !== 200) {
            unexpected.push(`read ${id}: ${read.status} ${await read.text()}`);
            continue;
          }
          const seen = (await read.json()) as { status: string; version: number };
          t.status = seen.status;
          t.version = seen.version;
        }
        const move = nextMove[t.status];
        if (move) {
          const res = await call(
            `/api/v1/invoices/${id}/status`,
            {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ status: move.status, version: t.version, ...move.extra }),
            },
            tokens.body,
          );
          if (res.status !== 200) {
            unexpected.push(`status ${id} → ${move.status}: ${res.status} ${await res.text()}`);
            continue;
          }
          const moved = (await res.json()) as { status: string; version: number; seq: number };
          changed.push({ id, seq: moved.seq, status: moved.status });
          t.status = moved.status;
          t.version = moved.version;
        }
        t.busy = false;
      } catch {
        return; // the server is gone; `t` stays busy: its state is unknown until re-read
      }
    }
  };

  const depositsBefore = deposited.size;
  const changesBefore = changed.length;
  // Few loops: every deposit and change is a job the worker (one job a second per queue) must
  // run before the end, and the machine is small.
  const loops = [depositor(1), depositor(2), processor(), processor()];
  // Kill once the stream is well under way, at a random moment after that.
  await until(
    'deposits and status changes to flow',
    () => deposited.size - depositsBefore >= 4 && changed.length - changesBefore >= 3,
    60_000,
  );
  await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 1500)));
  proc.child.kill('SIGKILL');
  killed = true;
  await proc.exited;
  await Promise.all(loops);
}

interface CrashState {
  /** notification_sent keys claimed but not marked SENT: the mail may be at the sink already. */
  sending: Set<string>;
  activeJobs: number;
}

/**
 * What the dead server left, looked at with the server down (PGlite takes one process), and
 * the passing of time the recovery waits for.
 */
async function afterCrash(database: Database): Promise<CrashState> {
  const db = database.db;
  const sending = await mailKeysOf(database, 'SENDING');
  // The queue's maintenance fails the jobs a dead worker held once their expiry (20 s,
  // migration 0007) has passed, and they are retried after a backoff (5 s). Stand for those
  // 20 s: back-date their start by just that much, run the same maintenance now, and make the
  // retries due. The restarted server's worker then runs them like any retry.
  const expiries = await sql<{ expire_seconds: number }>`select distinct expire_seconds
    from pgboss.job where state = 'active'`.execute(db);
  expect(expiries.rows.every((r) => r.expire_seconds === 20)).toBe(true);
  const active = await sql`update pgboss.job set started_on = now() - interval '21 seconds'
    where state = 'active'`.execute(db);
  const worker = await startWorker({
    db,
    mailer: { send: () => Promise.reject(new Error('no mail from the test process')) },
    publicUrl: 'http://chorale.test',
    log: () => undefined,
    pollingIntervalSeconds: 0,
  });
  try {
    await worker.maintain();
  } finally {
    await worker.stop();
  }
  await sql`update pgboss.job set start_after = now() where state = 'retry'`.execute(db);
  return { sending, activeJobs: Number(active.numAffectedRows ?? 0) };
}

/** Mail keys (kind|number|status|email) of notification_sent rows in `state`. */
async function mailKeysOf(database: Database, state: 'SENDING' | 'SENT'): Promise<Set<string>> {
  const rows = await sql<{
    job_name: string;
    email: string;
    number: string;
    to_status: string | null;
  }>`select n.job_name, n.email, i.number, e.to_status
       from notification_sent n
       join invoice i on i.id = n.invoice_id
       left join pgboss.job j on j.id::text = n.job_id
       left join invoice_event e on e.invoice_id = n.invoice_id
         and n.job_name = 'notify-status-changed' and e.seq = (j.data->>'eventSeq')::int
      where n.state = ${state}`.execute(database.db);
  return new Set(rows.rows.map((r) => mailKey(r.job_name, r.number, r.to_status, r.email)));
}

const mailKey = (job: string, number: string, status: string | null, email: string) =>
  job === 'notify-invoice-available'
    ? `available|${number}|${email.toLowerCase()}`
    : `status|${number}|${status ?? '?'}|${email.toLowerCase()}`;

/** The mail keys every invoice and status change in the database calls for. */
async function expectedMails(database: Database): Promise<string[]> {
  const db = database.db;
  const emailsWith = async (structure: string, space: string, serviceId: string | null) => {
    const rows = await sql<{ email: string }>`select distinct u.email from membership m
      join membership_right r on r.membership_id = m.id
      join app_user u on u.id = m.user_id
      join structure s on s.id = m.structure_id
      where s.identifier = ${structure} and r.space = ${space}
        and (r.service_id is null or r.service_id = ${serviceId})`.execute(db);
    return rows.rows.map((r) => r.email);
  };
  const serviceA = await sql<{ id: string }>`select sv.id from service sv
    join structure s on s.id = sv.structure_id
    where s.identifier = ${DEMO_PUBLIC_BODY.identifier} and sv.code = ${DEMO_SERVICE_A.code}`.execute(
    db,
  );
  const recipients = await emailsWith(
    DEMO_PUBLIC_BODY.identifier,
    'FACTURES_RECUES',
    serviceA.rows[0]!.id,
  );
  const suppliers = await emailsWith(DEMO_SUPPLIER.identifier, 'FACTURES_EMISES', null);
  expect(recipients.length).toBeGreaterThan(0);
  expect(suppliers.length).toBeGreaterThan(0);
  const invoices = await db.selectFrom('invoice').select('number').execute();
  const changes = await db
    .selectFrom('invoice_event')
    .innerJoin('invoice', 'invoice.id', 'invoice_event.invoice_id')
    .select(['invoice.number', 'invoice_event.to_status'])
    .where('invoice_event.event', '=', 'STATUS_CHANGED')
    .execute();
  return [
    ...invoices.flatMap((i) =>
      recipients.map((e) => mailKey('notify-invoice-available', i.number, null, e)),
    ),
    ...changes.flatMap((c) =>
      suppliers.map((e) => mailKey('notify-status-changed', c.number, c.to_status, e)),
    ),
  ];
}

/** The mail key of a message the sink received. */
function keyOfMessage(to: string, raw: string): string {
  // The subject alone names the mail (its body is multipart, its status a French label).
  const { subject } = readMail(raw);
  const available = /^Nouvelle facture (\S+) d/.exec(subject);
  if (available) return mailKey('notify-invoice-available', available[1]!, null, to);
  const status = /^Facture (\S+) : (.+)$/.exec(subject);
  const code = status && INVOICE_STATUSES.find((c) => statusLabel(c, 'fr') === status[2]);
  if (status && code) return mailKey('notify-status-changed', status[1]!, code, to);
  return `other|${subject}|${to}`;
}

describe('crash: SIGKILL of the server mid-stream of deposits and status changes', () => {
  it('keeps every answered write exactly once, no half-written invoice, each mail once', async () => {
    const started = Date.now();
    location = await freshLocation(path.join(dir, 'data'));

    // Demo data and two API clients, written before the first start (PGlite: one process).
    let database = await location.open();
    let clients: { supplier: ApiClientCredentials; body: ApiClientCredentials };
    try {
      await migrateToLatest(database.db);
      await seedDemo({ db: database.db });
      const supplier = (await findStructure(database.db, DEMO_SUPPLIER.identifier))!;
      const body = (await findStructure(database.db, DEMO_PUBLIC_BODY.identifier))!;
      clients = {
        supplier: await createApiClient({
          db: database.db,
          actor: SYSTEM_ACTOR,
          identifier: supplier.identifier,
          name: 'crash test: supplier',
          scopes: ['invoices:send', 'invoices:read'],
        }),
        body: await createApiClient({
          db: database.db,
          actor: SYSTEM_ACTOR,
          identifier: body.identifier,
          name: 'crash test: public body',
          scopes: ['invoices:process', 'invoices:read'],
        }),
      };
    } finally {
      await database.close();
    }
    sink = await startSmtpSink();

    const phases: string[] = [];
    const phase = (name: string) =>
      phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)}`);
    phase('seeded');
    const crashes: (CrashState & { mailsAtKill: number })[] = [];
    for (const cycle of [1, 2]) {
      server = await startServer(location, sink.url);
      phase(`start ${cycle}`);
      const tokens = {
        supplier: await tokenFor(server.url, clients.supplier),
        body: await tokenFor(server.url, clients.body),
      };
      // Invoices whose last request died with the server: re-read before moving them again.
      for (const t of tracked.values()) {
        if (t.busy) {
          t.version = undefined;
          t.busy = false;
        }
      }
      await streamUntilKilled(server, cycle, tokens);
      phase(`kill ${cycle}`);
      const mailsAtKill = sink.messages.length;
      database = await location.open();
      try {
        crashes.push({ ...(await afterCrash(database)), mailsAtKill });
      } finally {
        await database.close();
      }
      phase(`recovered ${cycle}`);
    }
    expect(unexpected).toEqual([]);

    // Restart; wait until every mail the stored invoices and changes call for has arrived.
    database = await location.open();
    let expected: string[];
    try {
      expected = await expectedMails(database);
    } finally {
      await database.close();
    }
    server = await startServer(location, sink.url);
    phase('start 3');
    const received = () => new Set(sink!.messages.map((m) => keyOfMessage(m.to.join(','), m.raw)));
    await until(
      'every notification at the SMTP sink',
      () => {
        const got = received();
        return expected.every((k) => got.has(k));
      },
      120_000,
    );
    // Graceful stop: the worker finishes what it holds; nothing is left to send after it.
    phase('mails');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    database = await location.open();
    try {
      const db = database.db;
      // Every deposit answered 201 is there, exactly once, under the id the server gave.
      const rows = await db
        .selectFrom('invoice')
        .select(['id', 'number', 'journal_length', 'status'])
        .execute();
      const byNumber = new Map<string, string[]>();
      for (const r of rows) byNumber.set(r.number, [...(byNumber.get(r.number) ?? []), r.id]);
      for (const [number, id] of deposited) expect(byNumber.get(number), number).toEqual([id]);
      for (const [number, ids] of byNumber) {
        expect(number).toMatch(/^CR-\d-\d-\d+$/);
        expect(ids, number).toHaveLength(1);
      }
      // No half-written invoice: each has its original file and its whole journal.
      const files = await db
        .selectFrom('invoice_file')
        .select(['invoice_id'])
        .where('kind', '=', 'ORIGINAL')
        .execute();
      const events = await db
        .selectFrom('invoice_event')
        .select(['invoice_id', 'seq', 'event', 'to_status'])
        .orderBy('invoice_id')
        .orderBy('seq')
        .execute();
      for (const r of rows) {
        expect(
          files.filter((f) => f.invoice_id === r.id),
          r.number,
        ).toHaveLength(1);
        const own = events.filter((e) => e.invoice_id === r.id);
        expect(
          own.map((e) => e.seq),
          r.number,
        ).toEqual(own.map((_, i) => i + 1));
        expect(own.length, r.number).toBe(r.journal_length);
        expect(own.slice(0, 2).map((e) => e.event)).toEqual(['DEPOSITED', 'MADE_AVAILABLE']);
        expect(own[own.length - 1]!.to_status, r.number).toBe(r.status);
      }
      expect((await verifyJournal({ db })).problems).toEqual([]);
      // Every status change answered 200 is in the journal.
      for (const c of changed) {
        const e = events.find((x) => x.invoice_id === c.id && x.seq === c.seq);
        expect(e, `${c.id} #${c.seq}`).toMatchObject({
          event: 'STATUS_CHANGED',
          to_status: c.status,
        });
      }
      // The queue is drained: every job completed (none failed for good), every mail SENT.
      const states = await sql<{ state: string }>`select distinct state::text as state
        from pgboss.job`.execute(db);
      expect(states.rows.map((r) => r.state)).toEqual(['completed']);
      const unsent = await db
        .withTables<JobsTables>()
        .selectFrom('notification_sent')
        .select('key')
        .where('state', '!=', 'SENT')
        .execute();
      expect(unsent).toEqual([]);
      expect(new Set(expected)).toEqual(await mailKeysOf(database, 'SENT'));
    } finally {
      await database.close();
    }

    // At the sink: each expected mail exactly once, nothing else. The one window the sender
    // documents (relay accepted, SENT mark not yet written when the process died) may resend
    // that one mail: only a mail claimed SENDING at a crash may come twice.
    const maySendTwice = new Set(crashes.flatMap((c) => [...c.sending]));
    const counts = new Map<string, number>();
    for (const m of sink.messages) {
      const key = keyOfMessage(m.to.join(','), m.raw);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].filter((k) => !expected.includes(k))).toEqual([]);
    expect(expected.filter((k) => counts.get(k) !== 1 && !maySendTwice.has(k))).toEqual([]);
    const resent = expected.filter((k) => (counts.get(k) ?? 0) > 1);
    expect(resent.every((k) => counts.get(k) === 2)).toBe(true);
    // A resent mail is the same message: every copy of a key carries one Message-ID, and no
    // two keys share one, so the receiving side can drop the copy.
    const idsByKey = new Map<string, Set<string>>();
    for (const m of sink.messages) {
      const key = keyOfMessage(m.to.join(','), m.raw);
      const id = /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw)?.[1] ?? '';
      idsByKey.set(key, (idsByKey.get(key) ?? new Set()).add(id));
    }
    expect([...idsByKey.values()].every((ids) => ids.size === 1 && !ids.has(''))).toBe(true);
    expect(new Set([...idsByKey.values()].flatMap((ids) => [...ids])).size).toBe(idsByKey.size);
    expect(new Set(expected).size).toBe(expected.length);

    console.info(
      `crash test: ${deposited.size} deposits and ${changed.length} status changes answered, ` +
        `${rowsSummary(crashes)}; ${sink.messages.length} mails (${resent.length} resent in ` +
        `the SENDING window); ${((Date.now() - started) / 1000).toFixed(1)} s (${phases.join(', ')})`,
    );
  }, 300_000);
});

function rowsSummary(crashes: (CrashState & { mailsAtKill: number })[]): string {
  return crashes
    .map(
      (c, i) =>
        `kill ${i + 1}: ${c.mailsAtKill} mails before, ${c.activeJobs} jobs active, ${c.sending.size} mails SENDING`,
    )
    .join('; ');
}
