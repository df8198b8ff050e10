import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getNotificationPreferences } from '../../events/get-notification-preferences.js';
import { listNotifications, MAX_NOTIFICATIONS } from '../../events/list-notifications.js';
import { markNotificationsRead, MAX_MARKED } from '../../events/mark-notifications-read.js';
import { eventTypes } from '../../events/model.js';
import { mailModes } from '../../events/preferences.js';
import { setNotificationPreferences } from '../../events/set-notification-preferences.js';
import { userOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { problems } from './accounts/shared.js';

const Preferences = z.array(z.object({ type: z.enum(eventTypes), mode: z.enum(mailModes) }));

/** The signed-in user's notifications (the portal's bell) and mail preferences (decision 0019). */
export const notificationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  app.get(
    '/me/notifications',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notifications'],
        summary: 'The latest notifications of the signed-in user, and how many are unread',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATIONS).default(20),
        }),
        response: {
          200: z.object({
            unread: z.number().int().describe('Unread notifications, at most 99'),
            unreadCapped: z.boolean().describe('More than 99 are unread'),
            items: z.array(
              z.object({
                id: z.string(),
                type: z.enum(eventTypes),
                createdAt: z.date(),
                read: z.boolean(),
                structure: z.object({ identifier: z.string(), name: z.string() }),
                invoiceId: z.string().nullable(),
                flowId: z.string().nullable(),
                data: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (request) =>
      listNotifications({ db, actor: userOf(request), limit: request.query.limit }),
  );

  app.post(
    '/me/notifications/read',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notifications'],
        summary: 'Mark notifications read: those named, or all',
        body: z
          .object({
            ids: z.array(z.string().max(64)).max(MAX_MARKED).optional(),
            all: z.boolean().optional(),
          })
          .refine((b) => b.all === true || (b.ids?.length ?? 0) > 0, {
            message: 'give ids, or all: true',
          }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await markNotificationsRead({ db, actor: userOf(request), ...request.body });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/notification-preferences',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notifications'],
        summary: 'Mail preference per event type: IMMEDIATE, DIGEST (daily) or OFF',
        response: { 200: Preferences, ...problems },
      },
    },
    async (request) => getNotificationPreferences({ db, actor: userOf(request) }),
  );

  app.put(
    '/me/notification-preferences',
    {
      config: { access: 'user' },
      schema: {
        tags: ['notifications'],
        summary: 'Set mail preferences (the types not given keep theirs)',
        body: z.object({ preferences: Preferences.max(eventTypes.length) }),
        response: { 200: Preferences, ...problems },
      },
    },
    async (request) =>
      setNotificationPreferences({
        db,
        actor: userOf(request),
        preferences: request.body.preferences,
      }),
  );
};
