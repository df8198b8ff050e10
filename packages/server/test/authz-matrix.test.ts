import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClientFor } from '../src/accounts/api-clients.js';
import { requestToJoin } from '../src/accounts/request-to-join.js';
import { signUp } from '../src/accounts/sign-up.js';
import { findStructure } from '../src/accounts/structure-access.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../src/directory/demo-directory.js';
import { createTestApp, type TestApp } from './support/app.js';
import { call, setUpPersonas, type Caller, type Personas } from './support/personas.js';
import { depositBody, ubl } from './support/invoices.js';

/**
 * The authorisation matrix: every route the app registers, called as every persona, with the
 * status each must get. A route missing from the table fails the suite, so no route ships
 * without a stated rule. Structure-scoped routes are checked against the caller's own
 * structure and against another one (which must answer 404, never reveal itself).
 */
type PersonaName =
  'anonymous' | 'supplierUser' | 'supplierGestionnaire' | 'clerkA' | 'clerkB' | 'apiClient';
const personaNames: PersonaName[] = [
  'anonymous',
  'supplierUser',
  'supplierGestionnaire',
  'clerkA',
  'clerkB',
  'apiClient',
];
type Row = [number, number, number, number, number, number];

interface Case {
  label: string;
  request: (who: PersonaName) => InjectOptions;
  expect: Row;
}

const S = DEMO_SUPPLIER.identifier;
const P = DEMO_PUBLIC_BODY.identifier;
const all = (status: number): Row => [status, status, status, status, status, status];
// Columns: anonymous, supplier user, supplier gestionnaire, clerk A, clerk B, API client.
const userOnly = (status: number): Row => [401, status, status, status, status, 403];
/** A gestionnaire-only route of the supplier (S) and of the public body (P). */
const gestionnaireOfS = (ok: number): Row => [401, 403, ok, 404, 404, 403];
const gestionnaireOfP: Row = [401, 404, 404, 403, 403, 403];

let t: TestApp;
let p: Personas;
const fx = {
  joinS: '',
  joinP: '',
  rotateS: '',
  clientP: '',
  /** An invoice of S to P's service A, with one attachment, made available. */
  invoice: '',
  attachment: '',
  /** Another invoice of S to P's service A, which the status-change cases move. */
  toMove: '',
  /** A flow deposited by S's gestionnaire. */
  flow: '',
};

/** Deposits a UBL invoice of the demo supplier as its gestionnaire; returns its id. */
async function depositFixture(number: string, withAttachment = false): Promise<string> {
  const body = depositBody({
    invoice: ubl({ number }),
    attachments: withAttachment
      ? [
          {
            bytes: new TextEncoder().encode('devis'),
            filename: 'devis.txt',
            contentType: 'text/plain',
          },
        ]
      : [],
  });
  const res = await call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  const db = t.database.db;
  const a = await signUp({
    db,
    email: 'wants.s@example.test',
    password: 'wants-to-join-s',
    name: 'S',
  });
  const b = await signUp({
    db,
    email: 'wants.p@example.test',
    password: 'wants-to-join-p',
    name: 'P',
  });
  fx.joinS = (await requestToJoin({ db, userId: a.userId, identifier: S })).id;
  fx.joinP = (await requestToJoin({ db, userId: b.userId, identifier: P })).id;
  const s = (await findStructure(db, S))!;
  const pub = (await findStructure(db, P))!;
  fx.rotateS = (
    await createApiClientFor({
      db,
      structureId: s.id,
      name: 'to rotate',
      scopes: ['invoices:read'],
    })
  ).clientId;
  fx.clientP = (
    await createApiClientFor({ db, structureId: pub.id, name: 'of P', scopes: ['invoices:read'] })
  ).clientId;
  fx.invoice = await depositFixture('MATRIX-1', true);
  fx.toMove = await depositFixture('MATRIX-2');
  const flow = await call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: '/api/v1/flows?syntaxeFlux=IN_DP_E1_UBL_INVOICE&nomFichier=matrix.xml',
    payload: Buffer.from(ubl({ number: 'MATRIX-FLOW' }).bytes),
    headers: { 'content-type': 'application/octet-stream' },
  });
  expect(flow.statusCode, flow.body).toBe(202);
  fx.flow = (flow.json() as { id: string }).id;
  fx.attachment = (
    await db
      .selectFrom('invoice_file')
      .select('id')
      .where('invoice_id', '=', fx.invoice)
      .where('kind', '=', 'ATTACHMENT')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await t.close();
});

