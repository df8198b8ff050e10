/**
 * The supplier's two ways to send an invoice: keying it in (/fournisseur/saisie) and uploading
 * a file (/fournisseur/depot). Real server, real database, real Chromium; each test checks the
 * database afterwards.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SERVICE_A } from '../../../server/src/directory/demo-directory.js';
import {
  facturX,
  keyedInvoice,
  plainPdf,
  ublInvoice,
} from '../../../server/test/support/invoices.js';
import {
  expectAccessible,
  expectNoPageErrors,
  pageHeading,
  screenshots,
  startPortal,
  type Portal,
} from './support.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const db = () => portal.t.database.db;

async function invoiceNumbered(number: string) {
  return db()
    .selectFrom('invoice')
    .innerJoin('structure as r', 'r.id', 'invoice.recipient_structure_id')
    .select([
      'invoice.id',
      'invoice.status',
      'invoice.format',
      'invoice.service_code',
      'invoice.recipient_service_id',
      'invoice.commitment_number',
      'invoice.total_without_vat',
      'invoice.total_vat',
      'invoice.total_with_vat',
      'invoice.amount_due',
      'r.identifier as recipient',
    ])
    .where('invoice.number', '=', number)
    .execute();
}

/** A decimal column as a number of cents, compared without floats. */
const cents = (v: string | null) => {
  const [units = '0', frac = ''] = (v ?? '').split('.');
  return `${units}.${frac.padEnd(2, '0').slice(0, 2)}`;
};

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The error text the DSFR shows under a field (its input group). */
function errorAt(page: Page, fieldId: string) {
  return page.locator(
    `.fr-input-group--error:has(#${fieldId}), .fr-select-group--error:has(#${fieldId})`,
  );
}

async function chooseRecipient(page: Page, search: string, name: string) {
  await page.getByLabel(/Rechercher le destinataire/).fill(search);
  const option = page.getByRole('button', { name: new RegExp(`Choisir : ${name}`) });
  await option.first().click();
  await page.getByText(`Destinataire : ${name}`).waitFor();
}

/** A valid two-line invoice to the demo public body's service A (1 250 HT, 1 500 TTC). */
async function keyValidInvoice(page: Page, number: string) {
  await page.getByLabel('Votre numéro de TVA intracommunautaire').fill('FR79998877666');
  await chooseRecipient(page, DEMO_PUBLIC_BODY.identifier, DEMO_PUBLIC_BODY.name);
  await page.getByLabel(/Service destinataire/).selectOption(DEMO_SERVICE_A.code);
  await page.getByLabel(/Numéro de facture/).fill(number);
  await page.getByLabel('Date d’échéance').fill(inDays(30));
  await page.locator('#f-lines-0-name').fill('Réfection du portail');
  await page.locator('#f-lines-0-quantity').fill('2');
  await page.locator('#f-lines-0-unitPrice').fill('500');
  await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
  await page.locator('#f-lines-1-name').fill('Peinture');
  await page.locator('#f-lines-1-quantity').fill('5');
  await page.locator('#f-lines-1-unitCode').selectOption('HUR');
  await page.locator('#f-lines-1-unitPrice').fill('50,00');
}

/** The key-in form once the EN 16931 engine has loaded (the page no longer moves). */
async function formReady(page: Page) {
  await page.getByText('Vous, le fournisseur').waitFor();
  await page.getByText('Chargement du contrôle EN 16931…').waitFor({ state: 'detached' });
}

