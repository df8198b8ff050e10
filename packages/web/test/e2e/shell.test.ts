import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  expectNoPageErrors,
  pageHeading,
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

describe('portal shell', () => {
  it('serves the portal on deep links, in French by default, and switches to English', async () => {
    const page = await portal.newPage();
    await page.goto('/aide');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await pageHeading(page);
    await expect(page.title()).resolves.toContain('Chorale');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Help' }).first().waitFor();
    expectNoPageErrors(page);
  });

  it('keeps API 404s as problem documents and sends anonymous visitors to sign in', async () => {
    const api = await fetch(`${portal.baseUrl}/api/v1/nope`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const page = await portal.newPage();
    await page.goto('/fournisseur/factures');
    await page.waitForURL(/\/connexion\?next=%2Ffournisseur%2Ffactures/);
    expectNoPageErrors(page);
  });

  it('shows a signed-in supplier their navigation, accessible', async () => {
    const page = await portal.newPage({ as: 'supplier' });
    await page.goto('/fournisseur');
    await pageHeading(page);
    await page.getByRole('link', { name: 'Factures émises' }).first().waitFor();
    await expectAccessible(page);
    expectNoPageErrors(page);
  });
});
