/**
 * The Chorus Pro–compatible surface (issue 13; help page "moving from Chorus Pro"): the real
 * service's paths and wire names under /cpro, every operation POST + JSON (but the health
 * check), every answer with `codeRetour` and `libelle`, and OAuth2 at /api/oauth/token.
 *
 * Routes here only translate: wire shapes in, a use case of the native API called, wire shapes
 * out. No rule is implemented twice. Authentication is this plugin's own hook
 * (cpro/authenticate-cpro-call.ts: bearer AND cpro-account), and errors are answered in the
 * surface's shape (answer.ts), not as problem documents.
 */
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateCproCall } from '../../cpro/authenticate-cpro-call.js';
import type { AppDeps } from '../deps.js';
import {
  answerTokenRequest,
  tokenErrorHandler,
  TokenAnswerSchemas,
  TokenRequestSchema,
} from '../routes/oauth.js';
import { Retour, sendFailure } from './answer.js';
import { cproFacturesRoutes } from './factures.js';
import { cproFluxRoutes } from './flux.js';
import { cproStructuresRoutes } from './structures.js';
import { cproTransversesRoutes } from './transverses.js';

import { CPRO_TAG } from './tag.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A /cpro route anyone may call (the health check). */
    cproPublic?: boolean;
  }
}

const cproSurface: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.setErrorHandler((error, request, reply) => sendFailure(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      codeRetour: 20002,
      libelle: `Opération inconnue / unknown operation: ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.cproPublic) return;
    const account = request.headers['cpro-account'];
    request.principal = await authenticateCproCall({
      db: deps.db,
      authorization: request.headers.authorization,
      cproAccount: typeof account === 'string' ? account : undefined,
      ip: request.ip,
    });
  });

  app.get(
    '/transverses/v1/health-check',
    {
      config: { cproPublic: true },
      schema: {
        tags: [CPRO_TAG],
        summary: 'Health check of the /cpro surface (no credentials needed)',
        response: { 200: z.object({ ...Retour }) },
      },
    },
    async () => ({ codeRetour: 0, libelle: 'OK' }),
  );

  await app.register(cproFluxRoutes, { deps });
  await app.register(cproFacturesRoutes, { deps });
  await app.register(cproStructuresRoutes, { deps });
  await app.register(cproTransversesRoutes, { deps });
};

/** The /cpro routes and the token URL the real service's clients call (/api/oauth/token). */
export async function registerCproSurface(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(async (root) => {
    const typed = root.withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>();
    typed.post(
      '/api/oauth/token',
      {
        config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
        attachValidation: true,
        errorHandler: tokenErrorHandler,
        schema: {
          tags: [CPRO_TAG],
          summary: 'OAuth 2.0 client credentials at the path the Chorus Pro clients use',
          description:
            'The same grant as /api/v1/oauth/token: form-encoded grant_type=client_credentials, client_id, client_secret, scope=openid (accepted; it grants the client’s own scopes).',
          body: TokenRequestSchema,
          response: TokenAnswerSchemas,
        },
      },
      async (request, reply) => answerTokenRequest(deps, request, reply),
    );
  });
  await app.register(cproSurface, { deps, prefix: '/cpro' });
}
