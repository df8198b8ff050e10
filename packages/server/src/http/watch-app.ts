import Fastify, { type FastifyInstance } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { AppError } from '../lib/errors.js';
import type { AppDeps } from './deps.js';
import { installHttpMetrics } from './metrics.js';
import { problemFrom, sendProblem } from './problem.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';

/**
 * What a process without the API shows operators (`chorale worker --http-port`, decision 0020):
 * /health/live, /health/ready and /metrics — its jobs and mail counters are its own, so it is
 * scraped like a server. Nothing else: every other path is a 404 problem document.
 */
export async function buildWatchApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, trustProxy: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) =>
    sendProblem(reply, problemFrom(error, request).problem),
  );
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problemFrom(new AppError('NOT_FOUND', `No route ${request.method} ${request.url}`), request)
        .problem,
    ),
  );
  installHttpMetrics(app);
  await app.register(healthRoutes, { deps });
  await app.register(metricsRoutes, { deps });
  return app;
}
