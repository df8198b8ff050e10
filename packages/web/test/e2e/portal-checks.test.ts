import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY } from '../../../server/src/directory/demo-directory.js';
import { ublInvoice } from '../../../server/test/support/invoices.js';
import { call } from '../../../server/test/support/personas.js';
import { invoicesSuite } from './invoices-support.js';
import { expectAccessible, expectNoPageErrors, pageHeading, screenshots } from './support.js';

/**
 * The portal's second pass (issue 15), each check in the browser and, sent straight to the API,
 * with the same French words: a rejection's reason from the list, the upload's routing
 * pre-check, the confirmation of a large total, and the invoice lists as cards on a phone.
 */

const { portal, db, ids, supplierApi, clerkAApi, invoiceRow, lastEvent } = invoicesSuite();

/** One line at `net` (20 % VAT): a UBL whose total with VAT is net × 1.2. */
function bigInvoice(number: string, net: string, vat: string, total: string) {
  return ublInvoice({
    number,
    lines: [
      {
        name: 'Travaux',
        quantity: '1',
        unitPrice: net,
        netAmount: net,
        vatCategory: 'S',
        vatRate: '20',
      },
    ],
    vatBreakdown: [{ category: 'S', rate: '20', taxableAmount: net, taxAmount: vat }],
    totals: { lineNetTotal: net, withoutVat: net, vat, withVat: total, payable: total },
  });
}

async function upload(page: Page, name: string, bytes: Uint8Array) {
  await page.locator('#invoice-file').setInputFiles({
    name,
    mimeType: 'application/xml',
    buffer: Buffer.from(bytes),
  });
}

const invoicesNumbered = (number: string) =>
  db().selectFrom('invoice').select(['id', 'status']).where('number', '=', number).execute();

