import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { findStructure } from '../../src/accounts/structure-access.js';
import type { DB } from '../../src/db/schema.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { listEcbRates } from '../../src/invoices/list-ecb-rates.js';
import { setEcbRate } from '../../src/invoices/set-ecb-rate.js';
import { newId } from '../../src/lib/ids.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, setUpPersonas, type Caller, type Personas } from '../support/personas.js';

/**
 * The forecast through the API on invoices written straight into the database, with journal
 * rows for the suspensions. Dates straddle the 1 July 2026 half-year change; the ECB rate is
 * set to change in between (2.15 % on 1 January, 1.90 % from 1 March), so the half-year in
 * which interest starts decides the rate.
 */
let t: TestApp;
let p: Personas;
let db: Kysely<DB>;
const ids = { supplier: '', body: '', hospital: '', serviceA: '', serviceB: '' };
let hospitalIdentifier = '';
const inv: Record<string, string> = {};

async function insertInvoice(
  key: string,
  o: {
    recipient?: string;
    serviceId?: string | null;
    serviceCode?: string | null;
    amount: string;
    status?: string;
    type?: string;
    madeAvailableAt: string;
    suspendedSince?: string;
    events?: { at: string; from: string; to: string }[];
  },
): Promise<void> {
  const id = newId('invoice');
  inv[key] = id;
  await db
    .insertInto('invoice')
    .values({
      id,
      number: `P-${key}`,
      issue_date: o.madeAvailableAt.slice(0, 10),
      issue_year: 2026,
      type: o.type ?? 'FACTURE',
      type_code: '380',
      framework: 'A1_FACTURE_FOURNISSEUR',
      currency: 'EUR',
      format: 'CII',
      supplier_structure_id: ids.supplier,
      recipient_structure_id: o.recipient ?? ids.body,
      recipient_service_id: o.serviceId === undefined ? ids.serviceA : o.serviceId,
      service_code: o.serviceCode === undefined ? DEMO_SERVICE_A.code : o.serviceCode,
      commitment_number: null,
      supplier_name: DEMO_SUPPLIER.name,
      recipient_name: o.recipient === ids.hospital ? 'Centre hospitalier' : DEMO_PUBLIC_BODY.name,
      total_without_vat: o.amount,
      total_vat: '0.00',
      total_with_vat: o.amount,
      amount_due: o.amount,
      status: o.status ?? 'MISE_A_DISPOSITION',
      journal_head: '',
      journal_length: 0,
      deposited_at: new Date(o.madeAvailableAt),
      made_available_at: new Date(o.madeAvailableAt),
      suspended_since: o.suspendedSince ? new Date(o.suspendedSince) : null,
      payment_date: o.status === 'MISE_EN_PAIEMENT' ? '2026-07-01' : null,
      payment_amount: o.status === 'MISE_EN_PAIEMENT' ? o.amount : null,
      model: JSON.stringify({}),
      warnings: JSON.stringify([]),
    })
    .execute();
  let seq = 0;
  for (const e of o.events ?? []) {
    seq += 1;
    await db
      .insertInto('invoice_event')
      .values({
        id: newId('invoiceEvent'),
        invoice_id: id,
        seq,
        at: new Date(e.at),
        event: 'STATUS_CHANGED',
        actor_kind: 'USER',
        actor_user_id: null,
        actor_client_id: null,
        from_status: e.from,
        to_status: e.to,
        reason: e.to === 'SUSPENDUE' ? 'RIB manquant' : null,
        data: JSON.stringify({}),
        prev_hash: '',
        hash: `h${seq}`,
      })
      .execute();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  db = t.database.db;
  ids.supplier = (await findStructure(db, DEMO_SUPPLIER.identifier))!.id;
  ids.body = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!.id;
  const services = await db
    .selectFrom('service')
    .select(['id', 'code'])
    .where('structure_id', '=', ids.body)
    .execute();
  ids.serviceA = services.find((s) => s.code === DEMO_SERVICE_A.code)!.id;
  ids.serviceB = services.find((s) => s.code === DEMO_SERVICE_B.code)!.id;
  const hospital = await db
    .selectFrom('structure')
    .select(['id', 'identifier'])
    .where('category', '=', 'ETABLISSEMENT_PUBLIC_SANTE')
    .orderBy('identifier')
    .executeTakeFirstOrThrow();
  ids.hospital = hospital.id;
  hospitalIdentifier = hospital.identifier;

  // The rate of 1 January 2026 is 2.15 (seeded); a fictitious change on 1 March makes the
  // second half-year's rate differ: 1.90 on 1 July.
  await setEcbRate({ db, actor: SYSTEM_ACTOR, validFrom: '2026-03-01', rate: '1.90' });

  // Due 29 June (30 days): interest starts 30 June, first half-year → 2.15 + 8 = 10.15 %.
  await insertInvoice('late-h1', {
    amount: '1200.00',
    madeAvailableAt: '2026-05-30T09:00:00+02:00',
  });
  // Made available at 00:30 in Paris on 1 June (still 31 May in UTC): due 1 July, interest
  // from 2 July, second half-year → 1.90 + 8 = 9.90 %.
  await insertInvoice('late-h2', { amount: '1000.00', madeAvailableAt: '2026-05-31T22:30:00Z' });
  // Made available 10 June (due 10 July), suspended 20 June with 20 days left, completed
  // 5 July → due 25 July.
  await insertInvoice('suspended-once', {
    amount: '3650.00',
    status: 'COMPLETEE',
    madeAvailableAt: '2026-06-10T11:00:00+02:00',
    events: [
      { at: '2026-06-20T10:00:00+02:00', from: 'MISE_A_DISPOSITION', to: 'SUSPENDUE' },
      { at: '2026-07-05T09:00:00+02:00', from: 'SUSPENDUE', to: 'COMPLETEE' },
    ],
  });
  // Still suspended: no due date.
  await insertInvoice('suspended-now', {
    amount: '999.00',
    status: 'SUSPENDUE',
    madeAvailableAt: '2026-07-01T10:00:00+02:00',
    suspendedSince: '2026-07-03T10:00:00+02:00',
    events: [{ at: '2026-07-03T10:00:00+02:00', from: 'MISE_A_DISPOSITION', to: 'SUSPENDUE' }],
  });
  // Not late on 29 July: due 19 and 20 August (ISO week 34), and a hospital's (50 days) due
  // 29 August (week 35).
  await insertInvoice('w34-a', { amount: '500.00', madeAvailableAt: '2026-07-20T10:00:00+02:00' });
  await insertInvoice('w34-b', {
    amount: '700.00',
    status: 'SERVICE_FAIT',
    madeAvailableAt: '2026-07-21T10:00:00+02:00',
  });
  await insertInvoice('w35-hospital', {
    amount: '2000.00',
    recipient: ids.hospital,
    serviceId: null,
    serviceCode: null,
    madeAvailableAt: '2026-07-10T10:00:00+02:00',
  });
  // Service B, one day late on 29 July.
  await insertInvoice('late-b', {
    amount: '365.00',
    serviceId: ids.serviceB,
    serviceCode: DEMO_SERVICE_B.code,
    madeAvailableAt: '2026-06-28T10:00:00+02:00',
  });
  // Never expected: paid, rejected, a credit note.
  await insertInvoice('paid', {
    amount: '10.00',
    status: 'MISE_EN_PAIEMENT',
    madeAvailableAt: '2026-05-01T10:00:00+02:00',
  });
  await insertInvoice('rejected', {
    amount: '20.00',
    status: 'REJETEE',
    madeAvailableAt: '2026-05-01T10:00:00+02:00',
  });
  await insertInvoice('credit-note', {
    amount: '30.00',
    type: 'AVOIR',
    madeAvailableAt: '2026-05-01T10:00:00+02:00',
  });
});
afterAll(async () => {
  await t.close();
});

