import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { findStructure } from '../../../server/src/accounts/structure-access.js';
import { DEMO_SUPPLIER } from '../../../server/src/directory/demo-directory.js';
import { recordEvents } from '../../../server/src/events/record-event.js';
import { seedDemoInvoices } from '../../../server/src/seed/seed-demo-invoices.js';
import {
  expectAccessible,
  expectNoPageErrors,
  heading,
  portalForFile,
  screenshots,
} from './support.js';

/**
 * Webhooks, the bell and mail preferences in the browser (issue 16): the supplier's
 * gestionnaire adds a webhook (secret shown once), reads its deliveries, resends one, deletes
 * it; reads and marks notifications; chooses which mails to get. Each change is checked in the
 * database, each page with axe.
 */

// The demo invoices give the supplier its first notifications (deposits, status changes).
const portal = portalForFile(async (p) => {
  await seedDemoInvoices({ db: p.t.database.db });
});
const db = () => portal().t.database.db;

describe('webhook settings', () => {
  it('adds a webhook, shows its secret once, lists deliveries with attempts, resends and deletes', async () => {
    const page = await portal().newPage({ as: 'supplier' });
    page.setDefaultTimeout(25_000);
    await page.goto('/structure/webhooks');
    await heading(page, `Webhooks — ${DEMO_SUPPLIER.name}`);
    await page.getByText('La structure n’a encore aucun webhook.').waitFor();
    await expectAccessible(page, 'webhooks, empty');
    await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
    await page.getByText('Cochez au moins un événement.').waitFor();
    await page.getByText('Ce champ est obligatoire.').waitFor();
    await expectAccessible(page, 'webhooks, errors');

    // An address that is not HTTPS is refused by the server, said in plain words.
    await page.getByLabel(/^Adresse HTTPS du logiciel/).fill('http://erp.exemple.test/chorale');
    await page.locator('label', { hasText: /^Statut de facture modifié/ }).click();
    await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
    await page.getByText(/https/).first().waitFor();
    expect(await db().selectFrom('webhook').select('id').execute()).toEqual([]);

    const url = 'https://erp.exemple.test/chorale/evenements';
    await page.getByLabel(/^Adresse HTTPS du logiciel/).fill(url);
    await page.getByRole('button', { name: 'Ajouter le webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    const row = await db().selectFrom('webhook').selectAll().executeTakeFirstOrThrow();
    expect([row.url, row.events]).toEqual([url, ['invoice.status_changed']]);
    expect(row.secret_enc).not.toContain(secret.slice(6));
    await page.getByRole('cell', { name: url, exact: true }).waitFor();
    await expectAccessible(page, 'webhooks, secret shown');
    await screenshots(page, 'webhooks-secret');
    await page.getByRole('button', { name: 'J’ai noté le secret' }).click();
    await expect(page.getByTestId('webhook-secret').count()).resolves.toBe(0);

    // An event for the webhook, and a first attempt the receiver refused.
    const supplier = (await findStructure(db(), DEMO_SUPPLIER.identifier))!;
    await recordEvents(db(), [
      {
        type: 'invoice.status_changed',
        structureId: supplier.id,
        audience: 'FACTURES_EMISES',
        data: { invoice: { id: 'inv_x', number: 'F-1' }, oldStatus: null, newStatus: 'DEPOSEE' },
      },
    ]);
    const delivery = await db()
      .selectFrom('webhook_delivery')
      .select(['id', 'event_id'])
      .executeTakeFirstOrThrow();
    await db()
      .insertInto('webhook_attempt')
      .values({
        id: 'wha_e2e0000000000000000000000',
        delivery_id: delivery.id,
        status_code: 503,
        duration_ms: 42,
        response_excerpt: 'maintenance en cours',
      })
      .execute();
    await page.getByRole('button', { name: `Voir les envois vers ${url}` }).click();
    await page.getByText(/HTTP 503 en 42 ms/).waitFor();
    await page.getByText('maintenance en cours').waitFor();
    await expectAccessible(page, 'webhook deliveries');
    await screenshots(page, 'webhooks-deliveries');
    const jobs = async () =>
      (
        await sql<{ n: string }>`select count(*) as n from pgboss.job
          where name = 'deliver-webhook' and data->>'deliveryId' = ${delivery.id}`.execute(db())
      ).rows[0]!.n;
    expect(Number(await jobs())).toBe(1);
    await page.getByRole('button', { name: `Renvoyer l’événement ${delivery.event_id}` }).click();
    await page.getByText(`Renvoi de ${delivery.event_id} programmé.`).waitFor();
    expect(Number(await jobs())).toBe(2);

    await page.getByRole('button', { name: `Supprimer le webhook ${url}` }).click();
    await page.getByRole('heading', { name: `Supprimer le webhook ${url} ?` }).waitFor();
    await expectAccessible(page, 'webhook delete confirmation');
    await page.getByRole('button', { name: 'Oui, supprimer' }).click();
    await page.getByText('La structure n’a encore aucun webhook.').waitFor();
    expect(await db().selectFrom('webhook').select('id').execute()).toEqual([]);
    expectNoPageErrors(page);
  });
});

describe('the bell and mail preferences', () => {
  it('counts unread notifications in the header, lists them, marks them read', async () => {
    const page = await portal().newPage({ as: 'supplier' });
    page.setDefaultTimeout(25_000);
    await page.goto('/');
    const bell = page.getByRole('link', { name: /^Notifications \(\d+ non lues\)$/ });
    await bell.waitFor();
    const count = async () => Number(/\((\d+)/.exec((await bell.textContent()) ?? '')?.[1] ?? 0);
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await bell.click();
    await heading(page, 'Notifications');
    await page.getByText(`${before} non lue(s)`).waitFor();
    await expectAccessible(page, 'notifications');
    await screenshots(page, 'notifications');
    await page
      .getByTestId('notifications')
      .getByRole('button', { name: /^Marquer comme lu :/ })
      .first()
      .click();
    await page.getByText(`${before - 1} non lue(s)`).waitFor();
    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByText('Tout est lu.').waitFor();
    await page.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    const user = await db()
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'fournisseur@demo.chorale.test')
      .executeTakeFirstOrThrow();
    const state = await db()
      .selectFrom('notification_state')
      .select('read_before')
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(state.read_before).not.toBeNull();
    await expectAccessible(page, 'notifications, all read');
    expectNoPageErrors(page);
  });

  it('chooses, per event, an e-mail at once, the daily summary or none', async () => {
    const page = await portal().newPage({ as: 'supplier' });
    page.setDefaultTimeout(25_000);
    await page.goto('/compte/notifications');
    await heading(page, 'E-mails de notification');
    await expectAccessible(page, 'notification preferences');
    const group = page.getByRole('group', { name: 'Statut de facture modifié' });
    await group.locator('label', { hasText: 'Pas d’e-mail' }).click();
    const flows = page.getByRole('group', { name: 'Compte rendu de flux prêt' });
    await flows.locator('label', { hasText: 'Dans le résumé quotidien' }).click();
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await page.getByText('Vos choix sont enregistrés.').waitFor();
    const rows = await db()
      .selectFrom('notification_preference')
      .innerJoin('app_user', 'app_user.id', 'notification_preference.user_id')
      .select(['type', 'mode'])
      .where('app_user.email', '=', 'fournisseur@demo.chorale.test')
      .where('mode', '!=', 'IMMEDIATE')
      .orderBy('type')
      .execute();
    expect(rows).toEqual([
      { type: 'flow.report_ready', mode: 'DIGEST' },
      { type: 'invoice.status_changed', mode: 'OFF' },
    ]);
    await screenshots(page, 'notification-preferences');
    expectNoPageErrors(page);
  });
});
