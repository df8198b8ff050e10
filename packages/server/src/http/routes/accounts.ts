import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changePassword } from '../../accounts/change-password.js';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../accounts/enrol-totp.js';
import { getMe } from '../../accounts/get-me.js';
import { decideJoinRequest } from '../../accounts/decide-join-request.js';
import { listAuditEvents } from '../../accounts/list-audit-events.js';
import { listJoinRequests } from '../../accounts/list-join-requests.js';
import { listMembers } from '../../accounts/list-members.js';
import { listMyJoinRequests } from '../../accounts/list-my-join-requests.js';
import {
  createApiClient,
  listApiClients,
  rotateApiClientSecret,
} from '../../accounts/manage-api-clients.js';
import {
  joinRequestStatuses,
  PASSWORD_MAX,
  roles,
  scopes,
  SESSION_MS,
  spaces,
} from '../../accounts/model.js';
import { requestPasswordReset } from '../../accounts/request-password-reset.js';
import { requestToJoin } from '../../accounts/request-to-join.js';
import { resetPassword } from '../../accounts/reset-password.js';
import { setMemberAccess } from '../../accounts/set-member-access.js';
import { signIn } from '../../accounts/sign-in.js';
import { signOut } from '../../accounts/sign-out.js';
import { signUp } from '../../accounts/sign-up.js';
import { turnOffSecondFactor } from '../../accounts/turn-off-second-factor.js';
import { verifySecondFactor } from '../../accounts/verify-second-factor.js';
import type { AppDeps } from '../deps.js';
import { SESSION_COOKIE, sessionTokenOf, userOf } from '../auth.js';
import { ProblemSchema } from '../schemas.js';

// Sign-in routes are rate limited per client address: enough for a person, too few for a
// password-guessing script (the account lock stops slower ones).
const authLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

const Email = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address');
const Password = z.string().min(1).max(PASSWORD_MAX);
const Identifier = z.object({ identifier: z.string().min(1).max(80) });
const RightSchema = z.object({
  space: z
    .enum(spaces)
    .describe(
      'FACTURES_EMISES (invoices sent), FACTURES_RECUES (received), SOLLICITATIONS (requests)',
    ),
  serviceCode: z
    .string()
    .min(1)
    .max(100)
    .nullable()
    .optional()
    .describe('Limit the right to one service; absent: the whole structure'),
});
const SessionReply = z.object({
  status: z.enum(['SIGNED_IN', 'SECOND_FACTOR_REQUIRED']),
  csrfToken: z
    .string()
    .describe('Send it back in the x-csrf-token header of every state-changing request'),
});
const Credentials = z.object({
  clientId: z.string(),
  clientSecret: z.string().describe('Shown once: store it now'),
});
const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

