import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decideJoinRequest } from '../../../accounts/decide-join-request.js';
import { listJoinRequests } from '../../../accounts/list-join-requests.js';
import { listMembers } from '../../../accounts/list-members.js';
import { joinRequestStatuses, roles, spaces } from '../../../accounts/model.js';
import { requestToJoin } from '../../../accounts/request-to-join.js';
import { setMemberAccess } from '../../../accounts/set-member-access.js';
import { userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { Identifier, RightSchema, problems } from './shared.js';

/** Who belongs to a structure: requests to join it, their decision, members and their rights. */
export const membersRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.post(
    '/structures/:identifier/join-requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Ask to join a structure',
        params: Identifier,
        body: z.object({ message: z.string().max(1000).optional() }),
        response: {
          201: z.object({ id: z.string(), status: z.literal('EN_ATTENTE') }),
          ...problems,
        },
      },
    },
    async (request, reply) => {
      const result = await requestToJoin({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        message: request.body.message,
        ip: request.ip,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/structures/:identifier/join-requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Requests to join the structure (its gestionnaires only)',
        params: Identifier,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
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
    async (request) =>
      listJoinRequests({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
      }),
  );

  app.post(
    '/structures/:identifier/join-requests/:requestId/decision',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Approve (with a role and rights) or refuse a request to join',
        params: Identifier.extend({ requestId: z.string().min(1).max(64) }),
        body: z.object({
          decision: z.enum(['approve', 'refuse']),
          role: z.enum(roles).optional(),
          rights: z.array(RightSchema).max(200).optional(),
        }),
        response: { 200: z.object({ status: z.enum(['ACCEPTEE', 'REFUSEE']) }), ...problems },
      },
    },
    async (request) =>
      decideJoinRequest({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        requestId: request.params.requestId,
        ...request.body,
        ip: request.ip,
      }),
  );

  app.get(
    '/structures/:identifier/members',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Members of the structure with their rights (its gestionnaires only)',
        params: Identifier,
        response: {
          200: z.array(
            z.object({
              user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
              role: z.enum(roles),
              rights: z.array(
                z.object({ space: z.enum(spaces), serviceCode: z.string().nullable() }),
              ),
            }),
          ),
          ...problems,
        },
      },
    },
    async (request) =>
      listMembers({ db, userId: userOf(request).userId, identifier: request.params.identifier }),
  );

  app.put(
    '/structures/:identifier/members/:userId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: "Set a member's role and rights",
        params: Identifier.extend({ userId: z.string().min(1).max(64) }),
        body: z.object({ role: z.enum(roles), rights: z.array(RightSchema).max(200) }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await setMemberAccess({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        memberUserId: request.params.userId,
        ...request.body,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );
};
