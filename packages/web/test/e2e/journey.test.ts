/**
 * The portal's whole journey in one story, through the pages only (issue 6, "done when"):
 * a supplier keys in an invoice with a mistake, sees it at the field, fixes it and sends it, then
 * uploads a Factur-X; a clerk of the right service finds both, suspends one; the supplier
 * completes it; the clerk marks it service done, mandated, paid; the supplier sees every status
 * and the forecast move; a clerk of another service sees neither. The database is checked at
 * each step. (Each page's details are tested in the area files; this one ties them together.)
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SERVICE_A } from '../../../server/src/directory/demo-directory.js';
import { verifyJournal } from '../../../server/src/invoices/journal.js';
import { facturX } from '../../../server/test/support/invoices.js';
import { expectNoPageErrors, pageHeading, startPortal, type Portal } from './support.js';

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const db = () => portal.t.database.db;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function invoice(number: string) {
  return db()
    .selectFrom('invoice')
    .select(['id', 'status', 'service_code', 'format', 'mandate_number', 'payment_amount'])
    .where('number', '=', number)
    .executeTakeFirst();
}

async function statusOf(number: string): Promise<string | undefined> {
  return (await invoice(number))?.status;
}

/** The figures of the supplier's "upcoming payments" table, as plain text. */
async function upcomingOnDashboard(page: Page): Promise<string> {
  await page.goto('/fournisseur');
  await page.getByTestId('status-count-MISE_A_DISPOSITION').waitFor();
  return ((await page.locator('#upcoming').textContent()) ?? '').replace(/\s+/g, ' ');
}

