/**
 * Technical accounts of the /cpro surface, as a structure's managers handle them through the
 * portal's API: created with the password shown once, rotated by any manager (the old password
 * stops at once), and the reminder mailed before the password expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { remindExpiringTechnicalAccounts } from '../../src/cpro/remind-expiring-technical-accounts.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import type { Mail } from '../../src/lib/mailer.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  call,
  createMember,
  login,
  setUpPersonas,
  type Caller,
  type Personas,
} from '../support/personas.js';
import { accountHeader, cpro, failed, ok, tokenFor } from './support.js';

let t: TestApp;
let p: Personas;
let secondManager: Caller;
let bearer: string;
const S = DEMO_SUPPLIER.identifier;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  await createMember(t, {
    email: 'second.gestionnaire@fournisseur.test',
    password: 'second-gestionnaire-pw',
    identifier: S,
    role: 'GESTIONNAIRE_PRINCIPAL',
    rights: [{ space: 'FACTURES_EMISES' }],
  });
  secondManager = await login(t, 'second.gestionnaire@fournisseur.test', 'second-gestionnaire-pw');
  const client = await createApiClient({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier: S,
    name: 'ERP',
    scopes: ['invoices:read'],
  });
  bearer = (await tokenFor(t, client.clientId, client.clientSecret)).access_token;
});
afterAll(async () => {
  await t.close();
});

interface Credentials {
  id: string;
  login: string;
  password: string;
  expiresAt: string;
}

const formats = (login: string, password: string) =>
  cpro(
    t,
    {
      headers: {
        authorization: `Bearer ${bearer}`,
        'cpro-account': accountHeader(login, password),
      },
    },
    'transverses/v1/recuperer/formatflux',
    {},
  );

describe('technical accounts', () => {
  let created: Credentials;

  it('is created by a manager, the password shown once, and works at once', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `/api/v1/structures/${S}/technical-accounts`,
    });
    expect(res.statusCode, res.body).toBe(201);
    created = res.json<Credentials>();
    expect(created.login).toMatch(/^TECH_1_[0-9A-F]{12}@cpro\.chorale$/);
    const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(424);
    const list = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/structures/${S}/technical-accounts`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.password);
    expect(list.json()).toEqual([
      expect.objectContaining({
        id: created.id,
        login: created.login,
        active: true,
        rotatedAt: null,
      }),
    ]);
    const row = await t.database.db
      .selectFrom('cpro_technical_account')
      .select(['password_hash', 'created_by'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(created.password);
    expect(row.created_by).toBe(p.supplierGestionnaire.userId);
    await ok(formats(created.login, created.password));
  });

  it('may be rotated by any manager; the old password stops at once', async () => {
    const res = await call(t, secondManager, {
      method: 'POST',
      url: `/api/v1/structures/${S}/technical-accounts/${created.id}/password`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const rotated = res.json<Credentials>();
    expect(rotated.login).toBe(created.login);
    expect(rotated.password).not.toBe(created.password);
    await failed(formats(created.login, created.password), 401, 10002);
    await ok(formats(rotated.login, rotated.password));
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select('event')
      .where('event', 'in', ['TECHNICAL_ACCOUNT_CREATED', 'TECHNICAL_ACCOUNT_ROTATED'])
      .execute();
    expect(audit.map((a) => a.event).sort()).toEqual([
      'TECHNICAL_ACCOUNT_CREATED',
      'TECHNICAL_ACCOUNT_ROTATED',
    ]);
  });

  it('is refused to a plain member and not found for another structure’s manager', async () => {
    const plain = await call(t, p.supplierUser, {
      method: 'POST',
      url: `/api/v1/structures/${S}/technical-accounts`,
    });
    expect(plain.statusCode).toBe(403);
    const other = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/structures/${S}/technical-accounts/${created.id}/password`,
    });
    expect(other.statusCode).toBe(404);
  });

  it('mails every manager once before the password expires; a rotation re-arms it', async () => {
    const mails: Mail[] = [];
    const mailer = { send: async (m: Mail) => void mails.push(m) };
    const now = new Date();
    const run = () =>
      remindExpiringTechnicalAccounts({
        db: t.database.db,
        mailer,
        publicUrl: 'https://chorale.example',
        now,
      });
    expect(await run()).toEqual({ accounts: 0, mails: 0 });
    await t.database.db
      .updateTable('cpro_technical_account')
      .set({ expires_at: new Date(now.getTime() + 10 * 86_400_000) })
      .where('id', '=', created.id)
      .execute();
    const first = await run();
    expect(first.accounts).toBe(1);
    const to = mails.map((m) => m.to).sort();
    expect(to).toEqual(['fournisseur@demo.chorale.test', 'second.gestionnaire@fournisseur.test']);
    expect(mails[0]!.text).toContain(created.login);
    expect(mails[0]!.text).toContain('https://chorale.example/structure/comptes-techniques');
    expect(mails[0]!.subject).toMatch(/expire .* expires/);
    expect(await run()).toEqual({ accounts: 0, mails: 0 });

    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `/api/v1/structures/${S}/technical-accounts/${created.id}/password`,
    });
    expect(res.statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('cpro_technical_account')
      .select(['reminded_at', 'expires_at'])
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.reminded_at).toBeNull();
    expect(row.expires_at.getTime()).toBeGreaterThan(now.getTime() + 400 * 86_400_000);
  });
});
