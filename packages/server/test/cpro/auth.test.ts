import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import {
  accountHeader,
  cpro,
  cproCaller,
  failed,
  ok,
  tokenFor,
  type CproCaller,
} from './support.js';

let t: TestApp;
let supplier: CproCaller;
let publicBody: CproCaller;
beforeAll(async () => {
  t = await createTestApp();
  await seedDirectory({ db: t.database.db });
  supplier = await cproCaller(t, DEMO_SUPPLIER.identifier, ['invoices:send', 'invoices:read']);
  publicBody = await cproCaller(t, DEMO_PUBLIC_BODY.identifier, [
    'invoices:read',
    'invoices:process',
  ]);
});
afterAll(async () => {
  await t.close();
});

const formats = (body: unknown) => cpro(t, supplier, 'transverses/v1/recuperer/formatflux', body);

describe('/cpro authentication', () => {
  it('answers the health check without credentials, with codeRetour and libelle', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/cpro/transverses/v1/health-check' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ codeRetour: 0, libelle: 'OK' });
  });

  it('issues a token at /api/oauth/token for scope=openid, and gives openid back', async () => {
    const token = await tokenFor(t, supplier.clientId, supplier.clientSecret);
    expect(token.token_type).toBe('Bearer');
    expect(token.scope.split(' ')).toEqual(['openid', 'invoices:send', 'invoices:read']);
    const stored = await t.database.db
      .selectFrom('access_token')
      .select('client_id')
      .where('client_id', '=', supplier.clientId)
      .execute();
    expect(stored.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses a wrong client secret at the token URL (OAuth error, 401)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/oauth/token',
      payload: `grant_type=client_credentials&client_id=${supplier.clientId}&client_secret=wrong&scope=openid`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('says what is missing: no bearer, no cpro-account, a garbled one, a wrong password', async () => {
    const noBearer = await failed(
      cpro(
        t,
        { headers: { 'cpro-account': supplier.headers['cpro-account']! } },
        'transverses/v1/recuperer/formatflux',
        {},
      ),
      401,
      10001,
    );
    expect(noBearer.libelle).toContain('Authorization: Bearer');

    const noAccount = await failed(
      cpro(
        t,
        { headers: { authorization: supplier.headers.authorization! } },
        'transverses/v1/recuperer/formatflux',
        {},
      ),
      401,
      10002,
    );
    expect(noAccount.libelle).toContain('cpro-account');

    const garbled = await failed(
      cpro(
        t,
        supplier,
        'transverses/v1/recuperer/formatflux',
        {},
        { 'cpro-account': '%%%not base64' },
      ),
      401,
      10002,
    );
    expect(garbled.libelle).toContain('illisible');
    const noColon = await failed(
      cpro(
        t,
        supplier,
        'transverses/v1/recuperer/formatflux',
        {},
        {
          'cpro-account': Buffer.from('just-a-login').toString('base64'),
        },
      ),
      401,
      10002,
    );
    expect(noColon.libelle).toContain('illisible');

    const wrong = await failed(
      cpro(
        t,
        supplier,
        'transverses/v1/recuperer/formatflux',
        {},
        {
          'cpro-account': accountHeader(supplier.login, 'not-the-password'),
        },
      ),
      401,
      10002,
    );
    expect(wrong.libelle).toContain('mot de passe');
    const refused = await t.database.db
      .selectFrom('audit_event')
      .select('detail')
      .where('event', '=', 'TECHNICAL_ACCOUNT_REFUSED')
      .execute();
    expect(refused.length).toBeGreaterThanOrEqual(1);

    // English when the client asks for it.
    const english = await failed(
      cpro(
        t,
        { headers: { authorization: supplier.headers.authorization! } },
        'transverses/v1/recuperer/formatflux',
        {},
        {
          'accept-language': 'en-GB',
        },
      ),
      401,
      10002,
    );
    expect(english.libelle).toContain('Header "cpro-account" missing');
  });

  it('refuses a technical account of another structure than the token’s client (403)', async () => {
    const res = await failed(
      cpro(
        t,
        supplier,
        'transverses/v1/recuperer/formatflux',
        {},
        {
          'cpro-account': publicBody.headers['cpro-account']!,
        },
      ),
      403,
      10010,
    );
    expect(res.libelle).toContain('autre structure');
  });

  it('refuses an expired technical password, and accepts it again once rotated', async () => {
    await t.database.db
      .updateTable('cpro_technical_account')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('login', '=', supplier.login)
      .execute();
    const expired = await failed(formats({}), 401, 10003);
    expect(expired.libelle).toContain('expiré');
    await t.database.db
      .updateTable('cpro_technical_account')
      .set({ expires_at: new Date(Date.now() + 86_400_000) })
      .where('login', '=', supplier.login)
      .execute();
    await ok(formats({}));
  });

  it('answers an unknown operation with codeRetour, not a problem document', async () => {
    const res = await cpro(t, supplier, 'factures/v1/inexistante', {});
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ codeRetour: 20002 });
  });

  it('answers an unreadable JSON body with codeRetour 20000', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/cpro/transverses/v1/recuperer/formatflux',
      payload: '{not json',
      headers: { ...supplier.headers, 'content-type': 'application/json;charset=utf-8' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ codeRetour: 20000 });
  });
});
