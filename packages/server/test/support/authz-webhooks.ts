import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import { recordEvents } from '../../src/events/record-event.js';
import { createWebhook } from '../../src/webhooks/create-webhook.js';
import type { TestApp } from './app.js';
import { gestionnaireOfP, gestionnaireOfS, P, S, userOnly, type Case } from './authz.js';

// The authorisation matrix's rules for the webhook routes (decision 0019): a structure's
// gestionnaires principaux only; another structure's webhook is a 404.

export interface WebhookFixtures {
  /** Webhooks of S (one to list and resend from, one to delete) and of P. */
  hookS: string;
  deleteS: string;
  hookP: string;
  /** A delivery of hookS, and one of hookP. */
  deliveryS: string;
  deliveryP: string;
}

export async function setUpWebhookFixtures(t: TestApp): Promise<WebhookFixtures> {
  const db = t.database.db;
  const make = async (identifier: string) =>
    (
      await createWebhook({
        db,
        actor: SYSTEM_ACTOR,
        identifier,
        url: 'https://receiver.example.test/chorale',
        events: ['credential.expiring'],
        settings: t.config.webhooks,
      })
    ).id;
  const hookS = await make(S);
  const deleteS = await make(S);
  const hookP = await make(P);
  const s = (await findStructure(db, S))!;
  const pub = (await findStructure(db, P))!;
  const event = (structureId: string) => ({
    type: 'credential.expiring' as const,
    structureId,
    audience: 'GESTIONNAIRE' as const,
    data: { credential: { kind: 'TECHNICAL_ACCOUNT', id: 'tca_matrix', login: 'm' } },
  });
  await recordEvents(db, [event(s.id), event(pub.id)]);
  const deliveryOf = async (webhookId: string) =>
    (
      await db
        .selectFrom('webhook_delivery')
        .select('id')
        .where('webhook_id', '=', webhookId)
        .executeTakeFirstOrThrow()
    ).id;
  return {
    hookS,
    deleteS,
    hookP,
    deliveryS: await deliveryOf(hookS),
    deliveryP: await deliveryOf(hookP),
  };
}

const body = { url: 'https://receiver.example.test/other', events: ['invoice.made_available'] };

export function webhookRules(fx: WebhookFixtures): Record<string, Case[]> {
  const base = (id: string) => `/api/v1/structures/${id}/webhooks`;
  return {
    'GET /api/v1/me/notifications': [
      {
        label: 'own bell',
        request: () => ({ method: 'GET', url: '/api/v1/me/notifications' }),
        expect: userOnly(200),
      },
    ],
    'POST /api/v1/me/notifications/read': [
      {
        label: 'mark all read',
        request: () => ({
          method: 'POST',
          url: '/api/v1/me/notifications/read',
          payload: { all: true },
        }),
        expect: userOnly(204),
      },
    ],
    'GET /api/v1/me/notification-preferences': [
      {
        label: 'own preferences',
        request: () => ({ method: 'GET', url: '/api/v1/me/notification-preferences' }),
        expect: userOnly(200),
      },
    ],
    'PUT /api/v1/me/notification-preferences': [
      {
        label: 'own preferences',
        request: () => ({
          method: 'PUT',
          url: '/api/v1/me/notification-preferences',
          payload: { preferences: [{ type: 'flow.report_ready', mode: 'DIGEST' }] },
        }),
        expect: userOnly(200),
      },
    ],
    'GET /api/v1/structures/:identifier/webhooks': [
      {
        label: 'own structure',
        request: () => ({ method: 'GET', url: base(S) }),
        expect: gestionnaireOfS(200),
      },
      {
        label: 'public body',
        request: () => ({ method: 'GET', url: base(P) }),
        expect: gestionnaireOfP,
      },
    ],
    'POST /api/v1/structures/:identifier/webhooks': [
      {
        label: 'own structure',
        request: () => ({ method: 'POST', url: base(S), payload: body }),
        expect: gestionnaireOfS(201),
      },
      {
        label: 'public body',
        request: () => ({ method: 'POST', url: base(P), payload: body }),
        expect: gestionnaireOfP,
      },
    ],
    'DELETE /api/v1/structures/:identifier/webhooks/:webhookId': [
      {
        label: 'own structure',
        request: () => ({ method: 'DELETE', url: `${base(S)}/${fx.deleteS}` }),
        expect: gestionnaireOfS(204),
      },
      {
        label: "another structure's webhook through one's own",
        request: () => ({ method: 'DELETE', url: `${base(S)}/${fx.hookP}` }),
        expect: gestionnaireOfS(404),
      },
      {
        label: 'public body',
        request: () => ({ method: 'DELETE', url: `${base(P)}/${fx.hookP}` }),
        expect: gestionnaireOfP,
      },
    ],
    'GET /api/v1/structures/:identifier/webhooks/:webhookId/deliveries': [
      {
        label: 'own structure',
        request: () => ({ method: 'GET', url: `${base(S)}/${fx.hookS}/deliveries` }),
        expect: gestionnaireOfS(200),
      },
      {
        label: 'public body',
        request: () => ({ method: 'GET', url: `${base(P)}/${fx.hookP}/deliveries` }),
        expect: gestionnaireOfP,
      },
    ],
    'POST /api/v1/structures/:identifier/webhooks/:webhookId/deliveries/:deliveryId/resend': [
      {
        label: 'own structure',
        request: () => ({
          method: 'POST',
          url: `${base(S)}/${fx.hookS}/deliveries/${fx.deliveryS}/resend`,
        }),
        expect: gestionnaireOfS(202),
      },
      {
        label: "another webhook's delivery",
        request: () => ({
          method: 'POST',
          url: `${base(S)}/${fx.hookS}/deliveries/${fx.deliveryP}/resend`,
        }),
        expect: gestionnaireOfS(404),
      },
      {
        label: 'public body',
        request: () => ({
          method: 'POST',
          url: `${base(P)}/${fx.hookP}/deliveries/${fx.deliveryP}/resend`,
        }),
        expect: gestionnaireOfP,
      },
    ],
  };
}
