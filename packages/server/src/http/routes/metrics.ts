import type { FastifyPluginAsync } from 'fastify';
import { renderMetrics } from '../../health/render-metrics.js';
import type { AppDeps } from '../deps.js';
import { checkMetricsAccess } from '../metrics.js';

/**
 * GET /metrics, the Prometheus text format (decision 0020). Outside the API and its document:
 * a scraper's endpoint with its own access rule (a token, or this machine only).
 */
export const metricsRoutes: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    checkMetricsAccess(request, deps.config.metricsToken);
    const { contentType, text } = await renderMetrics({ db: deps.db, poolStats: deps.poolStats });
    return reply.header('cache-control', 'no-store').type(contentType).send(text);
  });
};
