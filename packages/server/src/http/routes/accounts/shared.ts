import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import { PASSWORD_MAX, spaces } from '../../../accounts/model.js';
import type { Config } from '../../../config.js';
import { SESSION_COOKIE } from '../../auth.js';
import { commonProblems } from '../../schemas.js';

// What the account routes' plugins share: request schemas, their error replies, the rate limit
// of routes that check a password, and how the session cookie is set.

/**
 * Routes that check a password are rate limited per client address: enough for a person, too
 * few for a password-guessing script (the account lock stops slower ones).
 */
export const authLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };

/** The problems an account route may answer with. */
export const problems = commonProblems;

export const Email = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address');
export const Password = z.string().min(1).max(PASSWORD_MAX);
export const Identifier = z.object({ identifier: z.string().min(1).max(80) });
export const RightSchema = z.object({
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

/**
 * Sets the signed, HTTP-only session cookie for `maxAgeMs` (the session's own lifetime, so the
 * browser drops the cookie when the server would refuse it anyway).
 */
export function setSessionCookie(
  reply: FastifyReply,
  config: Config,
  token: string,
  maxAgeMs: number,
): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    path: '/',
    signed: true,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}
