import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/accounts/model.js';
import { changeInvoiceStatus } from '../../src/invoices/change-invoice-status.js';
import { applyTransition } from '../../src/invoices/lifecycle.js';
import { addressees, runJob, type JobContext } from '../../src/jobs/notify.js';
import { enqueue, type JobPayloads } from '../../src/jobs/queue.js';
import type { JobsTables } from '../../src/jobs/schema.js';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { createMailer, type Mail, type Mailer } from '../../src/lib/mailer.js';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { setUpPersonas, type Personas } from '../support/personas.js';
import { DEMO_SERVICE_B } from '../../src/directory/demo-directory.js';
import { insertInvoice } from './invoice-fixtures.js';

let t: TestApp;
let p: Personas;
let sink: SmtpSink;
let mailer: Mailer;
let worker: JobWorker;
let clerk: Principal;
const logged: unknown[] = [];

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'chorale@test', log: () => undefined });
  // No polling: the tests run the queue with drain() when they choose.
  worker = await startWorker({
    db: t.database.db,
    mailer,
    publicUrl: 'http://chorale.test',
    log: (error) => logged.push(error),
    pollingIntervalSeconds: 0,
  });
  clerk = { kind: 'user', userId: p.clerkA.userId! };
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await t.close();
});

const db = () => t.database.db;
type JobRow = { id: string; name: string; data: { invoiceId: string }; state: string };
const jobsOf = async (invoiceId: string): Promise<JobRow[]> =>
  (
    await sql<JobRow>`select id, name, data, state from pgboss.job order by created_on`.execute(
      db(),
    )
  ).rows.filter((j) => j.data.invoiceId === invoiceId);
/** Runs what earlier tests left in the queue, then forgets the mails: a clean slate. */
async function settle(): Promise<void> {
  await worker.drain();
  sink.messages.splice(0);
}

/** The clerk marks a fresh invoice (version 1) service done: one mail job to the supplier. */
const markServiceDone = (invoiceId: string) =>
  changeInvoiceStatus({
    db: db(),
    principal: clerk,
    invoiceId,
    version: 1,
    status: 'SERVICE_FAIT',
  });
/** A worker that polls its queues on its own, every `seconds`. */
const startPollingWorker = (seconds: number) =>
  startWorker({
    db: db(),
    mailer,
    publicUrl: 'http://chorale.test',
    log: (error) => logged.push(error),
    pollingIntervalSeconds: seconds,
  });

describe('job queue', () => {
  it('validates payloads against their versioned schema', async () => {
    const { id } = await insertInvoice(db());
    const bad = { v: 2, invoiceId: id } as unknown as JobPayloads['notify-invoice-available'];
    await expect(
      db()
        .transaction()
        .execute((trx) => enqueue(trx, 'notify-invoice-available', bad)),
    ).rejects.toThrow();
    const extra = {
      v: 1,
      invoiceId: id,
      x: 1,
    } as unknown as JobPayloads['notify-invoice-available'];
    await expect(
      db()
        .transaction()
        .execute((trx) => enqueue(trx, 'notify-invoice-available', extra)),
    ).rejects.toThrow();
    expect(await jobsOf(id)).toEqual([]);
  });

  it('enqueues in the caller transaction: rolled back with it; a singleton key enqueues once', async () => {
    const { id } = await insertInvoice(db());
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await enqueue(trx, 'notify-invoice-available', { v: 1, invoiceId: id });
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    expect(await jobsOf(id)).toEqual([]);
    for (let i = 0; i < 2; i++) {
      await db()
        .transaction()
        .execute((trx) =>
          enqueue(trx, 'notify-invoice-available', { v: 1, invoiceId: id }, { singletonKey: 'k1' }),
        );
    }
    expect((await jobsOf(id)).map((j) => j.name)).toEqual(['notify-invoice-available']);
  });
});

