import { describe, expect, it } from 'vitest';
import { accountSuite, signInWithForm } from './account-support.js';
import {
  DEMO,
  expectAccessible,
  expectNoPageErrors,
  heading,
  pageHeading,
  screenshots,
  tabTo,
} from './support.js';

/**
 * Signing in and passwords in the browser: sign-in (with its errors, `next`, the keyboard
 * alone), password reset from the e-mail, password change. Each change is checked in the
 * database.
 */

const { portal, db, open, userByEmail } = accountSuite();

describe('sign-in', () => {
  it(
    'explains a wrong password in plain words, then lands in the space',
    { timeout: 120_000 },
    async () => {
      const page = await open();
      await page.goto('/connexion');
      await heading(page, 'Connexion');
      await expectAccessible(page, 'sign-in');
      await screenshots(page, 'account-sign-in');

      await signInWithForm(page, DEMO.supplier.email, 'pas le bon mot de passe');
      const alert = page.getByText('Adresse e-mail ou mot de passe incorrect');
      await alert.waitFor();
      await expectAccessible(page, 'sign-in error');
      await screenshots(page, 'account-sign-in-error');
      const failures = await db()
        .selectFrom('app_user')
        .select('failed_attempts')
        .where('email', '=', DEMO.supplier.email)
        .executeTakeFirstOrThrow();
      expect(failures.failed_attempts).toBe(1);

      await signInWithForm(page, DEMO.supplier.email, DEMO.supplier.password);
      await page.waitForURL(/\/fournisseur$/);
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
      expectNoPageErrors(page);
    },
  );

  it('follows `next` only to a path of this site', { timeout: 120_000 }, async () => {
    const page = await open();
    await page.goto('/structure/clients-api');
    await page.waitForURL(/\/connexion\?next=%2Fstructure%2Fclients-api/);
    await signInWithForm(page, DEMO.supplier.email, DEMO.supplier.password);
    await page.waitForURL(/\/structure\/clients-api$/);
    await heading(page, new RegExp('Clients API'));

    const other = await open();
    await other.goto('/connexion?next=%2F%2Fevil.example%2Fphish');
    await pageHeading(other);
    await signInWithForm(other, DEMO.publicGestionnaire.email, DEMO.publicGestionnaire.password);
    // Not the other site: the space matching the rights (this gestionnaire also sends).
    await other.waitForURL(/\/fournisseur$/);
    expect(new URL(other.url()).host).toBe(new URL(portal().baseUrl).host);
    expectNoPageErrors(page);
    expectNoPageErrors(other);
  });

  it(
    'works with the keyboard alone (Tab, typing, Enter) and lands a clerk in the inbox',
    { timeout: 120_000 },
    async () => {
      const page = await open();
      await page.goto('/connexion');
      await pageHeading(page);
      await tabTo(page, page.getByLabel('Adresse e-mail'));
      await page.keyboard.type(DEMO.clerkB.email);
      await tabTo(page, page.getByLabel('Mot de passe', { exact: true }), 5);
      await page.keyboard.type(DEMO.clerkB.password);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/destinataire\/factures$/);

      // Then to the account page and its second-factor button, still without a mouse.
      await page.goto('/compte');
      await heading(page, 'Mon compte');
      await tabTo(page, page.getByRole('button', { name: 'Activer la double authentification' }));
      await page.keyboard.press('Enter');
      await page.getByTestId('totp-secret').waitFor();
      await tabTo(page, page.getByRole('button', { name: 'Annuler' }), 20);
      await page.keyboard.press('Space');
      await page.getByRole('button', { name: 'Activer la double authentification' }).waitFor();
      expect((await userByEmail(DEMO.clerkB.email)).totp_enabled).toBe(false);
      expectNoPageErrors(page);
    },
  );
});