let unique = 0;
const table = (): Record<string, Case[]> => ({
  'GET /api/v1/structures': [
    {
      label: 'search',
      request: () => ({ method: 'GET', url: '/api/v1/structures?q=mairie' }),
      expect: all(200),
    },
  ],
  'GET /api/v1/structures/:identifier': [
    {
      label: 'detail',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${P}` }),
      expect: all(200),
    },
  ],
  'POST /api/v1/auth/signup': [
    {
      label: 'sign up',
      request: () => ({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: {
          email: `matrix${unique++}@example.test`,
          password: 'matrix-password',
          name: 'M',
        },
      }),
      expect: all(201),
    },
  ],
  'POST /api/v1/auth/login': [
    {
      label: 'unknown account',
      request: () => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.test', password: 'nobody-password' },
      }),
      expect: all(401),
    },
  ],
  'POST /api/v1/auth/login/second-factor': [
    {
      label: 'no pending session',
      request: () => ({
        method: 'POST',
        url: '/api/v1/auth/login/second-factor',
        payload: { code: '123456' },
      }),
      expect: all(401),
    },
  ],
  'GET /api/v1/auth/session': [
    {
      label: 'csrf token',
      request: () => ({ method: 'GET', url: '/api/v1/auth/session' }),
      expect: userOnly(200),
    },
  ],
  'POST /api/v1/auth/password-reset': [
    {
      label: 'ask',
      request: () => ({
        method: 'POST',
        url: '/api/v1/auth/password-reset',
        payload: { email: 'nobody@example.test' },
      }),
      expect: all(202),
    },
  ],
  'POST /api/v1/auth/password-reset/confirm': [
    {
      label: 'bad token',
      request: () => ({
        method: 'POST',
        url: '/api/v1/auth/password-reset/confirm',
        payload: { token: 'x'.repeat(43), password: 'a new long password' },
      }),
      expect: all(400),
    },
  ],
  'GET /api/v1/me': [
    {
      label: 'profile',
      request: () => ({ method: 'GET', url: '/api/v1/me' }),
      expect: userOnly(200),
    },
  ],
  'GET /api/v1/me/join-requests': [
    {
      label: 'own join requests',
      request: () => ({ method: 'GET', url: '/api/v1/me/join-requests' }),
      expect: userOnly(200),
    },
  ],
  'POST /api/v1/me/password': [
    // A wrong current password: the users get past the access rule and are told so (400),
    // and no persona's password changes under the rest of the matrix.
    {
      label: 'change password',
      request: () => ({
        method: 'POST',
        url: '/api/v1/me/password',
        payload: { currentPassword: 'not the password', newPassword: 'a long enough password' },
      }),
      expect: userOnly(400),
    },
  ],
  'POST /api/v1/me/second-factor': [
    {
      label: 'enrol',
      request: () => ({ method: 'POST', url: '/api/v1/me/second-factor' }),
      expect: userOnly(200),
    },
  ],
  'POST /api/v1/me/second-factor/disable': [
    // No persona has a second factor enrolled: the users get past the access rule and are
    // told there is nothing to turn off (409); nobody's factor changes.
    {
      label: 'turn off',
      request: () => ({
        method: 'POST',
        url: '/api/v1/me/second-factor/disable',
        payload: { password: 'not the password' },
      }),
      expect: userOnly(409),
    },
  ],
  'POST /api/v1/me/second-factor/confirm': [
    // 'abcdef' is never a valid code: the users get past the access rule and are told so.
    {
      label: 'confirm',
      request: () => ({
        method: 'POST',
        url: '/api/v1/me/second-factor/confirm',
        payload: { code: 'abcdef' },
      }),
      expect: userOnly(400),
    },
  ],
  'POST /api/v1/structures/:identifier/join-requests': [
    // Anyone signed in may ask to join a structure; its members are told they already belong.
    {
      label: 'ask to join P',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${P}/join-requests`,
        payload: {},
      }),
      expect: [401, 201, 201, 409, 409, 403],
    },
  ],
  'GET /api/v1/structures/:identifier/join-requests': [
    {
      label: 'own structure',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${S}/join-requests` }),
      expect: gestionnaireOfS(200),
    },
    {
      label: 'public body',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${P}/join-requests` }),
      expect: gestionnaireOfP,
    },
  ],
  'POST /api/v1/structures/:identifier/join-requests/:requestId/decision': [
    {
      label: 'public body',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${P}/join-requests/${fx.joinP}/decision`,
        payload: { decision: 'refuse' },
      }),
      expect: gestionnaireOfP,
    },
    {
      label: 'own structure',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${S}/join-requests/${fx.joinS}/decision`,
        payload: { decision: 'refuse' },
      }),
      expect: gestionnaireOfS(200),
    },
  ],
  'GET /api/v1/structures/:identifier/members': [
    {
      label: 'own structure',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${S}/members` }),
      expect: gestionnaireOfS(200),
    },
    {
      label: 'public body',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${P}/members` }),
      expect: gestionnaireOfP,
    },
  ],
  'PUT /api/v1/structures/:identifier/members/:userId': [
    {
      label: 'own structure',
      request: () => ({
        method: 'PUT',
        url: `/api/v1/structures/${S}/members/${p.supplierUser.userId}`,
        payload: { role: 'UTILISATEUR', rights: [{ space: 'FACTURES_EMISES' }] },
      }),
      expect: gestionnaireOfS(204),
    },
    {
      label: 'public body',
      request: () => ({
        method: 'PUT',
        url: `/api/v1/structures/${P}/members/${p.clerkA.userId}`,
        payload: {
          role: 'UTILISATEUR',
          rights: [{ space: 'FACTURES_RECUES', serviceCode: DEMO_SERVICE_A.code }],
        },
      }),
      expect: gestionnaireOfP,
    },
  ],
  'GET /api/v1/structures/:identifier/api-clients': [
    {
      label: 'own structure',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${S}/api-clients` }),
      expect: gestionnaireOfS(200),
    },
    {
      label: 'public body',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${P}/api-clients` }),
      expect: gestionnaireOfP,
    },
  ],
  'POST /api/v1/structures/:identifier/api-clients': [
    {
      label: 'own structure',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${S}/api-clients`,
        payload: { name: 'm', scopes: ['invoices:read'] },
      }),
      expect: gestionnaireOfS(201),
    },
    {
      label: 'public body',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${P}/api-clients`,
        payload: { name: 'm', scopes: ['invoices:read'] },
      }),
      expect: gestionnaireOfP,
    },
  ],
  'POST /api/v1/structures/:identifier/api-clients/:clientId/secret': [
    {
      label: 'own structure',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${S}/api-clients/${fx.rotateS}/secret`,
      }),
      expect: gestionnaireOfS(200),
    },
    {
      label: 'public body',
      request: () => ({
        method: 'POST',
        url: `/api/v1/structures/${P}/api-clients/${fx.clientP}/secret`,
      }),
      expect: gestionnaireOfP,
    },
  ],
  'GET /api/v1/structures/:identifier/audit-events': [
    {
      label: 'own structure',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${S}/audit-events` }),
      expect: gestionnaireOfS(200),
    },
    {
      label: 'public body',
      request: () => ({ method: 'GET', url: `/api/v1/structures/${P}/audit-events` }),
      expect: gestionnaireOfP,
    },
  ],
  'POST /api/v1/oauth/token': [
    {
      label: 'wrong secret',
      request: () => ({
        method: 'POST',
        url: '/api/v1/oauth/token',
        payload: {
          grant_type: 'client_credentials',
          client_id: fx.clientP,
          client_secret: 'wrong',
        },
      }),
      expect: all(401),
    },
  ],
  'GET /api/v1/clients/me': [
    {
      label: 'whoami',
      request: () => ({ method: 'GET', url: '/api/v1/clients/me' }),
      expect: [401, 403, 403, 403, 403, 200],
    },
  ],
  'POST /api/v1/invoices': [
    {
      label: 'deposit a UBL invoice of S',
      request: () => {
        const body = depositBody({ invoice: ubl({ number: `MATRIX-D-${unique++}` }) });
        return {
          method: 'POST',
          url: '/api/v1/invoices',
          payload: body.payload,
          headers: body.headers,
        };
      },
      expect: [401, 201, 201, 403, 403, 201],
    },
  ],
  'GET /api/v1/invoices': [
    {
      label: 'sent by S',
      request: () => ({ method: 'GET', url: `/api/v1/invoices?side=sent&structure=${S}` }),
      expect: [401, 200, 200, 404, 404, 200],
    },
    {
      label: 'received by P',
      request: () => ({ method: 'GET', url: `/api/v1/invoices?side=received&structure=${P}` }),
      expect: [401, 404, 404, 200, 200, 404],
    },
  ],
  'GET /api/v1/invoices/:id': [
    {
      label: 'of S to service A',
      request: () => ({ method: 'GET', url: `/api/v1/invoices/${fx.invoice}` }),
      expect: [401, 200, 200, 200, 403, 200],
    },
    {
      label: 'unknown',
      request: () => ({ method: 'GET', url: '/api/v1/invoices/inv_00000000000000000000000000' }),
      expect: [401, 404, 404, 404, 404, 404],
    },
  ],
  'GET /api/v1/invoices/:id/history': [
    {
      label: 'of S to service A',
      request: () => ({ method: 'GET', url: `/api/v1/invoices/${fx.invoice}/history` }),
      expect: [401, 200, 200, 200, 403, 200],
    },
  ],
  'GET /api/v1/invoices/:id/rendering': [
    {
      label: 'of S to service A, as HTML',
      request: () => ({ method: 'GET', url: `/api/v1/invoices/${fx.invoice}/rendering` }),
      expect: [401, 200, 200, 200, 403, 200],
    },
  ],
  'GET /api/v1/invoices/:id/original': [
    {
      label: 'of S to service A',
      request: () => ({ method: 'GET', url: `/api/v1/invoices/${fx.invoice}/original` }),
      expect: [401, 200, 200, 200, 403, 200],
    },
  ],
  'GET /api/v1/invoices/:id/certificate': [
    {
      label: 'of S to service A',
      request: () => ({ method: 'GET', url: `/api/v1/invoices/${fx.invoice}/certificate` }),
      expect: [401, 200, 200, 200, 403, 200],
    },
  ],
  'GET /api/v1/invoices/:id/attachments/:fileId': [
    {
      label: 'of S to service A',
      request: () => ({
        method: 'GET',
        url: `/api/v1/invoices/${fx.invoice}/attachments/${fx.attachment}`,
      }),
      expect: [401, 200, 200, 200, 403, 200],
    },
  ],
  'GET /api/v1/forecast': [
    {
      label: 'cash-in of S',
      request: () => ({ method: 'GET', url: `/api/v1/forecast?side=sent&structure=${S}` }),
      expect: [401, 200, 200, 404, 404, 200],
    },
    {
      label: 'deadlines of P',
      request: () => ({ method: 'GET', url: `/api/v1/forecast?side=received&structure=${P}` }),
      expect: [401, 404, 404, 200, 200, 404],
    },
  ],
  'GET /api/v1/invoices/summary': [
    {
      label: 'counts of S',
      request: () => ({ method: 'GET', url: `/api/v1/invoices/summary?side=sent&structure=${S}` }),
      expect: [401, 200, 200, 404, 404, 200],
    },
    {
      label: 'counts of P',
      request: () => ({
        method: 'GET',
        url: `/api/v1/invoices/summary?side=received&structure=${P}`,
      }),
      expect: [401, 404, 404, 200, 200, 404],
    },
  ],
  'POST /api/v1/flows': [
    {
      label: 'deposit a UBL flow of S',
      request: () => ({
        method: 'POST',
        url: '/api/v1/flows?syntaxeFlux=IN_DP_E1_UBL_INVOICE&nomFichier=f.xml',
        payload: Buffer.from(ubl({ number: `MATRIX-F-${unique++}` }).bytes),
        headers: { 'content-type': 'application/octet-stream' },
      }),
      // Public clerks hold FACTURES_EMISES nowhere: no structure to deposit for (400).
      expect: [401, 202, 202, 400, 400, 202],
    },
  ],
  'GET /api/v1/flows': [
    {
      label: 'flows of S',
      request: () => ({ method: 'GET', url: `/api/v1/flows?structure=${S}` }),
      expect: [401, 200, 200, 404, 404, 200],
    },
  ],
  'GET /api/v1/flows/:id': [
    {
      label: 'a flow of S',
      request: () => ({ method: 'GET', url: `/api/v1/flows/${fx.flow}` }),
      expect: [401, 200, 200, 404, 404, 200],
    },
  ],
  'GET /api/v1/flows/:id/report': [
    {
      label: 'the report of a flow of S',
      request: () => ({ method: 'GET', url: `/api/v1/flows/${fx.flow}/report` }),
      expect: [401, 200, 200, 404, 404, 200],
    },
  ],
  'POST /api/v1/invoices/:id/status': [
    {
      label: 'service done, by the recipient service only',
      request: () => ({
        method: 'POST',
        url: `/api/v1/invoices/${fx.toMove}/status`,
        payload: { status: 'SERVICE_FAIT', version: 1 },
      }),
      expect: [401, 403, 403, 200, 403, 403],
    },
  ],
  'POST /api/v1/invoices/:id/complete': [
    {
      label: 'complete an invoice that is not suspended',
      request: () => ({
        method: 'POST',
        url: `/api/v1/invoices/${fx.invoice}/complete`,
        payload: { comment: 'voici le bon de livraison', version: 1 },
      }),
      expect: [401, 409, 409, 403, 403, 409],
    },
  ],
  'POST /api/v1/invoices/:id/recycle': [
    {
      label: 'recycle an invoice not sent back',
      request: () => ({
        method: 'POST',
        url: `/api/v1/invoices/${fx.invoice}/recycle`,
        payload: { recipientIdentifier: P, serviceCode: DEMO_SERVICE_A.code, version: 1 },
      }),
      expect: [401, 409, 409, 403, 403, 409],
    },
  ],
  'POST /api/v1/invoices/:id/acknowledge': [
    {
      label: 'acknowledge a rejection that did not happen',
      request: () => ({
        method: 'POST',
        url: `/api/v1/invoices/${fx.invoice}/acknowledge`,
        payload: { version: 1 },
      }),
      expect: [401, 409, 409, 403, 403, 409],
    },
  ],
  // Last: it ends the users' sessions.
  'POST /api/v1/auth/logout': [
    {
      label: 'sign out',
      request: () => ({ method: 'POST', url: '/api/v1/auth/logout' }),
      expect: userOnly(204),
    },
  ],
});

