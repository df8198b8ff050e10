import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  expectAccessible,
  expectNoPageErrors,
  pageHeading,
  screenshots,
  startPortal,
  tabTo,
  type Portal,
} from './support.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../../server/src/directory/demo-directory.js';
import {
  entryRefusalCodes,
  flowArchiveErrorCodes,
} from '../../../server/src/flows/archive/refusals.js';
import { flowRefusalCodes } from '../../../server/src/flows/model.js';
import { invoiceStatuses, refusalCodes } from '../../../server/src/invoices/model.js';
import { errorStatus } from '../../../server/src/lib/errors.js';

/**
 * The pages anyone can open: home, directory (search, pages, detail), help (every topic, every
 * status and refusal code reachable by its anchor), and the not-found page.
 */

let portal: Portal;
beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** Presses Tab until `target` has the focus (as a keyboard user moves through the page). */
async function visit(page: Page, path: string): Promise<string> {
  await page.goto(path);
  return pageHeading(page);
}

describe('home page', () => {
  it('says what Chorale is, for suppliers and public bodies, accessible, at both widths', async () => {
    const page = await portal.newPage();
    expect(await visit(page, '/')).toContain('Chorale');
    await page.getByRole('heading', { name: 'Vous êtes fournisseur' }).waitFor();
    await page.getByRole('heading', { name: 'Vous êtes une structure publique' }).waitFor();
    await page.getByRole('main').getByRole('link', { name: 'Créer un compte' }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'home');
    expectNoPageErrors(page);
  });

  it('gives a signed-in user the links to their space', async () => {
    const supplier = await portal.newPage({ as: 'supplier' });
    expect(await visit(supplier, '/')).toBe('Bonjour Camille Fournier');
    await supplier.getByRole('link', { name: /Tableau de bord fournisseur/ }).waitFor();
    expect(await supplier.getByRole('link', { name: /Factures reçues/ }).count()).toBe(0);
    await expectAccessible(supplier);
    await screenshots(supplier, 'home-signed-in');
    expectNoPageErrors(supplier);

    const clerk = await portal.newPage({ as: 'clerkA', lang: 'en' });
    expect(await visit(clerk, '/')).toBe('Hello Alex Technicien');
    await clerk
      .getByRole('main')
      .getByRole('link', { name: /Received invoices/ })
      .click();
    await clerk.waitForURL(/\/destinataire\/factures$/);
    expectNoPageErrors(clerk);
  });

  it('answers an unknown address with a plain not-found page', async () => {
    const page = await portal.newPage();
    expect(await visit(page, '/nulle-part')).toBe('Page introuvable');
    await page.getByText('« /nulle-part »', { exact: false }).waitFor();
    await expectAccessible(page);
    await screenshots(page, 'not-found');
    expectNoPageErrors(page);
  });
});

