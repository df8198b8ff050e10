import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkReadiness } from '../../health/check-readiness.js';
import { localFileStore } from '../../storage/local-file-store.js';
import type { AppDeps } from '../deps.js';

const Dependency = z.enum(['ok', 'down']);
const Health = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.string().optional(),
  /** Which dependency is down, when one is (readiness only). */
  checks: z.object({ database: Dependency, storage: Dependency, queue: Dependency }).optional(),
});

export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const files = deps.files ?? localFileStore(deps.config.filesDir);
  app.get(
    '/health/live',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is up (it answers; nothing else is checked)',
        response: { 200: Health },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'The database, the file store and the job queue answer',
        description:
          '503 when one of them does not; `checks` says which (the reason goes to the server log).',
        response: { 200: Health, 503: Health },
      },
    },
    async (request, reply) => {
      const readiness = await checkReadiness({ db: deps.db, files });
      for (const { dependency, error } of readiness.failures) {
        request.log.error({ err: error, dependency }, 'readiness check failed');
      }
      const body = {
        status: readiness.ready ? ('ok' as const) : ('unavailable' as const),
        database: deps.dbKind,
        checks: readiness.checks,
      };
      return readiness.ready ? body : reply.status(503).send(body);
    },
  );
};
