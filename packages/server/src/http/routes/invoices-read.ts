import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getForecast } from '../../invoices/get-forecast.js';
import { getInvoice } from '../../invoices/get-invoice.js';
import { getInvoiceHistory } from '../../invoices/get-invoice-history.js';
import {
  renderFormats,
  renderInvoice,
  renderLangs,
  type RenderedInvoice,
} from '../../invoices/render-invoice.js';
import {
  DEFAULT_PAGE,
  listInvoices,
  listOrders,
  listSides,
  listSorts,
  MAX_PAGE,
} from '../../invoices/list-invoices.js';
import {
  actorKinds,
  fileKinds,
  invoiceStatuses,
  invoiceTypes,
  journalEvents,
  rejectionReasons,
} from '../../invoices/model.js';
import { invoiceSides } from '../../invoices/invoice-access.js';
import { principalOf } from '../auth.js';
import { contentDisposition } from '../downloads.js';
import type { AppDeps } from '../deps.js';
import { ListTotalSchema, ProblemSchema } from '../schemas.js';

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'a real date');
const Decimal = z.string().regex(/^-?\d{1,15}(\.\d{1,6})?$/, 'a decimal number such as 1500.00');
const Money = z.string().describe('Decimal amount as a string (never a float)');
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };

/** A move the caller may make now (lifecycle.ts, allowedActions). */
const AllowedActionSchema = z.object({
  action: z
    .enum(['status', 'complete', 'recycle', 'acknowledge'])
    .describe('POST /invoices/{id}/<action>'),
  to: z.enum(invoiceStatuses).nullable().describe('The status it leads to (null: acknowledge)'),
  needs: z
    .array(z.enum(['reason', 'mandateNumber', 'payment', 'complement', 'routing']))
    .describe('What the request must carry besides the version'),
});
const AllowedActions = z
  .array(AllowedActionSchema)
  .describe('The moves you may make now, given the status and your rights: offer only these');

const InvoiceSummary = z.object({
  id: z.string().describe('Chorale id (inv_…)'),
  number: z.string().describe('BT-1'),
  issueDate: z.string().describe('BT-2'),
  type: z.enum(invoiceTypes),
  status: z.enum(invoiceStatuses),
  version: z.number().int(),
  currency: z.string(),
  format: z.string(),
  supplierName: z.string(),
  recipientName: z.string(),
  serviceCode: z.string().nullable(),
  commitmentNumber: z.string().nullable(),
  totalWithoutVat: Money.nullable(),
  totalWithVat: Money.nullable(),
  amountDue: Money.nullable(),
  depositedAt: z.string(),
  madeAvailableAt: z.string().nullable(),
  firstDownloadedAt: z.string().nullable(),
  allowedActions: AllowedActions,
});

const LateInterest = z.object({
  daysLate: z.number().int(),
  rate: z.string().describe('Annual rate applied, percent: ECB rate of the half-year + 8'),
  interest: Money,
  indemnity: Money.describe('Flat 40 € recovery indemnity'),
  total: Money,
});

const Terms = z.object({
  periodDays: z.number().int().describe("Legal payment period of the recipient's category"),
  madeAvailableOn: z.string().nullable().describe('Day the period started (Europe/Paris)'),
  suspensions: z.array(z.object({ from: z.string(), to: z.string().nullable() })),
  dueDate: z
    .string()
    .nullable()
    .describe(
      'Legal payment deadline: made available + period, moved by suspensions; null while suspended or not payable',
    ),
  paid: z.boolean(),
  lateInterest: LateInterest.nullable().describe('As of today (or the payment date)'),
});

