import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { accountsRoutes } from './accounts.js';
import { directoryRoutes } from './directory.js';
import { flowsRoutes } from './flows.js';
import { oauthRoutes } from './oauth.js';
import { invoicesDepositRoutes } from './invoices-deposit.js';
import { invoicesLifecycleRoutes } from './invoices-lifecycle.js';
import { invoicesReadRoutes } from './invoices-read.js';
import { invoicesSummaryRoutes } from './invoices-summary.js';

/**
 * The API routes of each area, mounted under /api/v1. One line per area: add yours here.
 */
export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  await api.register(directoryRoutes, { deps });
  await api.register(accountsRoutes, { deps });
  await api.register(oauthRoutes, { deps });
  await api.register(invoicesDepositRoutes, { deps });
  await api.register(invoicesLifecycleRoutes, { deps });
  await api.register(invoicesSummaryRoutes, { deps });
  await api.register(invoicesReadRoutes, { deps });
  await api.register(flowsRoutes, { deps });
}
