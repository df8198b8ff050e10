import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, login, setUpPersonas, type Personas } from '../support/personas.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t.close();
});

const base = (identifier: string) => `/api/v1/structures/${identifier}`;

describe('join requests', () => {
  it('lets a user ask, a gestionnaire approve with rights, and shows the membership', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: {
        email: 'new.clerk@example.test',
        password: 'nouvel agent 2026',
        name: 'Nouvel Agent',
      },
    });
    const newcomer = await login(t, 'new.clerk@example.test', 'nouvel agent 2026');
    const ask = await call(t, newcomer, {
      method: 'POST',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests`,
      payload: { message: 'Agent des services techniques' },
    });
    expect(ask.statusCode, ask.body).toBe(201);
    const { id } = ask.json() as { id: string };
    const twice = await call(t, newcomer, {
      method: 'POST',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests`,
      payload: {},
    });
    expect(twice.statusCode).toBe(409);

    // A clerk of the structure is a member but not a gestionnaire: 403. An outsider: 404.
    expect(
      (
        await call(t, p.clerkA, {
          method: 'GET',
          url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests`,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await call(t, p.supplierGestionnaire, {
          method: 'GET',
          url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests`,
        })
      ).statusCode,
    ).toBe(404);

    // The newcomer sees their own request waiting; nobody else sees it among theirs.
    const mine = await call(t, newcomer, { method: 'GET', url: '/api/v1/me/join-requests' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual([
      expect.objectContaining({
        id,
        status: 'EN_ATTENTE',
        structure: { identifier: DEMO_PUBLIC_BODY.identifier, name: DEMO_PUBLIC_BODY.name },
        message: 'Agent des services techniques',
        decidedAt: null,
      }),
    ]);
    const theirs = await call(t, p.clerkA, { method: 'GET', url: '/api/v1/me/join-requests' });
    expect((theirs.json() as { id: string }[]).map((r) => r.id)).not.toContain(id);

    const list = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests`,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()[0]).toMatchObject({
      id,
      status: 'EN_ATTENTE',
      user: { email: 'new.clerk@example.test' },
      message: 'Agent des services techniques',
    });

    const outsiderDecides = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests/${id}/decision`,
      payload: { decision: 'approve' },
    });
    expect(outsiderDecides.statusCode).toBe(404);
    const approve = await call(t, p.publicGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests/${id}/decision`,
      payload: {
        decision: 'approve',
        role: 'UTILISATEUR',
        rights: [{ space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_A.code }],
      },
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json()).toEqual({ status: 'ACCEPTEE' });
    const again = await call(t, p.publicGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/join-requests/${id}/decision`,
      payload: { decision: 'refuse' },
    });
    expect(again.statusCode).toBe(409);

    const decided = await call(t, newcomer, { method: 'GET', url: '/api/v1/me/join-requests' });
    expect(decided.json()).toEqual([expect.objectContaining({ id, status: 'ACCEPTEE' })]);
    expect((decided.json() as { decidedAt: string | null }[])[0]!.decidedAt).not.toBeNull();

    const me = await call(t, newcomer, { method: 'GET', url: '/api/v1/me' });
    expect(me.json().memberships).toEqual([
      {
        structure: expect.objectContaining({
          identifier: DEMO_PUBLIC_BODY.identifier,
          isPublic: true,
        }),
        role: 'UTILISATEUR',
        rights: [{ space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_A.code }],
      },
    ]);
  });

  it('refuses a request: no membership is created', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      payload: { email: 'refused@example.test', password: 'refused-password', name: 'R' },
    });
    const refused = await login(t, 'refused@example.test', 'refused-password');
    const { id } = (
      await call(t, refused, {
        method: 'POST',
        url: `${base(DEMO_SUPPLIER.identifier)}/join-requests`,
        payload: {},
      })
    ).json() as { id: string };
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_SUPPLIER.identifier)}/join-requests/${id}/decision`,
      payload: { decision: 'refuse' },
    });
    expect(res.json()).toEqual({ status: 'REFUSEE' });
    expect(
      (await call(t, refused, { method: 'GET', url: '/api/v1/me' })).json().memberships,
    ).toEqual([]);
  });
});

describe('members and rights', () => {
  it('lets the gestionnaire change rights, refuses unknown services and removing the last gestionnaire', async () => {
    const members = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/members`,
    });
    expect(members.statusCode).toBe(200);
    const list = members.json() as { user: { id: string; email: string }; role: string }[];
    expect(list.map((m) => m.user.email)).toContain('agent.ecoles@mairie.demo.chorale.test');

    const setB = await call(t, p.publicGestionnaire, {
      method: 'PUT',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/members/${p.clerkB.userId}`,
      payload: {
        role: 'UTILISATEUR',
        rights: [
          { space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_A.code },
          { space: 'SOLLICITATIONS' },
        ],
      },
    });
    expect(setB.statusCode, setB.body).toBe(204);
    expect(
      (await call(t, p.clerkB, { method: 'GET', url: '/api/v1/me' })).json().memberships[0].rights,
    ).toEqual([
      { space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_A.code },
      { space: 'SOLLICITATIONS', serviceCode: null },
    ]);

    const unknown = await call(t, p.publicGestionnaire, {
      method: 'PUT',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/members/${p.clerkB.userId}`,
      payload: { role: 'UTILISATEUR', rights: [{ space: 'FACTURES_RECUES', serviceCode: 'NOPE' }] },
    });
    expect(unknown.statusCode).toBe(400);

    const self = await call(t, p.publicGestionnaire, {
      method: 'PUT',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/members/${p.publicGestionnaire.userId}`,
      payload: { role: 'UTILISATEUR', rights: [] },
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().detail).toMatch(/at least one gestionnaire/);

    const audit = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/audit-events`,
    });
    expect(audit.statusCode).toBe(200);
    const events = (audit.json() as { event: string; subjectUserId: string | null }[]).map(
      (e) => e.event,
    );
    expect(events).toContain('MEMBER_ACCESS_CHANGED');
    expect(events).toContain('JOIN_APPROVED');
  });
});

