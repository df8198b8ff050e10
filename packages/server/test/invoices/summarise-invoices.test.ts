import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import Big from 'big.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import type { DB } from '../../src/db/schema.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { depositBody, ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Caller, type Personas } from '../support/personas.js';

/**
 * GET /invoices/summary on invoices deposited and moved through the API: counts and amounts by
 * status equal what the database holds, and the rights of the list apply (a clerk counts only
 * their services, another structure gets a 404).
 */
let t: TestApp;
let p: Personas;
let db: Kysely<DB>;
const S = DEMO_SUPPLIER.identifier;
const P = DEMO_PUBLIC_BODY.identifier;

interface Summary {
  side: string;
  structure: { identifier: string; name: string };
  statuses: {
    status: string;
    currency: string;
    count: number;
    totalWithVat: string;
    amountDue: string;
  }[];
  awaitingPayment: { currency: string; count: number; amount: string }[];
}

async function summary(who: Caller, query: string, expected = 200): Promise<Summary> {
  const res = await call(t, who, { method: 'GET', url: `/api/v1/invoices/summary?${query}` });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json() as Summary;
}

/** Deposits one UBL invoice of S (service A unless told) with one line of `net` at 20 % VAT. */
async function deposit(number: string, net: string, serviceCode?: string): Promise<string> {
  const vat = new Big(net).times('0.2').toFixed(2);
  const gross = new Big(net).plus(vat).toFixed(2);
  const body = depositBody({
    invoice: ubl({
      number,
      ...(serviceCode ? { serviceCode } : {}),
      lines: [
        {
          name: 'Prestation',
          quantity: '1',
          unitPrice: net,
          netAmount: net,
          vatCategory: 'S',
          vatRate: '20',
        },
      ],
      vatBreakdown: [{ category: 'S', rate: '20', taxableAmount: net, taxAmount: vat }],
      totals: { lineNetTotal: net, withoutVat: net, vat, withVat: gross, payable: gross },
    }),
  });
  const res = await call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function move(who: Caller, id: string, body: Record<string, unknown>): Promise<void> {
  const version = (
    await db.selectFrom('invoice').select('version').where('id', '=', id).executeTakeFirstOrThrow()
  ).version;
  const res = await call(t, who, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/status`,
    payload: { version, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** What the database says, grouped the plain way, for comparison. */
async function fromDb(where: {
  supplier?: string;
  recipient?: string;
  serviceCode?: string;
}): Promise<Map<string, { count: number; total: string }>> {
  let q = db.selectFrom('invoice').select(['status', 'total_with_vat', 'service_code']);
  if (where.supplier) q = q.where('supplier_structure_id', '=', where.supplier);
  if (where.recipient) q = q.where('recipient_structure_id', '=', where.recipient);
  const rows = await q.execute();
  const out = new Map<string, { count: number; total: string }>();
  for (const r of rows) {
    if (where.serviceCode && r.service_code !== where.serviceCode) continue;
    const b = out.get(r.status) ?? { count: 0, total: '0.00' };
    b.count += 1;
    b.total = new Big(b.total).plus(r.total_with_vat ?? '0').toFixed(2);
    out.set(r.status, b);
  }
  return out;
}

const asMap = (s: Summary) =>
  new Map(s.statuses.map((r) => [r.status, { count: r.count, total: r.totalWithVat }]));

const ids: Record<string, string> = {};
let supplierId = '';
let bodyId = '';

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  db = t.database.db;
  supplierId = (await findStructure(db, S))!.id;
  bodyId = (await findStructure(db, P))!.id;
  ids.a1 = await deposit('SUM-A1', '100.00');
  ids.a2 = await deposit('SUM-A2', '200.50');
  ids.a3 = await deposit('SUM-A3', '1000.00');
  ids.a4 = await deposit('SUM-A4', '33.33');
  ids.b1 = await deposit('SUM-B1', '400.00', DEMO_SERVICE_B.code);
  await move(p.clerkA, ids.a2!, { status: 'SUSPENDUE', reason: 'Bon de commande manquant' });
  await move(p.clerkA, ids.a3!, { status: 'MANDATEE', mandateNumber: 'M-1' });
  await move(p.clerkA, ids.a3!, {
    status: 'MISE_EN_PAIEMENT',
    paymentDate: '2026-11-23',
    paymentAmount: '1200.00',
  });
  await move(p.clerkA, ids.a4!, { status: 'REJETEE', reason: 'Doublon' });
});
afterAll(async () => {
  await t.close();
});

describe('invoice summary by status', () => {
  it('gives the supplier its counts and amounts as the database holds them', async () => {
    for (const who of [p.supplierGestionnaire, p.supplierUser, p.apiClient]) {
      const s = await summary(who, `side=sent&structure=${S}`);
      expect(s.structure.identifier).toBe(S);
      expect(asMap(s)).toEqual(await fromDb({ supplier: supplierId }));
    }
    const s = await summary(p.supplierUser, 'side=sent');
    expect(s.statuses).toEqual([
      {
        status: 'MISE_A_DISPOSITION',
        currency: 'EUR',
        count: 2,
        totalWithVat: '600.00',
        amountDue: '600.00',
      },
      {
        status: 'REJETEE',
        currency: 'EUR',
        count: 1,
        totalWithVat: '40.00',
        amountDue: '40.00',
      },
      {
        status: 'SUSPENDUE',
        currency: 'EUR',
        count: 1,
        totalWithVat: '240.60',
        amountDue: '240.60',
      },
      {
        status: 'MISE_EN_PAIEMENT',
        currency: 'EUR',
        count: 1,
        totalWithVat: '1200.00',
        amountDue: '1200.00',
      },
    ]);
    // Awaiting payment: made available (A1, B1) and suspended (A2); not paid, not rejected.
    expect(s.awaitingPayment).toEqual([{ currency: 'EUR', count: 3, amount: '840.60' }]);
  });

  it('counts only the services a clerk holds, everything for the gestionnaire', async () => {
    const a = await summary(p.clerkA, `side=received&structure=${P}`);
    expect(asMap(a)).toEqual(await fromDb({ recipient: bodyId, serviceCode: DEMO_SERVICE_A.code }));
    expect(a.statuses.reduce((n, r) => n + r.count, 0)).toBe(4);
    expect(a.awaitingPayment).toEqual([{ currency: 'EUR', count: 2, amount: '360.60' }]);

    // Clerk B does not count service A's invoices: only B1.
    const b = await summary(p.clerkB, `side=received&structure=${P}`);
    expect(b.statuses).toEqual([
      {
        status: 'MISE_A_DISPOSITION',
        currency: 'EUR',
        count: 1,
        totalWithVat: '480.00',
        amountDue: '480.00',
      },
    ]);
    expect(b.awaitingPayment).toEqual([{ currency: 'EUR', count: 1, amount: '480.00' }]);

    const all = await summary(p.publicGestionnaire, `side=received&structure=${P}`);
    expect(asMap(all)).toEqual(await fromDb({ recipient: bodyId }));
  });

  it('gives another structure nothing, and a member without the right a 403', async () => {
    await summary(p.anonymous, 'side=sent', 401);
    await summary(p.clerkA, `side=sent&structure=${S}`, 404);
    await summary(p.supplierGestionnaire, `side=received&structure=${P}`, 404);
    await summary(p.apiClient, `side=received&structure=${P}`, 404);
    await summary(p.clerkA, `side=sent&structure=${P}`, 403);
    await summary(p.supplierUser, `side=received&structure=${S}`, 403);
    await summary(p.supplierGestionnaire, `side=received&structure=${S}`, 403);
  });
});
