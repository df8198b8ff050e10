import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAuditEvents } from '../../../accounts/list-audit-events.js';
import { userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { Identifier, problems } from './shared.js';

/** A structure's security events, for its gestionnaires. */
export const auditEventRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.get(
    '/structures/:identifier/audit-events',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: "The structure's security events, newest first (its gestionnaires only)",
        params: Identifier,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              at: z.date(),
              event: z.string(),
              actorUserId: z.string().nullable(),
              actorClientId: z.string().nullable(),
              subjectUserId: z.string().nullable(),
              ip: z.string().nullable(),
              detail: z.record(z.string(), z.unknown()),
            }),
          ),
          ...problems,
        },
      },
    },
    async (request) =>
      listAuditEvents({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        limit: request.query.limit,
      }),
  );
};