interface Item {
  id: string;
  number: string;
  dueDate: string | null;
  daysLate: number;
  amountDue: string;
  madeAvailableOn: string;
  lateInterest: {
    daysLate: number;
    rate: string;
    interest: string;
    indemnity: string;
    total: string;
  } | null;
}
interface Forecast {
  asOf: string;
  weeks: {
    week: string;
    monday: string;
    sunday: string;
    currency: string;
    amount: string;
    count: number;
  }[];
  overdue: Item[];
  deadlines: Item[];
  suspended: Item[];
}

async function forecast(who: Caller, query: string, expected = 200): Promise<Forecast> {
  const res = await call(t, who, { method: 'GET', url: `/api/v1/forecast?${query}` });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json() as Forecast;
}
const keyOf = (id: string) => Object.entries(inv).find(([, v]) => v === id)![0];

describe("a supplier's expected cash-in", () => {
  it('lists late invoices with the interest of the right half-year, the rest by ISO week', async () => {
    for (const who of [p.supplierUser, p.apiClient]) {
      const f = await forecast(who, 'side=sent&asOf=2026-07-29');
      expect(f.asOf).toBe('2026-07-29');
      expect(f.overdue.map((i) => keyOf(i.id))).toEqual([
        'late-h1',
        'late-h2',
        'suspended-once',
        'late-b',
      ]);
      const [h1, h2, once, b] = f.overdue;
      // 1200 × 10.15 % × 30 / 365 = 10.0109… → 10.01, + 40 €
      expect(h1).toMatchObject({
        madeAvailableOn: '2026-05-30',
        dueDate: '2026-06-29',
        daysLate: 30,
        lateInterest: { rate: '10.15', interest: '10.01', indemnity: '40.00', total: '50.01' },
      });
      // 1000 × 9.90 % × 28 / 365 = 7.5945… → 7.59
      expect(h2).toMatchObject({
        madeAvailableOn: '2026-06-01',
        dueDate: '2026-07-01',
        daysLate: 28,
        lateInterest: { rate: '9.90', interest: '7.59', total: '47.59' },
      });
      // 3650 × 9.90 % × 4 / 365 = 3.96
      expect(once).toMatchObject({
        dueDate: '2026-07-25',
        daysLate: 4,
        lateInterest: { rate: '9.90', interest: '3.96', total: '43.96' },
      });
      // 365 × 9.90 % × 1 / 365 = 0.099 → 0.10
      expect(b).toMatchObject({
        dueDate: '2026-07-28',
        daysLate: 1,
        lateInterest: { interest: '0.10' },
      });

      expect(f.weeks).toEqual([
        {
          week: '2026-W34',
          monday: '2026-08-17',
          sunday: '2026-08-23',
          currency: 'EUR',
          amount: '1200.00',
          count: 2,
        },
        {
          week: '2026-W35',
          monday: '2026-08-24',
          sunday: '2026-08-30',
          currency: 'EUR',
          amount: '2000.00',
          count: 1,
        },
      ]);
      expect(f.suspended.map((i) => keyOf(i.id))).toEqual(['suspended-now']);
      expect(f.suspended[0]).toMatchObject({ dueDate: null, lateInterest: null });
      expect(f.deadlines).toEqual([]);
    }
  });

  it('moves invoices from the weeks to the overdue list as days pass', async () => {
    const f = await forecast(p.supplierUser, 'side=sent&asOf=2026-08-20');
    expect(f.weeks.map((w) => [w.week, w.amount, w.count])).toEqual([
      ['2026-W34', '700.00', 1], // due 20 August: not late yet on the day
      ['2026-W35', '2000.00', 1],
    ]);
    expect(f.overdue.map((i) => keyOf(i.id))).toContain('w34-a');
    // A delay that crosses into the second half-year keeps the first one's rate.
    expect(f.overdue.find((i) => keyOf(i.id) === 'late-h1')!.lateInterest).toMatchObject({
      daysLate: 52,
      rate: '10.15',
      interest: '17.35', // 1200 × 10.15 % × 52 / 365 = 17.352…
    });
  });
});

