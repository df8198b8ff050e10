import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';

export const cproFacturesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (_app, _opts) => {};
