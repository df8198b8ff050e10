import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedCount } from '../../src/db/bounded-count.js';
import type { TestApp } from '../support/app.js';
import { nextNumber, startAppWithPersonas } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import { call, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';
import { accepted, depositRaw } from '../flows/support.js';

// Lists give their size beside the keyset cursor: exact up to a bound, "at least" beyond.

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
  for (let i = 0; i < 5; i++) await insertInvoice(t.database.db, {});
  for (let i = 0; i < 2; i++) await insertInvoice(t.database.db, { status: 'SUSPENDUE' });
  for (let i = 0; i < 3; i++) {
    accepted(
      await depositRaw(t, p.apiClient, ubl({ number: nextNumber() }).bytes, {
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        nomFichier: `f${i}.xml`,
      }),
    );
  }
});
afterAll(async () => {
  await t.close();
});

interface Page {
  items: unknown[];
  nextCursor: string | null;
  total: { count: number; exact: boolean };
}

describe('list totals', () => {
  it('invoices: the count of the filters, the same on every page', async () => {
    const first = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: '/api/v1/invoices?side=received&limit=3',
    });
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json<Page>();
    expect(page1.items).toHaveLength(3);
    expect(page1.total).toEqual({ count: 7, exact: true });
    const second = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `/api/v1/invoices?side=received&limit=3&cursor=${encodeURIComponent(page1.nextCursor!)}`,
    });
    expect(second.json<Page>().total).toEqual({ count: 7, exact: true });
    const suspended = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: '/api/v1/invoices?side=received&status=SUSPENDUE',
    });
    expect(suspended.json<Page>().total).toEqual({ count: 2, exact: true });
  });

  it('flows: the count beside the cursor', async () => {
    const res = await call(t, p.apiClient, { method: 'GET', url: '/api/v1/flows?limit=1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Page>()).toMatchObject({ total: { count: 3, exact: true } });
    expect(res.json<Page>().items).toHaveLength(1);
    const out = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: '/api/v1/flows?direction=out',
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json<Page>().total).toEqual({ count: 0, exact: true });
  });

  it('beyond the bound, the count says "at least"', async () => {
    const query = t.database.db.selectFrom('invoice').select('id');
    expect(await boundedCount(t.database.db, query, 7)).toEqual({ count: 7, exact: true });
    expect(await boundedCount(t.database.db, query, 4)).toEqual({ count: 4, exact: false });
  });
});
