import { z } from 'zod';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { issueAccessToken } from '../../accounts/issue-access-token.js';
import { scopes } from '../../accounts/model.js';
import { AppError } from '../../lib/errors.js';
import type { AppDeps } from '../deps.js';
import { clientOf } from '../auth.js';
import { ProblemSchema } from '../schemas.js';

const OAuthError = z.object({
  error: z.enum(['invalid_request', 'invalid_client', 'invalid_scope', 'unsupported_grant_type']),
  error_description: z.string(),
});

/** client_id and client_secret from HTTP Basic (RFC 6749 §2.3.1), when sent that way. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon)),
      secret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  } catch {
    return undefined; // not percent-encoding: no credentials (401 invalid_client), not a 500
  }
}

/**
 * The token URLs' error handler: a body the parser refuses (not JSON, a `__proto__` key…) is an
 * RFC 6749 invalid_request like a body that does not fit — a problem document would not match
 * the route's 400 answer and fail serialisation (500). Other errors go to the app's handler.
 */
export function tokenErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error.statusCode !== 400) throw error;
  return reply
    .status(400)
    .header('cache-control', 'no-store')
    .send({ error: 'invalid_request' as const, error_description: 'The body could not be read' });
}

export const TokenRequestSchema = z.object({
  grant_type: z.string().max(64),
  scope: z.string().max(500).optional(),
  client_id: z.string().max(64).optional(),
  client_secret: z.string().max(200).optional(),
});

export const TokenAnswerSchemas = {
  200: z.object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.string(),
  }),
  400: OAuthError,
  401: OAuthError,
};

/**
 * The client-credentials grant behind /api/v1/oauth/token and the /cpro surface's
 * /api/oauth/token. `openid` (which the real service's clients always ask for) is accepted and
 * given back: it grants nothing more than the client's scopes.
 */
export async function answerTokenRequest(
  deps: AppDeps,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  // Token responses must not be cached (RFC 6749 §5.1).
  reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
  // A body that does not fit is an RFC 6749 invalid_request, not a problem document (the
  // routes attach their validation error instead of failing with it).
  if (request.validationError) {
    return reply.status(400).send({
      error: 'invalid_request' as const,
      error_description: 'grant_type is required; scope, client_id and client_secret are strings',
    });
  }
  const body = request.body as z.infer<typeof TokenRequestSchema>;
  if (body.grant_type !== 'client_credentials') {
    return reply.status(400).send({
      error: 'unsupported_grant_type' as const,
      error_description: 'Only client_credentials is supported',
    });
  }
  const basic = basicCredentials(request.headers.authorization);
  const id = basic?.id ?? body.client_id;
  const secret = basic?.secret ?? body.client_secret;
  if (!id || !secret) {
    return reply.status(401).send({
      error: 'invalid_client' as const,
      error_description: 'Client credentials are missing',
    });
  }
  const asked = (body.scope ?? '').split(' ').filter(Boolean);
  const openid = asked.includes('openid');
  const scope = asked.filter((s) => s !== 'openid').join(' ');
  try {
    const token = await issueAccessToken({
      db: deps.db,
      clientId: id,
      clientSecret: secret,
      scope: scope || undefined,
      ip: request.ip,
    });
    return {
      access_token: token.accessToken,
      token_type: token.tokenType,
      expires_in: token.expiresIn,
      scope: openid ? ['openid', token.scope].join(' ') : token.scope,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_CREDENTIALS') {
      return reply
        .status(401)
        .send({ error: 'invalid_client' as const, error_description: error.message });
    }
    if (error instanceof AppError && error.code === 'FORBIDDEN') {
      return reply
        .status(400)
        .send({ error: 'invalid_scope' as const, error_description: error.message });
    }
    throw error;
  }
}

export const oauthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/oauth/token',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
      attachValidation: true,
      errorHandler: tokenErrorHandler,
      schema: {
        tags: ['oauth'],
        summary: 'OAuth 2.0 client-credentials grant: a short-lived bearer token',
        description:
          'Form-encoded (or JSON) body with grant_type=client_credentials and optional scope; the client authenticates with HTTP Basic or client_id/client_secret fields. Errors follow RFC 6749 §5.2.',
        body: TokenRequestSchema,
        response: TokenAnswerSchemas,
      },
    },
    async (request, reply) => answerTokenRequest(deps, request, reply),
  );

  app.get(
    '/clients/me',
    {
      config: { access: 'client' },
      schema: {
        tags: ['oauth'],
        summary: 'The API client this bearer token stands for',
        security: [{ bearer: [] }],
        response: {
          200: z.object({
            clientId: z.string(),
            structureId: z.string(),
            scopes: z.array(z.enum(scopes)),
          }),
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request) => {
      const client = clientOf(request);
      return { clientId: client.clientId, structureId: client.structureId, scopes: client.scopes };
    },
  );
};