describe('password reset', () => {
  it(
    'sends a link to the portal page, which sets a new password once',
    { timeout: 120_000 },
    async () => {
      const email = 'oubli@example.test';
      const res = await fetch(`${portal().baseUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'ancien mot de passe', name: 'Sam Oublieux' }),
      });
      expect(res.status).toBe(201);

      const page = await open();
      await page.goto('/connexion');
      await pageHeading(page);
      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await heading(page, 'Mot de passe oublié');
      await expectAccessible(page, 'password reset');
      await screenshots(page, 'account-password-reset');
      await page.getByLabel('Adresse e-mail').fill(email);
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      await page.getByText(`Si un compte existe pour ${email}`).waitFor();

      const mail = portal().t.mails.find((m) => m.to === email);
      expect(mail).toBeDefined();
      const link = /https?:\/\/\S+\/mot-de-passe\/nouveau\?token=[\w-]+/.exec(mail!.text)?.[0];
      expect(link).toBeDefined();
      const path = new URL(link!).pathname + new URL(link!).search;
      await page.goto(path);
      await heading(page, 'Choisir un nouveau mot de passe');
      await expectAccessible(page, 'new password');
      await screenshots(page, 'account-password-reset-confirm');
      await page.getByLabel(/^Nouveau mot de passe/).fill('nouveau mot de passe sûr');
      await page.getByLabel('Confirmer le nouveau mot de passe').fill('nouveau mot de passe sûr');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByText('Votre nouveau mot de passe est enregistré.').waitFor();
      const reset = await db()
        .selectFrom('password_reset')
        .innerJoin('app_user', 'app_user.id', 'password_reset.user_id')
        .select('password_reset.used_at')
        .where('app_user.email', '=', email)
        .executeTakeFirstOrThrow();
      expect(reset.used_at).not.toBeNull();

      // The same link a second time is explained.
      await page.goto(path);
      await pageHeading(page);
      await page.getByLabel(/^Nouveau mot de passe/).fill('encore un autre mot de passe');
      await page
        .getByLabel('Confirmer le nouveau mot de passe')
        .fill('encore un autre mot de passe');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByText('Lien expiré ou déjà utilisé').waitFor();

      // The new password opens the account (no structure yet: the account page).
      await page.goto('/connexion');
      await pageHeading(page);
      await signInWithForm(page, email, 'nouveau mot de passe sûr');
      await page.waitForURL(/\/compte$/);
      expectNoPageErrors(page);
    },
  );
});

describe('password change', () => {
  it(
    'a signed-in user changes the password: a wrong current one is told at its field, other sessions close',
    { timeout: 120_000 },
    async () => {
      const email = 'changement@example.test';
      const before = 'mot de passe de départ';
      const after = 'mot de passe d’arrivée';
      const signUp = await fetch(`${portal().baseUrl}/api/v1/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: before, name: 'Dominique Prudent' }),
      });
      expect(signUp.status).toBe(201);
      // A second session elsewhere (another browser), which the change must close.
      const elsewhere = await fetch(`${portal().baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: before }),
      });
      expect(elsewhere.status).toBe(200);
      const otherCookie = elsewhere.headers.get('set-cookie')!.split(';')[0]!;
      const meElsewhere = () =>
        fetch(`${portal().baseUrl}/api/v1/me`, { headers: { cookie: otherCookie } });
      expect((await meElsewhere()).status).toBe(200);
      const hashBefore = (await userByEmail(email)).password_hash;

      const page = await open();
      await page.goto('/connexion');
      await pageHeading(page);
      await signInWithForm(page, email, before);
      await page.waitForURL(/\/compte$/);
      await page.getByRole('link', { name: 'Changer de mot de passe' }).click();
      await heading(page, 'Changer de mot de passe');
      await expectAccessible(page, 'password change');
      await screenshots(page, 'account-password-change');

      await page.getByLabel('Mot de passe actuel').fill('pas le bon mot de passe');
      await page.getByLabel(/^Nouveau mot de passe/).fill(after);
      await page.getByLabel('Confirmer le nouveau mot de passe').fill(after);
      await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
      await page.getByText('Ce n’est pas votre mot de passe actuel.').waitFor();
      await expectAccessible(page, 'password change, wrong current password');
      expect((await userByEmail(email)).password_hash).toBe(hashBefore);

      await page.getByLabel('Mot de passe actuel').fill(before);
      await page.getByRole('button', { name: 'Enregistrer le nouveau mot de passe' }).click();
      await page.getByText('Votre nouveau mot de passe est enregistré.').waitFor();
      expect((await userByEmail(email)).password_hash).not.toBe(hashBefore);
      expect((await meElsewhere()).status).toBe(401);
      // This session stays open.
      await page.getByRole('link', { name: 'Retour à mon compte' }).click();
      await heading(page, 'Mon compte');
      const events = await db()
        .selectFrom('audit_event')
        .innerJoin('app_user', 'app_user.id', 'audit_event.subject_user_id')
        .select('audit_event.event')
        .where('app_user.email', '=', email)
        .execute();
      expect(events.map((e) => e.event)).toEqual(
        expect.arrayContaining(['PASSWORD_CHANGE_FAILED', 'PASSWORD_CHANGED']),
      );
      expectNoPageErrors(page);
    },
  );
});