describe('directory', () => {
  it('searches by name and by SIRET, pages through results, shows the detail', async () => {
    const page = await portal.newPage();
    expect(await visit(page, '/annuaire')).toBe('Annuaire des structures');
    await page.getByRole('status').filter({ hasText: 'page 1' }).waitFor();
    await expectAccessible(page, 'directory, all structures');

    // Search by name, as a person would type it (accents and case do not matter).
    await page.getByLabel('Rechercher une structure').fill('chorale sur loire mairie');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.waitForURL(/q=chorale/);
    const row = page.getByRole('row', { name: /Mairie de Chorale-sur-Loire/ });
    await row.waitFor();
    expect(await row.textContent()).toContain(DEMO_PUBLIC_BODY.identifier);
    expect(await row.textContent()).toContain('Un code service');
    await expectAccessible(page, 'directory, search');
    await screenshots(page, 'directory-search');

    // By SIRET: exactly one result.
    await page.getByLabel('Rechercher une structure').fill(DEMO_PUBLIC_BODY.identifier);
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('status').filter({ hasText: '1 structure(s)' }).waitFor();

    // An empty result says so in words.
    await page.getByLabel('Rechercher une structure').fill('zzzz introuvable');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByText('Aucune structure ne correspond à « zzzz introuvable »').waitFor();

    // Keyset pages: next, then previous, never the same rows twice.
    await page.goto('/annuaire');
    await page.getByRole('status').filter({ hasText: 'page 1' }).waitFor();
    const firstPage = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(firstPage).toHaveLength(20);
    // A slow line: while page 2 is on its way, page 1's rows stay, and the status must not
    // already say "page 2" over them.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/structures?*cursor=*', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Page suivante' }).click();
    await page.getByRole('status').filter({ hasText: 'Chargement des résultats' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'page 2' }).count()).toBe(0);
    release();
    await page.getByRole('status').filter({ hasText: 'page 2' }).waitFor();
    await page.unroute('**/api/v1/structures?*cursor=*');
    const secondPage = await page.locator('table tbody tr td:first-child').allTextContents();
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    await page.getByRole('link', { name: 'Page précédente' }).click();
    await page.getByRole('status').filter({ hasText: 'page 1' }).waitFor();
    expect(await page.locator('table tbody tr td:first-child').allTextContents()).toEqual(
      firstPage,
    );

    // Detail: services and what invoices need, in plain words.
    await page.goto(`/annuaire?q=${DEMO_PUBLIC_BODY.identifier}`);
    await page.getByRole('link', { name: DEMO_PUBLIC_BODY.name }).first().click();
    // A link inside the portal: the old page stays until the new one has loaded.
    await page.getByRole('heading', { level: 1, name: DEMO_PUBLIC_BODY.name }).waitFor();
    await page.getByRole('heading', { name: 'Ce que vos factures doivent indiquer' }).waitFor();
    await page.getByText('Un code service : indiquez dans la facture').waitFor();
    const services = page.getByRole('table');
    expect(await services.textContent()).toContain('SERV-TECH');
    expect(await services.textContent()).toContain('SERV-ECOLES');
    await expectAccessible(page, 'structure detail');
    await screenshots(page, 'directory-detail');
    expectNoPageErrors(page);
  });

  it('shows cards on a phone and a plain message for an unknown identifier', async () => {
    const page = await portal.newPage({ width: 390, lang: 'en' });
    await visit(page, '/annuaire?q=chorale');
    const card = page.getByRole('heading', { name: DEMO_PUBLIC_BODY.name, level: 3 });
    await card.waitFor();
    expect(await page.getByRole('table').isVisible()).toBe(false);
    await expectAccessible(page, 'directory on a phone');

    expect(await visit(page, '/annuaire/00000000000000')).toBe('Structure not found');
    await expectAccessible(page, 'unknown structure');
    expectNoPageErrors(page);
  });

  it('is searched and opened with the keyboard alone', async () => {
    const page = await portal.newPage();
    await visit(page, '/annuaire');
    await tabTo(page, page.getByLabel('Rechercher une structure'));
    await page.keyboard.type('mairie chorale');
    await page.keyboard.press('Enter');
    await page.waitForURL(/q=mairie/);
    const link = page.getByRole('link', { name: DEMO_PUBLIC_BODY.name });
    await link.waitFor();
    await tabTo(page, link);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: DEMO_PUBLIC_BODY.name }).waitFor();
    // From the detail to the refusal code it warns about, then back up the breadcrumb.
    await tabTo(page, page.getByRole('link', { name: 'Comprendre les codes de refus' }));
    await page.keyboard.press('Enter');
    await page.locator('section#SERVICE_OBLIGATOIRE:focus').waitFor();
    expectNoPageErrors(page);
  });

  it('lists private companies only when asked', async () => {
    const page = await portal.newPage();
    await visit(page, `/annuaire?q=${DEMO_SUPPLIER.identifier}`);
    await page.getByText('Aucune structure ne correspond').waitFor();
    // The DSFR draws its own box over the input: click the label, as a person does.
    await page.getByText('Afficher aussi les entreprises et organismes privés').click();
    await page.getByRole('button', { name: 'Rechercher' }).click();
    await page.getByRole('row', { name: /Atelier Démo des Faubourgs SARL/ }).waitFor();
    expectNoPageErrors(page);
  });
});