export const accountsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const setSession = (reply: FastifyReply, token: string, maxAgeMs: number) =>
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.secureCookies,
      path: '/',
      signed: true,
      maxAge: Math.floor(maxAgeMs / 1000),
    });

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
        response: { 201: z.object({ userId: z.string() }), ...errors },
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
        response: { 200: SessionReply, ...errors, 423: ProblemSchema },
      },
    },
    async (request, reply) => {
      const result = await signIn({ db, ...request.body, ip: request.ip });
      setSession(reply, result.token, result.secondFactorRequired ? 10 * 60 * 1000 : SESSION_MS);
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
        response: { 200: SessionReply, ...errors },
      },
    },
    async (request, reply) => {
      const session = await verifySecondFactor({
        db,
        pendingToken: sessionTokenOf(request),
        code: request.body.code,
        ip: request.ip,
      });
      setSession(reply, session.token, SESSION_MS);
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
        response: { 204: z.null(), ...errors },
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
        response: { 200: z.object({ csrfToken: z.string() }), ...errors },
      },
    },
    async (request) => ({ csrfToken: userOf(request).csrfToken }),
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public', ...authLimit },
      schema: {
        tags: ['auth'],
        summary: 'Ask for a password reset link by e-mail',
        description: 'Answers 202 whether or not the address has an account.',
        body: z.object({ email: Email }),
        response: { 202: z.null(), ...errors },
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
      return reply.status(202).send(null);
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
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await resetPassword({ db, ...request.body, ip: request.ip });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'The signed-in user, their structures, roles and rights',
        response: {
          200: z.object({
            id: z.string(),
            email: z.string(),
            name: z.string(),
            secondFactorEnabled: z.boolean(),
            memberships: z.array(
              z.object({
                structure: z.object({
                  id: z.string(),
                  identifierType: z.string(),
                  identifier: z.string(),
                  name: z.string(),
                  isPublic: z.boolean(),
                }),
                role: z.enum(roles),
                rights: z.array(
                  z.object({ space: z.enum(spaces), serviceCode: z.string().nullable() }),
                ),
              }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) => getMe({ db, userId: userOf(request).userId }),
  );

  app.get(
    '/me/join-requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'The signed-in user’s own requests to join structures (pending first)',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              structure: z.object({ identifier: z.string(), name: z.string() }),
              message: z.string().nullable(),
              status: z.enum(joinRequestStatuses),
              createdAt: z.date(),
              decidedAt: z.date().nullable(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) => listMyJoinRequests({ db, userId: userOf(request).userId }),
  );

  app.post(
    '/me/password',
    {
      // Rate-limited like sign-in: the current password is checked here too.
      config: { access: 'user', ...authLimit },
      schema: {
        tags: ['account'],
        summary: 'Change the password (the current one is asked again)',
        description:
          'Closes every other session of the user; the session making the change stays open.',
        body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      await changePassword({
        db,
        userId: user.userId,
        sessionHash: user.sessionHash,
        currentPassword: request.body.currentPassword,
        newPassword: request.body.newPassword,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/me/second-factor',
    {
      config: { access: 'user' },
      schema: {
        tags: ['account'],
        summary: 'Start enrolling a TOTP second factor',
        response: { 200: z.object({ secret: z.string(), otpauthUri: z.string() }), ...errors },
      },
    },
    async (request) => startTotpEnrolment({ db, userId: userOf(request).userId }),
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
        response: { 204: z.null(), ...errors },
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
        response: { 200: z.object({ recoveryCodes: z.array(z.string()) }), ...errors },
      },
    },
    async (request) =>
      confirmTotpEnrolment({
        db,
        userId: userOf(request).userId,
        code: request.body.code,
        ip: request.ip,
      }),
  );

  app.post(
    '/structures/:identifier/join-requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Ask to join a structure',
        params: Identifier,
        body: z.object({ message: z.string().max(1000).optional() }),
        response: { 201: z.object({ id: z.string(), status: z.literal('EN_ATTENTE') }), ...errors },
      },
    },
    async (request, reply) => {
      const result = await requestToJoin({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        message: request.body.message,
        ip: request.ip,
      });
      return reply.status(201).send(result);
    },
  );

  app.get(
    '/structures/:identifier/join-requests',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Requests to join the structure (its gestionnaires only)',
        params: Identifier,
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
              message: z.string().nullable(),
              status: z.enum(joinRequestStatuses),
              createdAt: z.date(),
              decidedAt: z.date().nullable(),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) =>
      listJoinRequests({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
      }),
  );

  app.post(
    '/structures/:identifier/join-requests/:requestId/decision',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Approve (with a role and rights) or refuse a request to join',
        params: Identifier.extend({ requestId: z.string().min(1).max(64) }),
        body: z.object({
          decision: z.enum(['approve', 'refuse']),
          role: z.enum(roles).optional(),
          rights: z.array(RightSchema).max(200).optional(),
        }),
        response: { 200: z.object({ status: z.enum(['ACCEPTEE', 'REFUSEE']) }), ...errors },
      },
    },
    async (request) =>
      decideJoinRequest({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        requestId: request.params.requestId,
        ...request.body,
        ip: request.ip,
      }),
  );

  app.get(
    '/structures/:identifier/members',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: 'Members of the structure with their rights (its gestionnaires only)',
        params: Identifier,
        response: {
          200: z.array(
            z.object({
              user: z.object({ id: z.string(), email: z.string(), name: z.string() }),
              role: z.enum(roles),
              rights: z.array(
                z.object({ space: z.enum(spaces), serviceCode: z.string().nullable() }),
              ),
            }),
          ),
          ...errors,
        },
      },
    },
    async (request) =>
      listMembers({ db, userId: userOf(request).userId, identifier: request.params.identifier }),
  );

  app.put(
    '/structures/:identifier/members/:userId',
    {
      config: { access: 'user' },
      schema: {
        tags: ['structures'],
        summary: "Set a member's role and rights",
        params: Identifier.extend({ userId: z.string().min(1).max(64) }),
        body: z.object({ role: z.enum(roles), rights: z.array(RightSchema).max(200) }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await setMemberAccess({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        memberUserId: request.params.userId,
        ...request.body,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );

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
          ...errors,
        },
      },
    },
    async (request) =>
      listApiClients({ db, userId: userOf(request).userId, identifier: request.params.identifier }),
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
        response: { 201: Credentials, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createApiClient({
        db,
        userId: userOf(request).userId,
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
        response: { 200: Credentials, ...errors },
      },
    },
    async (request) =>
      rotateApiClientSecret({
        db,
        userId: userOf(request).userId,
        identifier: request.params.identifier,
        clientId: request.params.clientId,
        ip: request.ip,
      }),
  );

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
          ...errors,
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