describe("a recipient's upcoming deadlines", () => {
  it('lists its services’ invoices by due date, overdue first, suspended last', async () => {
    const a = await forecast(
      p.clerkA,
      `side=received&structure=${DEMO_PUBLIC_BODY.identifier}&asOf=2026-07-29`,
    );
    expect(a.deadlines.map((i) => keyOf(i.id))).toEqual([
      'late-h1',
      'late-h2',
      'suspended-once',
      'w34-a',
      'w34-b',
      'suspended-now',
    ]);
    expect(a.overdue.map((i) => keyOf(i.id))).toEqual(['late-h1', 'late-h2', 'suspended-once']);
    expect(a.deadlines[3]).toMatchObject({
      dueDate: '2026-08-19',
      daysLate: 0,
      lateInterest: null,
    });
    // Service B's clerk sees service B's only; the gestionnaire sees both services.
    const b = await forecast(p.clerkB, 'side=received&asOf=2026-07-29');
    expect(b.deadlines.map((i) => keyOf(i.id))).toEqual(['late-b']);
    const all = await forecast(p.publicGestionnaire, 'side=received&asOf=2026-07-29');
    expect(all.deadlines.map((i) => keyOf(i.id)).sort()).toEqual(
      ['late-h1', 'late-h2', 'suspended-once', 'w34-a', 'w34-b', 'suspended-now', 'late-b'].sort(),
    );
  });

  it('counts 50 days for a public hospital', async () => {
    const f = await forecast(p.supplierUser, 'side=sent&asOf=2026-07-29');
    const h = f.weeks.find((w) => w.week === '2026-W35');
    expect(h?.amount).toBe('2000.00');
    const d = await call(t, p.supplierUser, {
      method: 'GET',
      url: `/api/v1/invoices/${inv['w35-hospital']!}`,
    });
    expect((d.json() as { terms: unknown }).terms).toMatchObject({
      periodDays: 50,
      dueDate: '2026-08-29',
    });
  });
});

