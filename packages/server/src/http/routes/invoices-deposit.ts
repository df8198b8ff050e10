import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';

/** Invoice routes (deposit). (Stub: to be written.) */
export const invoicesDepositRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async () => {};
