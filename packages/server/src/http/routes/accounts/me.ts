import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword } from '../../../accounts/change-password.js';
import { getMe } from '../../../accounts/get-me.js';
import { listMyJoinRequests } from '../../../accounts/list-my-join-requests.js';
import { joinRequestStatuses, roles, spaces } from '../../../accounts/model.js';
import { userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { Password, authLimit, problems } from './shared.js';

/** The signed-in user: their profile and structures, their join requests, their password. */
export const meRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.get(
    '/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'The signed-in user, their structures, roles and rights',
        response: {
          200: z.object({
            id: z.string(),
            email: z.string(),
            name: z.string(),
            secondFactorEnabled: z.boolean(),
            platformSupport: z
              .boolean()
              .describe('Platform support: sees the sollicitations addressed to the platform'),
            memberships: z.array(
              z.object({
                structure: z.object({
                  id: z.string(),
                  identifierType: z.string(),
                  identifier: z.string(),
                  name: z.string(),
                  isPublic: z.boolean(),
                }),
                role: z.enum(roles),
                rights: z.array(
                  z.object({ space: z.enum(spaces), serviceCode: z.string().nullable() }),
                ),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (request) => getMe({ db, userId: userOf(request).userId }),
  );

  app.get(
    '/me/join-requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'The signed-in user’s own requests to join structures (pending first)',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              structure: z.object({ identifier: z.string(), name: z.string() }),
              message: z.string().nullable(),
              status: z.enum(joinRequestStatuses),
              createdAt: z.date(),
              decidedAt: z.date().nullable(),
            }),
          ),
          ...problems,
        },
      },
    },
    async (request) => listMyJoinRequests({ db, userId: userOf(request).userId }),
  );

  app.post(
    '/me/password',
    {
      // Rate-limited like sign-in: the current password is checked here too.
      config: { access: 'user', ...authLimit },
      schema: {
        tags: ['account'],
        summary: 'Change the password (the current one is asked again)',
        description:
          'Closes every other session of the user; the session making the change stays open.',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      await changePassword({
        db,
        userId: user.userId,
        sessionHash: user.sessionHash,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );
};
