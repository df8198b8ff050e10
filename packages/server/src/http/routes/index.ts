import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';

/**
 * The API routes of each area, mounted under /api/v1. One line per area: add yours here.
 */
export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  void api;
  void deps;
}