/** Routes outside the API: public by design (health, API documentation, the portal's files). */
const publicOutsideApi = [
  /^\/health\/(live|ready)$/,
  /^\/api\/openapi\.json$/,
  /^\/api\/docs(\/.*)?$/,
  /^\/\*$/,
  /^\/$/,
];

describe('authorisation matrix', () => {
  it('has a rule for every registered route, and enforces each for every persona', async () => {
    const cases = table();
    const registered = t.app.registeredRoutes.map((r) => `${r.method} ${r.url}`);
    const api = registered.filter((r) => r.split(' ')[1]!.startsWith('/api/v1'));
    const missing = api.filter((r) => !(r in cases));
    expect(missing, 'routes without an entry in the authorisation matrix').toEqual([]);
    const stale = Object.keys(cases).filter((k) => !api.includes(k));
    expect(stale, 'matrix entries for routes that do not exist').toEqual([]);
    const outside = registered.filter((r) => !r.split(' ')[1]!.startsWith('/api/v1'));
    for (const r of outside) {
      const [method, url] = r.split(' ') as [string, string];
      expect(
        method === 'GET' && publicOutsideApi.some((re) => re.test(url)),
        `unexpected route outside /api/v1: ${r}`,
      ).toBe(true);
    }

    const callers: Record<PersonaName, Caller> = {
      anonymous: p.anonymous,
      supplierUser: p.supplierUser,
      supplierGestionnaire: p.supplierGestionnaire,
      clerkA: p.clerkA,
      clerkB: p.clerkB,
      apiClient: p.apiClient,
    };
    const failures: string[] = [];
    let checks = 0;
    for (const [route, routeCases] of Object.entries(cases)) {
      for (const c of routeCases) {
        // Refusals first, so an allowed change never alters what the others see.
        const order = personaNames
          .map((n, i) => [n, c.expect[i]!] as const)
          .sort((x, y) => Number(x[1] < 300) - Number(y[1] < 300));
        for (const [name, expected] of order) {
          const res = await call(t, callers[name], c.request(name));
          checks++;
          if (res.statusCode !== expected)
            failures.push(
              `${route} (${c.label}) as ${name}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
          if (res.statusCode >= 400 && res.statusCode !== 401 && !route.endsWith('/oauth/token')) {
            expect(res.headers['content-type'], `${route} as ${name}`).toMatch(/problem\+json/);
          }
        }
      }
    }
    for (const url of ['/health/live', '/health/ready', '/api/openapi.json', '/']) {
      for (const name of personaNames) {
        const res = await call(t, callers[name], { method: 'GET', url });
        checks++;
        if (res.statusCode !== 200)
          failures.push(`GET ${url} as ${name}: expected 200, got ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
    // Printed for the record (the closing note quotes it).
    console.log(
      `authorisation matrix: ${api.length} API routes + ${outside.length} others, ${personaNames.length} personas, ${checks} checks`,
    );
    expect(checks).toBeGreaterThan(api.length * personaNames.length);
  });
});
