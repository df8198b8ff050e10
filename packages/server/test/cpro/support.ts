/**
 * The /cpro contract tests' helpers: an API client and a technical account of a structure,
 * a token from /api/oauth/token as the real service's clients ask for it (form-encoded,
 * scope=openid), and calls with the two headers they send.
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR, type Scope } from '../../src/accounts/model.js';
import { createTechnicalAccount } from '../../src/cpro/create-technical-account.js';
import type { TestApp } from '../support/app.js';

export interface CproCaller {
  token: string;
  login: string;
  password: string;
  clientId: string;
  clientSecret: string;
  headers: Record<string, string>;
}

export const accountHeader = (login: string, password: string) =>
  Buffer.from(`${login}:${password}`).toString('base64');

export async function tokenFor(t: TestApp, clientId: string, clientSecret: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/oauth/token',
    payload: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'openid',
    }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    access_token: string;
    token_type: string;
    expires_in: number;
    scope: string;
  }>();
}

/** An API client and a technical account of the structure, with a token. */
export async function cproCaller(
  t: TestApp,
  identifier: string,
  scopes: Scope[],
): Promise<CproCaller> {
  const client = await createApiClient({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier,
    name: 'ERP (Chorus Pro client)',
    scopes,
  });
  const account = await createTechnicalAccount({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier,
  });
  const token = await tokenFor(t, client.clientId, client.clientSecret);
  return {
    token: token.access_token,
    login: account.login,
    password: account.password,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    headers: {
      authorization: `Bearer ${token.access_token}`,
      'cpro-account': accountHeader(account.login, account.password),
    },
  };
}

/** A /cpro POST with a JSON body, as clients send it (charset in the content type). */
export function cpro(
  t: TestApp,
  who: { headers: Record<string, string> } | undefined,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: `/cpro/${path}`,
    payload: JSON.stringify(body),
    headers: {
      'content-type': 'application/json;charset=utf-8',
      accept: 'application/json',
      ...(who?.headers ?? {}),
      ...headers,
    },
  });
}

export interface Retour {
  codeRetour: number;
  libelle: string;
}

export async function ok<T>(res: Promise<LightMyRequestResponse> | LightMyRequestResponse) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(200);
  const body = r.json<T & Retour>();
  expect(body.codeRetour, r.body).toBe(0);
  return body;
}

export async function failed(
  res: Promise<LightMyRequestResponse> | LightMyRequestResponse,
  status: number,
  codeRetour: number,
) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json<Retour & { listeErreurs?: { champ: string; libelleErreur: string }[] }>();
  expect(body.codeRetour, r.body).toBe(codeRetour);
  expect(body.libelle.length).toBeGreaterThan(10);
  return body;
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** The invoice row behind a /cpro integer id (idFacture, identifiantFactureCPP). */
export const invoiceByCproId = (t: TestApp, cproId: number) =>
  t.database.db
    .selectFrom('invoice')
    .selectAll()
    .where('cpro_id', '=', cproId)
    .executeTakeFirstOrThrow();