const InvoiceDetail = z.object({
  id: z.string(),
  number: z.string(),
  issueDate: z.string(),
  type: z.enum(invoiceTypes),
  typeCode: z.string().nullable(),
  framework: z.string(),
  currency: z.string(),
  format: z.string(),
  status: z.enum(invoiceStatuses),
  version: z.number().int().describe('Name it in a status change (optimistic concurrency)'),
  sides: z.array(z.enum(invoiceSides)).describe('What you may act as on this invoice'),
  allowedActions: AllowedActions,
  supplier: z.object({ identifier: z.string(), name: z.string() }),
  recipient: z.object({ identifier: z.string(), name: z.string() }),
  service: z.object({ code: z.string(), name: z.string() }).nullable(),
  serviceCode: z.string().nullable(),
  commitmentNumber: z.string().nullable(),
  amounts: z.object({
    totalWithoutVat: Money.nullable(),
    totalVat: Money.nullable(),
    totalWithVat: Money.nullable(),
    amountDue: Money.nullable(),
  }),
  depositedAt: z.string(),
  madeAvailableAt: z.string().nullable(),
  firstDownloadedAt: z.string().nullable(),
  suspendedSince: z.string().nullable(),
  mandateNumber: z.string().nullable(),
  payment: z.object({ date: z.string().nullable(), amount: Money.nullable() }),
  rejection: z
    .object({
      reason: z.enum(rejectionReasons),
      comment: z.string().nullable().describe('The free text the recipient wrote'),
    })
    .nullable()
    .describe('Why the recipient rejected the invoice (REJETEE only)'),
  warnings: z.array(z.unknown()).describe('EN 16931 warnings found at deposit'),
  model: z.unknown().describe('The EN 16931 model, normalised'),
  invoiceDueDate: z
    .string()
    .nullable()
    .describe('Due date written on the invoice (BT-9), as its rendering shows it; null if none'),
  files: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(fileKinds),
      name: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      createdAt: z.string(),
    }),
  ),
  terms: Terms,
});

const HistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  event: z.enum(journalEvents),
  actor: z.object({
    kind: z.enum(actorKinds),
    userId: z.string().nullable(),
    clientId: z.string().nullable(),
    name: z.string().nullable(),
  }),
  fromStatus: z.enum(invoiceStatuses).nullable(),
  toStatus: z.enum(invoiceStatuses).nullable(),
  reason: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

const ForecastInvoice = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(invoiceStatuses),
  counterpartyName: z.string(),
  serviceCode: z.string().nullable(),
  currency: z.string(),
  amountDue: Money,
  madeAvailableOn: z.string().nullable(),
  dueDate: z.string().nullable(),
  daysLate: z.number().int(),
  lateInterest: LateInterest.nullable(),
});

const Forecast = z.object({
  side: z.enum(listSides),
  structure: z.object({ identifier: z.string(), name: z.string() }),
  asOf: z.string(),
  weeks: z
    .array(
      z.object({
        week: z.string().describe('ISO week, e.g. 2026-W49'),
        monday: z.string(),
        sunday: z.string(),
        currency: z.string(),
        amount: Money,
        count: z.number().int(),
      }),
    )
    .describe('Sent: expected cash-in of invoices not yet late, by week of their due date'),
  overdue: z.array(ForecastInvoice).describe('Past their due date, most late first'),
  upcoming: z
    .array(ForecastInvoice)
    .describe('Sent: the invoices the weeks add up, one by one, soonest due first'),
  deadlines: z
    .array(ForecastInvoice)
    .describe('Received: unpaid invoices by due date, overdue first, suspended last'),
  suspended: z.array(ForecastInvoice).describe('Clock stopped: no due date'),
});

const Structure = z
  .string()
  .min(1)
  .max(80)
  .optional()
  .describe(
    'Identifier (SIRET…) of your structure; optional for an API client and for a user with the right in one structure only',
  );

/**
 * The rendering as it is sent. The HTML gets a policy stricter than the portal's own: no
 * script, no connection, no form, nothing fetched, only its inline styles and data: images,
 * and a sandbox; only pages of this origin (the portal) may frame it.
 */
