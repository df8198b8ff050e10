import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { signIn } from '../../../accounts/sign-in.js';
import { signOut } from '../../../accounts/sign-out.js';
import { signUp } from '../../../accounts/sign-up.js';
import { verifySecondFactor } from '../../../accounts/verify-second-factor.js';
import { SESSION_MS } from '../../../accounts/model.js';
import { SESSION_COOKIE, sessionTokenOf, userOf } from '../../auth.js';
import type { AppDeps } from '../../deps.js';
import { ProblemSchema } from '../../schemas.js';
import { Email, Password, authLimit, problems, setSessionCookie } from './shared.js';

const SessionReply = z.object({
  status: z.enum(['SIGNED_IN', 'SECOND_FACTOR_REQUIRED']),
  csrfToken: z
    .string()
    .describe('Send it back in the x-csrf-token header of every state-changing request'),
});

/** Signing up, in (with the second factor) and out, and the session's CSRF token. */
export const sessionRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  app.post(
    '/auth/signup',
    {
      config: { access: 'public', ...authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create a portal account',
        body: z.object({
          email: Email,
          password: Password.describe('12 to 128 characters'),
          name: z.string().trim().min(1).max(200),
        }),
        response: { 201: z.object({ userId: z.string() }), ...problems },
      },
    },
    async (request, reply) => {
      const result = await signUp({ db, ...request.body, ip: request.ip });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/auth/login',
    {
      config: { access: 'public', ...authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        description:
          'Sets the session cookie. When a second factor is enrolled, the session only allows POST /auth/login/second-factor.',
        body: z.object({ email: Email, password: Password }),
        response: { 200: SessionReply, ...problems, 423: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await signIn({ db, ...request.body, ip: request.ip });
      setSessionCookie(
        reply,
        deps.config,
        result.token,
        result.secondFactorRequired ? 10 * 60 * 1000 : SESSION_MS,
      );
      return {
        status: result.secondFactorRequired
          ? ('SECOND_FACTOR_REQUIRED' as const)
          : ('SIGNED_IN' as const),
        csrfToken: result.csrfToken,
      };
    },
  );

  app.post(
    '/auth/login/second-factor',
    {
      config: { access: 'public', ...authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Finish signing in with a TOTP code or a recovery code',
        body: z.object({ code: z.string().trim().min(6).max(20) }),
        response: { 200: SessionReply, ...problems },
      },
    },
    async (request, reply) => {
      const session = await verifySecondFactor({
        db,
        pendingToken: sessionTokenOf(request),
        code: request.body.code,
        ip: request.ip,
      });
      setSessionCookie(reply, deps.config, session.token, SESSION_MS);
      return { status: 'SIGNED_IN' as const, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends this session)',
        response: { 204: z.null(), ...problems },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      await signOut({ db, userId: user.userId, sessionHash: user.sessionHash, ip: request.ip });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/session',
    {
      config: { access: 'user' },
      schema: {
        tags: ['auth'],
        summary: "The current session's CSRF token",
        response: { 200: z.object({ csrfToken: z.string() }), ...problems },
      },
    },
    async (request) => ({ csrfToken: userOf(request).csrfToken }),
  );
};
