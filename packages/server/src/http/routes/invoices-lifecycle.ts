import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';

/** Invoice routes (lifecycle). (Stub: to be written.) */
export const invoicesLifecycleRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async () => {};
