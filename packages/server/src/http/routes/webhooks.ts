import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { eventTypes } from '../../events/model.js';
import { createWebhook } from '../../webhooks/create-webhook.js';
import { deleteWebhook } from '../../webhooks/delete-webhook.js';
import {
  listWebhookDeliveries,
  MAX_DELIVERIES_LISTED,
} from '../../webhooks/list-webhook-deliveries.js';
import { listWebhooks } from '../../webhooks/list-webhooks.js';
import { deliveryStates, MAX_WEBHOOK_URL } from '../../webhooks/model.js';
import { resendWebhookDelivery } from '../../webhooks/resend-webhook-delivery.js';
import { userOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { Identifier, problems } from './accounts/shared.js';

const EventType = z.enum(eventTypes);
const WebhookId = z.string().min(1).max(64);
const Webhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(EventType),
  createdAt: z.date(),
  pending: z.number().int().describe('Deliveries still being tried'),
  failed: z.number().int().describe('Deliveries given up after 24 hours of retries'),
});
const Delivery = z.object({
  id: z.string(),
  eventId: z.string().describe('The `id` of the body and the Chorale-Event-Id header'),
  eventType: EventType,
  orderKey: z.string(),
  sequence: z.number().int(),
  state: z.enum(deliveryStates),
  createdAt: z.date(),
  deliveredAt: z.date().nullable(),
  attemptCount: z.number().int(),
  attempts: z.array(
    z.object({
      at: z.date(),
      manual: z.boolean(),
      statusCode: z.number().int().nullable(),
      durationMs: z.number().int(),
      error: z.string().nullable(),
      responseExcerpt: z.string().nullable(),
    }),
  ),
});

/** A structure's webhooks (decision 0019), managed by its gestionnaires principaux. */
export const webhookRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const settings = deps.config.webhooks;
  app.get(
    '/structures/:identifier/webhooks',
    {
      config: { access: 'user' },
      schema: {
        tags: ['webhooks'],
        summary: "The structure's webhooks (never their secrets)",
        params: Identifier,
        response: { 200: z.array(Webhook), ...problems },
      },
    },
    async (request) =>
      listWebhooks({ db, actor: userOf(request), identifier: request.params.identifier }),
  );

  app.post(
    '/structures/:identifier/webhooks',
    {
      config: { access: 'user' },
      schema: {
        tags: ['webhooks'],
        summary: 'Subscribe an HTTPS URL to events of the structure',
        params: Identifier,
        body: z.object({
          url: z.string().trim().min(1).max(MAX_WEBHOOK_URL),
          events: z.array(EventType).min(1).max(eventTypes.length),
        }),
        response: {
          201: z.object({
            id: z.string(),
            url: z.string(),
            events: z.array(EventType),
            createdAt: z.date(),
            secret: z
              .string()
              .describe('Signing secret, shown once: store it now (HMAC-SHA256 key)'),
          }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const created = await createWebhook({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        url: request.body.url,
        events: request.body.events,
        settings,
        ip: request.ip,
      });
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/structures/:identifier/webhooks/:webhookId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook with its deliveries',
        params: Identifier.extend({ webhookId: WebhookId }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await deleteWebhook({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        webhookId: request.params.webhookId,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/structures/:identifier/webhooks/:webhookId/deliveries',
    {
      config: { access: 'user' },
      schema: {
        tags: ['webhooks'],
        summary: "A webhook's latest deliveries, each with its attempts",
        params: Identifier.extend({ webhookId: WebhookId }),
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_DELIVERIES_LISTED).default(50),
        }),
        response: { 200: z.array(Delivery), ...problems },
      },
    },
    async (request) =>
      listWebhookDeliveries({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        webhookId: request.params.webhookId,
        limit: request.query.limit,
      }),
  );

  app.post(
    '/structures/:identifier/webhooks/:webhookId/deliveries/:deliveryId/resend',
    {
      config: { access: 'user' },
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again (from the queue; same event id)',
        params: Identifier.extend({ webhookId: WebhookId, deliveryId: z.string().min(1).max(64) }),
        response: {
          202: z.object({ deliveryId: z.string(), queued: z.literal(true) }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const queued = await resendWebhookDelivery({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        webhookId: request.params.webhookId,
        deliveryId: request.params.deliveryId,
      });
      return reply.status(202).send(queued);
    },
  );
};
