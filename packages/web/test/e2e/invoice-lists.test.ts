import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SERVICE_B } from '../../../server/src/directory/demo-directory.js';
import { call } from '../../../server/test/support/personas.js';
import { invoicesSuite, tableNumbers } from './invoices-support.js';
import { expectAccessible, expectNoPageErrors, pageHeading, screenshots } from './support.js';

/**
 * The invoice lists in the browser: the supplier's sent invoices (filters and sort in the URL,
 * column sort, keyset pages, CSV export, the phone layout), the inbox of another service with
 * its status tags, and a bulk action with a version conflict.
 */

const { portal, db, ids, clerkAApi, deposit, invoiceRow } = invoicesSuite();

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

describe('sent invoices (supplier)', () => {
  it('lists, filters, sorts through the URL, pages, and exports the filter as CSV', async () => {
    const page = await portal().newPage({ as: 'supplier' });
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
    const phone = await portal().newPage({ as: 'supplier', width: 390 });
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

describe('received invoices: the inbox, its status tags and bulk actions', () => {
  it('clerk B (another service) sees neither the invoice in the list nor its detail', async () => {
    const page = await portal().newPage({ as: 'clerkB' });
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
    const page = await portal().newPage({ as: 'clerkA' });
    await page.goto('/destinataire/factures?number=E2E-A-00&sort=number&order=asc');
    await tableNumbers(page);
    // The DSFR box is drawn by the label over the input: tick with the keyboard.
    for (const n of ['E2E-A-003', 'E2E-A-004']) {
      await page.getByLabel(`Sélectionner la facture ${n}`).focus();
      await page.keyboard.press('Space');
      expect(await page.getByLabel(`Sélectionner la facture ${n}`).isChecked()).toBe(true);
    }
    // Someone else moves E2E-A-004 after the list was shown.
    const moved = await call(portal().t, clerkAApi(), {
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
});
