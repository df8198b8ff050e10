import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps.js';
import { LargeBodyGate } from '../large-body-gate.js';
import { apiClientRoutes } from './accounts/api-clients.js';
import { technicalAccountRoutes } from './accounts/technical-accounts.js';
import { auditEventRoutes } from './accounts/audit-events.js';
import { meRoutes } from './accounts/me.js';
import { membersRoutes } from './accounts/members.js';
import { passwordResetRoutes } from './accounts/password-reset.js';
import { secondFactorRoutes } from './accounts/second-factor.js';
import { sessionRoutes } from './accounts/sessions.js';
import { directoryRoutes } from './directory.js';
import { flowsRoutes } from './flows.js';
import { instanceRoutes } from './instance.js';
import { oauthRoutes } from './oauth.js';
import { invoicesDepositRoutes } from './invoices-deposit.js';
import { invoicesLifecycleRoutes } from './invoices-lifecycle.js';
import { invoicesReadRoutes } from './invoices-read.js';
import { invoicesSummaryRoutes } from './invoices-summary.js';
import { sollicitationsRoutes } from './sollicitations.js';
import { notificationRoutes } from './notifications.js';
import { webhookRoutes } from './webhooks.js';

/**
 * The API routes of each area, mounted under /api/v1. One line per area: add yours here. The
 * order of registration is the order of the paths in the OpenAPI document (docs/openapi.json).
 */
export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  // One gate for every large multipart body of the app (deposits and completions together).
  const gate = new LargeBodyGate();
  await api.register(directoryRoutes, { deps });
  await api.register(sessionRoutes, { deps });
  await api.register(passwordResetRoutes, { deps });
  await api.register(meRoutes, { deps });
  await api.register(secondFactorRoutes, { deps });
  await api.register(membersRoutes, { deps });
  await api.register(apiClientRoutes, { deps });
  await api.register(technicalAccountRoutes, { deps });
  await api.register(auditEventRoutes, { deps });
  await api.register(oauthRoutes, { deps });
  await api.register(invoicesDepositRoutes, { deps, gate });
  await api.register(invoicesLifecycleRoutes, { deps, gate });
  await api.register(invoicesSummaryRoutes, { deps });
  await api.register(invoicesReadRoutes, { deps });
  await api.register(flowsRoutes, { deps });
  await api.register(sollicitationsRoutes, { deps });
  await api.register(webhookRoutes, { deps });
  await api.register(notificationRoutes, { deps });
  await api.register(instanceRoutes, { deps });
}
