import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { createMailer } from '../../src/lib/mailer.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber, type Deposited } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { Receiver } from './receiver.js';

// Webhooks end to end (issue 16): a real receiver on the loopback interface, deliveries run by
// the job worker, the signature checked as a receiver would check it.

let t: TestApp;
let p: Personas;
let receiver: Receiver;
const S = DEMO_SUPPLIER.identifier;
const logged: unknown[] = [];
const settings = { timeoutMs: 1_000, allowLoopbackHttp: true, secretKey: undefined };

beforeAll(async () => {
  t = await createTestApp({ config: { webhooks: settings } });
  p = await setUpPersonas(t);
  receiver = await Receiver.start();
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const db = () => t.database.db;
const newWorker = (pollingIntervalSeconds = 0) =>
  startWorker({
    db: db(),
    mailer: createMailer({ smtpUrl: undefined, from: 'chorale@test', log: () => undefined }),
    publicUrl: 'http://chorale.test',
    log: (error) => logged.push(error),
    webhooks: settings,
    pollingIntervalSeconds,
  });
/** Makes the webhook retries due now (their backoff is seconds to an hour). */
const retriesDueNow = () =>
  sql`update pgboss.job set start_after = now() where name = 'deliver-webhook'
    and state = 'retry'`.execute(db());

async function subscribe(r: Receiver, events: string[]): Promise<string> {
  const res = await call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: `/api/v1/structures/${S}/webhooks`,
    payload: { url: r.url, events },
  });
  expect(res.statusCode, res.body).toBe(201);
  const created = res.json<{ id: string; secret: string }>();
  r.secret = created.secret;
  return created.id;
}

async function move(id: string, version: number, status: string, extra = {}) {
  const res = await call(t, p.clerkA, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/status`,
    payload: { status, version, ...extra },
  });
  expect(res.statusCode, res.body).toBe(200);
}

async function waitFor(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('waited too long');
    await new Promise((r) => setTimeout(r, 50));
  }
  return Date.now() - start;
}

describe('webhook settings', () => {
  it('refuses a URL that is neither HTTPS nor loopback HTTP, and shows the secret once', async () => {
    for (const url of ['http://example.test/h', 'ftp://127.0.0.1/h', 'https://u:p@example.test/']) {
      const res = await call(t, p.supplierGestionnaire, {
        method: 'POST',
        url: `/api/v1/structures/${S}/webhooks`,
        payload: { url, events: ['invoice.status_changed'] },
      });
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    const unknown = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `/api/v1/structures/${S}/webhooks`,
      payload: { url: 'https://example.test/h', events: ['invoice.paid'] },
    });
    expect(unknown.statusCode).toBe(400);
    const id = await subscribe(receiver, ['invoice.status_changed']);
    const list = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/structures/${S}/webhooks`,
    });
    expect(list.body).not.toContain('whsec_');
    expect(list.json()).toContainEqual(
      expect.objectContaining({ id, events: ['invoice.status_changed'], pending: 0 }),
    );
    const stored = await db()
      .selectFrom('webhook')
      .select('secret_enc')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain('whsec_');
    const gone = await call(t, p.supplierGestionnaire, {
      method: 'DELETE',
      url: `/api/v1/structures/${S}/webhooks/${id}`,
    });
    expect(gone.statusCode).toBe(204);
  });
});