describe('notifications', () => {
  it('tells the supplier users of a status change and the recipient service of a new invoice', async () => {
    await settle();
    const { id } = await insertInvoice(db(), { status: 'DEPOSEE' });
    const invoice = await db()
      .selectFrom('invoice')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await db()
      .transaction()
      .execute((trx) =>
        applyTransition(trx, {
          invoice,
          version: 1,
          to: 'MISE_A_DISPOSITION',
          event: 'MADE_AVAILABLE',
          actor: { kind: 'SYSTEM' },
        }),
      );
    await changeInvoiceStatus({
      db: db(),
      principal: clerk,
      invoiceId: id,
      version: 2,
      status: 'SUSPENDUE',
      reason: 'Bon de commande manquant',
    });
    expect((await jobsOf(id)).map((j) => j.name).sort()).toEqual([
      'notify-invoice-available',
      'notify-status-changed',
      'notify-status-changed',
    ]);
    expect(await worker.drain()).toBeGreaterThanOrEqual(3);
    // Service A's clerk and the structure-wide gestionnaire, not service B's clerk; and both
    // status changes to both supplier users holding FACTURES_EMISES.
    const recipients = sink.messages.map((m) => m.to.join(',')).sort();
    expect(recipients).toEqual([
      'agent.technique@mairie.demo.chorale.test',
      'fournisseur@demo.chorale.test',
      'fournisseur@demo.chorale.test',
      'gestionnaire@mairie.demo.chorale.test',
      'utilisateur@fournisseur.test',
      'utilisateur@fournisseur.test',
    ]);
    const statusMails = sink.messages.filter((m) => m.to[0] === 'utilisateur@fournisseur.test');
    expect(statusMails.some((m) => m.raw.includes('Bon de commande manquant'))).toBe(true);
    expect((await jobsOf(id)).map((j) => j.state)).toEqual(['completed', 'completed', 'completed']);
    const sent = await db()
      .withTables<JobsTables>()
      .selectFrom('notification_sent')
      .select(['state'])
      .where('invoice_id', '=', id)
      .execute();
    expect(sent.map((s) => s.state)).toEqual(['SENT', 'SENT', 'SENT', 'SENT', 'SENT', 'SENT']);
  });

  it('a fetch of jobs about several services shares lookups per service, never across them', async () => {
    await settle();
    // Two invoices to service A, one to service B, one to the structure as a whole: fetched
    // as one batch, each must reach the addressees of its own service.
    const invoices = [
      await insertInvoice(db()),
      await insertInvoice(db(), { serviceCode: DEMO_SERVICE_B.code }),
      await insertInvoice(db(), { serviceCode: null }),
      await insertInvoice(db()),
    ];
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const { id } of invoices)
          await enqueue(trx, 'notify-invoice-available', { v: 1, invoiceId: id });
      });
    expect(await worker.drain()).toBe(invoices.length);
    const rows = await db()
      .selectFrom('invoice')
      .select(['id', 'recipient_structure_id', 'recipient_service_id'])
      .where(
        'id',
        'in',
        invoices.map((i) => i.id),
      )
      .execute();
    const expected = new Set<string>();
    for (const row of rows) {
      const emails = await addressees(
        db(),
        row.recipient_structure_id,
        'FACTURES_RECUES',
        row.recipient_service_id,
      );
      for (const email of emails) expected.add(`${row.id} ${email}`);
    }
    // Service B's and service A's addressees differ: the batch could not hide a mix-up.
    expect(new Set([...expected].map((e) => e.split(' ')[1])).size).toBeGreaterThan(2);
    const got = new Set(
      sink.messages.map((m) => {
        // The mail links to its invoice's page.
        const row = rows.find((r) => m.raw.includes(`/factures/${r.id}`))!;
        return `${row.id} ${m.to.join(',')}`;
      }),
    );
    expect(got).toEqual(expected);
    expect(sink.messages).toHaveLength(expected.size);
  });

  it('a retried job never sends twice; a job that failed half-way sends only what is missing', async () => {
    await settle();
    const { id } = await insertInvoice(db());
    await markServiceDone(id);
    const [job] = await jobsOf(id);
    const before = sink.messages.length;
    // First attempt: the relay fails on the second addressee (crash-like: the job fails).
    let calls = 0;
    const flaky: Mailer = {
      send: async (mail: Mail) => {
        if (++calls === 2) throw new Error('relay down');
        await mailer.send(mail);
      },
    };
    const ctx = (m: Mailer): JobContext => ({ db: db(), mailer: m, publicUrl: 'http://x' });
    const queued = { id: job!.id, name: job!.name, data: job!.data };
    await expect(runJob(ctx(flaky), queued)).rejects.toThrow('relay down');
    expect(sink.messages.length - before).toBe(1);
    // Retry: only the missing mail goes; a third run sends nothing.
    expect(await runJob(ctx(mailer), queued)).toBe(1);
    expect(await runJob(ctx(mailer), queued)).toBe(0);
    const mine = sink.messages.slice(before);
    expect(mine.flatMap((m) => m.to).sort()).toEqual([
      'fournisseur@demo.chorale.test',
      'utilisateur@fournisseur.test',
    ]);
  });

  it('a job left active by a crashed worker runs again after its expiry, still once per addressee', async () => {
    await settle();
    const { id } = await insertInvoice(db());
    await markServiceDone(id);
    // A worker took it and died: the job is active, nothing was sent.
    await sql`update pgboss.job set state = 'active', started_on = now() - interval '2 hours'
      where data->>'invoiceId' = ${id}`.execute(db());
    const before = sink.messages.length;
    expect(await worker.drain()).toBe(0);
    await worker.maintain();
    // Failed by expiry, retried after its delay: make it due now.
    await sql`update pgboss.job set start_after = now() where data->>'invoiceId' = ${id}`.execute(
      db(),
    );
    expect(await worker.drain()).toBe(1);
    expect(sink.messages.length - before).toBe(2);
    expect((await jobsOf(id)).map((j) => j.state)).toEqual(['completed']);
  });

  it('a backlog larger than a batch drains without waiting a polling interval per batch', async () => {
    await settle();
    // 25 jobs ready before the worker starts: three fetches of at most 10. With a 60 s
    // interval, only a full batch's call for the next fetch can run them all within the wait.
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      const { id } = await insertInvoice(db());
      await markServiceDone(id);
      ids.push(id);
    }
    const polling = await startPollingWorker(60);
    try {
      const completed = async () => {
        const rows = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
          where state = 'completed' and data->>'invoiceId' in (${sql.join(ids)})`.execute(db());
        return rows.rows[0]!.n;
      };
      await expect.poll(completed, { timeout: 30_000, interval: 200 }).toBe(25);
    } finally {
      await polling.stop();
    }
    expect(logged).toEqual([]);
  }, 60_000);

  it('the polling worker sends without being asked', async () => {
    const polling = await startPollingWorker(0.5);
    try {
      const { id } = await insertInvoice(db());
      await markServiceDone(id);
      const deadline = Date.now() + 15_000;
      while (Date.now() < deadline) {
        if ((await jobsOf(id))[0]?.state === 'completed') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect((await jobsOf(id))[0]?.state).toBe('completed');
    } finally {
      await polling.stop();
    }
    expect(logged).toEqual([]);
  }, 30_000);
});