describe('help', () => {
  const topics = [
    ['premiere-facture', 'Envoyer sa première facture'],
    ['statuts', 'Les statuts d’une facture'],
    ['codes-refus', 'Les codes de refus au dépôt'],
    ['traiter-factures', 'Traiter les factures reçues'],
    ['compte', 'Compte, sécurité et droits'],
    ['erreurs', 'Les messages d’erreur'],
    ['chorus-pro', 'Venir de Chorus Pro'],
    ['sollicitations', 'Poser une question (sollicitations)'],
    ['webhooks', 'Webhooks : être prévenu sans interroger'],
  ] as const;

  it('lists every topic, and each topic page is accessible at both widths', async () => {
    const page = await portal.newPage();
    expect(await visit(page, '/aide')).toBe('Aide');
    for (const [, title] of topics) {
      await page.getByRole('link', { name: title }).waitFor();
    }
    await expectAccessible(page, 'help index');
    await screenshots(page, 'help');
    for (const [slug, title] of topics) {
      expect(await visit(page, `/aide/${slug}`)).toBe(title);
      await expectAccessible(page, `help ${slug}`);
      await screenshots(page, `help-${slug}`);
    }
    expect(await visit(page, '/aide/nimporte-quoi')).toBe('Rubrique introuvable');
    expectNoPageErrors(page);
  });

  it('has an anchor for every status, refusal code and error code of the server', async () => {
    const page = await portal.newPage();
    await visit(page, '/aide/statuts');
    for (const status of invoiceStatuses) {
      expect(await page.locator(`section#${status} h2`).count(), status).toBe(1);
    }
    await visit(page, '/aide/codes-refus');
    // Deposit refusals, then what a flow adds: its own codes and the archive reader's, whole
    // flow and one entry (a flow report links each of them here).
    const codes = [
      ...refusalCodes,
      ...flowRefusalCodes,
      ...flowArchiveErrorCodes,
      ...entryRefusalCodes,
    ];
    for (const code of codes) {
      expect(await page.locator(`section#${code} h2`).count(), code).toBe(1);
    }
    // Nothing more: every entry of the page is a code of the server.
    expect(await page.locator('main section[id]').count()).toBe(codes.length);
    await visit(page, '/aide/erreurs');
    for (const code of Object.keys(errorStatus)) {
      expect(await page.locator(`section#${code} h2`).count(), code).toBe(1);
    }
    // A link from another page lands on the entry, focused.
    await page.goto('/aide/statuts#SUSPENDUE');
    await page.locator('section#SUSPENDUE:focus').waitFor();
    await page.goto('/aide/codes-refus#DOUBLON');
    await page.locator('section#DOUBLON:focus').waitFor();
    expect(await page.locator('section#DOUBLON').textContent()).toContain('Facture déjà déposée');
    await page.goto('/aide/codes-refus#ENTRY_PATH_TRAVERSAL');
    await page.locator('section#ENTRY_PATH_TRAVERSAL:focus').waitFor();
    expect(await page.locator('section#ENTRY_PATH_TRAVERSAL').textContent()).toContain(
      'Chemin qui sort de l’archive',
    );
    expectNoPageErrors(page);
  });

  it('is in English too', async () => {
    const page = await portal.newPage({ lang: 'en' });
    expect(await visit(page, '/aide/codes-refus')).toBe('Deposit refusal codes');
    expect(await page.locator('section#ENGAGEMENT_OBLIGATOIRE').textContent()).toContain(
      'Commitment number required',
    );
    await expectAccessible(page, 'help in English');
    expectNoPageErrors(page);
  });
});
