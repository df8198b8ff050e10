import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkReadiness } from '../../health/check-readiness.js';
import type { AppDeps } from '../deps.js';

const Health = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() });

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/health/live',
    { schema: { tags: ['health'], summary: 'The process is up', response: { 200: Health } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers',
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      try {
        await checkReadiness({ db: deps.db });
        return { status: 'ok' as const, database: deps.dbKind };
      } catch (error) {
        request.log.error({ err: error }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable' as const, database: deps.dbKind });
      }
    },
  );
};