describe('deliveries to a real receiver', () => {
  let worker: JobWorker;
  let hook = '';
  beforeAll(async () => {
    worker = await newWorker();
    hook = await subscribe(receiver, ['invoice.status_changed']);
  });
  afterAll(() => worker.stop());

  it('arrive signed, in order per invoice, exactly once after dedup, across an outage (500 then 200) and a worker restart', async () => {
    receiver.mode = 'fail';
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json<Deposited>().id);
    }
    for (const id of ids) await move(id, 1, 'SERVICE_FAIT');
    await move(ids[0]!, 2, 'MANDATEE', { mandateNumber: 'M-1' });
    // The receiver is down: every try is a 500, logged, and retried later.
    await worker.drain();
    expect(receiver.received.length).toBeGreaterThan(0);
    expect(receiver.accepted()).toEqual([]);
    const pending = await db()
      .selectFrom('webhook_delivery')
      .select(['state', 'attempts'])
      .where('webhook_id', '=', hook)
      .execute();
    expect(pending).toHaveLength(5);
    expect(pending.every((d) => d.state === 'PENDING')).toBe(true);

    // The worker stops (a server going down) while deliveries wait; a new one takes over.
    await worker.stop();
    worker = await newWorker(1);
    receiver.mode = 'ok';
    await retriesDueNow();
    await waitFor(() => receiver.accepted().length === 5, 30_000);

    const accepted = receiver.accepted();
    expect(accepted.every((r) => r.signatureValid)).toBe(true);
    expect(accepted.every((r) => r.body.id === r.eventId)).toBe(true);
    expect(accepted.every((r) => r.body.type === 'invoice.status_changed')).toBe(true);
    for (const id of ids) {
      const mine = accepted.filter((r) => r.body.orderKey === id);
      const seqs = mine.map((r) => r.body.sequence);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(mine.map((r) => r.body.data.newStatus)).toEqual(
        id === ids[0]
          ? ['MISE_A_DISPOSITION', 'SERVICE_FAIT', 'MANDATEE']
          : ['MISE_A_DISPOSITION', 'SERVICE_FAIT'],
      );
      expect(mine[0]!.body.data).toMatchObject({ invoice: { id }, lifecycleCode: 203 });
    }
    // The receiver answered before the worker marked the last one: wait for the mark.
    const delivered = async () =>
      (
        await db()
          .selectFrom('webhook_delivery')
          .select('state')
          .where('webhook_id', '=', hook)
          .execute()
      ).filter((d) => d.state === 'DELIVERED').length;
    for (let i = 0; i < 100 && (await delivered()) < 5; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await delivered()).toBe(5);
    // Every attempt is logged; the excerpt of a long answer is bounded.
    const log = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/structures/${S}/webhooks/${hook}/deliveries`,
    });
    type Listed = {
      id: string;
      eventId: string;
      state: string;
      attempts: { statusCode: number | null; responseExcerpt: string | null }[];
    };
    const deliveries = log.json<Listed[]>();
    expect(deliveries).toHaveLength(5);
    const attempts = deliveries.flatMap((d) => d.attempts);
    expect(attempts.some((a) => a.statusCode === 500)).toBe(true);
    expect(attempts.filter((a) => a.statusCode === 200)).toHaveLength(5);
    expect(Math.max(...attempts.map((a) => a.responseExcerpt?.length ?? 0))).toBeLessThanOrEqual(
      500,
    );

    // "Resend": the same event again (a receiver drops it by its id).
    const before = receiver.received.length;
    const resent = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `/api/v1/structures/${S}/webhooks/${hook}/deliveries/${deliveries[0]!.id}/resend`,
    });
    expect(resent.statusCode).toBe(202);
    await waitFor(() => receiver.received.length === before + 1, 10_000);
    expect(receiver.received.at(-1)!.eventId).toBe(deliveries[0]!.eventId);
    expect(receiver.accepted()).toHaveLength(5);
  });

  it('a receiver that hangs is cut off at the timeout and holds back no other webhook', async () => {
    const hanging = await Receiver.start();
    hanging.mode = 'hang';
    try {
      await subscribe(hanging, ['invoice.status_changed']);
      const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
      const { id } = res.json<Deposited>();
      // The healthy receiver gets the event while the other one still hangs.
      await waitFor(() => receiver.accepted().some((r) => r.body.orderKey === id), 10_000);
      await waitFor(() => hanging.received.some((r) => r.body.orderKey === id), 10_000);
      const attempt = async () =>
        db()
          .selectFrom('webhook_attempt as a')
          .innerJoin('webhook_delivery as d', 'd.id', 'a.delivery_id')
          .innerJoin('event as e', 'e.id', 'd.event_id')
          .select(['a.error', 'a.duration_ms', 'a.status_code'])
          .where('e.invoice_id', '=', id)
          .where('a.status_code', 'is', null)
          .executeTakeFirst();
      let cut: Awaited<ReturnType<typeof attempt>>;
      for (let i = 0; i < 60 && !(cut = await attempt()); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(cut!.error).toBe('no answer within 1000 ms');
      expect(cut!.duration_ms).toBeGreaterThanOrEqual(1000);
      expect(cut!.duration_ms).toBeLessThan(3000);
    } finally {
      await hanging.close();
    }
  });

  it('a delivery failing for 24 hours is given up, and the next event of its invoice goes', async () => {
    // Run by hand from here: the retries are made due when the test says so.
    await worker.stop();
    worker = await newWorker(0);
    receiver.mode = 'fail';
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
    const { id } = res.json<Deposited>();
    await move(id, 1, 'SERVICE_FAIT');
    // The deposit's event is a day old (its retries ran for 24 h).
    await sql`update webhook_delivery set created_at = now() - interval '25 hours'
      where webhook_id = ${hook} and seq = 2 and order_key = ${id}`.execute(db());
    await worker.drain();
    const states = () =>
      db()
        .selectFrom('webhook_delivery')
        .select(['seq', 'state'])
        .where('webhook_id', '=', hook)
        .where('order_key', '=', id)
        .orderBy('seq')
        .execute()
        .then((rows) => rows.map((r) => [Number(r.seq), r.state]));
    expect(await states()).toEqual([
      [2, 'FAILED'],
      [3, 'PENDING'],
    ]);
    receiver.mode = 'ok';
    await retriesDueNow();
    await worker.drain();
    expect(await states()).toEqual([
      [2, 'FAILED'],
      [3, 'DELIVERED'],
    ]);
    expect(
      receiver
        .accepted()
        .filter((r) => r.body.orderKey === id)
        .map((r) => r.body.sequence),
    ).toEqual([3]);
  });
});
