import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { httpDuration, httpRequests } from '../lib/metrics.js';
import { AppError } from '../lib/errors.js';

/**
 * Every answer counted by method, route PATTERN (`/api/v1/invoices/:id`, never the raw URL: one
 * series per route, not per invoice) and status, and timed. A request that matched no route is
 * `unmatched`, whatever its URL.
 */
export function installHttpMetrics(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? 'unmatched' : (request.routeOptions.url ?? 'unmatched');
    httpRequests.inc({ method: request.method, route, status: String(reply.statusCode) });
    httpDuration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
    done();
  });
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Who may scrape /metrics (decision 0020). With METRICS_TOKEN: whoever sends it as a bearer
 * token (compared in constant time). Without: a caller on this machine only, and never through
 * a proxy — a reverse proxy on the same host connects from loopback, so a request carrying
 * forwarding headers is refused rather than taken as local.
 */
export function checkMetricsAccess(request: FastifyRequest, token: string | undefined): void {
  if (token !== undefined) {
    const match = /^Bearer\s+(\S{1,256})$/.exec(request.headers.authorization ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!), digest(token))) {
      throw new AppError('UNAUTHENTICATED', 'Send the metrics token as "Bearer <METRICS_TOKEN>"');
    }
    return;
  }
  const proxied =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (proxied || !LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    throw new AppError(
      'FORBIDDEN',
      'Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere',
    );
  }
}
