import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTechnicalAccount } from '../src/cpro/create-technical-account.js';
import { createApiClient } from '../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../src/accounts/model.js';
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
import { localFileStore } from '../src/storage/local-file-store.js';
import {
  sollicitationFixtures,
  sollicitationRules,
  type SollicitationFixtures,
} from './support/authz-sollicitations.js';
import {
  accountRules,
  all,
  gestionnaireOfP,
  P,
  personaNames,
  S,
  userOnly,
  type Case,
  type Fixtures,
  type PersonaName,
} from './support/authz.js';
import {
  setUpWebhookFixtures,
  webhookRules,
  type WebhookFixtures,
} from './support/authz-webhooks.js';

/**
 * The authorisation matrix: every route the app registers, called as every persona, with the
 * status each must get. A route missing from the table fails the suite, so no route ships
 * without a stated rule. Structure-scoped routes are checked against the caller's own
 * structure and against another one (which must answer 404, never reveal itself).
 */
let t: TestApp;
let p: Personas;
let hooks: WebhookFixtures;
const fx: Fixtures = {
  joinS: '',
  joinP: '',
  rotateS: '',
  clientP: '',
  techS: '',
  techP: '',
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
    await createApiClient({
      db,
      actor: SYSTEM_ACTOR,
      identifier: s.identifier,
      name: 'to rotate',
      scopes: ['invoices:read'],
    })
  ).clientId;
  fx.clientP = (
    await createApiClient({
      db,
      actor: SYSTEM_ACTOR,
      identifier: pub.identifier,
      name: 'of P',
      scopes: ['invoices:read'],
    })
  ).clientId;
  fx.techS = (await createTechnicalAccount({ db, actor: SYSTEM_ACTOR, identifier: S })).id;
  fx.techP = (await createTechnicalAccount({ db, actor: SYSTEM_ACTOR, identifier: P })).id;
  hooks = await setUpWebhookFixtures(t);
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
  sfx = await sollicitationFixtures(
    db,
    localFileStore(t.config.filesDir),
    p.supplierGestionnaire.userId!,
    fx.invoice,
  );
});
afterAll(async () => {
  await t.close();
});
let sfx: SollicitationFixtures;

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
  ...accountRules(fx, p),
  ...sollicitationRules(sfx, () => fx.invoice),
  ...webhookRules(hooks),
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
  'GET /api/v1/invoices/deposit-settings': [
    {
      // The same answer for every signed-in user and API client: no structure is involved.
      label: 'the amount above which a deposit is confirmed',
      request: () => ({ method: 'GET', url: '/api/v1/invoices/deposit-settings' }),
      expect: [401, 200, 200, 200, 200, 200],
    },
  ],
  'POST /api/v1/invoices/routing-check': [
    {
      // The deposit's own routing checks: who may not send for S is refused as at deposit.
      label: 'the routing of an invoice of S',
      request: () => ({
        method: 'POST',
        url: '/api/v1/invoices/routing-check',
        payload: {
          id: 'MATRIX-R-1',
          issueDate: '2026-11-20',
          typeCode: '380',
          seller: { identifiers: [{ value: DEMO_SUPPLIER.identifier, scheme: '0009' }] },
          buyer: { identifier: { value: DEMO_PUBLIC_BODY.identifier, scheme: '0009' } },
          buyerReference: DEMO_SERVICE_A.code,
          purchaseOrderReference: 'EJ-1',
        },
      }),
      expect: [401, 200, 200, 403, 403, 200],
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
  'GET /api/v1/instance': [
    {
      // Configuration only (the support contact): the help pages show it before any sign-in.
      label: 'the support contact',
      request: () => ({ method: 'GET', url: '/api/v1/instance' }),
      expect: all(200),
    },
  ],
  'GET /api/v1/flows/settings': [
    {
      // The same answer for every signed-in user and API client: no structure is involved.
      label: 'syntaxes, states and limits of flows',
      request: () => ({ method: 'GET', url: '/api/v1/flows/settings' }),
      expect: [401, 200, 200, 200, 200, 200],
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
  'GET /api/v1/flows/:id/files/:name': [
    {
      // Only outbound flows have files: an inbound flow's id names none (test/flows/outbound.test.ts
      // checks the recipient's pull and another structure's 404).
      label: 'a file of an inbound flow',
      request: () => ({ method: 'GET', url: `/api/v1/flows/${fx.flow}/files/x.xml` }),
      expect: [401, 404, 404, 404, 404, 404],
    },
  ],
  'PUT /api/v1/structures/:identifier/reception': [
    {
      label: 'reception of P, by its gestionnaire only',
      request: () => ({
        method: 'PUT',
        url: `/api/v1/structures/${P}/reception`,
        payload: { byFlow: false, format: 'ORIGINAL', withRendering: false },
      }),
      expect: gestionnaireOfP,
    },
  ],
  'PUT /api/v1/structures/:identifier/services/:code/reception': [
    {
      label: 'reception of a service of P, by its gestionnaire only',
      request: () => ({
        method: 'PUT',
        url: `/api/v1/structures/${P}/services/${DEMO_SERVICE_A.code}/reception`,
        payload: { reception: null },
      }),
      expect: gestionnaireOfP,
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

/**
 * Routes outside /api/v1 with their own authentication: the Chorus Pro–compatible surface
 * (bearer AND cpro-account, answers with codeRetour) and its token URL. Their rules are the
 * cpro tests' (test/cpro/auth.test.ts); here only their existence is accepted.
 */
const ownAuthOutsideApi = [
  /^POST \/api\/oauth\/token$/,
  /^POST \/cpro\//,
  /^GET \/cpro\/transverses\/v1\/health-check$/,
  // A scraper's endpoint: METRICS_TOKEN or loopback only (test/health/metrics.test.ts).
  /^GET \/metrics$/,
];

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
    const outside = registered.filter(
      (r) => !r.split(' ')[1]!.startsWith('/api/v1') && !ownAuthOutsideApi.some((re) => re.test(r)),
    );
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
