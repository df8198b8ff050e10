import Big from 'big.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../../server/src/directory/demo-directory.js';
import { depositBody, ubl } from '../../../server/test/support/invoices.js';
import { call, login, type Caller } from '../../../server/test/support/personas.js';
import {
  DEMO,
  expectAccessible,
  expectNoPageErrors,
  pageHeading,
  screenshots,
  startPortal,
  type Portal,
} from './support.js';

/**
 * The supplier's dashboard and the public body's deadlines, on invoices deposited and moved
 * through the API (one of them aged in the database so that it is paid late). Every figure on
 * the pages is compared with the database or with the API's own answer.
 */
let portal: Portal;
let supplier: Caller;
let clerkA: Caller;
let supplierId = '';
const inv: Record<string, string> = {};

const money = (amount: string, currency = 'EUR') =>
  new Intl.NumberFormat('fr-FR', {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: 6,
  }).format(amount as unknown as number);
const day = (date: string) =>
  new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
/** Intl separates thousands with a narrow no-break space: compare text with spaces made plain. */
const plain = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function deposit(number: string, net: string, serviceCode: string): Promise<string> {
  const vat = new Big(net).times('0.2').toFixed(2);
  const gross = new Big(net).plus(vat).toFixed(2);
  const body = depositBody({
    invoice: ubl({
      number,
      serviceCode,
      lines: [
        {
          name: 'Entretien des espaces verts',
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
  const res = await call(portal.t, supplier, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function move(id: string, body: Record<string, unknown>): Promise<void> {
  const { version } = await portal.t.database.db
    .selectFrom('invoice')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const res = await call(portal.t, clerkA, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/status`,
    payload: { version, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
}

interface ForecastItem {
  id: string;
  number: string;
  dueDate: string | null;
  amountDue: string;
  daysLate: number;
  lateInterest: { total: string; interest: string; rate: string } | null;
}
interface Forecast {
  asOf: string;
  weeks: { week: string; monday: string; sunday: string; amount: string; count: number }[];
  overdue: ForecastItem[];
  upcoming: ForecastItem[];
  deadlines: ForecastItem[];
  suspended: ForecastItem[];
}

async function forecast(who: Caller, side: 'sent' | 'received'): Promise<Forecast> {
  const structure = side === 'sent' ? DEMO_SUPPLIER.identifier : DEMO_PUBLIC_BODY.identifier;
  const res = await call(portal.t, who, {
    method: 'GET',
    url: `/api/v1/forecast?side=${side}&structure=${structure}`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Forecast;
}

/** The supplier's invoices by status, as the database holds them. */
async function statusesInDb(): Promise<Map<string, { count: number; total: string }>> {
  const rows = await portal.t.database.db
    .selectFrom('invoice')
    .select(['status', 'total_with_vat'])
    .where('supplier_structure_id', '=', supplierId)
    .execute();
  const out = new Map<string, { count: number; total: string }>();
  for (const r of rows) {
    const b = out.get(r.status) ?? { count: 0, total: '0.00' };
    b.count += 1;
    b.total = new Big(b.total).plus(r.total_with_vat ?? '0').toFixed(2);
    out.set(r.status, b);
  }
  return out;
}

/** Status counts and amounts as the dashboard's table shows them. */
async function statusesOnPage(page: Page): Promise<Map<string, { count: string; total: string }>> {
  const out = new Map<string, { count: string; total: string }>();
  for (const link of await page.locator('[data-testid^="status-count-"]').all()) {
    const status = (await link.getAttribute('data-testid'))!.replace('status-count-', '');
    const count = plain(await link.evaluate((e) => e.firstChild?.textContent ?? ''));
    const total = plain(await page.getByTestId(`status-amount-${status}`).textContent());
    out.set(status, { count, total });
  }
  return out;
}

function expectedOnPage(db: Map<string, { count: number; total: string }>) {
  return new Map(
    [...db.entries()].map(([status, v]) => [
      status,
      { count: `${v.count} ${v.count > 1 ? 'factures' : 'facture'}`, total: plain(money(v.total)) },
    ]),
  );
}

beforeAll(async () => {
  portal = await startPortal();
  const db = portal.t.database.db;
  supplier = await login(portal.t, DEMO.supplier.email, DEMO.supplier.password);
  clerkA = await login(portal.t, DEMO.clerkA.email, DEMO.clerkA.password);
  supplierId = (
    await db
      .selectFrom('structure')
      .select('id')
      .where('identifier', '=', DEMO_SUPPLIER.identifier)
      .orderBy('identifier_type', 'desc')
      .executeTakeFirstOrThrow()
  ).id;

  inv.late = await deposit('TB-001', '100.00', DEMO_SERVICE_A.code);
  inv.suspended = await deposit('TB-002', '200.50', DEMO_SERVICE_A.code);
  inv.paid = await deposit('TB-003', '1000.00', DEMO_SERVICE_A.code);
  inv.schoolB = await deposit('TB-004', '400.00', DEMO_SERVICE_B.code);
  inv.moving = await deposit('TB-005', '33.33', DEMO_SERVICE_A.code);
  inv.rejected = await deposit('TB-006', '10.00', DEMO_SERVICE_A.code);
  await move(inv.suspended!, { status: 'SUSPENDUE', reason: 'Bon de livraison manquant' });
  await move(inv.paid!, { status: 'MANDATEE', mandateNumber: 'MDT-2026-17' });
  await move(inv.paid!, {
    status: 'MISE_EN_PAIEMENT',
    paymentDate: new Date().toISOString().slice(0, 10),
    paymentAmount: '1200.00',
  });
  await move(inv.rejected!, { status: 'REJETEE', reason: 'Facture en double' });
  // Made available 45 days ago: its 30 days have run out, it is paid late with interest.
  // Days count in Europe/Paris: noon (UTC) of the French calendar day 45 days before today,
  // not now minus 45 × 24 h, which lands on the day before across a daylight-saving change
  // during the hour after midnight in Paris (CI saw 14 days late at 23:50 UTC).
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' })
    .format(new Date())
    .split('-')
    .map(Number) as [number, number, number];
  const ago = new Date(Date.UTC(y, m - 1, d - 45, 12));
  await db
    .updateTable('invoice')
    .set({ made_available_at: ago, deposited_at: ago })
    .where('id', '=', inv.late!)
    .execute();
}, 120_000);
afterAll(async () => {
  await portal?.close();
});

describe('supplier dashboard', () => {
  it('shows the counts and amounts by status, the expected payments and the late interest', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur');
    expect(await pageHeading(page)).toBe('Tableau de bord');
    await page.getByTestId('status-count-MISE_A_DISPOSITION').waitFor();

    // Counts and amounts by status: exactly what the database holds.
    const db = await statusesInDb();
    expect(db.get('MISE_A_DISPOSITION')?.count).toBe(3); // TB-001 (aged), TB-004, TB-005
    expect(await statusesOnPage(page)).toEqual(expectedOnPage(db));

    // Awaiting payment: made available or suspended, not paid nor rejected.
    const awaiting = ['MISE_A_DISPOSITION', 'SUSPENDUE'].reduce(
      (s, k) => s.plus(db.get(k)?.total ?? '0'),
      new Big(0),
    );
    expect(plain(await page.getByTestId('figure-awaiting').textContent())).toContain(
      plain(money(awaiting.toFixed(2))),
    );

    // The forecast: each upcoming invoice with its expected date and amount, as the API says.
    const f = await forecast(supplier, 'sent');
    expect(f.upcoming.map((i) => i.number).sort()).toEqual(['TB-004', 'TB-005']);
    const upcoming = page.locator('#upcoming tbody tr');
    await expect(upcoming.count()).resolves.toBe(f.upcoming.length);
    for (const [n, item] of f.upcoming.entries()) {
      const cells = plain(await upcoming.nth(n).textContent());
      expect(cells).toContain(item.number);
      expect(cells).toContain(plain(day(item.dueDate!)));
      expect(cells).toContain(plain(money(item.amountDue)));
    }
    // Weeks: the cash-in table lists each week of the API with its amount.
    const cashIn = plain(await page.locator('#cash-in').textContent());
    for (const w of f.weeks) {
      expect(cashIn).toContain(plain(day(w.monday)));
      expect(cashIn).toContain(plain(money(w.amount)));
    }
    // The late one: 15 days late, with the interest the API computes.
    expect(f.overdue.map((i) => i.number)).toEqual(['TB-001']);
    const late = f.overdue[0]!;
    expect(late.daysLate).toBe(15);
    const lateRow = plain(await page.locator('#overdue tbody tr').first().textContent());
    expect(lateRow).toContain('TB-001');
    expect(lateRow).toContain(plain(money(late.lateInterest!.total)));
    expect(lateRow).toContain(plain(day(late.dueDate!)));
    // The suspended one has no date.
    expect(plain(await page.locator('#suspended').textContent())).toContain('TB-002');

    // The chart: drawn, labelled with the same figures, and not the only place they are.
    const canvas = page.locator('[data-testid="chart"] canvas[role="img"]').first();
    await canvas.waitFor();
    const label = plain(await canvas.getAttribute('aria-label'));
    expect(label).toContain(plain(money(late.amountDue)));
    for (const w of f.weeks) expect(label).toContain(plain(money(w.amount)));

    await expectAccessible(page);
    await screenshots(page, 'dashboard-supplier');
    // On a phone too: the wide tables scroll inside focusable regions, the chart narrows.
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'supplier dashboard at 390 px');
    await page.setViewportSize({ width: 1280, height: 900 });

    // A status count opens the sent invoices filtered by that status.
    await page.getByTestId('status-count-SUSPENDUE').click();
    await page.waitForURL(/\/fournisseur\/factures\?status=SUSPENDUE$/);
    // The list page is loaded lazily: wait until it has replaced the dashboard.
    await page.locator('main h1').filter({ hasNotText: 'Tableau de bord' }).waitFor();
    // The list shows the suspended invoice, and only it.
    await page.locator('main').getByText('TB-002').first().waitFor();
    const list = plain(await page.locator('main').textContent());
    for (const n of ['TB-001', 'TB-003', 'TB-004', 'TB-005', 'TB-006'])
      expect(list).not.toContain(n);
    expectNoPageErrors(page);
  });

  it('is usable with the keyboard alone: a status count is reached with Tab and opened with Enter', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur');
    await page.getByTestId('status-count-REJETEE').waitFor();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () => document.activeElement?.getAttribute('data-testid') === 'status-count-REJETEE',
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/fournisseur\/factures\?status=REJETEE$/);
    expectNoPageErrors(page);
  });

  it('moves the forecast when the buyer pays: the supplier sees it on reload', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur');
    await page.getByTestId('status-count-MISE_EN_PAIEMENT').waitFor();
    expect(plain(await page.locator('#upcoming').textContent())).toContain('TB-005');
    const before = await statusesInDb();

    await move(inv.moving!, { status: 'MANDATEE', mandateNumber: 'MDT-2026-18' });
    await move(inv.moving!, {
      status: 'MISE_EN_PAIEMENT',
      paymentDate: new Date().toISOString().slice(0, 10),
      paymentAmount: '40.00',
    });
    const row = await portal.t.database.db
      .selectFrom('invoice')
      .select(['status', 'payment_amount'])
      .where('id', '=', inv.moving!)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'MISE_EN_PAIEMENT', payment_amount: '40.00' });

    await page.reload();
    await page.getByTestId('status-count-MISE_EN_PAIEMENT').waitFor();
    const after = await statusesInDb();
    expect(after.get('MISE_EN_PAIEMENT')!.count).toBe(before.get('MISE_EN_PAIEMENT')!.count + 1);
    expect(await statusesOnPage(page)).toEqual(expectedOnPage(after));
    const upcoming = plain(await page.locator('#upcoming').textContent());
    expect(upcoming).not.toContain('TB-005');
    expect(upcoming).toContain('TB-004');
    const f = await forecast(supplier, 'sent');
    expect(f.upcoming.map((i) => i.number)).toEqual(['TB-004']);
    expectNoPageErrors(page);
  });
});

describe('public body deadlines', () => {
  it('shows clerk A the invoices of service A only, overdue first, each linking to its page', async () => {
    const page = await portal.newPage({ as: 'clerkA' });
    await page.goto('/destinataire/echeances');
    expect(await pageHeading(page)).toBe('Échéances de paiement');
    const rows = page.locator('#deadlines tbody tr');
    await rows.first().waitFor();

    const f = await forecast(clerkA, 'received');
    const numbers = f.deadlines.map((i) => i.number);
    expect(numbers[0]).toBe('TB-001'); // overdue first
    expect(numbers.at(-1)).toBe('TB-002'); // suspended last
    expect(numbers).not.toContain('TB-004'); // service B
    await expect(rows.count()).resolves.toBe(f.deadlines.length);
    for (const [n, item] of f.deadlines.entries()) {
      const text = plain(await rows.nth(n).textContent());
      expect(text).toContain(item.number);
      expect(text).toContain(plain(money(item.amountDue)));
      if (item.dueDate) expect(text).toContain(plain(day(item.dueDate)));
    }
    const first = plain(await rows.first().textContent());
    expect(first).toContain('En retard de 15 jours');
    expect(first).toContain(plain(money(f.deadlines[0]!.lateInterest!.total)));
    expect(plain(await rows.last().textContent())).toContain('Délai suspendu');
    expect(plain(await page.getByTestId('figure-late').textContent())).toContain('1 facture');

    // Every row links to the invoice; the first is opened with the keyboard alone.
    const link = rows.first().getByRole('link', { name: 'TB-001' });
    expect(await link.getAttribute('href')).toBe(`/factures/${inv.late!}`);
    await expectAccessible(page);
    await screenshots(page, 'dashboard-deadlines');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAccessible(page, 'deadlines at 390 px');
    await page.setViewportSize({ width: 1280, height: 900 });
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () =>
          document.activeElement?.textContent === 'TB-001' &&
          document.activeElement.tagName === 'A',
      );
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/factures/${inv.late!}$`));
    expectNoPageErrors(page);
  });

  it('shows clerk B none of service A’s invoices', async () => {
    const page = await portal.newPage({ as: 'clerkB' });
    await page.goto('/destinataire/echeances');
    await pageHeading(page);
    const rows = page.locator('#deadlines tbody tr');
    await rows.first().waitFor();
    const text = plain(await page.locator('#deadlines').textContent());
    expect(text).toContain('TB-004');
    for (const n of ['TB-001', 'TB-002', 'TB-003', 'TB-005', 'TB-006'])
      expect(text).not.toContain(n);
    await expect(rows.count()).resolves.toBe(1);
    // Clerk B holds one service: no filter to choose from.
    await expect(page.locator('select[name="service"]').count()).resolves.toBe(0);
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it('lets the gestionnaire filter by service', async () => {
    const page = await portal.newPage({ as: 'publicGestionnaire' });
    await page.goto('/destinataire/echeances');
    await pageHeading(page);
    await page.locator('#deadlines tbody tr').first().waitFor();
    const all = plain(await page.locator('#deadlines').textContent());
    expect(all).toContain('TB-001');
    expect(all).toContain('TB-004');
    await page.locator('select[name="service"]').selectOption(DEMO_SERVICE_B.code);
    await page.waitForURL(new RegExp(`service=${DEMO_SERVICE_B.code}`));
    const filtered = plain(await page.locator('#deadlines').textContent());
    expect(filtered).toContain('TB-004');
    expect(filtered).not.toContain('TB-001');
    await expectAccessible(page);
    expectNoPageErrors(page);
  });

  it('says plainly when there is nothing to show or no right to see it', async () => {
    // The public body's gestionnaire may send invoices but has sent none.
    const empty = await portal.newPage({ as: 'publicGestionnaire' });
    await empty.goto('/fournisseur');
    await empty.getByText('Vous n’avez encore émis aucune facture.').waitFor();
    await empty.getByRole('link', { name: 'Saisir une facture' }).last().waitFor();
    await expectAccessible(empty);
    expectNoPageErrors(empty);
    // A clerk holds no "invoices sent" right; the supplier no "invoices received" one.
    const clerk = await portal.newPage({ as: 'clerkA' });
    await clerk.goto('/fournisseur');
    await clerk.getByText('Pas de factures émises ici').waitFor();
    await expectAccessible(clerk);
    const supplierPage = await portal.newPage({ as: 'supplier' });
    await supplierPage.goto('/destinataire/echeances');
    await supplierPage.getByText('Pas de factures reçues ici').waitFor();
    expectNoPageErrors(clerk);
    expectNoPageErrors(supplierPage);
  });

  it('speaks English too', async () => {
    const page = await portal.newPage({ as: 'supplier', lang: 'en' });
    await page.goto('/fournisseur');
    expect(await pageHeading(page)).toBe('Dashboard');
    await page.getByText('Invoices by status').waitFor();
    expectNoPageErrors(page);
  });
});
