import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';
import { commonProblems } from '../schemas.js';

/**
 * What the portal shows of this instance before anyone signs in: the support contact
 * (SUPPORT_EMAIL / SUPPORT_URL / SUPPORT_PHONE), on every help page. Configuration only, no
 * database: the same answer for everyone.
 */
export const instanceRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { support } = deps.config;
  app.get(
    '/instance',
    {
      config: { access: 'public' },
      schema: {
        tags: ['instance'],
        summary: 'This instance’s support contact',
        description:
          'Each field is absent when the operator did not set it; with none, the portal points to the help and to questions to the platform support.',
        response: {
          200: z.object({
            support: z.object({
              email: z.string().optional(),
              url: z.string().optional(),
              phone: z.string().optional(),
            }),
          }),
          ...commonProblems,
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return {
        support: {
          ...(support.email ? { email: support.email } : {}),
          ...(support.url ? { url: support.url } : {}),
          ...(support.phone ? { phone: support.phone } : {}),
        },
      };
    },
  );
};
