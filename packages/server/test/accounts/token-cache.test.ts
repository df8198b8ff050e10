import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findAccessToken } from '../../src/accounts/issue-access-token.js';
import { ACCESS_TOKEN_SECONDS } from '../../src/accounts/model.js';
import { forgetClientTokens, TOKEN_CACHE_MS } from '../../src/accounts/token-cache.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';

// The bearer-token cache (src/accounts/token-cache.ts) on the real database: a token is looked
// up once and then believed for a few seconds, but what this server revokes stops at once.

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

const clients = `/api/v1/structures/${DEMO_SUPPLIER.identifier}/api-clients`;

async function newClient(): Promise<{ clientId: string; clientSecret: string }> {
  const created = await call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: clients,
    payload: { name: 'Cache', scopes: ['invoices:send', 'invoices:read'] },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json();
}

async function tokenOf(client: { clientId: string; clientSecret: string }): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    payload: {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { access_token: string }).access_token;
}

const whoami = (token: string) =>
  t.app.inject({
    method: 'GET',
    url: '/api/v1/clients/me',
    headers: { authorization: `Bearer ${token}` },
  });

describe('bearer-token cache', () => {
  it('stops accepting a client’s tokens as soon as its secret is rotated, though just used', async () => {
    const client = await newClient();
    const token = await tokenOf(client);
    expect((await whoami(token)).statusCode).toBe(200);
    // Served from the cache now: the lookup's row is still there, and so is the entry.
    expect((await whoami(token)).json()).toMatchObject({ clientId: client.clientId });

    const rotated = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `${clients}/${client.clientId}/secret`,
    });
    expect(rotated.statusCode).toBe(200);
    expect((await whoami(token)).statusCode).toBe(401);

    // The new secret's token works at once (unknown tokens are never cached).
    const fresh = await tokenOf({
      clientId: client.clientId,
      clientSecret: (rotated.json() as { clientSecret: string }).clientSecret,
    });
    expect((await whoami(fresh)).statusCode).toBe(200);
  });

  it('does not keep what a lookup read while the client was being forgotten', async () => {
    const client = await newClient();
    const token = await tokenOf(client);
    // A lookup under way when the rotation commits: its answer serves its request only.
    const pending = findAccessToken(t.database.db, token);
    forgetClientTokens(client.clientId);
    expect(await pending).toMatchObject({ clientId: client.clientId });
    await t.database.db
      .deleteFrom('access_token')
      .where('client_id', '=', client.clientId)
      .execute();
    expect(await findAccessToken(t.database.db, token)).toBeUndefined();
  });

  it('never believes a token past its expiry', async () => {
    const client = await newClient();
    const token = await tokenOf(client);
    expect((await whoami(token)).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ACCESS_TOKEN_SECONDS * 1000 + 1 });
    expect((await whoami(token)).statusCode).toBe(401);
  });

  it('sees a change made behind its back (another process) within TOKEN_CACHE_MS', async () => {
    const client = await newClient();
    const token = await tokenOf(client);
    expect((await whoami(token)).statusCode).toBe(200);
    await t.database.db
      .updateTable('api_client')
      .set({ active: false })
      .where('id', '=', client.clientId)
      .execute();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + TOKEN_CACHE_MS + 1 });
    expect((await whoami(token)).statusCode).toBe(401);
  });
});
