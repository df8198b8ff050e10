import type { Page } from 'playwright-core';
import { portalForFile, type Portal } from './support.js';

/**
 * What the account test files share: their portal, its database, pages with a shorter wait,
 * and the sign-in form filled as a person would.
 *
 * Sign-in routes are rate limited (20 a minute per address and route): the tests sign in
 * through the API only where the sign-in itself is not what is tested, and reuse pages.
 */
export function accountSuite() {
  const portal = portalForFile();
  const db = () => portal().t.database.db;
  return {
    portal,
    db,
    userByEmail: (email: string) =>
      db().selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow(),
    /** A page whose waits fail within 25 s, with the locator named (the test's limit is longer). */
    async open(options?: Parameters<Portal['newPage']>[0]): Promise<Page> {
      const page = await portal().newPage(options);
      page.setDefaultTimeout(25_000);
      return page;
    },
  };
}

export async function signInWithForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Se connecter' }).click();
}
