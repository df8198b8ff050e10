import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listSides } from '../../invoices/list-invoices.js';
import { invoiceStatuses } from '../../invoices/model.js';
import { summariseInvoices } from '../../invoices/summarise-invoices.js';
import { principalOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { ProblemSchema } from '../schemas.js';

const Money = z.string().describe('Decimal amount as a string (never a float)');
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** Counts and amounts by status for the dashboards (one grouped query, same rights as the list). */
export const invoicesSummaryRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  app.get(
    '/invoices/summary',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Invoice counts and amounts by status, and the amount awaiting payment',
        description:
          'The invoices the list would show you (same side, structure and rights: a clerk counts only the services they hold FACTURES_RECUES on), grouped by status and currency. Awaiting payment: payable invoices not yet paid (made available, not rejected nor sent back, not MISE_EN_PAIEMENT; no credit notes, no invoices already paid at deposit), by currency.',
        querystring: z.object({
          side: z.enum(listSides),
          structure: z
            .string()
            .min(1)
            .max(80)
            .optional()
            .describe(
              'Identifier (SIRET…) of your structure; optional for an API client and for a user with the right in one structure only',
            ),
        }),
        response: {
          200: z.object({
            side: z.enum(listSides),
            structure: z.object({ identifier: z.string(), name: z.string() }),
            statuses: z
              .array(
                z.object({
                  status: z.enum(invoiceStatuses),
                  currency: z.string(),
                  count: z.number().int(),
                  totalWithVat: Money.describe('Sum of the totals with VAT (BT-112)'),
                  amountDue: Money.describe('Sum of the amounts due (BT-115, else BT-112)'),
                }),
              )
              .describe('Only statuses with invoices, in lifecycle order, then by currency'),
            awaitingPayment: z.array(
              z.object({ currency: z.string(), count: z.number().int(), amount: Money }),
            ),
          }),
          ...errors,
        },
      },
    },
    async (request) =>
      summariseInvoices({
        db,
        principal: principalOf(request),
        side: request.query.side,
        structure: request.query.structure,
      }),
  );
};