async function csrf(page: Page): Promise<string> {
  const res = await page.context().request.get('/api/v1/auth/session');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

describe('key in an invoice', () => {
  it('shows a mistake at its field before sending, keeps the draft, sends once fixed', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/saisie');
    expect(await pageHeading(page)).toBe('Saisir une facture');
    await formReady(page);
    await expectAccessible(page, 'key-in (empty)');
    await screenshots(page, 'entry-keyin');

    // Keyboard only: find the recipient, choose it with Tab + Enter, type the VAT number.
    await page.getByLabel('Votre numéro de TVA intracommunautaire').focus();
    await page.keyboard.type('FR79998877666');
    await page.keyboard.press('Tab'); // → recipient search
    await page.keyboard.type('21990042000015');
    await page
      .getByRole('button', { name: new RegExp(`Choisir : ${DEMO_PUBLIC_BODY.name}`) })
      .waitFor();
    await page.keyboard.press('Tab'); // → the first result
    await page.keyboard.press('Enter');
    await page.getByText(`Destinataire : ${DEMO_PUBLIC_BODY.name}`).waitFor();
    // The demo body requires a service: the field is asked, not the commitment number.
    await page.getByLabel(/Service destinataire \(obligatoire\)/).waitFor();
    expect(await page.getByLabel(/Numéro d’engagement/).count()).toBe(0);
    await page.getByLabel(/Service destinataire/).focus();
    await page.keyboard.press('ArrowDown'); // the first service
    expect(await page.getByLabel(/Service destinataire/).inputValue()).not.toBe('');
    await page.getByLabel(/Service destinataire/).selectOption(DEMO_SERVICE_A.code);

    await page.getByLabel(/Numéro de facture/).fill('F-E2E-0001');
    await page.getByLabel('Date d’échéance').fill(inDays(30));
    await page.locator('#f-lines-0-name').fill('Réfection du portail');
    await page.locator('#f-lines-0-quantity').fill('2');
    await page.locator('#f-lines-0-unitPrice').fill('500');
    // The mistake: a rate of 0 % for the standard category.
    await page.locator('#f-lines-0-vatRate').fill('0');
    await page.locator('#f-lines-0-name').focus(); // leave the field

    // The engine (loaded on demand) says it beside the rate, in plain French, before sending.
    const rateError = errorAt(page, 'f-lines-0-vatRate');
    await rateError.filter({ hasText: 'BR-S-05' }).waitFor();
    expect(await rateError.textContent()).toMatch(/taux/i);
    // A first attempt to send lists it at the top too, and sends nothing.
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByText('La facture ne peut pas encore être envoyée').waitFor();
    expect(await invoiceNumbered('F-E2E-0001')).toEqual([]);
    await expectAccessible(page, 'key-in with errors');
    await screenshots(page, 'entry-keyin-errors');

    // The draft survives a reload (a session that expired, a closed tab).
    await page.waitForTimeout(600);
    await page.reload();
    await page.getByText('Brouillon restauré').waitFor();
    expect(await page.getByLabel(/Numéro de facture/).inputValue()).toBe('F-E2E-0001');
    expect(await page.locator('#f-lines-0-vatRate').inputValue()).toBe('0');
    await page.getByText(`Destinataire : ${DEMO_PUBLIC_BODY.name}`).waitFor();
    expect(await page.getByLabel(/Service destinataire/).inputValue()).toBe(DEMO_SERVICE_A.code);

    // Fix it; add a second line; the totals follow as you type, in decimals.
    await page.locator('#f-lines-0-vatRate').fill('20');
    await page.locator('#f-lines-0-name').focus();
    await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
    await page.locator('#f-lines-1-name').fill('Peinture');
    await page.locator('#f-lines-1-quantity').fill('5');
    await page.locator('#f-lines-1-unitCode').selectOption('HUR');
    await page.locator('#f-lines-1-unitPrice').fill('50,10');
    await page.getByText(/Total HT de la ligne : 250,50/).waitFor();
    await page
      .getByText(/1\s250,50\s€/)
      .first()
      .waitFor();
    await page
      .getByText(/250,10\s€/)
      .first()
      .waitFor(); // VAT: 1 250,50 × 20 %
    await page
      .getByText(/1\s500,60\s€/)
      .first()
      .waitFor();
    await expect
      .poll(async () => errorAt(page, 'f-lines-0-vatRate').count(), { timeout: 5000 })
      .toBe(0);

    // Send from the keyboard (Enter in a field submits the form).
    await page.getByLabel(/Conditions de paiement/).focus();
    await page.keyboard.type('30 jours');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();

    const [row] = await invoiceNumbered('F-E2E-0001');
    expect(row).toMatchObject({
      status: 'MISE_A_DISPOSITION',
      format: 'SAISIE',
      recipient: DEMO_PUBLIC_BODY.identifier,
      service_code: DEMO_SERVICE_A.code,
      commitment_number: null,
    });
    expect(row!.recipient_service_id).not.toBeNull();
    expect(cents(row!.total_without_vat)).toBe('1250.50');
    expect(cents(row!.total_vat)).toBe('250.10');
    expect(cents(row!.total_with_vat)).toBe('1500.60');
    expect(cents(row!.amount_due)).toBe('1500.60');

    // The certificate link works; the draft is gone; the invoice's page is one click away.
    const certificate = page.getByRole('link', { name: /attestation de dépôt/ });
    expect(await certificate.getAttribute('href')).toBe(`/api/v1/invoices/${row!.id}/certificate`);
    const pdf = await page.context().request.get(`/api/v1/invoices/${row!.id}/certificate`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    const drafts = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('chorale.draft.')),
    );
    expect(drafts).toEqual([]);
    await page.getByRole('link', { name: 'Voir la facture' }).click();
    await page.waitForURL(new RegExp(`/factures/${row!.id}$`));
    expectNoPageErrors(page);
  }, 90_000);

  it('checks the VAT number key and the due date at their fields, as the server does', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/saisie');
    await formReady(page);
    await keyValidInvoice(page, 'F-E2E-CLE-0001');
    // A French VAT number whose key does not match its SIREN (32 instead of 79), pasted.
    await page.getByLabel('Votre numéro de TVA intracommunautaire').fill('FR32998877666');
    await page.getByLabel('Date d’échéance').fill(inDays(-400));
    await page.locator('#f-lines-0-name').focus(); // leave the field
    const vatError = errorAt(page, 'f-supplierVatId');
    await vatError.filter({ hasText: 'SAISIE-TVA-FR' }).waitFor();
    expect(await vatError.textContent()).toContain('sa clé doit correspondre au SIREN');
    const dueError = errorAt(page, 'f-dueDate');
    await dueError.filter({ hasText: 'SAISIE-ECHEANCE' }).waitFor();
    expect(await dueError.textContent()).toContain('précède la date de facture');
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByText('La facture ne peut pas encore être envoyée').waitFor();
    expect(await invoiceNumbered('F-E2E-CLE-0001')).toEqual([]);
    await expectAccessible(page, 'key-in with entry checks');

    await page.getByLabel('Votre numéro de TVA intracommunautaire').fill('FR79998877666');
    await page.getByLabel('Date d’échéance').fill(inDays(30));
    await page.locator('#f-lines-0-name').focus();
    await expect.poll(async () => vatError.count(), { timeout: 5000 }).toBe(0);
    await expect.poll(async () => dueError.count(), { timeout: 5000 }).toBe(0);
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    expect(await invoiceNumbered('F-E2E-CLE-0001')).toHaveLength(1);
    expectNoPageErrors(page);
  }, 90_000);

  it('speaks English, the engine included', async () => {
    const page = await portal.newPage({ as: 'supplier', lang: 'en' });
    await page.goto('/fournisseur/saisie');
    expect(await pageHeading(page)).toBe('Key in an invoice');
    await page.getByText('You, the supplier').waitFor();
    await page.getByText('Loading the EN 16931 checks…').waitFor({ state: 'detached' });
    await page.locator('#f-lines-0-vatRate').fill('0');
    await page.locator('#f-lines-0-name').focus();
    const error = errorAt(page, 'f-lines-0-vatRate').filter({ hasText: 'BR-S-05' });
    await error.waitFor();
    expect(await error.textContent()).toMatch(/rate/i);
    await page.getByRole('button', { name: 'Check and send the invoice' }).click();
    await page.getByText('The invoice cannot be sent yet').waitFor();
    await page.getByText('Choose the recipient of the invoice.').first().waitFor();
    await expectAccessible(page, 'key-in in English with errors');
    expectNoPageErrors(page);
  }, 90_000);

  it('shows a duplicate refusal beside the invoice number', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/saisie');
    await pageHeading(page);
    await formReady(page);
    const res = await page.context().request.post('/api/v1/invoices', {
      headers: { 'x-csrf-token': await csrf(page) },
      data: {
        metadata: { framework: 'A1_FACTURE_FOURNISSEUR' },
        keyed: keyedInvoice({ number: 'F-E2E-DUP', commitmentNumber: undefined }),
      },
    });
    expect(res.status(), await res.text()).toBe(201);

    await keyValidInvoice(page, 'F-E2E-DUP');
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByText('La facture a été refusée').waitFor();
    await errorAt(page, 'f-number').filter({ hasText: 'a déjà été déposée' }).waitFor();
    await expectAccessible(page, 'key-in refused');
    expect(await invoiceNumbered('F-E2E-DUP')).toHaveLength(1);
    expectNoPageErrors(page);
  }, 90_000);

  it('asks the commitment number only of a recipient that requires it', async () => {
    const requiring = await db()
      .selectFrom('structure')
      .select(['identifier', 'name'])
      .where('is_public', '=', true)
      .where('active', '=', true)
      .where('commitment_required', '=', true)
      .where('service_code_required', '=', false)
      .where('service_or_commitment_required', '=', false)
      .orderBy('identifier')
      .limit(1)
      .executeTakeFirstOrThrow();
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/saisie');
    await pageHeading(page);
    await formReady(page);
    await keyValidInvoice(page, 'F-E2E-EJ');
    expect(await page.getByLabel(/Numéro d’engagement/).count()).toBe(0);

    await page.getByRole('button', { name: 'Changer de destinataire' }).click();
    await chooseRecipient(page, requiring.identifier, requiring.name);
    const commitment = page.getByLabel(/Numéro d’engagement \(obligatoire\)/);
    await commitment.waitFor();
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await errorAt(page, 'f-commitmentNumber')
      .filter({ hasText: 'Indiquez le numéro d’engagement' })
      .waitFor();
    expect(await invoiceNumbered('F-E2E-EJ')).toEqual([]);

    await commitment.fill('EJ-2026-77');
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    const [row] = await invoiceNumbered('F-E2E-EJ');
    expect(row).toMatchObject({
      status: 'MISE_A_DISPOSITION',
      recipient: requiring.identifier,
      commitment_number: 'EJ-2026-77',
    });
    expectNoPageErrors(page);
  }, 90_000);
});

