import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../server/src/accounts/model.js';
import { DEMO_PUBLIC_BODY, DEMO_SERVICE_A } from '../../../server/src/directory/demo-directory.js';
import { addPlatformSupport } from '../../../server/src/sollicitations/add-platform-support.js';
import { depositBody, ubl } from '../../../server/test/support/invoices.js';
import { call, login } from '../../../server/test/support/personas.js';
import {
  DEMO,
  expectAccessible,
  expectNoPageErrors,
  heading,
  pageHeading,
  portalForFile,
  screenshots,
} from './support.js';

/**
 * Sollicitations in the browser (issue 16): the supplier asks about an invoice from its page,
 * service A's clerk finds it in the inbox, takes it in hand and answers, service B's clerk is
 * refused; a question to the platform goes to the support's queue, which hands it to the public
 * body. Each step is checked in the database, each page with axe.
 */
let invoiceId = '';
const SUPPORT = { email: 'support@chorale.test', password: 'support-de-la-plateforme' };
const portal = portalForFile(async (p) => {
  await addPlatformSupport({ db: p.t.database.db, actor: SYSTEM_ACTOR, ...SUPPORT });
  const supplier = await login(p.t, DEMO.supplier.email, DEMO.supplier.password);
  const body = depositBody({
    invoice: ubl({ number: 'E2E-SOL-001', serviceCode: DEMO_SERVICE_A.code }),
  });
  const res = await call(p.t, supplier, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  invoiceId = (res.json() as { id: string }).id;
});

const thread = (subject: string) =>
  portal()
    .t.database.db.selectFrom('sollicitation')
    .selectAll()
    .where('subject', '=', subject)
    .executeTakeFirstOrThrow();

describe('sollicitations', () => {
  it('the supplier asks about an invoice; clerk A answers it; clerk B may not see it', async () => {
    const supplier = await portal().newPage({ as: 'supplier' });
    await supplier.goto(`/factures/${invoiceId}`);
    await heading(supplier, /E2E-SOL-001/);
    await supplier.getByRole('link', { name: 'Poser une question sur cette facture' }).click();
    await heading(supplier, /^Poser une question$/);
    await supplier.getByText(/À propos de la facture E2E-SOL-001/).waitFor();
    // Sending empty says what is missing, without a request.
    await supplier.getByRole('button', { name: 'Envoyer la question' }).click();
    await supplier.getByText('Ce champ est obligatoire.').first().waitFor();
    await supplier.getByLabel('Catégorie').selectOption('DELAI_PAIEMENT');
    await supplier.getByLabel('Précision').selectOption('RETARD');
    await supplier.getByLabel('Objet').fill('Paiement de la facture E2E-SOL-001');
    await supplier.getByLabel('Votre message').fill('Bonjour, le délai de paiement est dépassé.');
    await supplier.locator('#soll-files').setInputFiles({
      name: 'relance.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('relance du 1er décembre'),
    });
    await supplier.getByText(/relance\.txt/).waitFor();
    await expectAccessible(supplier, 'new question');
    await screenshots(supplier, 'sollicitation-new');
    await supplier.getByRole('button', { name: 'Envoyer la question' }).click();
    await heading(supplier, 'Paiement de la facture E2E-SOL-001');
    await supplier.getByText('Ouverte', { exact: true }).waitFor();
    await supplier.getByRole('link', { name: /relance\.txt/ }).waitFor();
    const row = await thread('Paiement de la facture E2E-SOL-001');
    expect(row).toMatchObject({
      status: 'OUVERTE',
      invoice_id: invoiceId,
      category: 'DELAI_PAIEMENT',
    });
    // Its mail job was enqueued with it.
    const jobs = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
      where name = 'notify-sollicitation' and data->>'sollicitationId' = ${row.id}`.execute(
      portal().t.database.db,
    );
    expect(jobs.rows[0]!.n).toBe(1);
    await expectAccessible(supplier, 'thread, supplier');
    await screenshots(supplier, 'sollicitation-thread');
    expectNoPageErrors(supplier);

    const clerk = await portal().newPage({ as: 'clerkA' });
    await clerk.goto('/sollicitations');
    expect(await pageHeading(clerk)).toBe('Sollicitations');
    await clerk.getByText('1 en attente de réponse').waitFor();
    await clerk.getByText('dont 0 depuis plus de 5 jours ouvrés').waitFor();
    await expectAccessible(clerk, 'inbox');
    await screenshots(clerk, 'sollicitations-inbox');
    await clerk.getByRole('link', { name: 'Paiement de la facture E2E-SOL-001' }).click();
    await heading(clerk, 'Paiement de la facture E2E-SOL-001');
    await clerk.getByRole('button', { name: 'Prendre en charge' }).click();
    await clerk.getByText('En cours', { exact: true }).waitFor();
    await clerk.getByLabel('Votre message').fill('Le mandat part demain.');
    await clerk.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await clerk.getByText('Répondue', { exact: true }).waitFor();
    await clerk.getByText('Le mandat part demain.').waitFor();
    await expectAccessible(clerk, 'thread, recipient');
    const answered = await thread('Paiement de la facture E2E-SOL-001');
    expect(answered.status).toBe('REPONDUE');
    const journal = await portal()
      .t.database.db.selectFrom('invoice_event')
      .select('event')
      .where('invoice_id', '=', invoiceId)
      .where('event', 'like', 'SOLLICITATION_%')
      .orderBy('seq')
      .execute();
    expect(journal.map((e) => e.event)).toEqual(['SOLLICITATION_OPENED', 'SOLLICITATION_ANSWERED']);
    // The invoice's history tells it too.
    await clerk.getByRole('link', { name: 'E2E-SOL-001' }).click();
    await heading(clerk, /E2E-SOL-001/);
    await clerk.getByText('Question répondue').first().waitFor();
    await clerk
      .getByRole('region', { name: 'Questions sur cette facture' })
      .getByRole('link', { name: 'Paiement de la facture E2E-SOL-001' })
      .waitFor();
    await expectAccessible(clerk, 'invoice with its question');
    expectNoPageErrors(clerk);

    const other = await portal().newPage({ as: 'clerkB' });
    await other.goto(`/sollicitations/${answered.id}`);
    await other.getByText('Vous n’avez pas les droits nécessaires pour cette action.').waitFor();
    await expectAccessible(other, 'thread refused');
  }, 120_000);

  it('a question to the platform reaches the support queue, which reassigns it', async () => {
    const supplier = await portal().newPage({ as: 'supplier' });
    await supplier.goto('/aide/sollicitations');
    await heading(supplier, 'Poser une question (sollicitations)');
    await supplier.getByText('Numéro d’engagement', { exact: false }).first().waitFor();
    await expectAccessible(supplier, 'help');
    await supplier.getByRole('link', { name: 'Poser une question', exact: true }).click();
    await heading(supplier, /^Poser une question$/);
    await supplier.getByLabel('Le support de la plateforme').check({ force: true });
    await supplier.getByLabel('Catégorie').selectOption('COMPTE_ACCES');
    await supplier.getByLabel('Précision').selectOption('DROITS');
    await supplier.getByLabel('Objet').fill('Droits d’un collègue');
    await supplier.getByLabel('Votre message').fill('Comment donner accès à un collègue ?');
    await supplier.getByRole('button', { name: 'Envoyer la question' }).click();
    await heading(supplier, 'Droits d’un collègue');
    expect((await thread('Droits d’un collègue')).addressee).toBe('PLATFORM');

    const support = await portal().newPage();
    const signIn = await support.request.post('/api/v1/auth/login', { data: SUPPORT });
    expect(signIn.status()).toBe(200);
    await support.goto('/sollicitations?boite=support');
    expect(await pageHeading(support)).toBe('Sollicitations');
    await support.getByRole('link', { name: 'Droits d’un collègue' }).waitFor();
    await expectAccessible(support, 'support queue');
    await screenshots(support, 'sollicitations-support');
    await support.getByRole('link', { name: 'Droits d’un collègue' }).click();
    await heading(support, 'Droits d’un collègue');
    await support.getByLabel('SIRET de la structure').fill(DEMO_PUBLIC_BODY.identifier);
    await support.getByRole('button', { name: 'Réattribuer' }).click();
    await support.getByText(/elle quitte la file du support/).waitFor();
    const moved = await thread('Droits d’un collègue');
    expect(moved).toMatchObject({ addressee: 'STRUCTURE', recipient_service_id: null });
    expectNoPageErrors(support);

    // The public body's gestionnaire (whole-structure right) now has it, in English too.
    const gestionnaire = await portal().newPage({ as: 'publicGestionnaire', lang: 'en' });
    await gestionnaire.goto('/sollicitations');
    expect(await pageHeading(gestionnaire)).toBe('Requests');
    await gestionnaire.getByRole('link', { name: 'Droits d’un collègue' }).waitFor();
    await expectAccessible(gestionnaire, 'inbox in English');
    expectNoPageErrors(gestionnaire);
  }, 120_000);
});