function sendRendering(reply: FastifyReply, rendered: RenderedInvoice): FastifyReply {
  reply
    .status(200)
    .type(rendered.mediaType)
    .header('content-disposition', contentDisposition('inline', rendered.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  if (rendered.mediaType.startsWith('text/html')) {
    reply.header('content-security-policy', RENDERING_CSP).header('x-frame-options', 'SAMEORIGIN');
  }
  const body = rendered.body;
  return reply.send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
}

const RENDERING_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; sandbox";

export const invoicesReadRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;

  app.get(
    '/invoices',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Sent or received invoices, filtered and sorted',
        description:
          'side=sent: invoices of a supplier structure (FACTURES_EMISES right, or its API client). side=received: invoices made available to a recipient structure, limited to the services you hold FACTURES_RECUES on. Dates are French calendar days of deposit (sent) or of availability (received). Keyset pagination: pass `nextCursor` back as `cursor` with the same side, sort and order.',
        querystring: z.object({
          side: z.enum(listSides),
          structure: Structure,
          service: z.string().min(1).max(100).optional().describe('Service code'),
          status: z
            .union([z.enum(invoiceStatuses), z.array(z.enum(invoiceStatuses)).max(12)])
            .optional()
            .describe('Repeat to ask for several'),
          from: Day.optional().describe('First day (inclusive)'),
          to: Day.optional().describe('Last day (inclusive)'),
          minAmount: Decimal.optional().describe('Total with VAT at least'),
          maxAmount: Decimal.optional().describe('Total with VAT at most'),
          number: z.string().min(1).max(100).optional().describe('Invoice number, or its start'),
          counterparty: z
            .string()
            .min(1)
            .max(200)
            .optional()
            .describe('The other party: its exact identifier or part of its name'),
          notDownloaded: z
            .enum(['true', 'false'])
            .optional()
            .transform((v) => v === 'true')
            .describe('Only invoices the recipient has not downloaded yet'),
          sort: z.enum(listSorts).default('date'),
          order: z.enum(listOrders).default('desc'),
          cursor: z.string().max(1024).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
        }),
        response: {
          200: z.object({
            structure: z.object({ identifier: z.string(), name: z.string() }),
            items: z.array(InvoiceSummary),
            nextCursor: z.string().nullable(),
            total: ListTotalSchema,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      return listInvoices({
        db,
        principal: principalOf(request),
        side: q.side,
        structure: q.structure,
        filters: {
          service: q.service,
          status: q.status === undefined ? undefined : [q.status].flat(),
          from: q.from,
          to: q.to,
          minAmount: q.minAmount,
          maxAmount: q.maxAmount,
          number: q.number,
          counterparty: q.counterparty,
          notDownloaded: q.notDownloaded,
        },
        sort: q.sort,
        order: q.order,
        cursor: q.cursor,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/invoices/:id',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'One invoice: routing, amounts, status, files, payment terms',
        params: z.object({ id: z.string().min(1).max(64) }),
        response: { 200: InvoiceDetail, ...errors },
      },
    },
    async (request) =>
      getInvoice({ db, principal: principalOf(request), invoiceId: request.params.id }),
  );

  app.get(
    '/invoices/:id/history',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: "An invoice's journal, oldest first",
        params: z.object({ id: z.string().min(1).max(64) }),
        response: {
          200: z.object({ invoiceId: z.string(), entries: z.array(HistoryEntry) }),
          ...errors,
        },
      },
    },
    async (request) =>
      getInvoiceHistory({ db, principal: principalOf(request), invoiceId: request.params.id }),
  );

  app.get(
    '/invoices/:id/rendering',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'The invoice rendered for people: an HTML page or a PDF, in French or English',
        description:
          "Rendered from the EN 16931 model stored at deposit; every term present is shown and labelled. Same access as GET /invoices/{id}. The HTML is a standalone page without scripts or external resources, served with `Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox` so the portal can show it in a frame of its own origin and nothing in it can run. Viewing the rendering does not count as downloading the invoice.",
        params: z.object({ id: z.string().min(1).max(64) }),
        querystring: z.object({
          format: z.enum(renderFormats).default('html'),
          lang: z.enum(renderLangs).default('fr'),
        }),
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const rendered = await renderInvoice({
        db,
        principal: principalOf(request),
        invoiceId: request.params.id,
        format: request.query.format,
        lang: request.query.lang,
      });
      return sendRendering(reply, rendered);
    },
  );

  app.get(
    '/forecast',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Payment forecast: expected cash-in (sent) or upcoming deadlines (received)',
        description:
          "Due date = day made available + the legal period of the recipient's category (30, 50 or 60 days), moved by suspensions. Late interest = ECB rate in force on the first day of the half-year interest started in + 8 points, pro rata over 365 days, plus 40 € per invoice.",
        querystring: z.object({
          side: z.enum(listSides),
          structure: Structure,
          asOf: Day.optional().describe(
            'Compute lateness and interest as of this day (default: today)',
          ),
        }),
        response: { 200: Forecast, ...errors },
      },
    },
    async (request) =>
      getForecast({
        db,
        principal: principalOf(request),
        side: request.query.side,
        structure: request.query.structure,
        asOf: request.query.asOf,
      }),
  );
};
