import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createApiClient } from '../../../accounts/create-api-client.js';
import { listApiClients } from '../../../accounts/list-api-clients.js';
import { scopes } from '../../../accounts/model.js';
import { rotateApiClientSecret } from '../../../accounts/rotate-api-client-secret.js';
import { userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { Identifier, problems } from './shared.js';

const Credentials = z.object({
  clientId: z.string(),
  clientSecret: z.string().describe('Shown once: store it now'),
});

/** A structure's API clients (OAuth2 client-credentials), managed by its gestionnaires principaux. */
export const apiClientRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.get(
    '/structures/:identifier/api-clients',
    {
      config: { access: 'user' },
      schema: {
        tags: ['api-clients'],
        summary: "The structure's API clients",
        params: Identifier,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              scopes: z.array(z.enum(scopes)),
              active: z.boolean(),
              createdAt: z.date(),
              secretRotatedAt: z.date().nullable(),
            }),
          ),
          ...problems,
        },
      },
    },
    async (request) =>
      listApiClients({ db, actor: userOf(request), identifier: request.params.identifier }),
  );

  app.post(
    '/structures/:identifier/api-clients',
    {
      config: { access: 'user' },
      schema: {
        tags: ['api-clients'],
        summary: 'Create an API client (OAuth2 client-credentials) for the structure',
        params: Identifier,
        body: z.object({
          name: z.string().trim().min(1).max(100),
          scopes: z.array(z.enum(scopes)).min(1),
        }),
        response: { 201: Credentials, ...problems },
      },
    },
    async (request, reply) => {
      const created = await createApiClient({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        ...request.body,
        ip: request.ip,
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/structures/:identifier/api-clients/:clientId/secret',
    {
      config: { access: 'user' },
      schema: {
        tags: ['api-clients'],
        summary: "Rotate an API client's secret (the old one stops working at once)",
        params: Identifier.extend({ clientId: z.string().min(1).max(64) }),
        response: { 200: Credentials, ...problems },
      },
    },
    async (request) =>
      rotateApiClientSecret({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        clientId: request.params.clientId,
        ip: request.ip,
      }),
  );
};
