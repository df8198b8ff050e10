import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../../server/src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../../server/src/accounts/model.js';
import { totpFor } from '../../../server/src/accounts/totp.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../../server/src/directory/demo-directory.js';
import { accountSuite, signInWithForm } from './account-support.js';
import {
  DEMO,
  expectAccessible,
  expectNoPageErrors,
  heading,
  pageHeading,
  screenshots,
} from './support.js';

/**
 * Accounts and structures in the browser: sign-up and joining a structure, the gestionnaire's
 * users page, the second factor from enrolment to sign-in, API clients and the pages kept for
 * gestionnaires. Each change is checked in the database.
 */

const { portal, db, open, userByEmail } = accountSuite();
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

describe('sign-up, joining a structure and the gestionnaire’s decision', () => {
  const newcomer = {
    name: 'Claude Nouveau',
    email: 'claude.nouveau@mairie.example',
    password: 'une phrase de passe assez longue',
  };

  it(
    'creates an account, asks to join, and the gestionnaire approves with rights',
    { timeout: 120_000 },
    async () => {
      const page = await open();
      await page.goto('/inscription');
      await heading(page, 'Créer un compte');
      await expectAccessible(page, 'sign-up');
      await screenshots(page, 'account-sign-up');

      // Mistakes are shown beside their field before anything is sent.
      await page.getByLabel('Prénom et nom').fill(newcomer.name);
      await page.getByLabel('Adresse e-mail professionnelle').fill(newcomer.email);
      // The label carries its hint ("12 caractères au minimum…"): match its start.
      await page.getByLabel(/^Mot de passe/).fill('court');
      await page.getByLabel('Confirmer le mot de passe').fill('autre');
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByText('Le mot de passe doit compter au moins 12 caractères.').waitFor();
      await page.getByText('Les deux mots de passe ne sont pas identiques.').waitFor();
      await expectAccessible(page, 'sign-up errors');
      await page.getByLabel(/^Mot de passe/).fill(newcomer.password);
      await page.getByLabel('Confirmer le mot de passe').fill(newcomer.password);
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.waitForURL(/\/compte\?bienvenue=1#rejoindre$/);
      await page.getByText('Votre compte est créé.').waitFor();
      const user = await userByEmail(newcomer.email);
      expect(user.name).toBe(newcomer.name);

      // Join the town hall, found by name.
      await page.getByLabel('Nom ou SIRET de la structure').fill('mairie chorale');
      await page.getByRole('button', { name: 'Chercher' }).click();
      await page
        .getByRole('button', { name: `Demander à rejoindre ${DEMO_PUBLIC_BODY.name}` })
        .click();
      await page
        .getByLabel('Message pour les gestionnaires (facultatif)')
        .fill('Agent des services techniques, arrivé en novembre.');
      await expectAccessible(page, 'join form');
      await screenshots(page, 'account-join');
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      await page.getByText('Demande envoyée').waitFor();
      // The request shows among the newcomer's own, waiting.
      const mine = page.getByTestId('my-join-requests').getByRole('listitem');
      await mine.filter({ hasText: DEMO_PUBLIC_BODY.name }).getByText('En attente').waitFor();
      const request = await db()
        .selectFrom('join_request')
        .innerJoin('structure', 'structure.id', 'join_request.structure_id')
        .select(['join_request.id', 'join_request.status', 'join_request.message'])
        .where('join_request.user_id', '=', user.id)
        .where('structure.identifier', '=', DEMO_PUBLIC_BODY.identifier)
        .executeTakeFirstOrThrow();
      expect(request.status).toBe('EN_ATTENTE');
      expect(request.message).toContain('services techniques');
      await expectAccessible(page, 'account, no structure');
      await screenshots(page, 'account');

      // Asking twice is explained, not an error page.
      await page
        .getByRole('button', { name: `Demander à rejoindre ${DEMO_PUBLIC_BODY.name}` })
        .click();
      await page.getByRole('button', { name: 'Envoyer la demande' }).click();
      await page.getByText('attend déjà la décision de ses gestionnaires').waitFor();

      // A second person asks too (through the API), to be refused.
      const stranger = await portal().browser.newContext({ baseURL: portal().baseUrl });
      const signup = await stranger.request.post('/api/v1/auth/signup', {
        data: {
          email: 'inconnu@example.test',
          password: 'mot de passe inconnu',
          name: 'Dominique Inconnu',
        },
      });
      expect(signup.status()).toBe(201);
      const login = await stranger.request.post('/api/v1/auth/login', {
        data: { email: 'inconnu@example.test', password: 'mot de passe inconnu' },
      });
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const asked = await stranger.request.post(
        `/api/v1/structures/${DEMO_PUBLIC_BODY.identifier}/join-requests`,
        { data: {}, headers: { 'x-csrf-token': csrfToken } },
      );
      expect(asked.status()).toBe(201);
      await stranger.close();

      // The gestionnaire decides.
      const manager = await open({ as: 'publicGestionnaire' });
      await manager.goto('/structure/utilisateurs');
      await heading(manager, `Utilisateurs — ${DEMO_PUBLIC_BODY.name}`);
      const card = manager.getByRole('article', { name: new RegExp(newcomer.name) });
      await card.waitFor();
      await card.getByText('arrivé en novembre').waitFor();
      await card.locator('select[id$="-FACTURES_RECUES"]').selectOption('services');
      await card.getByText('SERV-TECH — Services techniques').click();
      await expectAccessible(manager, 'members with pending requests');
      await screenshots(manager, 'account-members');
      await card.getByRole('button', { name: 'Accepter avec ces droits' }).click();
      await manager.getByText(`${newcomer.name} a rejoint la structure.`).waitFor();

      const refused = manager.getByRole('article', { name: /Dominique Inconnu/ });
      await refused.getByRole('button', { name: 'Refuser la demande' }).click();
      await manager.getByText('La demande de Dominique Inconnu est refusée.').waitFor();
      await manager.getByText('Aucune demande en attente.').waitFor();

      const rightsOf = async (email: string) => {
        const rows = await db()
          .selectFrom('membership')
          .innerJoin('app_user', 'app_user.id', 'membership.user_id')
          .innerJoin('structure', 'structure.id', 'membership.structure_id')
          .leftJoin('membership_right', 'membership_right.membership_id', 'membership.id')
          .leftJoin('service', 'service.id', 'membership_right.service_id')
          .select(['membership.role', 'membership_right.space', 'service.code'])
          .where('app_user.email', '=', email)
          .where('structure.identifier', '=', DEMO_PUBLIC_BODY.identifier)
          .orderBy('membership_right.space')
          .execute();
        return rows.map((r) => `${r.role} ${r.space ?? '-'} ${r.code ?? '*'}`);
      };
      expect(await rightsOf(newcomer.email)).toEqual(['UTILISATEUR FACTURES_RECUES SERV-TECH']);
      expect(await rightsOf('inconnu@example.test')).toEqual([]);
      const decided = await db()
        .selectFrom('join_request')
        .innerJoin('app_user', 'app_user.id', 'join_request.user_id')
        .select(['app_user.email', 'join_request.status'])
        .where('join_request.status', '!=', 'EN_ATTENTE')
        .orderBy('app_user.email')
        .execute();
      expect(decided).toEqual([
        { email: newcomer.email, status: 'ACCEPTEE' },
        { email: 'inconnu@example.test', status: 'REFUSEE' },
      ]);
      // The newcomer sees the decision among their requests.
      await page.goto('/compte');
      await mine.filter({ hasText: DEMO_PUBLIC_BODY.name }).getByText('Acceptée').waitFor();
      expect(await mine.count()).toBe(1);

      // Then widens the newcomer's rights from the members table.
      await manager
        .getByRole('button', { name: `Modifier les droits de ${newcomer.name}` })
        .click();
      const editor = manager.getByRole('heading', { name: `Droits de ${newcomer.name}` });
      await editor.waitFor();
      await manager.locator('select[id$="-SOLLICITATIONS"]').last().selectOption('all');
      await manager.getByRole('button', { name: 'Enregistrer' }).click();
      await manager.getByText(`Les droits de ${newcomer.name} sont enregistrés.`).waitFor();
      expect(await rightsOf(newcomer.email)).toEqual([
        'UTILISATEUR FACTURES_RECUES SERV-TECH',
        'UTILISATEUR SOLLICITATIONS *',
      ]);
      // The last gestionnaire cannot demote themselves: said plainly.
      await manager.getByRole('button', { name: /Modifier les droits de Dominique Maire/ }).click();
      await manager
        .getByRole('radio', { name: /Utilisateur/ })
        .last()
        .check({ force: true });
      await manager.getByRole('button', { name: 'Enregistrer' }).click();
      await manager
        .getByText('La structure doit garder au moins un gestionnaire principal')
        .waitFor();
      expect(await rightsOf(DEMO.publicGestionnaire.email)).toContain(
        'GESTIONNAIRE_PRINCIPAL FACTURES_RECUES *',
      );
      // The security log names who did what.
      const log = manager.getByRole('table').filter({ hasText: 'Demande acceptée' });
      await log
        .getByRole('row', { name: /Demande acceptée Dominique Maire Claude Nouveau/ })
        .waitFor();
      await log
        .getByRole('row', { name: /Demande refusée Dominique Maire Dominique Inconnu/ })
        .waitFor();
      await expectAccessible(manager, 'member editor');
      await screenshots(manager, 'account-members-edit');

      // The newcomer sees the structure in their account (after a reload of who they are).
      await page.reload();
      await page.getByRole('cell', { name: new RegExp(DEMO_PUBLIC_BODY.name) }).waitFor();
      await page.getByText('Factures reçues : services SERV-TECH').waitFor();
      expectNoPageErrors(page);
      expectNoPageErrors(manager);
    },
  );

  it(
    'enrols a second factor, signs in with a TOTP code and with a recovery code, then turns it off',
    { timeout: 120_000 },
    async () => {
      const page = await open();
      await page.goto('/connexion?next=%2Fcompte');
      await pageHeading(page);
      await signInWithForm(page, newcomer.email, newcomer.password);
      await page.waitForURL(/\/compte$/);
      await page.getByRole('button', { name: 'Activer la double authentification' }).click();
      const secretBox = page.getByTestId('totp-secret');
      await secretBox.waitFor();
      await page.getByRole('img', { name: /QR code/ }).waitFor();
      const secret = (await secretBox.getAttribute('data-secret'))!;
      expect((await secretBox.textContent())?.replace(/\s/g, '')).toBe(secret);
      await expectAccessible(page, 'second factor enrolment');
      await screenshots(page, 'account-second-factor');

      // A wrong code is explained beside the field.
      await page.getByLabel('Code à 6 chiffres affiché par l’application').fill('000000');
      await page.getByRole('button', { name: 'Valider et activer' }).click();
      await page.getByText('Ce code n’est pas valide').waitFor();

      const totp = totpFor(secret, newcomer.email);
      await page.getByLabel('Code à 6 chiffres affiché par l’application').fill(totp.generate());
      await page.getByRole('button', { name: 'Valider et activer' }).click();
      const codes = page.getByTestId('recovery-codes').getByRole('listitem');
      await page
        .getByRole('heading', { name: 'Double authentification activée', exact: true })
        .waitFor();
      const recoveryCodes = await codes.allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await expectAccessible(page, 'recovery codes');
      await screenshots(page, 'account-recovery-codes');
      const user = await userByEmail(newcomer.email);
      expect(user.totp_enabled).toBe(true);
      expect(user.totp_secret).toBe(secret);
      const stored = await db()
        .selectFrom('recovery_code')
        .select('code_hash')
        .where('user_id', '=', user.id)
        .execute();
      expect(stored.map((r) => r.code_hash).sort()).toEqual(recoveryCodes.map(sha256).sort());
      await page.getByRole('button', { name: 'J’ai conservé mes codes' }).click();
      await page.getByText('À chaque connexion, après votre mot de passe').waitFor();

      // Sign out, sign in again: the code is asked after the password.
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('link', { name: 'Se connecter' }).first().click();
      await pageHeading(page);
      await signInWithForm(page, newcomer.email, newcomer.password);
      await heading(page, 'Vérification en deux étapes');
      await expectAccessible(page, 'second factor step');
      await screenshots(page, 'account-sign-in-second-factor');
      await page.getByLabel('Code à 6 chiffres').fill('123456');
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByText('Ce code n’est pas valide.').waitFor();
      // The code of the next time step: the one used at enrolment cannot be replayed.
      const nextCode = totp.generate({ timestamp: Date.now() + 30_000 });
      await page.getByLabel('Code à 6 chiffres').fill(nextCode);
      await page.getByRole('button', { name: 'Valider' }).click();
      // Clerk of one service: the inbox is their space.
      await page.waitForURL(/\/destinataire\/factures$/);
      await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();

      // The same code again, at once (a double tap, a replay): said to be used, not wrong —
      // the phone's clock is fine. (It stays within the accepted ±1 step for a minute.)
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.goto('/connexion');
      await pageHeading(page);
      await signInWithForm(page, newcomer.email, newcomer.password);
      await heading(page, 'Vérification en deux étapes');
      await page.getByLabel('Code à 6 chiffres').fill(nextCode);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByText('Ce code a déjà servi à vous connecter.').waitFor();
      await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
      await page.getByLabel('Code de secours').fill(recoveryCodes[2]!);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL(/\/destinataire\/factures$/);

      // Without the phone: a recovery code, accepted once.
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.goto('/connexion');
      await pageHeading(page);
      await signInWithForm(page, newcomer.email, newcomer.password);
      await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
      await page.getByLabel('Code de secours').fill(recoveryCodes[3]!);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.waitForURL(/\/destinataire\/factures$/);
      const used = await db()
        .selectFrom('recovery_code')
        .select('code_hash')
        .where('user_id', '=', user.id)
        .where('used_at', 'is not', null)
        .execute();
      expect(used.map((r) => r.code_hash).sort()).toEqual(
        [sha256(recoveryCodes[2]!), sha256(recoveryCodes[3]!)].sort(),
      );

      // A new phone: turn the factor off (password asked again), then sign in without a code.
      await page.goto('/compte');
      await heading(page, 'Mon compte');
      await page.getByRole('button', { name: 'Désactiver la double authentification' }).click();
      await page.getByLabel('Votre mot de passe').fill('pas le bon mot de passe');
      await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
      await page.getByText('Ce n’est pas votre mot de passe.').waitFor();
      await expectAccessible(page, 'turning the second factor off');
      expect((await userByEmail(newcomer.email)).totp_enabled).toBe(true);
      await page.getByLabel('Votre mot de passe').fill(newcomer.password);
      await page.getByRole('button', { name: 'Désactiver', exact: true }).click();
      await page.getByText('La double authentification est désactivée').waitFor();
      await page.getByRole('button', { name: 'Activer la double authentification' }).waitFor();
      const off = await userByEmail(newcomer.email);
      expect(off.totp_enabled).toBe(false);
      expect(off.totp_secret).toBeNull();
      const left = await db()
        .selectFrom('recovery_code')
        .select('code_hash')
        .where('user_id', '=', off.id)
        .execute();
      expect(left).toEqual([]);
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.goto('/connexion');
      await pageHeading(page);
      await signInWithForm(page, newcomer.email, newcomer.password);
      await page.waitForURL(/\/destinataire\/factures$/);
      expectNoPageErrors(page);
    },
  );
});

describe('API clients and pages for gestionnaires only', () => {
  it(
    'creates a client with scopes, shows the secret once, rotates it',
    { timeout: 120_000 },
    async () => {
      const page = await open({ as: 'supplier' });
      await page.goto('/structure/clients-api');
      await heading(page, `Clients API — ${DEMO_SUPPLIER.name}`);
      await page.getByText('La structure n’a encore aucun client API.').waitFor();
      await page.getByRole('button', { name: 'Créer le client' }).click();
      await page.getByText('Cochez au moins une autorisation.').waitFor();
      await page.getByLabel('Nom du client').fill('Logiciel comptable');
      await page.locator('label', { hasText: /^Déposer des factures/ }).click();
      await page.locator('label', { hasText: /^Lire les factures/ }).click();
      await page.getByRole('button', { name: 'Créer le client' }).click();
      const secretBox = page.getByTestId('client-secret');
      await secretBox.waitFor();
      const clientId = (await page.getByTestId('client-id').textContent())!;
      const secret = (await secretBox.textContent())!;
      const row = await db()
        .selectFrom('api_client')
        .selectAll()
        .where('id', '=', clientId)
        .executeTakeFirstOrThrow();
      expect(row.name).toBe('Logiciel comptable');
      expect(row.secret_hash).not.toContain(secret);
      expect(JSON.stringify(row.scopes)).toContain('invoices:send');
      expect(JSON.stringify(row.scopes)).toContain('invoices:read');
      await page.getByRole('cell', { name: 'Logiciel comptable', exact: true }).waitFor();
      await expectAccessible(page, 'api clients');
      await screenshots(page, 'account-api-clients');

      const token = (clientSecret: string) =>
        fetch(`${portal().baseUrl}/api/v1/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            grant_type: 'client_credentials',
            client_id: clientId,
            client_secret: clientSecret,
          }),
        });
      expect((await token(secret)).status).toBe(200);

      await page.getByRole('button', { name: 'J’ai noté le secret' }).click();
      await page
        .getByRole('button', { name: 'Renouveler le secret de Logiciel comptable' })
        .click();
      await page.getByText('L’ancien secret cessera de fonctionner immédiatement').waitFor();
      await page.getByRole('button', { name: 'Oui, renouveler' }).click();
      await page.getByText('Le secret de « Logiciel comptable » est renouvelé').waitFor();
      const renewed = (await page.getByTestId('client-secret').textContent())!;
      expect(renewed).not.toBe(secret);
      const after = await db()
        .selectFrom('api_client')
        .select(['secret_hash', 'secret_rotated_at'])
        .where('id', '=', clientId)
        .executeTakeFirstOrThrow();
      expect(after.secret_hash).not.toBe(row.secret_hash);
      expect(after.secret_rotated_at).not.toBeNull();
      expect((await token(secret)).status).toBe(401);
      expect((await token(renewed)).status).toBe(200);

      // The supplier's own account page, with its membership.
      await page.goto('/compte');
      await page.getByRole('cell', { name: new RegExp(DEMO_SUPPLIER.name) }).waitFor();
      await expectAccessible(page, 'account, supplier');
      expectNoPageErrors(page);
    },
  );

  it(
    'creates a technical account (Chorus Pro API), shows its password once, renews it',
    { timeout: 120_000 },
    async () => {
      const page = await open({ as: 'supplier' });
      await page.goto('/structure/comptes-techniques');
      await heading(page, `Comptes techniques — ${DEMO_SUPPLIER.name}`);
      await page.getByText('La structure n’a encore aucun compte technique.').waitFor();
      await page.getByRole('button', { name: 'Créer un compte technique' }).click();
      const passwordBox = page.getByTestId('technical-password');
      await passwordBox.waitFor();
      const login = (await page.getByTestId('technical-login').textContent())!;
      const password = (await passwordBox.textContent())!;
      const row = await db()
        .selectFrom('cpro_technical_account')
        .selectAll()
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toBe(sha256(password));
      await page.getByRole('cell', { name: login, exact: true }).waitFor();
      await expectAccessible(page, 'technical accounts');
      await screenshots(page, 'account-technical-accounts');

      // A Chorus Pro client: an API client's token and the technical account, both of S.
      const client = await createApiClient({
        db: db(),
        actor: SYSTEM_ACTOR,
        identifier: DEMO_SUPPLIER.identifier,
        name: 'ERP',
        scopes: ['invoices:read'],
      });
      const tokenRes = await fetch(`${portal().baseUrl}/api/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}&scope=openid`,
      });
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      const formats = (pw: string) =>
        fetch(`${portal().baseUrl}/cpro/transverses/v1/recuperer/formatflux`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json;charset=utf-8',
            authorization: `Bearer ${access_token}`,
            'cpro-account': Buffer.from(`${login}:${pw}`).toString('base64'),
          },
          body: '{}',
        });
      expect((await formats(password)).status).toBe(200);

      await page.getByRole('button', { name: 'J’ai noté le mot de passe' }).click();
      await page.getByRole('button', { name: `Nouveau mot de passe pour ${login}` }).click();
      await page.getByText('L’ancien mot de passe cessera de fonctionner immédiatement').waitFor();
      await page.getByRole('button', { name: 'Oui, générer' }).click();
      await page.getByText(`Le mot de passe de ${login} est renouvelé`).waitFor();
      const renewed = (await page.getByTestId('technical-password').textContent())!;
      expect(renewed).not.toBe(password);
      expect((await formats(password)).status).toBe(401);
      expect((await formats(renewed)).status).toBe(200);
      expectNoPageErrors(page);
    },
  );

  it(
    'tells a clerk plainly that users and API clients are for gestionnaires',
    { timeout: 120_000 },
    async () => {
      const page = await open({ as: 'clerkA' });
      await page.goto('/structure/utilisateurs');
      await pageHeading(page);
      await page.getByText('Page réservée aux gestionnaires').waitFor();
      await expectAccessible(page, 'members, not a gestionnaire');
      await screenshots(page, 'account-members-not-manager');
      await page.goto('/structure/clients-api');
      await pageHeading(page);
      await page.getByText('Page réservée aux gestionnaires').waitFor();
      await expectAccessible(page, 'api clients, not a gestionnaire');
      await page.goto('/compte');
      await page.getByText('Factures reçues : services SERV-TECH').waitFor();
      await expectAccessible(page, 'account, clerk');

      // From a structure's page in the directory to the join form, with the search done.
      await page.goto(`/annuaire/${DEMO_SUPPLIER.identifier}`);
      await page.getByRole('link', { name: 'Demander à rejoindre cette structure' }).click();
      await page.waitForURL(/\/compte\?rejoindre=/);
      await page
        .getByRole('button', { name: `Demander à rejoindre ${DEMO_SUPPLIER.name}` })
        .waitFor();
      expectNoPageErrors(page);
    },
  );

  it('keeps the account pages usable in English', { timeout: 120_000 }, async () => {
    const page = await open({ as: 'publicGestionnaire', lang: 'en' });
    await page.goto('/compte');
    await heading(page, 'My account');
    await page.getByRole('heading', { name: /Two-step verification/ }).waitFor();
    await expectAccessible(page, 'account in English');
    await page.goto('/structure/utilisateurs');
    await heading(page, `Users — ${DEMO_PUBLIC_BODY.name}`);
    await expectAccessible(page, 'members in English');
    expectNoPageErrors(page);
  });
});
