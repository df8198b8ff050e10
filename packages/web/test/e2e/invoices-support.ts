import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_SERVICE_B } from '../../../server/src/directory/demo-directory.js';
import { depositBody, ubl } from '../../../server/test/support/invoices.js';
import { call, login, type Caller } from '../../../server/test/support/personas.js';
import { DEMO, portalForFile } from './support.js';

/**
 * What the invoice test files share: their portal, with the supplier's and clerk A's API
 * sessions and six invoices deposited through the API (the ids by name), and helpers that read
 * the database and the list.
 */
export function invoicesSuite() {
  let supplierApi: Caller | undefined;
  let clerkAApi: Caller | undefined;
  const ids: Record<string, string> = {};
  const portal = portalForFile(async (p) => {
    supplierApi = await login(p.t, DEMO.supplier.email, DEMO.supplier.password, 'supplier');
    clerkAApi = await login(p.t, DEMO.clerkA.email, DEMO.clerkA.password, 'clerk A');
    ids.main = await deposit('E2E-A-001', { issueDate: '2026-11-10' });
    ids.small = await deposit('E2E-A-002', {
      issueDate: '2026-11-11',
      ...oneLine('100.00', '20.00', '120.00'),
    });
    ids.big = await deposit('E2E-A-003', {
      issueDate: '2026-11-12',
      ...oneLine('2000.00', '400.00', '2400.00'),
    });
    ids.bulk2 = await deposit('E2E-A-004', { issueDate: '2026-11-13' });
    ids.stale = await deposit('E2E-A-005', { issueDate: '2026-11-14' });
    ids.schools = await deposit('E2E-B-001', {
      issueDate: '2026-11-15',
      serviceCode: DEMO_SERVICE_B.code,
    });
  });
  const db = () => portal().t.database.db;

  /** A UBL invoice deposited by the supplier through the API; its id. */
  async function deposit(number: string, extra: Record<string, unknown> = {}): Promise<string> {
    const body = depositBody({ invoice: ubl({ number, ...extra }) });
    const res = await call(portal().t, supplierApi!, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  }

  return {
    portal,
    db,
    ids,
    supplierApi: () => supplierApi!,
    clerkAApi: () => clerkAApi!,
    deposit,
    invoiceRow: (id: string) =>
      db().selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    lastEvent: (id: string) =>
      db()
        .selectFrom('invoice_event')
        .selectAll()
        .where('invoice_id', '=', id)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow(),
  };
}

function oneLine(net: string, vat: string, total: string) {
  return {
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
    totals: { lineNetTotal: net, withoutVat: net, vat, withVat: total, payable: total },
  };
}

/** The invoice numbers in the table, in order. */
export async function tableNumbers(page: Page): Promise<string[]> {
  await page.locator('table tbody tr').first().waitFor();
  return page.locator('table tbody tr a').allTextContents();
}
