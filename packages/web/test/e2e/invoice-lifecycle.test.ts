import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../server/src/invoices/journal.js';
import { depositBody, facturX } from '../../../server/test/support/invoices.js';
import { call } from '../../../server/test/support/personas.js';
import { invoicesSuite, tableNumbers } from './invoices-support.js';
import {
  expectAccessible,
  expectNoPageErrors,
  pageHeading,
  SCREENSHOT_DIR,
  screenshots,
} from './support.js';

/**
 * An invoice's life in the browser, both sides: suspended, completed, service done (keyboard
 * alone), mandated and paid; a stale version's conflict; sent back for re-routing, recycled,
 * rejected and acknowledged; a Factur-X's warnings and the page in English.
 */

const { portal, db, ids, supplierApi, clerkAApi, invoiceRow, lastEvent } = invoicesSuite();

describe('received invoices and the lifecycle, both sides', () => {
  it('clerk A suspends, the supplier completes, clerk A takes it to payment; each status seen by both', async () => {
    const clerk = await portal().newPage({ as: 'clerkA' });
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
    const supplier = await portal().newPage({ as: 'supplier' });
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

  it('a stale version gets the conflict message and the invoice reloaded', async () => {
    const page = await portal().newPage({ as: 'clerkA' });
    await page.goto(`/factures/${ids.stale}`);
    expect(await pageHeading(page)).toBe('Facture E2E-A-005');
    await page.getByRole('button', { name: 'Constater le service fait' }).click();
    await page.getByRole('dialog').waitFor();
    const moved = await call(portal().t, clerkAApi(), {
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
    const clerk = await portal().newPage({ as: 'clerkA' });
    const supplier = await portal().newPage({ as: 'supplier' });
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
    await reject.getByLabel('Motif du rejet').selectOption({ label: 'Autre motif' });
    await reject.getByRole('textbox', { name: /^Précisions/ }).fill('Prestation non commandée.');
    await reject.getByText('230 caractère(s) restant(s)').waitFor();
    await reject.getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Rejetée ».')
      .waitFor();
    const rejected = await lastEvent(ids.small!);
    expect([rejected.to_status, rejected.reason]).toEqual(['REJETEE', 'Prestation non commandée.']);

    await supplier.reload();
    await supplier.getByText('Motif : Prestation non commandée.').waitFor();
    await supplier.getByText('Motif du rejet : Autre motif').first().waitFor();
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
    const res = await call(portal().t, supplierApi(), {
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
    const page = await portal().newPage({ as: 'supplier' });
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
