import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SERVICE_B } from '../../../server/src/directory/demo-directory.js';
import { verifyJournal } from '../../../server/src/invoices/journal.js';
import { depositBody, facturX, ubl } from '../../../server/test/support/invoices.js';
import { call, login, type Caller } from '../../../server/test/support/personas.js';
import {
  DEMO,
  expectAccessible,
  expectNoPageErrors,
  pageHeading,
  SCREENSHOT_DIR,
  screenshots,
  startPortal,
  type Portal,
} from './support.js';

/**
 * Following and processing invoices in the browser, both sides: the supplier's sent list
 * (filters, sort, pages, CSV), the clerk's inbox (per service, bulk actions), the detail page
 * with every move of the lifecycle, a version conflict, and a clerk of another service who
 * sees nothing. Invoices are deposited through the API; every change is checked in the DB.
 */
let portal: Portal;
let supplierApi: Caller;
let clerkAApi: Caller;
const ids: Record<string, string> = {};

/** One line at 20 % VAT: net + VAT = total (strings, as the API wants them). */
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

async function deposit(number: string, extra: Record<string, unknown> = {}): Promise<string> {
  const body = depositBody({ invoice: ubl({ number, ...extra }) });
  const res = await call(portal.t, supplierApi, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

const db = () => portal.t.database.db;
const invoiceRow = (id: string) =>
  db().selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const lastEvent = (id: string) =>
  db()
    .selectFrom('invoice_event')
    .selectAll()
    .where('invoice_id', '=', id)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

/** The French status names the portal shows. */
const statusLabel: Record<string, string> = {
  DEPOSEE: 'Déposée',
  MISE_A_DISPOSITION: 'Mise à disposition',
  SUSPENDUE: 'Suspendue',
  COMPLETEE: 'Complétée',
  SERVICE_FAIT: 'Service fait',
  MANDATEE: 'Mandatée',
  MISE_EN_PAIEMENT: 'Mise en paiement',
  REJETEE: 'Rejetée',
  A_RECYCLER: 'À recycler',
};

/** The invoice numbers in the table, in order. */
async function tableNumbers(page: Page): Promise<string[]> {
  await page.locator('table tbody tr').first().waitFor();
  return page.locator('table tbody tr a').allTextContents();
}

beforeAll(async () => {
  portal = await startPortal();
  supplierApi = await login(portal.t, DEMO.supplier.email, DEMO.supplier.password, 'supplier');
  clerkAApi = await login(portal.t, DEMO.clerkA.email, DEMO.clerkA.password, 'clerk A');
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
}, 120_000);
afterAll(async () => {
  await portal?.close();
});

describe('sent invoices (supplier)', () => {
  it('lists, filters, sorts through the URL, pages, and exports the filter as CSV', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/factures?number=E2E-');
    expect(await pageHeading(page)).toBe('Factures émises');
    expect((await tableNumbers(page)).sort()).toEqual([
      'E2E-A-001',
      'E2E-A-002',
      'E2E-A-003',
      'E2E-A-004',
      'E2E-A-005',
      'E2E-B-001',
    ]);
    await expectAccessible(page, 'sent invoices');
    await screenshots(page, 'invoices-sent');

    // Amount range and sort, typed the French way; the URL keeps them.
    await page.getByLabel('Montant TTC minimum').fill('1 000,00');
    await page.getByLabel('Trier par', { exact: true }).selectOption('amount');
    await page.getByLabel('Ordre', { exact: true }).selectOption('asc');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.waitForURL(/minAmount=1000\.00/);
    expect(page.url()).toMatch(/sort=amount/);
    expect(page.url()).toMatch(/order=asc/);
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 5);
    const byAmount = await tableNumbers(page);
    expect(byAmount.at(-1)).toBe('E2E-A-003');
    expect(byAmount).not.toContain('E2E-A-002');

    // Back restores the previous filter (list and form).
    await page.goBack();
    await page.waitForFunction(() => document.querySelectorAll('table tbody tr').length === 6);
    expect(await page.getByLabel('Montant TTC minimum').inputValue()).toBe('');

    // Column headers sort too: a first click sorts by the column in its natural order (numbers
    // A to Z), a second reverses it; the header says so to a screen reader, the URL keeps it.
    const numberHeader = page.locator('thead th', { hasText: 'Numéro' });
    await page.getByRole('button', { name: 'Trier par « Numéro »', exact: true }).click();
    await page.waitForURL(/sort=number/);
    expect(page.url()).toMatch(/order=asc/);
    await page.waitForFunction(
      () => document.querySelector('table tbody tr a')?.textContent === 'E2E-A-001',
    );
    expect(await numberHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('thead th[aria-sort]').count()).toBe(1);
    await expectAccessible(page, 'sent invoices, sorted by a column');
    await page
      .getByRole('button', { name: 'Trier par « Numéro » (croissant actuellement)' })
      .click();
    await page.waitForURL(
      (url) => url.searchParams.get('sort') === 'number' && !url.searchParams.has('order'),
    );
    await page.waitForFunction(
      () => document.querySelector('table tbody tr a')?.textContent === 'E2E-B-001',
    );
    expect(await numberHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await tableNumbers(page)).toEqual([
      'E2E-B-001',
      'E2E-A-005',
      'E2E-A-004',
      'E2E-A-003',
      'E2E-A-002',
      'E2E-A-001',
    ]);
    // The filter form follows the URL.
    expect(await page.getByLabel('Trier par', { exact: true }).inputValue()).toBe('number');
    expect(await page.getByLabel('Ordre', { exact: true }).inputValue()).toBe('desc');

    // No match: a plain empty state, still accessible.
    await page.goto('/fournisseur/factures?number=NOPE-');
    await page.getByText('Aucune facture ne correspond à ces critères.').waitFor();
    await expectAccessible(page, 'sent invoices, empty');

    // Keyset pages: two per page through the API's cursor, "next page" link.
    const deposits = await Promise.all([
      deposit('E2E-P-1'),
      deposit('E2E-P-2'),
      deposit('E2E-P-3'),
    ]);
    expect(deposits).toHaveLength(3);
    await page.route('**/api/v1/invoices?*', async (route) => {
      const url = new URL(route.request().url());
      if (!url.searchParams.has('limit')) url.searchParams.set('limit', '2');
      await route.continue({ url: url.toString() });
    });
    await page.goto('/fournisseur/factures?number=E2E-P-&sort=number&order=asc');
    expect(await tableNumbers(page)).toEqual(['E2E-P-1', 'E2E-P-2']);
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await page.waitForURL(/cursor=/);
    await page.waitForFunction(
      () => document.querySelector('table tbody tr a')?.textContent === 'E2E-P-3',
    );
    expect(await tableNumbers(page)).toEqual(['E2E-P-3']);
    await expect(page.getByRole('link', { name: 'Page suivante' }).count()).resolves.toBe(0);
    await page.unroute('**/api/v1/invoices?*');

    // CSV of the current filter: every page, UTF-8 BOM, ';' and decimal commas in French.
    await page.goto('/fournisseur/factures?number=E2E-A-&sort=number&order=asc');
    await tableNumbers(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter en CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^factures-emises-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Numéro;Date de facture;Type;Statut;Fournisseur;Destinataire;Code service;Numéro d’engagement;Montant HT;Montant TTC;Net à payer;Devise;Déposée le;Mise à disposition le;Téléchargée le;Identifiant Chorale',
    );
    expect(lines).toHaveLength(6);
    const first = lines[1]!.split(';');
    expect(first.slice(0, 4)).toEqual(['E2E-A-001', '2026-11-10', 'FACTURE', 'Mise à disposition']);
    expect(first.slice(8, 12)).toEqual(['1250,00', '1500,00', '1500,00', 'EUR']);
    expect(first[15]).toBe(ids.main);
    const small = lines.find((l) => l.startsWith('E2E-A-002;'))!.split(';');
    expect(small.slice(8, 11)).toEqual(['100,00', '120,00', '120,00']);
    await page.getByText(/Export terminé : 5 facture\(s\)/).waitFor();
    expectNoPageErrors(page);

    // On a phone the filters start folded (no filter on) and open with the keyboard.
    const phone = await portal.newPage({ as: 'supplier', width: 390 });
    await phone.goto('/fournisseur/factures');
    const toggle = phone.getByRole('button', { name: 'Filtres et tri' });
    await toggle.waitFor();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.focus();
    await phone.keyboard.press('Enter');
    await phone.getByLabel('Numéro de facture').waitFor({ state: 'visible' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await expectAccessible(phone, 'sent invoices on a phone');
    expectNoPageErrors(phone);
  }, 180_000);
});

describe('received invoices and the lifecycle, both sides', () => {
  it('clerk A suspends, the supplier completes, clerk A takes it to payment; each status seen by both', async () => {
    const clerk = await portal.newPage({ as: 'clerkA' });
    await clerk.goto('/destinataire/factures?notDownloaded=true&number=E2E-');
    expect(await pageHeading(clerk)).toBe('Factures reçues');
    const inbox = await tableNumbers(clerk);
    expect(inbox).toContain('E2E-A-001');
    expect(inbox).not.toContain('E2E-B-001');
    expect(
      await clerk.getByLabel('Seulement les factures pas encore téléchargées').isChecked(),
    ).toBe(true);
    await expectAccessible(clerk, 'inbox');
    await screenshots(clerk, 'invoices-inbox');

    // Open it from the inbox.
    await clerk.getByRole('link', { name: 'E2E-A-001' }).click();
    await clerk.waitForURL(`**/factures/${ids.main}`);
    await clerk.locator('main h1', { hasText: 'Facture E2E-A-001' }).waitFor();
    await clerk.locator('iframe[title="Rendu lisible de la facture E2E-A-001"]').waitFor();
    const frame = clerk.frameLocator('iframe[title="Rendu lisible de la facture E2E-A-001"]');
    await frame.locator('h1').waitFor();
    expect(await frame.locator('h1').textContent()).toContain('E2E-A-001');
    await clerk.getByRole('link', { name: /Facture originale/ }).waitFor();
    await clerk.getByRole('link', { name: 'Attestation de dépôt (PDF)' }).waitFor();
    await expectAccessible(clerk, 'detail, recipient');
    await screenshotsWithFrame(clerk, 'invoice-detail-recipient');

    // Suspend with a reason (the dialog is accessible too).
    await clerk.getByRole('button', { name: 'Suspendre' }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.waitFor();
    await expectAccessible(clerk, 'suspend dialog');
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await dialog.getByText('Saisissez le motif.').waitFor();
    await dialog.getByLabel('Motif').fill('Le bon de livraison manque.');
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Suspendue ».')
      .waitFor();
    let row = await invoiceRow(ids.main!);
    expect(row.status).toBe('SUSPENDUE');
    const event = await lastEvent(ids.main!);
    expect([event.from_status, event.to_status, event.reason]).toEqual([
      'MISE_A_DISPOSITION',
      'SUSPENDUE',
      'Le bon de livraison manque.',
    ]);
    await clerk.getByTestId('history').getByText('Motif : Le bon de livraison manque.').waitFor();
    await expectAccessible(clerk, 'detail after suspending');

    // The supplier sees it suspended, with the reason, and completes it with a file.
    const supplier = await portal.newPage({ as: 'supplier' });
    await supplier.goto(`/factures/${ids.main}`);
    expect(await pageHeading(supplier)).toBe('Facture E2E-A-001');
    await supplier.getByRole('link', { name: 'Que signifie le statut « Suspendue » ?' }).waitFor();
    expect(
      await supplier
        .getByRole('link', { name: 'Que signifie le statut « Suspendue » ?' })
        .getAttribute('href'),
    ).toBe('/aide/statuts#SUSPENDUE');
    await supplier.getByText('Motif : Le bon de livraison manque.').waitFor();
    await expectAccessible(supplier, 'detail, supplier, suspended');
    await screenshotsWithFrame(supplier, 'invoice-detail-supplier');
    await supplier.getByRole('button', { name: 'Compléter la facture' }).click();
    const complete = supplier.getByRole('dialog');
    await complete.waitFor();
    await expectAccessible(supplier, 'complete dialog');
    await complete
      .getByLabel('Votre réponse au destinataire')
      .fill('Voici le bon de livraison signé.');
    await complete.getByLabel(/Pièces jointes/).setInputFiles({
      name: 'bon-livraison.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% bon de livraison\n'),
    });
    await complete.getByRole('button', { name: 'Confirmer' }).click();
    await supplier
      .getByText('C’est fait : la facture est maintenant au statut « Complétée ».')
      .waitFor();
    row = await invoiceRow(ids.main!);
    expect(row.status).toBe('COMPLETEE');
    const complement = await db()
      .selectFrom('invoice_file')
      .select(['name', 'kind'])
      .where('invoice_id', '=', ids.main!)
      .where('kind', '=', 'COMPLEMENT')
      .execute();
    expect(complement).toEqual([{ name: 'bon-livraison.pdf', kind: 'COMPLEMENT' }]);
    await supplier.getByRole('link', { name: 'Complément : bon-livraison.pdf' }).waitFor();

    // Clerk A: service done with the keyboard alone (Tab to the button, Enter, Tab, Space).
    await clerk.reload();
    await clerk.getByText('Complétée', { exact: true }).first().waitFor();
    await clerk.locator('body').focus();
    await tabTo(clerk, 'Constater le service fait');
    await clerk.keyboard.press('Enter');
    await clerk.getByRole('dialog').waitFor();
    await tabTo(clerk, 'Confirmer');
    await clerk.keyboard.press('Space');
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Service fait ».')
      .waitFor();
    expect((await invoiceRow(ids.main!)).status).toBe('SERVICE_FAIT');
    await supplierSees(supplier, 'Service fait');

    // Mandated with its number.
    await clerk.getByRole('button', { name: 'Mandater' }).click();
    await clerk.getByRole('dialog').getByLabel('Numéro de mandat').fill('M-2026-0815');
    await clerk.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Mandatée ».')
      .waitFor();
    row = await invoiceRow(ids.main!);
    expect([row.status, row.mandate_number]).toEqual(['MANDATEE', 'M-2026-0815']);
    await supplierSees(supplier, 'Mandatée');
    await supplier.getByText('Mandat n° M-2026-0815').waitFor();

    // Paid: date and amount.
    await clerk.getByRole('button', { name: 'Mettre en paiement' }).click();
    const pay = clerk.getByRole('dialog');
    await pay.getByLabel('Date du paiement').fill('2026-11-23');
    await pay.getByLabel('Montant payé').fill('1 500,00');
    await expectAccessible(clerk, 'payment dialog');
    await pay.getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Mise en paiement ».')
      .waitFor();
    row = await invoiceRow(ids.main!);
    expect([row.status, row.payment_date, row.payment_amount]).toEqual([
      'MISE_EN_PAIEMENT',
      '2026-11-23',
      '1500.00',
    ]);
    await clerk
      .getByText('Aucune action n’est possible sur cette facture dans son statut actuel.')
      .waitFor();
    await expectAccessible(clerk, 'detail, paid');
    await supplierSees(supplier, 'Mise en paiement');
    await supplier.getByText(/Paiement de 1\s500,00\s€ le 23 nov\. 2026/).waitFor();

    const events = await db()
      .selectFrom('invoice_event')
      .select(['to_status'])
      .where('invoice_id', '=', ids.main!)
      .orderBy('seq')
      .execute();
    expect(
      events
        .map((e) => e.to_status)
        .filter(Boolean)
        .slice(-5),
    ).toEqual(['SUSPENDUE', 'COMPLETEE', 'SERVICE_FAIT', 'MANDATEE', 'MISE_EN_PAIEMENT']);
    expect((await verifyJournal({ db: db() })).problems).toEqual([]);
    expectNoPageErrors(clerk);
    expectNoPageErrors(supplier);
  }, 240_000);

  it('clerk B (another service) sees neither the invoice in the list nor its detail', async () => {
    const page = await portal.newPage({ as: 'clerkB' });
    await page.goto('/destinataire/factures?number=E2E-');
    const numbers = await tableNumbers(page);
    expect(numbers).toEqual(['E2E-B-001']);

    // The status tags count what clerk B may see (service B only), as the database has it,
    // and each leads to the list of that status alone.
    const expected = await db()
      .selectFrom('invoice')
      .innerJoin('service', 'service.id', 'invoice.recipient_service_id')
      .innerJoin('structure', 'structure.id', 'invoice.recipient_structure_id')
      .select(['invoice.status', sql<number>`count(*)::int`.as('n')])
      .where('structure.identifier', '=', DEMO_PUBLIC_BODY.identifier)
      .where('service.code', '=', DEMO_SERVICE_B.code)
      .where('invoice.made_available_at', 'is not', null)
      .groupBy('invoice.status')
      .execute();
    const tags = page.getByRole('navigation', { name: 'Vos factures reçues par statut' });
    await tags.getByRole('link').first().waitFor();
    const shown = (await tags.getByRole('link').allTextContents()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    const total = expected.reduce((sum, r) => sum + r.n, 0);
    expect(shown[0]).toBe(`Toutes : ${total}`);
    expect(shown.slice(1).sort()).toEqual(
      expected.map((r) => `${statusLabel[r.status]} : ${r.n}`).sort(),
    );
    expect(await tags.getByRole('link', { name: /^Toutes/ }).getAttribute('aria-current')).toBe(
      'true',
    );
    await tags.getByRole('link', { name: /^Mise à disposition : / }).click();
    await page.waitForURL((url) => url.search === '?status=MISE_A_DISPOSITION');
    await tags.locator('a[aria-current="true"]', { hasText: 'Mise à disposition' }).waitFor();
    expect(await tags.locator('a[aria-current="true"]').count()).toBe(1);
    // Every row of the page has that status, and the page holds what the tag counted.
    const available = expected.find((r) => r.status === 'MISE_A_DISPOSITION')!.n;
    await page.waitForFunction(
      (n) => {
        const rows = Array.from(document.querySelectorAll('table tbody tr'));
        return rows.length === n && rows.every((r) => /MISE À DISPOSITION/i.test(r.textContent!));
      },
      Math.min(available, 50),
    );
    await expectAccessible(page, 'inbox filtered from a status tag');
    await page.goto(`/factures/${ids.main}`);
    expect(await pageHeading(page)).toBe('Facture introuvable');
    await page.getByText('Cette facture n’existe pas, ou vous n’y avez pas accès').waitFor();
    await expectAccessible(page, 'detail, not found');
    expectNoPageErrors(page);
  }, 120_000);

  it('applies one action to several invoices and says which failed on a version conflict', async () => {
    const page = await portal.newPage({ as: 'clerkA' });
    await page.goto('/destinataire/factures?number=E2E-A-00&sort=number&order=asc');
    await tableNumbers(page);
    // The DSFR box is drawn by the label over the input: tick with the keyboard.
    for (const n of ['E2E-A-003', 'E2E-A-004']) {
      await page.getByLabel(`Sélectionner la facture ${n}`).focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel(`Sélectionner la facture ${n}`).isChecked()).toBe(true);
    }
    // Someone else moves E2E-A-004 after the list was shown.
    const moved = await call(portal.t, clerkAApi, {
      method: 'POST',
      url: `/api/v1/invoices/${ids.bulk2}/status`,
      payload: { status: 'SUSPENDUE', version: 1, reason: 'Par un collègue' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await page.getByText('2 facture(s) sélectionnée(s).').waitFor();
    await page.getByLabel('Action', { exact: true }).selectOption('SERVICE_FAIT');
    await expectAccessible(page, 'inbox with a selection');
    await page.getByRole('button', { name: 'Appliquer aux 2 facture(s)' }).click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    await page.getByText('Résultat : 1 réussie(s), 1 en échec').waitFor();
    expect(await results.locator('li').allTextContents()).toEqual([
      'E2E-A-003 : passée au statut « Service fait ».',
      'E2E-A-004 : non traitée, quelqu’un d’autre l’a modifiée entre-temps (conflit de version). Ouvrez-la pour voir son état, puis recommencez.',
    ]);
    expect((await invoiceRow(ids.big!)).status).toBe('SERVICE_FAIT');
    expect((await invoiceRow(ids.bulk2!)).status).toBe('SUSPENDUE');
    await expectAccessible(page, 'inbox after a bulk action');
    expectNoPageErrors(page);
  }, 120_000);

  it('a stale version gets the conflict message and the invoice reloaded', async () => {
    const page = await portal.newPage({ as: 'clerkA' });
    await page.goto(`/factures/${ids.stale}`);
    expect(await pageHeading(page)).toBe('Facture E2E-A-005');
    await page.getByRole('button', { name: 'Constater le service fait' }).click();
    await page.getByRole('dialog').waitFor();
    const moved = await call(portal.t, clerkAApi, {
      method: 'POST',
      url: `/api/v1/invoices/${ids.stale}/status`,
      payload: { status: 'MANDATEE', version: 1, mandateNumber: 'M-AUTRE' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await page.getByText('La facture a changé entre-temps').waitFor();
    await page.getByText('Quelqu’un d’autre a modifié cette facture').waitFor();
    // Reloaded: it shows what the colleague did.
    await page.getByRole('link', { name: 'Que signifie le statut « Mandatée » ?' }).waitFor();
    expect((await invoiceRow(ids.stale!)).status).toBe('MANDATEE');
    await expectAccessible(page, 'detail after a conflict');
    expectNoPageErrors(page);
  }, 120_000);
});

describe('other moves, warnings and English', () => {
  it('the clerk sends one back for re-routing, the supplier recycles it; then rejects it and the supplier acknowledges', async () => {
    const clerk = await portal.newPage({ as: 'clerkA' });
    const supplier = await portal.newPage({ as: 'supplier' });
    await clerk.goto(`/factures/${ids.small}`);
    expect(await pageHeading(clerk)).toBe('Facture E2E-A-002');
    await clerk.getByRole('button', { name: 'Renvoyer pour recyclage' }).click();
    await clerk.getByRole('dialog').getByText('elle retourne au fournisseur').waitFor();
    await clerk.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « À recycler ».')
      .waitFor();
    expect((await invoiceRow(ids.small!)).status).toBe('A_RECYCLER');

    await supplier.goto(`/factures/${ids.small}`);
    await supplier.getByRole('button', { name: 'Envoyer au bon destinataire' }).click();
    const recycle = supplier.getByRole('dialog');
    await recycle.getByLabel('SIRET du bon destinataire').fill('219 900 420 00015');
    await recycle.getByLabel('Code service').fill('SERV-TECH');
    await recycle.getByLabel('Numéro d’engagement').fill('EJ-2026-0042');
    await expectAccessible(supplier, 'recycle dialog');
    await recycle.getByRole('button', { name: 'Confirmer' }).click();
    await supplier
      .getByText('C’est fait : la facture est maintenant au statut « Mise à disposition ».')
      .waitFor();
    expect((await invoiceRow(ids.small!)).status).toBe('MISE_A_DISPOSITION');
    expect((await lastEvent(ids.small!)).event).toBe('RECYCLED');

    await clerk.reload();
    await clerk.getByRole('button', { name: 'Rejeter' }).click();
    const reject = clerk.getByRole('dialog');
    await reject.getByLabel('Motif').fill('Prestation non commandée.');
    await reject.getByText('230 caractère(s) restant(s)').waitFor();
    await reject.getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Rejetée ».')
      .waitFor();
    const rejected = await lastEvent(ids.small!);
    expect([rejected.to_status, rejected.reason]).toEqual(['REJETEE', 'Prestation non commandée.']);

    await supplier.reload();
    await supplier.getByText('Motif : Prestation non commandée.').waitFor();
    await supplier.getByRole('button', { name: 'Prendre acte du rejet' }).click();
    await supplier.getByRole('dialog').getByRole('button', { name: 'Confirmer' }).click();
    await supplier.getByText('C’est noté : le rejet a été pris en compte.').waitFor();
    expect((await lastEvent(ids.small!)).event).toBe('REJECTION_ACKNOWLEDGED');
    expect((await invoiceRow(ids.small!)).status).toBe('REJETEE');
    await supplier.getByText('Rejet pris en compte par le fournisseur').waitFor();
    // Done once: the page says so instead of offering it again.
    await supplier.getByText(/Vous avez pris acte de ce rejet le/).waitFor();
    expect(await supplier.getByRole('button', { name: 'Prendre acte du rejet' }).count()).toBe(0);
    await expectAccessible(supplier, 'detail, rejected and acknowledged');
    expect((await verifyJournal({ db: db() })).problems).toEqual([]);
    expectNoPageErrors(clerk);
    expectNoPageErrors(supplier);
  }, 180_000);

  it('shows the EN 16931 warnings of a Factur-X, and the whole page and rendering in English', async () => {
    const body = depositBody({
      invoice: {
        bytes: await facturX({ number: 'E2E-FX-1' }),
        filename: 'E2E-FX-1.pdf',
        contentType: 'application/pdf',
      },
    });
    const res = await call(portal.t, supplierApi, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: body.payload,
      headers: body.headers,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = (res.json() as { id: string; warnings: unknown[] }).id;
    expect((res.json() as { warnings: unknown[] }).warnings.length).toBeGreaterThan(0);
    // Switched with the header's button: the harness's `lang: 'en'` init script would also
    // run in the sandboxed rendering frame, where localStorage is (rightly) out of reach.
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto(`/factures/${id}`);
    await pageHeading(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.locator('main h1', { hasText: 'Invoice E2E-FX-1' }).waitFor();
    await page.getByText('EN 16931 warnings').waitFor();
    const frame = page.frameLocator('iframe[title="Readable rendering of invoice E2E-FX-1"]');
    await frame.locator('html[lang="en"]').waitFor({ state: 'attached' });
    expect(await frame.locator('h1').textContent()).toContain('E2E-FX-1');
    await page.getByRole('link', { name: 'The invoice as a readable PDF' }).waitFor();
    expect(
      await page.getByRole('link', { name: 'The invoice as a readable PDF' }).getAttribute('href'),
    ).toBe(`/api/v1/invoices/${id}/rendering?format=pdf&lang=en`);
    await expectAccessible(page, 'detail in English with warnings');
    await page.goto('/fournisseur/factures?number=E2E-FX');
    expect(await pageHeading(page)).toBe('Sent invoices');
    expect(await tableNumbers(page)).toEqual(['E2E-FX-1']);
    await expectAccessible(page, 'sent invoices in English');
    expectNoPageErrors(page);
  }, 120_000);
});

/** Presses Tab until the focused element's text is `name` (keyboard-only use). */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (text === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** The supplier's detail page, reloaded, shows the status. */
async function supplierSees(page: Page, status: string): Promise<void> {
  await page.reload();
  await page.getByRole('link', { name: `Que signifie le statut « ${status} » ?` }).waitFor();
}

/**
 * screenshots() for a page showing the rendered invoice: Chromium paints the sandboxed frame
 * (its own process) only once it has been in view, so it is scrolled to at each width first.
 */
async function screenshotsWithFrame(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.locator('iframe').scrollIntoViewIfNeeded();
    await page.frameLocator('iframe').locator('h1').waitFor();
    await page.waitForTimeout(100);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(original);
  await page.evaluate(() => window.scrollTo(0, 0));
}
