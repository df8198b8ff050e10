import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorker, type JobWorker } from '../../../server/src/jobs/worker.js';
import { createMailer, type Mail } from '../../../server/src/lib/mailer.js';
import { depositBody, ublInvoice } from '../../../server/test/support/invoices.js';
import {
  DEMO,
  expectAccessible,
  expectNoPageErrors,
  heading,
  portalForFile,
  screenshots,
} from './support.js';

/**
 * The mails of real actions, read in Chromium as a mail client shows their HTML part: a supplier
 * deposits an invoice (the recipient service is told), the service suspends it with a reason
 * (the supplier is told, the clerk who did it is not). What the page shows is checked — names,
 * amount, status words, escaped reason, link to the invoice, the support footer — with axe.
 */
const SUPPORT = {
  email: 'support@chorale.test',
  url: 'https://aide.chorale.test/contact',
  phone: '01 23 45 67 89',
};

const portal = portalForFile(async (p) => {
  // The instance's support contact, as SUPPORT_* would set it (the routes read this object).
  Object.assign(p.t.config.support, SUPPORT);
});
const mails: Mail[] = [];
let worker: JobWorker;

beforeAll(async () => {
  const { t, baseUrl } = portal();
  const mailer = createMailer({
    smtpUrl: undefined,
    from: t.config.mailFrom,
    log: (mail) => mails.push(mail),
    footer: { publicUrl: baseUrl, support: t.config.support },
  });
  worker = await startWorker({
    db: t.database.db,
    mailer,
    publicUrl: baseUrl,
    log: () => undefined,
    pollingIntervalSeconds: 0,
  });
});
afterAll(async () => {
  await worker?.stop();
});

/** Runs the queued mail jobs; returns the mails they sent. */
async function sent(): Promise<Mail[]> {
  const before = mails.length;
  await worker.drain();
  return mails.slice(before);
}

