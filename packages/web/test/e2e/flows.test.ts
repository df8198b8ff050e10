/**
 * The concentrator's pages (/fournisseur/flux…): a supplier deposits a zip of good and bad
 * invoices, watches the flow integrate in the list without reloading, reads the report, follows
 * a refused invoice's error to its help entry and an accepted one to its invoice. Real server,
 * real database, real Chromium; the database is checked afterwards.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ublInvoice } from '../../../server/test/support/invoices.js';
import { flowRow, integrateNow, invoicesNumbered, yazlZip } from './flows-support.js';
import {
  expectAccessible,
  expectNoPageErrors,
  heading,
  portalForFile,
  screenshots,
} from './support.js';

const portal = portalForFile();
const db = () => portal().t.database.db;

const numbers = {
  ok1: 'E2E-FLX-001',
  ok2: 'E2E-FLX-002',
  unknown: 'E2E-FLX-003',
  rules: 'E2E-FLX-004',
};

/** Two good invoices, one to a recipient the directory does not know, one whose total lies. */
async function zipOfFour(): Promise<Buffer> {
  return yazlZip([
    { name: 'factures/ok-1.xml', bytes: ublInvoice({ number: numbers.ok1 }) },
    {
      name: 'factures/destinataire-inconnu.xml',
      bytes: ublInvoice({
        number: numbers.unknown,
        recipient: { identifier: '11122233344455', name: 'Inconnu' },
      }),
    },
    { name: 'factures/ok-2.xml', bytes: ublInvoice({ number: numbers.ok2 }) },
    {
      name: 'factures/total-faux.xml',
      bytes: ublInvoice({
        number: numbers.rules,
        totals: {
          lineNetTotal: '1250.00',
          withoutVat: '1250.00',
          vat: '250.00',
          withVat: '1600.00',
          payable: '1600.00',
        },
      }),
    },
  ]);
}

/** The table row of a flow or an entry, by a text it holds. */
const row = (page: Page, text: string) => page.locator('table tbody tr', { hasText: text });

/** Chooses a syntax as a user does: the DSFR draws the radio under its label. */
async function syntax(page: Page, label: string): Promise<void> {
  await page.locator('label', { hasText: label }).click();
  expect(await page.getByLabel(label).isChecked()).toBe(true);
}

/** The flow number shown after a deposit ("Le flux FLX… (name) a été reçu"). */
async function depositedNumber(page: Page): Promise<string> {
  const text = (await page.locator('.fr-alert--success').textContent()) ?? '';
  const number = /FLX\d{16}/.exec(text)?.[0];
  expect(number, text).toBeDefined();
  return number!;
}

