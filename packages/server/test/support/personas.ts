import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { seedAccounts } from '../../src/accounts/seed-accounts.js';
import { replaceRights } from '../../src/accounts/set-rights.js';
import { signUp } from '../../src/accounts/sign-up.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { SYSTEM_ACTOR, type Right, type Role } from '../../src/accounts/model.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { newId } from '../../src/lib/ids.js';
import type { TestApp } from './app.js';

/** Headers that authenticate a request as someone. */
export interface Caller {
  name: string;
  headers: Record<string, string>;
  userId?: string;
}

export const anonymous: Caller = { name: 'anonymous', headers: {} };

/** Signs in through the API; returns the cookie and CSRF headers of the new session. */
export async function login(
  t: TestApp,
  email: string,
  password: string,
  name = email,
): Promise<Caller> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return { name, ...sessionHeaders(res) };
}

export function sessionHeaders(res: LightMyRequestResponse): { headers: Record<string, string> } {
  const cookie = res.cookies.find((c) => c.name === 'chorale_session');
  if (!cookie) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return {
    headers: {
      cookie: `chorale_session=${cookie.value}`,
      'x-csrf-token': (res.json() as { csrfToken: string }).csrfToken,
    },
  };
}

export async function call(
  t: TestApp,
  who: Caller,
  options: InjectOptions,
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    ...options,
    headers: { ...who.headers, ...(options.headers as Record<string, string> | undefined) },
  });
}

/** A user with one membership, created directly (not through the join flow). */
export async function createMember(
  t: TestApp,
  options: { email: string; password: string; identifier: string; role: Role; rights: Right[] },
): Promise<string> {
  const { userId } = await signUp({
    db: t.database.db,
    email: options.email,
    password: options.password,
    name: options.email.split('@')[0]!,
  });
  const structure = (await findStructure(t.database.db, options.identifier))!;
  const membershipId = newId('membership');
  await t.database.db
    .insertInto('membership')
    .values({ id: membershipId, user_id: userId, structure_id: structure.id, role: options.role })
    .execute();
  await replaceRights(t.database.db, membershipId, structure.id, options.rights);
  return userId;
}

export interface Personas {
  anonymous: Caller;
  supplierUser: Caller;
  supplierGestionnaire: Caller;
  clerkA: Caller;
  clerkB: Caller;
  apiClient: Caller;
  publicGestionnaire: Caller;
}

/**
 * The demo directory and accounts, plus a plain supplier user and an API client of the
 * supplier, each signed in. Personas of the authorisation matrix.
 */
export async function setUpPersonas(t: TestApp): Promise<Personas> {
  await seedDirectory({ db: t.database.db });
  const demo = await seedAccounts({ db: t.database.db, dryRun: false });
  const password = (email: string) => demo.find((d) => d.email === email)!.password;
  const supplierUserId = await createMember(t, {
    email: 'utilisateur@fournisseur.test',
    password: 'utilisateur-fournisseur',
    identifier: DEMO_SUPPLIER.identifier,
    role: 'UTILISATEUR',
    rights: [{ space: 'FACTURES_EMISES' }],
  });
  const supplier = (await findStructure(t.database.db, DEMO_SUPPLIER.identifier))!;
  const client = await createApiClient({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier: supplier.identifier,
    name: 'ERP',
    scopes: ['invoices:send', 'invoices:read'],
  });
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(token.statusCode, token.body).toBe(200);
  const get = async (email: string, name: string) => {
    const caller = await login(t, email, password(email), name);
    const user = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return { ...caller, userId: user.id };
  };
  return {
    anonymous,
    supplierUser: {
      ...(await login(
        t,
        'utilisateur@fournisseur.test',
        'utilisateur-fournisseur',
        'supplier user',
      )),
      userId: supplierUserId,
    },
    supplierGestionnaire: await get('fournisseur@demo.chorale.test', 'supplier gestionnaire'),
    clerkA: await get('agent.technique@mairie.demo.chorale.test', 'public clerk of service A'),
    clerkB: await get('agent.ecoles@mairie.demo.chorale.test', 'public clerk of service B'),
    apiClient: {
      name: 'API client',
      headers: {
        authorization: `Bearer ${(token.json() as { access_token: string }).access_token}`,
      },
    },
    publicGestionnaire: await get('gestionnaire@mairie.demo.chorale.test', 'public gestionnaire'),
  };
}