describe('rejecting an invoice: a reason from the list', () => {
  it('the clerk picks the reason, the supplier sees it, the API says the same words', async () => {
    // Straight to the API: AUTRE (or no code) without words is refused in the portal's words.
    const { version } = await invoiceRow(ids.big!);
    const moved = await call(portal().t, clerkAApi(), {
      method: 'POST',
      url: `/api/v1/invoices/${ids.big}/status`,
      payload: { status: 'REJETEE', version, rejectionReason: 'AUTRE' },
    });
    expect(moved.statusCode, moved.body).toBe(400);
    const otherWords = (moved.json() as { detailFr: string }).detailFr;
    expect(otherWords).toBe(
      'Précisez le motif du rejet : le fournisseur doit savoir quoi corriger.',
    );
    const notAReason = await call(portal().t, clerkAApi(), {
      method: 'POST',
      url: `/api/v1/invoices/${ids.big}/status`,
      payload: { status: 'REJETEE', version, rejectionReason: 'PAS_UN_MOTIF' },
    });
    expect(notAReason.statusCode).toBe(400);
    const onSuspension = await call(portal().t, clerkAApi(), {
      method: 'POST',
      url: `/api/v1/invoices/${ids.big}/status`,
      payload: { status: 'SUSPENDUE', version, reason: 'x', rejectionReason: 'DOUBLON' },
    });
    expect(onSuspension.statusCode).toBe(400);
    expect((await invoiceRow(ids.big!)).status).toBe('MISE_A_DISPOSITION');

    const clerk = await portal().newPage({ as: 'clerkA' });
    await clerk.goto(`/factures/${ids.big}`);
    await clerk.getByRole('button', { name: 'Rejeter' }).click();
    const dialog = clerk.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await dialog.getByText('Choisissez le motif du rejet.').waitFor();
    // Every reason of the server's list, by its label.
    const options = await dialog.getByLabel('Motif du rejet').locator('option').allTextContents();
    expect(options.slice(1)).toEqual([
      'Doublon : facture déjà reçue',
      'Mauvais destinataire',
      'Mauvais service',
      'Numéro d’engagement absent ou erroné',
      'Erreur de montant ou de TVA',
      'Pièce jointe manquante',
      'Autre motif',
    ]);
    await dialog.getByLabel('Motif du rejet').selectOption({ label: 'Autre motif' });
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await dialog.getByText(otherWords).waitFor();
    await expectAccessible(clerk, 'reject dialog with its problems');

    // The counter stops at zero past 255 characters; the field says how many there are.
    await dialog
      .getByLabel('Motif du rejet')
      .selectOption({ label: 'Erreur de montant ou de TVA' });
    await dialog.getByRole('textbox', { name: /^Précisions/ }).fill('x'.repeat(300));
    await dialog.getByText('0 caractère(s) restant(s)').waitFor();
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await dialog.getByText('Le motif compte 300 caractères : 255 au plus.').waitFor();
    await dialog
      .getByRole('textbox', { name: /^Précisions/ })
      .fill('La TVA de la ligne 1 est à 10 %, pas 20 %.');
    await dialog.getByRole('button', { name: 'Confirmer' }).click();
    await clerk
      .getByText('C’est fait : la facture est maintenant au statut « Rejetée ».')
      .waitFor();

    const row = await invoiceRow(ids.big!);
    expect([row.status, row.rejection_reason]).toEqual(['REJETEE', 'MONTANT_OU_TVA_ERRONE']);
    const event = await lastEvent(ids.big!);
    expect(event.reason).toBe('La TVA de la ligne 1 est à 10 %, pas 20 %.');
    expect((event.data as { rejectionReason?: string }).rejectionReason).toBe(
      'MONTANT_OU_TVA_ERRONE',
    );
    const detail = await call(portal().t, supplierApi(), {
      method: 'GET',
      url: `/api/v1/invoices/${ids.big}`,
    });
    expect((detail.json() as { rejection: unknown }).rejection).toEqual({
      reason: 'MONTANT_OU_TVA_ERRONE',
      comment: 'La TVA de la ligne 1 est à 10 %, pas 20 %.',
    });

    const supplier = await portal().newPage({ as: 'supplier' });
    await supplier.goto(`/factures/${ids.big}`);
    const notice = supplier.getByTestId('rejection');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Motif du rejet : Erreur de montant ou de TVA');
    expect(await notice.textContent()).toContain('La TVA de la ligne 1 est à 10 %, pas 20 %.');
    await expectAccessible(supplier, 'rejected invoice, supplier');
    expectNoPageErrors(clerk);
    expectNoPageErrors(supplier);
  });

  it('an API rejection without a code is recorded as AUTRE, with its words', async () => {
    const { version } = await invoiceRow(ids.stale!);
    const res = await call(portal().t, clerkAApi(), {
      method: 'POST',
      url: `/api/v1/invoices/${ids.stale}/status`,
      payload: { status: 'REJETEE', version, reason: 'Facture en double' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await invoiceRow(ids.stale!)).rejection_reason).toBe('AUTRE');
  });
});

describe('upload: the routing is checked before "no blocking problem"', () => {
  it('says a file would be refused for its service, in the words of the deposit', async () => {
    const page = await portal().newPage({ as: 'supplier' });
    await page.goto('/fournisseur/depot');
    expect(await pageHeading(page)).toBe('Déposer une facture');
    const bytes = ublInvoice({ number: 'F-PRE-SVC', serviceCode: 'SERVICE-INCONNU' });
    await upload(page, 'fichier-1.xml', bytes);
    const refused = page.getByRole('heading', { name: 'La facture F-PRE-SVC serait refusée :' });
    await refused.waitFor();
    const words = `Le code service (BT-10) « SERVICE-INCONNU » n’existe pas chez ${DEMO_PUBLIC_BODY.identifier}.`;
    await page.getByText(words).waitFor();
    expect(await page.getByText('Aucun problème bloquant').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Déposer la facture' }).count()).toBe(0);
    await expectAccessible(page, 'upload refused by the routing pre-check');

    // The deposit itself refuses it with the same French words.
    const deposit = await page.context().request.post('/api/v1/invoices', {
      multipart: {
        invoice: { name: 'f.xml', mimeType: 'application/xml', buffer: Buffer.from(bytes) },
        metadata: JSON.stringify({ framework: 'A1_FACTURE_FOURNISSEUR' }),
      },
      headers: { 'x-csrf-token': await csrf(page) },
    });
    expect(deposit.status()).toBe(400);
    const problem = (await deposit.json()) as {
      refusal: { code: string; message: { fr: string } };
    };
    expect(problem.refusal).toMatchObject({ code: 'SERVICE_INCONNU', message: { fr: words } });
    expect(await invoicesNumbered('F-PRE-SVC')).toEqual([]);
    expectNoPageErrors(page);
  });

  it('names the invoice number (not the file) when it passes, and after the deposit', async () => {
    const page = await portal().newPage({ as: 'supplier' });
    await page.goto('/fournisseur/depot');
    await pageHeading(page);
    await upload(page, 'export-compta-42.xml', ublInvoice({ number: 'F-PRE-OK' }));
    await page
      .getByText(
        `Aucun problème bloquant : la facture F-PRE-OK respecte la norme EN 16931 et peut être acheminée à ${DEMO_PUBLIC_BODY.name} (${DEMO_PUBLIC_BODY.identifier}).`,
      )
      .waitFor();
    await page.getByRole('button', { name: 'Déposer la facture' }).click();
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    await page
      .getByText(/F-PRE-OK/)
      .first()
      .waitFor();
    expect(await page.getByText(/export-compta-42/).count()).toBe(0);
    expect(await invoicesNumbered('F-PRE-OK')).toHaveLength(1);
    expectNoPageErrors(page);
  });
});

describe('a large total is confirmed before it is sent', () => {
  it('asks to tick the amount above the configured threshold, then deposits', async () => {
    const settings = await call(portal().t, supplierApi(), {
      method: 'GET',
      url: '/api/v1/invoices/deposit-settings',
    });
    expect(settings.json()).toEqual({ confirmAbove: '100000' });

    const page = await portal().newPage({ as: 'supplier' });
    await page.goto('/fournisseur/depot');
    await pageHeading(page);
    await upload(page, 'gros.xml', bigInvoice('F-BIG-1', '200000.00', '40000.00', '240000.00'));
    await page.getByText(/Aucun problème bloquant : la facture F-BIG-1/).waitFor();
    // The DSFR draws its own box over the (transparent) input: the label is what one sees.
    const box = page.getByLabel(/Je confirme le montant de 240\s000,00\s€ TTC/);
    await page.getByText(/Je confirme le montant de 240\s000,00\s€ TTC/).waitFor();
    await page.getByRole('button', { name: 'Déposer la facture' }).click();
    await page.getByText('Cochez la case pour confirmer le montant, ou corrigez-le.').waitFor();
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await invoicesNumbered('F-BIG-1')).toEqual([]);
    await expectAccessible(page, 'upload, amount to confirm');
    await page.getByText(/Je confirme le montant de 240/).click();
    expect(await box.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Déposer la facture' }).click();
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    expect(await invoicesNumbered('F-BIG-1')).toHaveLength(1);

    // Below the threshold nothing is asked.
    await page.getByRole('button', { name: 'Déposer une autre facture' }).click();
    await upload(page, 'petit.xml', bigInvoice('F-BIG-2', '1000.00', '200.00', '1200.00'));
    await page.getByText(/Aucun problème bloquant : la facture F-BIG-2/).waitFor();
    expect(await page.getByLabel(/Je confirme le montant/).count()).toBe(0);
    expectNoPageErrors(page);
  });
});

describe('invoice lists on a phone', () => {
  for (const [persona, url, party] of [
    ['supplier', '/fournisseur/factures?number=E2E-A-00', DEMO_PUBLIC_BODY.name],
    ['clerkA', '/destinataire/factures?number=E2E-A-00', null],
  ] as const) {
    it(`shows ${url.split('?')[0]} as cards at 390 px, without a sideways scroll`, async () => {
      const page = await portal().newPage({ as: persona, width: 390 });
      await page.goto(url);
      const cards = page.getByTestId('invoice-card');
      await cards.first().waitFor();
      expect(await page.locator('table').first().isVisible()).toBe(false);
      const card = cards.filter({ hasText: 'E2E-A-002' });
      await card.waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toMatch(/120,00\s€/);
      expect(text).toMatch(/(Déposée|Mise à disposition) le\s?\d{1,2} \S+ 2026/);
      if (party) expect(text).toContain(party);
      else expect(text).toMatch(/Fournisseur/);
      for (const part of [
        card.getByRole('link', { name: 'E2E-A-002' }),
        card.locator('.fr-badge'),
        card.locator('dd').first(),
      ]) {
        expect(await part.isVisible()).toBe(true);
        const box = (await part.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
      }
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await expectAccessible(page, `${persona} list on a phone`);
      await screenshots(page, `invoice-cards-${persona}`);
      expectNoPageErrors(page);
    });
  }
});

async function csrf(page: Page): Promise<string> {
  const res = await page.context().request.get('/api/v1/auth/session');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}