describe('flows in the portal', () => {
  let zipNumber = '';

  it('deposits a zip, watches it integrate live, reads the report and follows its links', async () => {
    const page = await portal().newPage({ as: 'supplier' });
    await page.goto('/fournisseur');
    await page
      .getByRole('navigation', { name: /principal|main/i })
      .getByRole('link', { name: 'Flux', exact: true })
      .click();
    await heading(page, 'Mes flux');
    await page.getByText('Vous n’avez encore déposé aucun flux.').waitFor();
    await expectAccessible(page, 'empty flow list');

    await page.getByRole('link', { name: 'Déposer un flux' }).click();
    await heading(page, 'Déposer un flux');
    // The limits are stated, and the syntaxes carry their real codes.
    await page.getByText('une archive contient au plus 10 000 factures').waitFor();
    await page.getByText('IN_DP_E2_CII_FACTURX').waitFor();
    await expectAccessible(page, 'flow deposit');
    await screenshots(page, 'flow-deposit');

    // Nothing chosen: the field says so and takes the focus.
    await page.getByRole('button', { name: 'Déposer le flux' }).click();
    await page.getByText('Choisissez le fichier du flux.').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('flow-file');

    await page.locator('#flow-file').setInputFiles({
      name: 'lot-e2e.zip',
      mimeType: 'application/zip',
      buffer: await zipOfFour(),
    });
    await syntax(page, 'UBL 2.1 (XML)');
    await page.getByRole('button', { name: 'Déposer le flux' }).click();
    await page.getByRole('heading', { name: 'Flux reçu' }).waitFor();
    zipNumber = await depositedNumber(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('flow-done');
    await page.locator('.fr-badge', { hasText: 'Reçu' }).waitFor();
    await expectAccessible(page, 'flow deposited');
    const received = await flowRow(db(), zipNumber);
    expect(received).toMatchObject({
      state: 'IN_RECU',
      file_name: 'lot-e2e.zip',
      syntax: 'IN_DP_E1_UBL_INVOICE',
    });

    await page.getByRole('link', { name: 'Voir tous mes flux' }).click();
    await heading(page, 'Mes flux');
    await row(page, zipNumber).locator('.fr-badge', { hasText: 'Reçu' }).waitFor();
    await expectAccessible(page, 'flow list, flow received');
    await screenshots(page, 'flow-list-received');

    // The worker integrates it; the page, asking every few seconds, follows without a reload.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    expect(await integrateNow(portal().t, received.id)).toBe('IN_INTEGRE_PARTIEL');
    await row(page, zipNumber)
      .locator('.fr-badge', { hasText: 'Intégré partiellement' })
      .waitFor({ timeout: 15_000 });
    expect(
      await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded),
    ).toBe(true);
    // Screen readers hear the change once, in words.
    await page
      .getByRole('status')
      .filter({ hasText: `Flux ${zipNumber} : Intégré partiellement.` })
      .waitFor({ state: 'attached' });
    expect(await row(page, zipNumber).locator('td').allTextContents()).toEqual(
      expect.arrayContaining(['2', '2', '4']),
    );
    await expectAccessible(page, 'flow list, flow integrated');
    await screenshots(page, 'flow-list');

    await row(page, zipNumber).getByRole('link', { name: zipNumber }).click();
    await heading(page, `Flux ${zipNumber}`);
    await page.getByText('2 acceptée(s), 2 refusée(s) sur 4').waitFor();
    await row(page, numbers.unknown).waitFor();
    await expectAccessible(page, 'flow report');
    await screenshots(page, 'flow-report');

    // The refused invoices say why in words, with the rule and field smaller.
    const rules = row(page, numbers.rules);
    expect(await rules.textContent()).toMatch(/Règle BR-/);
    expect(await rules.textContent()).toMatch(/Champ BT-/);
    const unknown = row(page, numbers.unknown);
    expect(await unknown.textContent()).toMatch(/destinataire/i);
    expect(await unknown.textContent()).toContain('Champ BT-46, BT-47');

    // Both downloads answer, as files of their kind.
    for (const [format, type] of [
      ['csv', 'text/csv'],
      ['pdf', 'application/pdf'],
    ] as const) {
      const link = page.getByRole('link', { name: `Compte rendu ${format.toUpperCase()}` });
      const href = (await link.getAttribute('href'))!;
      expect(href).toContain(`format=${format}`);
      const res = await page.request.get(href);
      expect(res.status()).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
      if (format === 'csv') expect(await res.text()).toContain(numbers.unknown);
    }

    // Only the refused ones, then a refused invoice's help entry.
    await page.getByText('Refusées (2)').click();
    expect(await page.locator('table tbody tr').count()).toBe(2);
    await unknown.getByRole('link', { name: 'Comprendre ce refus : Destinataire inconnu' }).click();
    await heading(page, 'Les codes de refus au dépôt');
    expect(new URL(page.url()).hash).toBe('#DESTINATAIRE_INCONNU');
    await page.waitForFunction(() => document.activeElement?.id === 'DESTINATAIRE_INCONNU');
    await expectAccessible(page, 'help entry of a refusal');

    // Back to the report, then to an accepted invoice's page.
    await page.goBack();
    await heading(page, `Flux ${zipNumber}`);
    await page.getByText('Acceptées (2)').click();
    await row(page, numbers.ok1)
      .getByRole('link', { name: `Voir la facture ${numbers.ok1}` })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(numbers.ok1) }).waitFor();
    await expectAccessible(page, 'invoice of an accepted entry');

    // The database holds what the pages said.
    expect(await flowRow(db(), zipNumber)).toMatchObject({
      state: 'IN_INTEGRE_PARTIEL',
      entry_count: 4,
      accepted_count: 2,
      refused_count: 2,
    });
    const invoices = await invoicesNumbered(db(), Object.values(numbers));
    expect(invoices.map((i) => i.number)).toEqual([numbers.ok1, numbers.ok2]);
    expect(new URL(page.url()).pathname).toBe(`/factures/${invoices[0]!.id}`);
    expectNoPageErrors(page);
  });

  it('filters by state, and reads the report in English at phone width', async () => {
    const page = await portal().newPage({ as: 'supplier', lang: 'en', width: 390 });
    // A single invoice as a flow, chosen as a .xml with the UBL syntax.
    await page.goto('/fournisseur/flux/depot');
    await heading(page, 'Deposit a flow');
    await page.locator('#flow-file').setInputFiles({
      name: 'E2E-FLX-010.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(ublInvoice({ number: 'E2E-FLX-010' })),
    });
    // The wrong syntax for an XML file is caught before any upload.
    await syntax(page, 'Factur-X (PDF)');
    await page.getByRole('button', { name: 'Deposit the flow' }).click();
    await page.getByText('An XML file is a UBL or CII invoice').waitFor();
    await syntax(page, 'UBL 2.1 (XML)');
    await page.getByRole('button', { name: 'Deposit the flow' }).click();
    await page.getByRole('heading', { name: 'Flow received' }).waitFor();
    const single = await depositedNumber(page);
    const singleRow = await flowRow(db(), single);
    expect(await integrateNow(portal().t, singleRow.id)).toBe('IN_INTEGRE');
    await page.locator('.fr-badge', { hasText: 'Integrated' }).waitFor({ timeout: 15_000 });

    await page.goto('/fournisseur/flux');
    await heading(page, 'My flows');
    await page.getByLabel('State', { exact: true }).selectOption('IN_INTEGRE');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/etat=IN_INTEGRE/);
    await row(page, single).waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(1);
    await expectAccessible(page, 'flow list filtered, 390 px');
    await page.goBack();
    await row(page, zipNumber).waitFor();
    expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe('');

    await row(page, zipNumber).getByRole('link', { name: zipNumber }).click();
    await heading(page, `Flow ${zipNumber}`);
    await page.getByText('2 accepted, 2 refused out of 4').waitFor();
    await page.locator('.fr-badge', { hasText: 'Partly integrated' }).waitFor();
    expect(await row(page, numbers.unknown).textContent()).toContain('Field BT-46, BT-47');
    await expectAccessible(page, 'flow report in English, 390 px');
    // Nothing wider than the phone but the table, which scrolls in its own frame.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshots(page, 'flow-report-en');
    expectNoPageErrors(page);
  });
});
