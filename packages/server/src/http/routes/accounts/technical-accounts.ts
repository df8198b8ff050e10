import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createTechnicalAccount } from '../../../cpro/create-technical-account.js';
import { listTechnicalAccounts } from '../../../cpro/list-technical-accounts.js';
import { rotateTechnicalAccount } from '../../../cpro/rotate-technical-account.js';
import { userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { Identifier, problems } from './shared.js';

const Credentials = z.object({
  id: z.string(),
  login: z.string().describe('The login of the cpro-account header'),
  password: z.string().describe('Shown once: store it now'),
  expiresAt: z.string().describe('ISO 8601; a reminder is mailed 30 days before'),
});

/**
 * A structure's technical accounts of the Chorus Pro–compatible API (/cpro: the cpro-account
 * header), managed by any of its gestionnaires principaux.
 */
export const technicalAccountRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  app.get(
    '/structures/:identifier/technical-accounts',
    {
      config: { access: 'user' },
      schema: {
        tags: ['api-clients'],
        summary: "The structure's technical accounts (Chorus Pro–compatible API)",
        params: Identifier,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              login: z.string(),
              active: z.boolean(),
              state: z
                .enum(['ACTIVE', 'EXPIRING', 'EXPIRED'])
                .describe('EXPIRING: within 30 days of its expiry'),
              createdAt: z.string(),
              rotatedAt: z.string().nullable(),
              expiresAt: z.string(),
            }),
          ),
          ...problems,
        },
      },
    },
    async (request) =>
      listTechnicalAccounts({ db, actor: userOf(request), identifier: request.params.identifier }),
  );

  app.post(
    '/structures/:identifier/technical-accounts',
    {
      config: { access: 'user' },
      schema: {
        tags: ['api-clients'],
        summary: 'Create a technical account for the /cpro surface (password shown once)',
        params: Identifier,
        response: { 201: Credentials, ...problems },
      },
    },
    async (request, reply) => {
      const created = await createTechnicalAccount({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        ip: request.ip,
      });
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/structures/:identifier/technical-accounts/:accountId/password',
    {
      config: { access: 'user' },
      schema: {
        tags: ['api-clients'],
        summary: 'A new password for a technical account (the old one stops working at once)',
        params: Identifier.extend({ accountId: z.string().min(1).max(64) }),
        response: { 200: Credentials, ...problems },
      },
    },
    async (request) =>
      rotateTechnicalAccount({
        db,
        actor: userOf(request),
        identifier: request.params.identifier,
        technicalAccountId: request.params.accountId,
        ip: request.ip,
      }),
  );
};
