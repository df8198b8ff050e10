import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendNotificationDigest } from '../../src/events/send-notification-digest.js';
import { startWorker, type JobWorker } from '../../src/jobs/worker.js';
import { createMailer, type Mail } from '../../src/lib/mailer.js';
import type { TestApp } from '../support/app.js';
import { deposit, nextNumber, startAppWithPersonas, type Deposited } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import { call, type Caller, type Personas } from '../support/personas.js';

let t: TestApp;
let p: Personas;
let worker: JobWorker;
const sent: Mail[] = [];
const mailer = createMailer({ smtpUrl: undefined, from: 'chorale@test', log: (m) => sent.push(m) });

beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
  worker = await startWorker({
    db: t.database.db,
    mailer,
    publicUrl: 'http://chorale.test',
    log: () => undefined,
    pollingIntervalSeconds: 0,
  });
});
afterAll(async () => {
  await worker.stop();
  await t.close();
});

type Bell = {
  unread: number;
  items: { id: string; type: string; read: boolean; invoiceId: string | null }[];
};
const bell = async (who: Caller): Promise<Bell> => {
  const res = await call(t, who, { method: 'GET', url: '/api/v1/me/notifications' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Bell>();
};
const markRead = (who: Caller, payload: Record<string, unknown>) =>
  call(t, who, { method: 'POST', url: '/api/v1/me/notifications/read', payload });
const setPreference = (who: Caller, type: string, mode: string) =>
  call(t, who, {
    method: 'PUT',
    url: '/api/v1/me/notification-preferences',
    payload: { preferences: [{ type, mode }] },
  });

describe('the bell', () => {
  it('shows each user the events of their structures and rights, with an unread count', async () => {
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
    const { id } = res.json<Deposited>();
    const clerkA = await bell(p.clerkA);
    expect(clerkA.items[0]).toMatchObject({ type: 'invoice.made_available', invoiceId: id });
    expect(clerkA.unread).toBe(1);
    const supplier = await bell(p.supplierUser);
    expect(supplier.items[0]).toMatchObject({ type: 'invoice.status_changed', invoiceId: id });
    // Clerk B holds rights on another service of the recipient: not told.
    expect((await bell(p.clerkB)).items.filter((i) => i.invoiceId === id)).toEqual([]);
  });

  it('marks one read, ignores another user’s ids, and marks all read', async () => {
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
    const { id } = res.json<Deposited>();
    const before = await bell(p.clerkA);
    expect(before.unread).toBe(2);
    const mine = before.items.find((i) => i.invoiceId === id)!;
    const supplierEvent = (await bell(p.supplierUser)).items[0]!;
    expect((await markRead(p.clerkA, { ids: [mine.id, supplierEvent.id] })).statusCode).toBe(204);
    const after = await bell(p.clerkA);
    expect(after.unread).toBe(1);
    expect(after.items.find((i) => i.id === mine.id)!.read).toBe(true);
    // The supplier's event was not marked for the supplier by the clerk.
    expect((await bell(p.supplierUser)).items[0]!.read).toBe(false);
    expect((await markRead(p.clerkA, {})).statusCode).toBe(400);
    expect((await markRead(p.clerkA, { all: true })).statusCode).toBe(204);
    expect((await bell(p.clerkA)).unread).toBe(0);
  });
});

describe('mail preferences', () => {
  it('lists every type (IMMEDIATE by default) and refuses an unknown mode', async () => {
    const res = await call(t, p.clerkB, {
      method: 'GET',
      url: '/api/v1/me/notification-preferences',
    });
    expect(res.json()).toContainEqual({ type: 'invoice.made_available', mode: 'IMMEDIATE' });
    expect(res.json()).toHaveLength(6);
    expect((await setPreference(p.clerkB, 'invoice.made_available', 'WEEKLY')).statusCode).toBe(
      400,
    );
  });

  it('the mail jobs leave out who chose OFF or DIGEST; the digest mails them once a day', async () => {
    await worker.drain();
    sent.splice(0);
    expect((await setPreference(p.clerkA, 'invoice.made_available', 'DIGEST')).statusCode).toBe(
      200,
    );
    expect((await setPreference(p.supplierUser, 'invoice.status_changed', 'OFF')).statusCode).toBe(
      200,
    );
    const number = nextNumber();
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number }) });
    const { id } = res.json<Deposited>();
    const moved = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/status`,
      payload: { status: 'SERVICE_FAIT', version: 1 },
    });
    expect(moved.statusCode).toBe(200);
    await worker.drain();
    const to = (email: string) => sent.filter((m) => m.to === email);
    expect(to('agent.technique@mairie.demo.chorale.test')).toEqual([]);
    expect(to('utilisateur@fournisseur.test')).toEqual([]);
    // The supplier's gestionnaire kept the default: mailed at once.
    expect(to('fournisseur@demo.chorale.test').length).toBeGreaterThan(0);

    const digest = await sendNotificationDigest({
      db: t.database.db,
      mailer,
      publicUrl: 'http://chorale.test',
    });
    expect(digest.mails).toBe(1);
    const mail = to('agent.technique@mairie.demo.chorale.test');
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain(number);
    const again = await sendNotificationDigest({
      db: t.database.db,
      mailer,
      publicUrl: 'http://chorale.test',
    });
    expect(again.mails).toBe(0);
  });
});
