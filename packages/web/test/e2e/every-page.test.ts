/**
 * Every page of the portal, as every persona, through axe-core (issue 6: "the test visits them
 * all, signed in as each persona"). The area files test each page's states in depth; this one
 * makes sure no page, in any persona's eyes (including "you may not see this"), has a violation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY } from '../../../server/src/directory/demo-directory.js';
import { seedDemoInvoices } from '../../../server/src/seed/seed-demo-invoices.js';
import {
  axeViolations,
  expectNoPageErrors,
  pageHeading,
  startPortal,
  type DemoPersona,
  type Portal,
} from './support.js';

let portal: Portal;
let invoiceId: string;
beforeAll(async () => {
  portal = await startPortal();
  await seedDemoInvoices({ db: portal.t.database.db });
  invoiceId = (
    await portal.t.database.db
      .selectFrom('invoice')
      .select('id')
      .where('number', '=', 'DEMO-2026-003')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await portal?.close();
});

/** Pages anyone may open: the same for everyone but the header, so two personas suffice. */
const publicPages = (): string[] => [
  '/',
  '/connexion',
  '/inscription',
  '/mot-de-passe-oublie',
  '/mot-de-passe/nouveau?token=x',
  '/annuaire',
  `/annuaire/${DEMO_PUBLIC_BODY.identifier}`,
  '/aide',
  '/aide/statuts',
  '/aide/codes-refus',
  '/aide/chorus-pro',
  '/aide/sollicitations',
  '/aide/webhooks',
  '/page-qui-n-existe-pas',
];

/** Pages behind sign-in: what each shows depends on who is looking (or refuses them). */
const privatePages = (): string[] => [
  '/compte',
  '/compte/mot-de-passe',
  '/structure/utilisateurs',
  '/structure/clients-api',
  '/structure/comptes-techniques',
  '/structure/webhooks',
  '/notifications',
  '/compte/notifications',
  '/fournisseur',
  '/fournisseur/saisie',
  '/fournisseur/depot',
  '/fournisseur/flux',
  '/fournisseur/flux/depot',
  '/fournisseur/flux/flw_00000000000000000000000000',
  '/fournisseur/factures',
  '/destinataire/factures',
  '/destinataire/echeances',
  `/factures/${invoiceId}`,
  '/sollicitations',
  '/sollicitations/nouvelle',
  '/sollicitations/sol_00000000000000000000000000',
];

const personas: { who: DemoPersona | 'anonymous'; pages: () => string[] }[] = [
  { who: 'anonymous', pages: () => [...publicPages(), '/fournisseur'] },
  { who: 'supplier', pages: () => [...publicPages(), ...privatePages()] },
  { who: 'publicGestionnaire', pages: privatePages },
  { who: 'clerkA', pages: privatePages },
  { who: 'clerkB', pages: privatePages },
];

const pages = (): string[] => [...publicPages(), ...privatePages()];

describe('every page, every persona, axe-clean', () => {
  for (const { who: persona, pages: pagesOf } of personas) {
    it(`as ${persona}`, async () => {
      const page = await portal.newPage(persona === 'anonymous' ? {} : { as: persona });
      const visited: string[] = [];
      const found: string[] = [];
      for (const url of pagesOf()) {
        await page.goto(url);
        const heading = await pageHeading(page);
        // Pages that load data show their real content (or their refusal) before the check.
        await page.waitForLoadState('networkidle');
        await page
          .locator('[role="status"]', { hasText: /^Chargement/ })
          .waitFor({ state: 'detached' })
          .catch(() => undefined);
        for (const v of await axeViolations(page)) found.push(`${url}: ${v}`);
        visited.push(`${url} → ${heading}`);
      }
      expect(visited).toHaveLength(pagesOf().length);
      expect(found, `axe as ${persona}`).toEqual([]);
      expectNoPageErrors(page);
    }, 300_000);
  }

  it('at phone width too, for the supplier and a clerk', async () => {
    const found: string[] = [];
    // The supplier sees every page; the clerk adds the public body's view of the private ones.
    for (const [persona, urls] of [
      ['supplier', pages()],
      ['clerkA', privatePages()],
    ] as const) {
      const page = await portal.newPage({ as: persona, width: 390 });
      for (const url of urls) {
        await page.goto(url);
        await pageHeading(page);
        await page.waitForLoadState('networkidle');
        for (const v of await axeViolations(page)) found.push(`${url} as ${persona}: ${v}`);
      }
      expectNoPageErrors(page);
    }
    expect(found, 'axe at 390 px').toEqual([]);
  }, 300_000);
});