async function act(page: Page, button: string, fill: Record<string, string> = {}) {
  await page.getByRole('button', { name: button }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  for (const [label, value] of Object.entries(fill)) await dialog.getByLabel(label).fill(value);
  await dialog.getByRole('button', { name: 'Confirmer' }).click();
  await page.getByText(/C’est fait : la facture est maintenant au statut/).waitFor();
}

async function supplierSees(page: Page, id: string, status: string) {
  await page.goto(`/factures/${id}`);
  await page.getByRole('link', { name: `Que signifie le statut « ${status} » ?` }).waitFor();
}

describe('the portal journey', () => {
  it('from a keyed-in invoice with a mistake to its payment, seen by both sides only', async () => {
    const supplier = await portal.newPage({ as: 'supplier' });

    // 1. Key in, with a mistake the engine shows at its field before anything is sent.
    await supplier.goto('/fournisseur/saisie');
    await supplier.getByText('Vous, le fournisseur').waitFor();
    await supplier.getByText('Chargement du contrôle EN 16931…').waitFor({ state: 'detached' });
    await supplier.getByLabel('Votre numéro de TVA intracommunautaire').fill('FR79998877666');
    await supplier.getByLabel(/Rechercher le destinataire/).fill(DEMO_PUBLIC_BODY.identifier);
    await supplier
      .getByRole('button', { name: new RegExp(`Choisir : ${DEMO_PUBLIC_BODY.name}`) })
      .first()
      .click();
    await supplier.getByLabel(/Service destinataire/).selectOption(DEMO_SERVICE_A.code);
    await supplier.getByLabel(/Numéro de facture/).fill('J-2026-001');
    await supplier.getByLabel('Date d’échéance').fill(inDays(30));
    await supplier.locator('#f-lines-0-name').fill('Élagage des platanes');
    await supplier.locator('#f-lines-0-quantity').fill('4');
    await supplier.locator('#f-lines-0-unitPrice').fill('125,50');
    await supplier.locator('#f-lines-0-vatRate').fill('0');
    await supplier.locator('#f-lines-0-name').focus();
    const rateError = supplier.locator('.fr-input-group--error:has(#f-lines-0-vatRate)');
    await rateError.filter({ hasText: 'BR-S-05' }).waitFor();
    expect(await invoice('J-2026-001')).toBeUndefined();
    await supplier.locator('#f-lines-0-vatRate').fill('20');
    await supplier.locator('#f-lines-0-name').focus();
    await expect.poll(() => rateError.count(), { timeout: 5000 }).toBe(0);
    await supplier
      .getByText(/602,40\s€/)
      .first()
      .waitFor(); // 502,00 HT + 100,40 VAT
    await supplier.getByRole('button', { name: 'Vérifier et envoyer la facture' }).click();
    await supplier.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    const keyed = (await invoice('J-2026-001'))!;
    expect(keyed).toMatchObject({ status: 'MISE_A_DISPOSITION', service_code: 'SERV-TECH' });

    // 2. Upload a Factur-X.
    await supplier.goto('/fournisseur/depot');
    await supplier.locator('#invoice-file').setInputFiles({
      name: 'J-2026-002.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await facturX({ number: 'J-2026-002' })),
    });
    await supplier.getByText('Aucun problème bloquant').waitFor();
    await supplier.getByRole('button', { name: 'Déposer la facture' }).click();
    await supplier.getByRole('heading', { name: 'Facture déposée' }).waitFor();
    const uploaded = (await invoice('J-2026-002'))!;
    expect(uploaded).toMatchObject({ status: 'MISE_A_DISPOSITION', format: 'FACTURX' });
    const before = await upcomingOnDashboard(supplier);
    expect(before).toContain('J-2026-001');
    expect(before).toContain('J-2026-002');

    // 3. Clerk A (service A) finds both in the inbox and suspends the keyed-in one.
    const clerk = await portal.newPage({ as: 'clerkA' });
    await clerk.goto('/destinataire/factures?number=J-2026');
    expect(await pageHeading(clerk)).toBe('Factures reçues');
    await clerk.getByRole('link', { name: 'J-2026-001' }).waitFor();
    await clerk.getByRole('link', { name: 'J-2026-002' }).waitFor();
    await clerk.getByRole('link', { name: 'J-2026-001' }).click();
    await clerk.locator('main h1', { hasText: 'Facture J-2026-001' }).waitFor();
    await act(clerk, 'Suspendre', { Motif: 'Merci de joindre le bon de commande.' });
    expect(await statusOf('J-2026-001')).toBe('SUSPENDUE');
    await supplierSees(supplier, keyed.id, 'Suspendue');

    // 4. The supplier completes it.
    await supplier.getByRole('button', { name: 'Compléter la facture' }).click();
    const complete = supplier.getByRole('dialog');
    await complete.getByLabel('Votre réponse au destinataire').fill('Bon de commande joint.');
    await complete.getByRole('button', { name: 'Confirmer' }).click();
    await supplier.getByText(/C’est fait : la facture est maintenant au statut/).waitFor();
    expect(await statusOf('J-2026-001')).toBe('COMPLETEE');

    // 5. Clerk A: service done, mandated, paid; the supplier sees each status.
    await clerk.reload();
    await clerk.getByText('Complétée', { exact: true }).first().waitFor();
    await act(clerk, 'Constater le service fait');
    expect(await statusOf('J-2026-001')).toBe('SERVICE_FAIT');
    await supplierSees(supplier, keyed.id, 'Service fait');
    await act(clerk, 'Mandater', { 'Numéro de mandat': 'M-J-001' });
    expect(await invoice('J-2026-001')).toMatchObject({
      status: 'MANDATEE',
      mandate_number: 'M-J-001',
    });
    await supplierSees(supplier, keyed.id, 'Mandatée');
    await act(clerk, 'Mettre en paiement', {
      'Date du paiement': inDays(0),
      'Montant payé': '602,40',
    });
    expect(await invoice('J-2026-001')).toMatchObject({
      status: 'MISE_EN_PAIEMENT',
      payment_amount: '602.40',
    });
    await supplierSees(supplier, keyed.id, 'Mise en paiement');

    // 6. The forecast moved: the paid invoice left the upcoming payments, the other stays.
    const after = await upcomingOnDashboard(supplier);
    expect(after).not.toContain('J-2026-001');
    expect(after).toContain('J-2026-002');

    // 7. A clerk of another service sees neither invoice.
    const other = await portal.newPage({ as: 'clerkB' });
    await other.goto('/destinataire/factures?number=J-2026');
    await pageHeading(other);
    await other
      .getByText(/Aucune facture/)
      .first()
      .waitFor();
    expect(await other.getByRole('link', { name: /J-2026-00/ }).count()).toBe(0);
    for (const id of [keyed.id, uploaded.id]) {
      await other.goto(`/factures/${id}`);
      expect(await pageHeading(other)).toBe('Facture introuvable');
    }

    expect((await verifyJournal({ db: db() })).problems).toEqual([]);
    for (const page of [supplier, clerk, other]) expectNoPageErrors(page);
  }, 300_000);
});