describe('API clients', () => {
  it('creates a client, issues scoped tokens, rotates the secret and revokes old tokens', async () => {
    const created = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_SUPPLIER.identifier)}/api-clients`,
      payload: { name: 'Logiciel de facturation', scopes: ['invoices:send', 'invoices:read'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { clientId, clientSecret } = created.json() as { clientId: string; clientSecret: string };
    expect(clientId).toMatch(/^cli_/);
    const row = await t.database.db
      .selectFrom('api_client')
      .select('secret_hash')
      .where('id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(clientSecret);

    const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
    const token = await t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'grant_type=client_credentials&scope=invoices%3Aread',
    });
    expect(token.statusCode, token.body).toBe(200);
    expect(token.headers['cache-control']).toBe('no-store');
    const body = token.json() as {
      access_token: string;
      token_type: string;
      expires_in: number;
      scope: string;
    };
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'invoices:read', expires_in: 900 });
    const whoami = await t.app.inject({
      method: 'GET',
      url: '/api/v1/clients/me',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(whoami.json()).toMatchObject({ clientId, scopes: ['invoices:read'] });

    const badScope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
        scope: 'invoices:process',
      },
    });
    expect(badScope.statusCode).toBe(400);
    expect(badScope.json()).toMatchObject({ error: 'invalid_scope' });
    const badGrant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: { grant_type: 'password', client_id: clientId, client_secret: clientSecret },
    });
    expect(badGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });

    const rotated = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_SUPPLIER.identifier)}/api-clients/${clientId}/secret`,
    });
    expect(rotated.statusCode).toBe(200);
    const newSecret = (rotated.json() as { clientSecret: string }).clientSecret;
    expect(newSecret).not.toBe(clientSecret);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: {
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      },
    });
    expect(old.statusCode).toBe(401);
    expect(old.json()).toMatchObject({ error: 'invalid_client' });
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/clients/me',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(revoked.statusCode).toBe(401);
    const fresh = await t.app.inject({
      method: 'POST',
      url: '/api/v1/oauth/token',
      payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: newSecret },
    });
    expect(fresh.statusCode).toBe(200);

    const list = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: `${base(DEMO_SUPPLIER.identifier)}/api-clients`,
    });
    expect(list.json().find((c: { id: string }) => c.id === clientId)).toMatchObject({
      name: 'Logiciel de facturation',
      active: true,
    });
    // Another structure's client is a 404, even for a gestionnaire.
    const foreign = await call(t, p.publicGestionnaire, {
      method: 'POST',
      url: `${base(DEMO_PUBLIC_BODY.identifier)}/api-clients/${clientId}/secret`,
    });
    expect(foreign.statusCode).toBe(404);
  });
});