async function csrf(page: Page): Promise<string> {
  const res = await page.context().request.get('/api/v1/auth/session');
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Opens a mail's HTML part as a mail client would, in a fresh page. */
async function openMail(mail: Mail): Promise<Page> {
  const page = await portal().newPage();
  expect(mail.html).toBeDefined();
  await page.setContent(mail.html!);
  return page;
}

describe('notification mails, as people read them', () => {
  it('tells the service of a new invoice, and the supplier of its suspension, in plain words', async () => {
    const supplier = await portal().newPage({ as: 'supplier' });
    supplier.setDefaultTimeout(25_000);
    await supplier.goto('/');
    const number = 'F-MAIL-0001';
    const body = depositBody({
      invoice: {
        bytes: ublInvoice({ number }),
        filename: `${number}.xml`,
        contentType: 'application/xml',
      },
    });
    const deposit = await supplier.context().request.post('/api/v1/invoices', {
      headers: { ...body.headers, 'x-csrf-token': await csrf(supplier) },
      data: body.payload,
    });
    expect(deposit.status(), await deposit.text()).toBe(201);
    const { id } = (await deposit.json()) as { id: string };

    const available = (await sent()).filter((m) => m.subject.includes(number));
    const toClerk = available.find((m) => m.to === DEMO.clerkA.email);
    expect(toClerk, available.map((m) => m.to).join()).toBeDefined();
    // The depositor is on the other side: no mail about their own deposit.
    expect(available.map((m) => m.to)).not.toContain(DEMO.supplier.email);
    expect(toClerk!.subject).toBe(`Nouvelle facture ${number} d’Atelier Démo des Faubourgs SARL`);

    const mail = await openMail(toClerk!);
    const french = mail.locator('[lang="fr"]').first();
    await expect(french.textContent()).resolves.toContain(
      `La facture ${number} d’Atelier Démo des Faubourgs SARL, d’un montant de 1\u202f500,00\u00a0€, est mise à votre disposition.`,
    );
    const link = mail.getByRole('link', { name: 'Voir la facture' });
    await expect(link.getAttribute('href')).resolves.toBe(`${portal().baseUrl}/factures/${id}`);
    await mail.getByRole('link', { name: 'support@chorale.test' }).first().waitFor();
    await expect(
      mail.getByRole('link', { name: SUPPORT.url }).first().getAttribute('href'),
    ).resolves.toBe(SUPPORT.url);
    await expect(
      mail.getByRole('link', { name: SUPPORT.phone }).first().getAttribute('href'),
    ).resolves.toBe('tel:0123456789');
    await expectAccessible(mail, 'mail: invoice made available');
    await screenshots(mail, 'mail-invoice-available');

    // The clerk follows the mail's link into the portal, signed in: the invoice opens.
    const clerk = await portal().newPage({ as: 'clerkA' });
    clerk.setDefaultTimeout(25_000);
    await clerk.goto(`/factures/${id}`.replace(portal().baseUrl, ''));
    await clerk.getByRole('heading', { level: 1, name: new RegExp(number) }).waitFor();

    // The service suspends it, with a reason that looks like markup: shown as text.
    const reason = 'Il manque le <b>bon de commande</b> & le devis signé';
    const move = await clerk.context().request.post(`/api/v1/invoices/${id}/status`, {
      headers: { 'x-csrf-token': await csrf(clerk) },
      data: { status: 'SUSPENDUE', version: 1, reason },
    });
    expect(move.status(), await move.text()).toBe(200);
    const changed = (await sent()).filter((m) => m.subject.includes(number));
    expect(changed.map((m) => m.to)).toContain(DEMO.supplier.email);
    expect(changed.map((m) => m.to)).not.toContain(DEMO.clerkA.email);
    const toSupplier = changed.find((m) => m.to === DEMO.supplier.email)!;
    expect(toSupplier.subject).toBe(`Facture ${number} : Suspendue`);

    const statusMail = await openMail(toSupplier);
    const text = (await statusMail.locator('body').textContent())!;
    expect(text).toContain(
      `Votre facture ${number} adressée à Mairie de Chorale-sur-Loire est passée au statut « Suspendue » (elle était « Mise à disposition »).`,
    );
    expect(text).toContain(`Motif donné : ${reason}`);
    expect(text).toContain('“Suspended” (it was “Made available”)');
    expect(text).not.toMatch(/SUSPENDUE|MISE_A_DISPOSITION/);
    // Escaped, the reason's tags are words on the page, not elements.
    await expect(statusMail.locator('b').count()).resolves.toBe(0);
    await expect(
      statusMail.getByRole('link', { name: 'See the invoice' }).getAttribute('href'),
    ).resolves.toBe(`${portal().baseUrl}/factures/${id}`);
    await expectAccessible(statusMail, 'mail: status changed');
    await screenshots(statusMail, 'mail-status-changed');
    expectNoPageErrors(statusMail);
    expectNoPageErrors(clerk);
  });
});

describe('the support contact on the help pages', () => {
  it('shows the instance’s contact and the user guides on every help page', async () => {
    const page = await portal().newPage();
    page.setDefaultTimeout(25_000);
    for (const path of ['/aide', '/aide/statuts', '/aide/webhooks']) {
      await page.goto(path);
      const box = page.getByTestId('support-contact');
      await box.getByRole('link', { name: SUPPORT.email }).waitFor();
      await expect(
        box.getByRole('link', { name: SUPPORT.phone }).getAttribute('href'),
      ).resolves.toBe('tel:0123456789');
    }
    await expectAccessible(page, 'help with the support contact');
    const guide = page.getByRole('link', { name: /Guide des structures publiques/ });
    const href = (await guide.getAttribute('href'))!;
    const res = await page.context().request.get(href);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/application\/pdf/);
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await heading(page, 'Webhooks : être prévenu sans interroger');
    expectNoPageErrors(page);
  });
});
