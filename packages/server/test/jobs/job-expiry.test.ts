/**
 * Recovery of notification jobs: they expire after 20 s (migration 0007), so a job held by a
 * dead process is retried 20 s after it started rather than 60 s; and a live worker never lets
 * a job run into its expiry (it stops taking jobs of a batch at half of it), so the expiry
 * never hands a job still being sent to a second run.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/jobs/queue.js';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { createMailer, type Mailer } from '../../src/lib/mailer.js';
import { startSmtpSink, type SmtpSink } from '../../src/lib/smtp-sink.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { setUpPersonas } from '../support/personas.js';
import { insertInvoice } from './invoice-fixtures.js';

let t: TestApp;
let sink: SmtpSink;
let mailer: Mailer;
let worker: JobWorker;
const logged: unknown[] = [];

beforeAll(async () => {
  t = await createTestApp();
  await setUpPersonas(t);
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'chorale@test', log: () => undefined });
  worker = await startWorker({
    db: t.database.db,
    mailer,
    publicUrl: 'http://chorale.test',
    log: (error) => logged.push(error),
    pollingIntervalSeconds: 0,
  });
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await t.close();
});

const db = () => t.database.db;

async function newJob(): Promise<string> {
  const { id } = await insertInvoice(db());
  await db()
    .transaction()
    .execute((trx) =>
      enqueue(trx, 'notify-invoice-available', { v: 1, invoiceId: id }, { singletonKey: id }),
    );
  return id;
}

interface JobState {
  state: string;
  retry_count: number;
  expire_in: string;
  output: unknown;
}
const jobOf = async (invoiceId: string): Promise<JobState> =>
  (
    await sql<JobState>`select state::text as state, retry_count, expire_in::text as expire_in,
      output from pgboss.job where data->>'invoiceId' = ${invoiceId}`.execute(db())
  ).rows[0]!;

describe('notification job expiry', () => {
  it('is 20 s for both notification queues and the jobs they get', async () => {
    const queues = await sql<{ name: string; expire_seconds: number }>`
      select name, expire_seconds from pgboss.queue
      where name in ('notify-invoice-available', 'notify-status-changed') order by name`.execute(
      db(),
    );
    expect(queues.rows).toEqual([
      { name: 'notify-invoice-available', expire_seconds: 20 },
      { name: 'notify-status-changed', expire_seconds: 20 },
    ]);
    expect((await jobOf(await newJob())).expire_in).toBe('00:00:20');
  });

  it('a job held by a dead worker is failed for a retry once 20 s have passed, not before', async () => {
    await worker.drain();
    const id = await newJob();
    const heldFor = async (seconds: number) => {
      await sql`update pgboss.job set state = 'active',
          started_on = now() - ${seconds} * interval '1 second'
        where data->>'invoiceId' = ${id}`.execute(db());
      await worker.maintain();
      return jobOf(id);
    };
    expect((await heldFor(15)).state).toBe('active');
    const expired = await heldFor(21);
    expect(expired.state).toBe('retry');
    expect(JSON.stringify(expired.output)).toMatch(/timeout/);
    // Its retry sends the mails, once. (Due a second ago: the embedded database's clock may
    // give the next statement the same instant, and a job is due when start_after < now().)
    await sql`update pgboss.job set start_after = now() - interval '1 second'
      where data->>'invoiceId' = ${id}`.execute(db());
    const before = sink.messages.length;
    expect(await worker.drain()).toBe(1);
    expect(sink.messages.length - before).toBeGreaterThan(0);
    expect((await jobOf(id)).state).toBe('completed');
  });

  it('a slow batch stops at half the expiry; the rest is retried; every mail goes once', async () => {
    await worker.drain();
    // A 2 s expiry (budget 1 s) and a relay taking 150 ms a mail: a batch of 10 cannot finish.
    await sql`update pgboss.queue set expire_seconds = 2
      where name = 'notify-invoice-available'`.execute(db());
    try {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push(await newJob());
      const slow: Mailer = {
        send: async (mail) => {
          await new Promise((r) => setTimeout(r, 150));
          await mailer.send(mail);
        },
      };
      const before = sink.messages.length;
      const polling = await startWorker({
        db: db(),
        mailer: slow,
        publicUrl: 'http://chorale.test',
        log: (error) => logged.push(error),
        pollingIntervalSeconds: 0.5,
      });
      try {
        const deadline = Date.now() + 40_000;
        for (;;) {
          const states = await Promise.all(ids.map(jobOf));
          if (states.every((s) => s.state === 'completed') || Date.now() > deadline) break;
          await new Promise((r) => setTimeout(r, 250));
        }
      } finally {
        await polling.stop();
      }
      const states = await Promise.all(ids.map(jobOf));
      expect(states.map((s) => s.state)).toEqual(ids.map(() => 'completed'));
      // Some jobs went back to the queue (the budget), none was failed by its expiry.
      expect(states.some((s) => s.retry_count > 0)).toBe(true);
      const mails = sink.messages.slice(before);
      const messageIds = mails.map((m) => /^Message-ID:\s*(<[^>]+>)/im.exec(m.raw)?.[1]);
      expect(new Set(messageIds).size).toBe(mails.length);
      const keys = await sql<{ key: string }>`select key from notification_sent
        where invoice_id in (${sql.join(ids)}) and state = 'SENT'`.execute(db());
      expect(mails.length).toBe(keys.rows.length);
      expect(mails.length).toBeGreaterThanOrEqual(ids.length);
    } finally {
      await sql`update pgboss.queue set expire_seconds = 20
        where name = 'notify-invoice-available'`.execute(db());
    }
    expect(logged.filter((e) => !String(e).includes('budget'))).toEqual([]);
  }, 60_000);
});
