import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';

/** Invoice routes (read). (Stub: to be written.) */
export const invoicesReadRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async () => {};