describe('access and rates', () => {
  it('refuses the anonymous, outsiders and members without the right', async () => {
    await forecast(p.anonymous, 'side=sent', 401);
    await forecast(p.supplierUser, `side=received&structure=${hospitalIdentifier}`, 404);
    await forecast(p.supplierUser, `side=received&structure=${DEMO_SUPPLIER.identifier}`, 403);
    await forecast(p.clerkA, `side=sent&structure=${DEMO_PUBLIC_BODY.identifier}`, 403);
    await forecast(p.apiClient, `side=sent&structure=${DEMO_PUBLIC_BODY.identifier}`, 404);
    await forecast(p.supplierUser, 'side=sent&asOf=2026-02-30x', 400);
  });

  it('shows the suspension history and the completed due date in the detail', async () => {
    const d = await call(t, p.clerkA, {
      method: 'GET',
      url: `/api/v1/invoices/${inv['suspended-once']!}`,
    });
    expect(d.statusCode).toBe(200);
    expect((d.json() as { terms: unknown }).terms).toMatchObject({
      periodDays: 30,
      madeAvailableOn: '2026-06-10',
      suspensions: [{ from: '2026-06-20', to: '2026-07-05' }],
      dueDate: '2026-07-25',
      paid: false,
    });
  });

  it('lets the operator record and replace rates', async () => {
    await setEcbRate({ db, actor: SYSTEM_ACTOR, validFrom: '2026-09-01', rate: '2.00' });
    await setEcbRate({ db, actor: SYSTEM_ACTOR, validFrom: '2026-09-01', rate: '2.25' });
    const rates = await listEcbRates({ db, actor: SYSTEM_ACTOR });
    expect(rates.at(-1)).toEqual({ validFrom: '2026-09-01', rate: '2.25' });
    expect(rates.filter((r) => r.validFrom === '2026-09-01')).toHaveLength(1);
    await expect(
      setEcbRate({ db, actor: SYSTEM_ACTOR, validFrom: '2026-02-30', rate: '1' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(
      setEcbRate({ db, actor: SYSTEM_ACTOR, validFrom: '2026-10-01', rate: 'abc' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
