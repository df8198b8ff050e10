import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requestPasswordReset } from '../../../accounts/request-password-reset.js';
import { resetPassword } from '../../../accounts/reset-password.js';
import type { AppDeps } from '../../deps.js';
import { Email, Password, authLimit, problems } from './shared.js';

/** Resetting a forgotten password through an e-mailed link. */
export const passwordResetRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', ...authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset link by e-mail',
        description: 'Answers 202 whether or not the address has an account.',
        body: z.object({ email: Email }),
        response: { 202: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await requestPasswordReset({
        db,
        mailer: deps.mailer,
        publicUrl: deps.config.publicUrl,
        email: request.body.email,
        ip: request.ip,
      });
      // No body: 202 says it all (whether the address exists is not told).
      return reply
        .status(202)
        .removeHeader('content-type')
        .send(undefined as never);
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public', ...authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Choose a new password with the e-mailed token',
        body: z.object({ token: z.string().min(20).max(200), password: Password }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await resetPassword({ db, ...request.body, ip: request.ip });
      return reply.status(204).send(null);
    },
  );
};
