import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import type { FastifyHelmetOptions } from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { setCursorSecret } from '../lib/cursor.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { RegisteredRoute } from './access.js';
import type { AppDeps } from './deps.js';
import { problemFrom, sendProblem } from './problem.js';
import { installAuth } from './auth.js';
import { finishOpenApi } from './openapi-finish.js';
import { LARGE_BODY_LIMITS } from './large-body-gate.js';
import { clientErrorHandler } from './client-errors.js';
import { securityHeaders } from './security-headers.js';
import formbody from '@fastify/formbody';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { installHttpMetrics } from './metrics.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { registerApiRoutes } from './routes/index.js';
import { registerCproSurface } from './cpro/index.js';
import { CPRO_TAG, CPRO_TAG_DESCRIPTION } from './cpro/tag.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The portal's built files: packages/web/dist (same depth from src/http and dist/http). */
export const webRoot = path.resolve(here, '../../../web/dist');

/** Served instead of the portal when it has not been built (`npm run build`). */
const PORTAL_NOT_BUILT = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Chorale</title></head>
<body><main><h1>Chorale</h1><p>Le portail n’est pas construit : lancez <code>npm run build</code>
(ou <code>npm start</code>). L’API est disponible : <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

export type { RegisteredRoute };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route of the app, as registered (HEAD variants left out). */
    registeredRoutes: RegisteredRoute[];
  }
}

export interface BuildAppOptions {
  deps: AppDeps;
  /** pino options, or false for no logs (tests). */
  logger?: FastifyServerOptions['logger'];
  /** Secret signing cookies; required for sessions. */
  cookieSecret: string;
}

/** The body limit of a route that does not set its own: JSON of a form or a move. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Options of helmet's headers (the portal's CSP); applied by securityHeaders. */
export const HELMET: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
  },
};

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // Page cursors are signed with a key derived from the cookie secret (lib/cursor.ts).
  setCursorSecret(options.cookieSecret);
  const app = Fastify({
    logger: options.logger ?? false,
    // A caller's x-request-id is kept when it is sane, so logs line up across systems.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId('request');
    },
    // Every body is small unless its route says otherwise (deposits, completions, flows).
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: false,
    // Node's parser errors (431, 400) and Fastify's own before routing (a URL that is not valid
    // percent-encoding) are problem documents too.
    clientErrorHandler,
    frameworkErrors: (error, request, reply) => {
      void sendProblem(reply, problemFrom(error, request).problem);
    },
  }).withTypeProvider<ZodTypeProvider>();

  // No route reads text/plain: without this parser such a body is a 415 everywhere, not a
  // string handed to a JSON schema.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // helmet's headers, the same on every answer, worked out once (see security-headers.ts); set
  // with the request id before anything else can answer, as the plugin itself would.
  const security = await securityHeaders(HELMET);
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    for (const [name, value] of security) reply.header(name, value);
    done();
  });

  // API answers (lists, reports, XML) compressed for a browser or client that accepts it, at a
  // fast level: paid per request, unlike the portal's assets, precompressed at build time.
  // Below 1 KiB a compressed body saves less than it costs.
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });

  // Refuse to start with an API route that does not state its access rule; keep the list of
  // every route so tests can check each one (the authorisation matrix).
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/v1') && !route.config?.access) {
      throw new Error(`route ${String(route.method)} ${route.url} has no config.access rule`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        routes.push({
          method,
          url: route.url,
          access: route.config?.access,
          rateLimited: Boolean((route.config as { rateLimit?: unknown } | undefined)?.rateLimit),
        });
      }
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const { problem, internal } = problemFrom(error, request);
    if (internal) request.log.error({ err: error }, 'unhandled error');
    else if (problem.status >= 500) request.log.warn({ err: error }, problem.detail);
    return sendProblem(reply, problem);
  });
  const portalBuilt = existsSync(path.join(webRoot, 'index.html'));
  app.setNotFoundHandler((request, reply) => {
    // The portal routes in the browser: any other GET for a page gets its shell (index.html);
    // API, health and asset paths keep their problem+json 404.
    const url = request.url.split('?')[0]!;
    if (
      request.method === 'GET' &&
      !url.startsWith('/api/') &&
      !url.startsWith('/cpro/') &&
      !url.startsWith('/health/') &&
      !url.startsWith('/assets/') &&
      !path.extname(url) &&
      (request.headers.accept ?? '').includes('text/html')
    ) {
      if (!portalBuilt) return reply.type('text/html; charset=utf-8').send(PORTAL_NOT_BUILT);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    const { problem } = problemFrom(
      new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`),
      request,
    );
    return sendProblem(reply, problem);
  });

  await app.register(cookie, { secret: options.cookieSecret });
  // OAuth 2.0 token requests are form-encoded (RFC 6749).
  await app.register(formbody, { bodyLimit: 16 * 1024 });
  installAuth(app, options.deps);
  // Limits are set per route (authentication routes); nothing is limited by default.
  // Counted in the database, so the limits hold across server processes (decision 0020).
  await app.register(rateLimit, {
    global: false,
    store: databaseRateLimitStore(options.deps.db),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Chorale API',
        version: '1.0.0',
        description:
          'Public API of Chorale, the open e-invoicing platform for public procurement. Errors are RFC 9457 problem documents (application/problem+json) with a stable `code`. ' +
          'Request bodies are at most 64 KB unless the route says otherwise: a deposit 4 MB as JSON, or as multipart/form-data a 10 MB invoice and 120 MB of attachments (10 MB each); a completion 16 MB as JSON or 120 MB of files as multipart; a flow 1 GB (streamed to storage, never held in memory). ' +
          `Multipart deposits and completions over 1 MB are processed ${LARGE_BODY_LIMITS.slots} at a time for the whole server (at most ${LARGE_BODY_LIMITS.queue} more wait, ${LARGE_BODY_LIMITS.waitMs / 1000} s each): beyond that the answer is 503 with Retry-After, send again. ` +
          'Headers are at most 16 KB (431 beyond).',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'chorale_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          cproAccount: {
            type: 'apiKey',
            in: 'header',
            name: 'cpro-account',
            description: 'base64("login:password") of a technical account (the /cpro surface)',
          },
        },
      },
      tags: [{ name: CPRO_TAG, description: CPRO_TAG_DESCRIPTION }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) =>
      'openapiObject' in document
        ? (finishOpenApi(
            document.openapiObject as Record<string, unknown>,
            routes,
          ) as typeof document.openapiObject)
        : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { deps: options.deps });
  // What operators watch (decision 0020): every answer counted, and GET /metrics.
  installHttpMetrics(app);
  await app.register(metricsRoutes, { deps: options.deps });
  await app.register(
    async (api) => {
      await registerApiRoutes(api, options.deps);
    },
    { prefix: '/api/v1' },
  );
  // The Chorus Pro–compatible surface: its own auth and answer shape (http/cpro/).
  await registerCproSurface(app, options.deps);

  // Hashed assets are immutable; index.html must be revalidated so a new build shows at once.
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: '/',
    index: portalBuilt ? ['index.html'] : false,
    // The build writes .br and .gz beside each text asset (packages/web/build/precompress.ts):
    // sent as they are, no compression work per request.
    preCompressed: true,
    setHeaders: (res, filePath) => {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) {
        res.header('cache-control', 'public, max-age=31536000, immutable');
      } else res.header('cache-control', 'no-cache');
    },
  });
  if (!portalBuilt) {
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send(PORTAL_NOT_BUILT),
    );
  }

  return app;
}