describe('key-in: a VAT rate France does not use, a large total', () => {
  it('warns at the rate without blocking, asks to confirm a large total, then sends', async () => {
    const rateWords =
      'Le taux de 19 % n’est pas un taux de TVA français (20, 10, 5,5, 2,1 ; Corse et outre-mer : 13, 8,5, 1,75, 1,05, 0,9). Vérifiez-le.';
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/saisie');
    await formReady(page);
    await keyValidInvoice(page, 'F-E2E-TAUX');
    await page.locator('#f-lines-1-vatRate').fill('19');
    await page.locator('#f-lines-1-name').focus(); // the field is left: its findings show
    // A warning (info), not an error: the words first, the rule and its term after, smaller.
    const info = page.locator('.fr-input-group:has(#f-lines-1-vatRate) .fr-message--info');
    await info.getByText(rateWords).waitFor();
    expect(await info.locator('small').textContent()).toBe('(SAISIE-TAUX-TVA · BT-152)');
    expect(await errorAt(page, 'f-lines-1-vatRate').count()).toBe(0);
    await expectAccessible(page, 'key-in, rate warning');

    // 2 × 50 000 + 5 × 50 at 20 % and 19 %: above the 100 000 threshold with VAT.
    await page.locator('#f-lines-0-unitPrice').fill('50000');
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByText('Cochez la case pour confirmer le montant, ou corrigez-le.').waitFor();
    expect(await invoiceNumbered('F-E2E-TAUX')).toEqual([]);
    const box = page.getByLabel(/Je confirme le montant de 120\s297,50\s€ TTC/);
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAccessible(page, 'key-in, amount to confirm');
    await page.getByText(/Je confirme le montant de 120\s297,50/).click();
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    // The deposit keeps the warning, in the same words, the rule after them.
    await page.getByText(rateWords).waitFor();
    const [row] = await invoiceNumbered('F-E2E-TAUX');
    expect(cents(row!.total_with_vat)).toBe('120297.50');

    // Sent straight to the API, the same rate is accepted with the same French warning.
    const keyed = keyedInvoice({
      number: 'F-API-TAUX',
      lines: [
        {
          name: 'Prestation',
          quantity: '1',
          unitPrice: '1000.00',
          netAmount: '1000.00',
          vatCategory: 'S',
          vatRate: '19',
        },
      ],
      vatBreakdown: [{ category: 'S', rate: '19', taxableAmount: '1000.00', taxAmount: '190.00' }],
      totals: {
        lineNetTotal: '1000.00',
        withoutVat: '1000.00',
        vat: '190.00',
        withVat: '1190.00',
        payable: '1190.00',
      },
    });
    const res = await page.context().request.post('/api/v1/invoices', {
      data: { metadata: { framework: 'A1_FACTURE_FOURNISSEUR' }, keyed },
      headers: { 'x-csrf-token': await csrf(page) },
    });
    expect(res.status(), await res.text()).toBe(201);
    const warnings = ((await res.json()) as { warnings: { id: string; messageFr: string }[] })
      .warnings;
    expect(warnings.find((w) => w.id === 'SAISIE-TAUX-TVA')?.messageFr).toBe(rateWords);
    expectNoPageErrors(page);
  }, 120_000);
});

