import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStructure } from '../../src/accounts/structure-access.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { recordEvent } from '../../src/events/record-event.js';
import { call } from '../support/personas.js';
import { deposit, nextNumber, startAppWithPersonas, type Deposited } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import type { TestApp } from '../support/app.js';
import type { Personas } from '../support/personas.js';

let t: TestApp;
let p: Personas;
let supplierId = '';
let publicId = '';

beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
  supplierId = (await findStructure(t.database.db, DEMO_SUPPLIER.identifier))!.id;
  publicId = (await findStructure(t.database.db, DEMO_PUBLIC_BODY.identifier))!.id;
});
afterAll(() => t.close());

const db = () => t.database.db;
const eventsOf = (invoiceId: string) =>
  db()
    .selectFrom('event')
    .selectAll()
    .where('invoice_id', '=', invoiceId)
    .orderBy('seq')
    .orderBy('type')
    .execute();
const jobsFor = async (deliveryIds: string[]) =>
  (
    await sql<{ data: { v: number; deliveryId: string } }>`select data from pgboss.job
      where name = 'deliver-webhook'`.execute(db())
  ).rows.filter((j) => deliveryIds.includes(j.data.deliveryId));

/** A webhook row as the webhook use cases write it (the secret does not matter here). */
async function subscribe(structureId: string, events: string[]): Promise<string> {
  const id = `whk_${Math.random().toString(36).slice(2, 12).padEnd(26, '0')}`;
  await db()
    .insertInto('webhook')
    .values({
      id,
      structure_id: structureId,
      url: 'https://example.test/h',
      events,
      secret_enc: 'x',
    })
    .execute();
  return id;
}

describe('events recorded with the change that causes them', () => {
  it('a deposit tells the supplier (status) and the recipient (made available), with deliveries and jobs in the same statement', async () => {
    const supplierHook = await subscribe(supplierId, ['invoice.status_changed']);
    const recipientHook = await subscribe(publicId, ['invoice.made_available']);
    const number = nextNumber();
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number }) });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<Deposited>();
    const events = await eventsOf(id);
    expect(events.map((e) => [e.type, e.structure_id, e.audience, e.seq])).toEqual([
      ['invoice.made_available', publicId, 'FACTURES_RECUES', 2],
      ['invoice.status_changed', supplierId, 'FACTURES_EMISES', 2],
    ]);
    expect(events[0]!.payload).toEqual({
      invoice: { id, number },
      oldStatus: 'DEPOSEE',
      newStatus: 'MISE_A_DISPOSITION',
      lifecycleCode: 203,
    });
    const deliveries = await db()
      .selectFrom('webhook_delivery')
      .selectAll()
      .where(
        'event_id',
        'in',
        events.map((e) => e.id),
      )
      .execute();
    expect(deliveries.map((d) => d.webhook_id).sort()).toEqual(
      [supplierHook, recipientHook].sort(),
    );
    expect(deliveries.every((d) => d.state === 'PENDING' && d.order_key === id)).toBe(true);
    expect(await jobsFor(deliveries.map((d) => d.id))).toHaveLength(2);
    await db().deleteFrom('webhook').execute();
  });

  it('a status change records its events; a webhook not subscribed to the type gets no delivery', async () => {
    const hook = await subscribe(supplierId, ['flow.report_ready']);
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
    const { id } = res.json<Deposited>();
    const moved = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/status`,
      payload: { status: 'REJETEE', version: 1, reason: 'Montant erroné' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const events = (await eventsOf(id)).filter((e) => e.seq === 3);
    expect(events.map((e) => `${e.type} ${e.structure_id}`).sort()).toEqual(
      [`invoice.status_changed ${supplierId}`, `invoice.status_changed ${publicId}`].sort(),
    );
    expect(events[0]!.payload).toMatchObject({
      oldStatus: 'MISE_A_DISPOSITION',
      newStatus: 'REJETEE',
      lifecycleCode: 210,
    });
    const deliveries = await db()
      .selectFrom('webhook_delivery')
      .select('id')
      .where('webhook_id', '=', hook)
      .execute();
    expect(deliveries).toEqual([]);
    await db().deleteFrom('webhook').execute();
  });

  it('a refused change records nothing: the event commits or vanishes with it', async () => {
    const res = await deposit(t, p.supplierUser, { invoice: ubl({ number: nextNumber() }) });
    const { id } = res.json<Deposited>();
    const before = (await eventsOf(id)).length;
    const stale = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/status`,
      payload: { status: 'SERVICE_FAIT', version: 7 },
    });
    expect(stale.statusCode).toBe(409);
    expect((await eventsOf(id)).length).toBe(before);
    // A use case's transaction that fails after recordEvent leaves no event either.
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await recordEvent(trx, {
            type: 'sollicitation.opened',
            structureId: publicId,
            audience: 'SOLLICITATIONS',
            data: { sollicitation: { id: 'sol_x' } },
          });
          throw new Error('the change failed');
        }),
    ).rejects.toThrow('the change failed');
    const left = await db()
      .selectFrom('event')
      .select('id')
      .where('type', '=', 'sollicitation.opened')
      .execute();
    expect(left).toEqual([]);
  });
});
