import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { confirmTotpEnrolment } from '../../../accounts/confirm-totp-enrolment.js';
import { startTotpEnrolment } from '../../../accounts/start-totp-enrolment.js';
import { turnOffSecondFactor } from '../../../accounts/turn-off-second-factor.js';
import { userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { authLimit, problems } from './shared.js';

/** The signed-in user's TOTP second factor: enrolling (start, confirm) and turning it off. */
export const secondFactorRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  app.post(
    '/me/second-factor',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'Start enrolling a TOTP second factor',
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }), ...problems },
      },
    },
    async (request) => startTotpEnrolment({ db, actor: userOf(request) }),
  );

  app.post(
    '/me/second-factor/disable',
    {
      // Rate-limited like sign-in: the password is checked here too.
      config: { access: 'user', ...authLimit },
      schema: {
        tags: ['account'],
        summary: 'Turn the TOTP second factor off (the password is asked again)',
        description: 'Erases the secret and the recovery codes; enrolling again starts afresh.',
        body: z.object({ password: z.string().min(1).max(200) }),
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      await turnOffSecondFactor({
        db,
        userId: userOf(request).userId,
        password: request.body.password,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/second-factor/confirm',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'Confirm the TOTP second factor with a code; returns recovery codes once',
        body: z.object({ code: z.string().trim().min(6).max(10) }),
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...problems },
      },
    },
    async (request) =>
      confirmTotpEnrolment({
        db,
        actor: userOf(request),
        code: request.body.code,
        ip: request.ip,
      }),
  );
};