describe('upload an invoice', () => {
  it('deposits a Factur-X with an attachment, checked in the browser first', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/depot');
    expect(await pageHeading(page)).toBe('Déposer une facture');
    await expectAccessible(page, 'upload (empty)');

    const bytes = await facturX({ number: 'F-E2E-FX' });
    await page.locator('#invoice-file').setInputFiles({
      name: 'F-E2E-FX.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(bytes),
    });
    await page.getByText(/PDF Factur-X/).waitFor();
    await page.getByText('Aucun problème bloquant').waitFor();
    // Not a full PDF/A-3: the reader's remarks are listed, none blocking.
    expect(await page.locator('tbody tr', { hasText: 'Remarque' }).count()).toBeGreaterThan(0);
    expect(await page.locator('tbody tr', { hasText: 'Bloquant' }).count()).toBe(0);
    await page.locator('#upload-attachments').setInputFiles({
      name: 'bon-de-livraison.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Bon de livraison n° 12\n'.repeat(60_000)), // 1.4 MB
    });
    await page.getByText(/bon-de-livraison\.txt/).waitFor();
    await expectAccessible(page, 'upload (checked)');
    await screenshots(page, 'entry-upload');

    // A slow line (512 kB/s up): the upload's progress shows as it goes.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    await page.getByRole('button', { name: 'Déposer la facture' }).click();
    await page.getByText(/Envoi : ([1-9]|[1-9]\d) %/).waitFor();
    const shown = Number(await page.locator('#upload-progress').getAttribute('value'));
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(1);
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const [row] = await invoiceNumbered('F-E2E-FX');
    expect(row).toMatchObject({
      status: 'MISE_A_DISPOSITION',
      format: 'FACTURX',
      recipient: DEMO_PUBLIC_BODY.identifier,
    });
    expect(cents(row!.amount_due)).toBe('1500.00');
    const files = await db()
      .selectFrom('invoice_file')
      .select(['kind', 'name'])
      .where('invoice_id', '=', row!.id)
      .orderBy('kind')
      .execute();
    expect(files).toEqual([
      { kind: 'ATTACHMENT', name: 'bon-de-livraison.txt' },
      { kind: 'ORIGINAL', name: 'F-E2E-FX.pdf' },
    ]);

    // The same invoice again: the browser finds nothing wrong, the server refuses a duplicate.
    await page.getByRole('button', { name: 'Déposer une autre facture' }).click();
    await page.locator('#invoice-file').setInputFiles({
      name: 'F-E2E-FX.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(bytes),
    });
    await page.getByText('Aucun problème bloquant').waitFor();
    await page.getByRole('button', { name: 'Déposer la facture' }).click();
    await page.getByText('La facture a été refusée').waitFor();
    await page.getByText(/a déjà été déposée/).waitFor();
    await expectAccessible(page, 'upload refused');
    expect(await invoiceNumbered('F-E2E-FX')).toHaveLength(1);
    expectNoPageErrors(page);
  }, 90_000);

  it('gives the verdict of an invalid UBL field by field (dropped on the page)', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/depot');
    await pageHeading(page);
    const xml = new TextDecoder().decode(
      ublInvoice({
        number: 'F-E2E-BAD',
        lines: [
          {
            name: 'Portail',
            quantity: '1',
            unitPrice: '1250.00',
            netAmount: '1250.00',
            vatCategory: 'S',
            vatRate: '0',
          },
        ],
      }),
    );
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'F-E2E-BAD.xml', { type: 'application/xml' }));
      return dt;
    }, xml);
    await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    await page.getByText(/facture XML UBL/).waitFor();
    await page.getByText(/enfreint \d+ règle/).waitFor();
    const row = page.locator('tr', { hasText: 'BR-S-05' }).first();
    await row.waitFor();
    const cells = await row.locator('td').allTextContents();
    // The problem in plain words first, its rule and terms after them, smaller.
    expect(cells[0]).toMatch(/taux/i);
    const ref = (await row.locator('td').first().locator('small').textContent()) ?? '';
    expect(ref).toMatch(/^\(BR-S-05 · .*BT-152.*\)$/);
    expect(cells[0]!.endsWith(ref)).toBe(true);
    expect(cells[1]).toBe('Bloquant');
    expect(Number(cells[3])).toBeGreaterThan(0); // the line in the file
    // Nothing to send: the button is not offered for an invoice that would be refused.
    expect(await page.getByRole('button', { name: 'Déposer la facture' }).count()).toBe(0);
    await expectAccessible(page, 'upload verdict');
    expect(await invoiceNumbered('F-E2E-BAD')).toEqual([]);
    expectNoPageErrors(page);
  }, 90_000);

  it('asks the data of a plain PDF with the key-in form', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur/depot');
    await pageHeading(page);
    await page.locator('#invoice-file').setInputFiles({
      name: 'facture-papier.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(plainPdf('Facture F-E2E-PDF')),
    });
    await page.getByText(/PDF simple/).waitFor();
    await page.getByText('PDF de la facture : facture-papier.pdf').waitFor();
    await formReady(page);
    await keyValidInvoice(page, 'F-E2E-PDF');
    await page.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await page.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    const [row] = await invoiceNumbered('F-E2E-PDF');
    expect(row).toMatchObject({ status: 'MISE_A_DISPOSITION', format: 'PDF' });
    expect(cents(row!.total_with_vat)).toBe('1500.00');
    expectNoPageErrors(page);
  }, 90_000);
});
