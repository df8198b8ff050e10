import type { InjectOptions } from 'fastify';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import type { Personas } from './personas.js';

// The vocabulary of the authorisation matrix (test/authz-matrix.test.ts) and its rules for the
// account routes (sign-in, the signed-in user, a structure's members, API clients and events),
// kept apart so the matrix file stays readable. The rows are checked by the matrix test only.

export type PersonaName =
  'anonymous' | 'supplierUser' | 'supplierGestionnaire' | 'clerkA' | 'clerkB' | 'apiClient';
export const personaNames: PersonaName[] = [
  'anonymous',
  'supplierUser',
  'supplierGestionnaire',
  'clerkA',
  'clerkB',
  'apiClient',
];
export type Row = [number, number, number, number, number, number];

export interface Case {
  label: string;
  request: (who: PersonaName) => InjectOptions;
  expect: Row;
}

export const S = DEMO_SUPPLIER.identifier;
export const P = DEMO_PUBLIC_BODY.identifier;
export const all = (status: number): Row => [status, status, status, status, status, status];
// Columns: anonymous, supplier user, supplier gestionnaire, clerk A, clerk B, API client.
export const userOnly = (status: number): Row => [401, status, status, status, status, 403];
/** A gestionnaire-only route of the supplier (S) and of the public body (P). */
export const gestionnaireOfS = (ok: number): Row => [401, 403, ok, 404, 404, 403];
export const gestionnaireOfP: Row = [401, 404, 404, 403, 403, 403];

/** What the matrix sets up before it runs: ids of join requests, clients and invoices. */
export interface Fixtures {
  joinS: string;
  joinP: string;
  rotateS: string;
  clientP: string;
  /** Technical accounts (/cpro) of S and of P. */
  techS: string;
  techP: string;
  /** An invoice of S to P's service A, with one attachment, made available. */
  invoice: string;
  attachment: string;
  /** Another invoice of S to P's service A, which the status-change cases move. */
  toMove: string;
  /** A flow deposited by S's gestionnaire. */
  flow: string;
}

let unique = 0;

/** The rules of the account routes, in the order the app registers them. */
export function accountRules(fx: Fixtures, p: Personas): Record<string, Case[]> {
  return {
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
    'GET /api/v1/structures/:identifier/technical-accounts': [
      {
        label: 'own structure',
        request: () => ({ method: 'GET', url: `/api/v1/structures/${S}/technical-accounts` }),
        expect: gestionnaireOfS(200),
      },
      {
        label: 'public body',
        request: () => ({ method: 'GET', url: `/api/v1/structures/${P}/technical-accounts` }),
        expect: gestionnaireOfP,
      },
    ],
    'POST /api/v1/structures/:identifier/technical-accounts': [
      {
        label: 'own structure',
        request: () => ({ method: 'POST', url: `/api/v1/structures/${S}/technical-accounts` }),
        expect: gestionnaireOfS(201),
      },
      {
        label: 'public body',
        request: () => ({ method: 'POST', url: `/api/v1/structures/${P}/technical-accounts` }),
        expect: gestionnaireOfP,
      },
    ],
    'POST /api/v1/structures/:identifier/technical-accounts/:accountId/password': [
      {
        label: 'own structure',
        request: () => ({
          method: 'POST',
          url: `/api/v1/structures/${S}/technical-accounts/${fx.techS}/password`,
        }),
        expect: gestionnaireOfS(200),
      },
      {
        label: 'public body',
        request: () => ({
          method: 'POST',
          url: `/api/v1/structures/${P}/technical-accounts/${fx.techP}/password`,
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
  };
}
