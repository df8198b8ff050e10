import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findAccessToken } from '../accounts/issue-access-token.js';
import type { ClientActor, UserActor } from '../accounts/model.js';

/**
 * Who is calling over HTTP: the use cases' actor, plus for a user the session's CSRF token and
 * hash (checked here, and by sign-out and password change to spare the current session).
 */
export type Principal = (UserActor & { csrfToken: string; sessionHash: string }) | ClientActor;
import { safeEqual } from '../accounts/crypto.js';
import { findSession } from '../accounts/sessions.js';
import { AppError } from '../lib/errors.js';
import type { AppDeps } from './deps.js';
import './access.js';

export const SESSION_COOKIE = 'chorale_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: set by the auth hook for API routes; undefined when anonymous. */
    principal: Principal | undefined;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The raw session token of the signed cookie, when present and untampered. */
export function sessionTokenOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

async function resolvePrincipal(
  request: FastifyRequest,
  deps: AppDeps,
): Promise<Principal | undefined> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(authorization);
    if (!match)
      throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    const client = await findAccessToken(deps.db, match[1]!);
    if (!client) throw new AppError('UNAUTHENTICATED', 'This access token is unknown or expired');
    return { kind: 'client', ...client };
  }
  const token = sessionTokenOf(request);
  if (!token) return undefined;
  const session = await findSession(deps.db, token);
  // A session waiting for its second factor is good for the second-factor step only.
  if (!session || session.secondFactorPending) return undefined;
  return {
    kind: 'user',
    userId: session.userId,
    csrfToken: session.csrfToken,
    sessionHash: session.sessionHash,
  };
}

/**
 * Authentication and the route-level access rule, before any body is parsed or validated:
 * no credentials → 401; credentials of the wrong kind → 403; a state-changing request made with
 * a session cookie must carry the session's CSRF token in x-csrf-token (403 otherwise). Finer
 * rules (rights on a structure or service) are the use cases' job.
 */
export function installAuth(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const principal = await resolvePrincipal(request, deps).catch((error: unknown) => {
      if (access === 'public') return undefined;
      throw error;
    });
    request.principal = principal;
    if (access === 'public') return;
    if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in, or send an access token');
    if (principal.kind === 'user' && access === 'client') {
      throw new AppError('FORBIDDEN', 'This route is for API clients');
    }
    if (principal.kind === 'client' && access === 'user') {
      throw new AppError('FORBIDDEN', 'This route is for portal users');
    }
    if (principal.kind === 'user' && !SAFE_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !safeEqual(given, principal.csrfToken)) {
        throw new AppError(
          'CSRF_INVALID',
          `Send the session's CSRF token in the ${CSRF_HEADER} header`,
        );
      }
    }
  });
}

/**
 * Who calls a route whose access is not 'public' (the auth hook guarantees someone
 * does): what routes hand to use cases as the principal. The check only keeps the type honest.
 */
export function principalOf(request: FastifyRequest): Principal {
  const p = request.principal;
  if (!p) throw new AppError('UNAUTHENTICATED', 'Sign in, or send an access token');
  return p;
}

/** The signed-in user of a route whose access is 'user' (the hook guarantees it). */
export function userOf(request: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  const p = request.principal;
  if (p?.kind !== 'user') throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return p;
}

export function clientOf(request: FastifyRequest): Extract<Principal, { kind: 'client' }> {
  const p = request.principal;
  if (p?.kind !== 'client') throw new AppError('UNAUTHENTICATED', 'Send an access token');
  return p;
}
