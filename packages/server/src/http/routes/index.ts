import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { accountsRoutes } from './accounts.js';
import { directoryRoutes } from './directory.js';
import { oauthRoutes } from './oauth.js';

/**
 * The API routes of each area, mounted under /api/v1. One line per area: add yours here.
 */
export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  await api.register(directoryRoutes, { deps });
  await api.register(accountsRoutes, { deps });
  await api.register(oauthRoutes, { deps });
}
