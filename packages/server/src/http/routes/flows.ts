import { Readable } from 'node:stream';
import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { depositFlow } from '../../flows/deposit-flow.js';
import { getFlowReport, flowReportCsv, openFlowReport } from '../../flows/flow-report.js';
import { renderFlowReportPdf } from '../../flows/flow-report-pdf.js';
import { flowSettings, flowSyntaxKinds } from '../../flows/flow-settings.js';
import {
  flowDirections,
  flowStates,
  flowSyntaxes,
  MAX_FLOW_BYTES,
  type FlowSyntax,
} from '../../flows/model.js';
import { getFlow, listFlows, MAX_FLOW_PAGE } from '../../flows/read-flows.js';
import {
  listOutboundFlows,
  loadOutboundFlowFor,
  openOutboundFile,
  outboundSummaryOf,
} from '../../flows/outbound/read-outbound.js';
import { IDEMPOTENCY_KEY } from '../../invoices/idempotency.js';
import { AppError } from '../../lib/errors.js';
import { localFileStore } from '../../storage/local-file-store.js';
import type { AppDeps } from '../deps.js';
import { principalOf } from '../auth.js';
import { contentDisposition } from '../downloads.js';
import { multipartParts, multipartReadError } from '../multipart.js';
import { ListTotalSchema, ProblemSchema } from '../schemas.js';

/** Raw flow bodies: the stream is handed to the file store as it arrives, never buffered. */
const RAW_TYPES = ['application/octet-stream', 'application/zip', 'application/gzip'];

const DepositFields = z.object({
  syntaxeFlux: z.enum(flowSyntaxes).describe('Declared syntax of every invoice of the flow'),
  nomFichier: z.string().min(1).max(255).describe('The file name, as the depositor knows it'),
  structure: z
    .string()
    .regex(/^\d{14}$/)
    .optional()
    .describe('SIRET of the supplier structure (default: the API client’s, or your only one)'),
  cadreFacturation: z
    .string()
    .max(80)
    .optional()
    .describe('Billing framework given to every invoice (default A1_FACTURE_FOURNISSEUR)'),
});

const DepositQuery = DepositFields.partial();

const FlowDeposited = z.object({
  id: z.string(),
  numeroFluxDepot: z.string().describe('Flow number (numeroFluxDepot)'),
  etat: z.enum(flowStates),
  dateDepot: z.string().describe('ISO 8601'),
});

const Message = z.object({ fr: z.string(), en: z.string() });

const FlowSummarySchema = z.object({
  id: z.string(),
  numeroFluxDepot: z.string(),
  etat: z.enum(flowStates),
  syntaxeFlux: z.string(),
  nomFichier: z.string(),
  dateDepot: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  entries: z.number().int().nullable().describe('Entries found; null until read to the end'),
  accepted: z.number().int(),
  refused: z.number().int(),
  dates: z.object({
    received: z.string(),
    waiting: z.string().nullable(),
    processing: z.string().nullable(),
    finished: z.string().nullable(),
  }),
  error: z.object({ code: z.string(), message: Message }).nullable(),
  outbound: z
    .object({
      invoiceId: z.string(),
      format: z.string().describe('Form the recipient asked for: ORIGINAL, UBL, CII, FACTURX'),
      files: z.array(
        z.object({
          name: z.string().describe('Download with GET /flows/{id}/files/{name}'),
          mediaType: z.string(),
          size: z.number().int(),
          sha256: z.string(),
        }),
      ),
      fallback: z
        .object({ code: z.string(), message: Message })
        .nullable()
        .describe('Why the original was sent instead of the asked form'),
      pickedUpAt: z.string().nullable(),
    })
    .optional()
    .describe('Outbound flows only (direction OUT)'),
});

const EntryErrorSchema = z.object({
  refusalCode: z.string(),
  ruleId: z.string().nullable().describe('EN 16931 rule id, when a rule decided it'),
  message: Message.describe('Plain sentence naming the field'),
  field: z.string().nullable().describe('Business terms concerned (BT-…, BG-…)'),
  path: z.string().nullable(),
  line: z.number().int().nullable(),
});

const FlowReportSchema = z.object({
  flow: FlowSummarySchema,
  entries: z.array(
    z.object({
      index: z.number().int(),
      name: z.string(),
      invoiceNumber: z.string().nullable(),
      outcome: z.enum(['ACCEPTED', 'REFUSED']),
      invoiceId: z.string().nullable(),
      refusalCode: z.string().nullable(),
      errors: z.array(EntryErrorSchema),
    }),
  ),
});

const FlowSettingsSchema = z.object({
  syntaxes: z
    .array(z.object({ code: z.enum(flowSyntaxes), kind: z.enum(flowSyntaxKinds) }))
    .describe(
      'The syntaxes integrated (syntaxeFlux), each with the kind of file its entries are: ubl, cii (XML), facturx (PDF), statuses (a recipient’s status file)',
    ),
  states: z
    .array(z.object({ code: z.enum(flowStates), direction: z.enum(flowDirections) }))
    .describe('Every flow state (etatCourantDepotFlux), in the order a flow goes through them'),
  finalStates: z
    .array(z.enum(flowStates))
    .describe('The states that never change again: no need to ask once a flow is in one'),
  limits: z.object({
    maxFlowBytes: z.number().int().describe('Largest flow file, as deposited'),
    maxInvoiceBytes: z.number().int().describe('Largest invoice, alone or inside an archive'),
    maxEntries: z.number().int().describe('Most entries an archive may hold'),
  }),
});

const errors = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  413: ProblemSchema,
  415: ProblemSchema,
};

const FlowId = z.object({ id: z.string().min(1).max(64) });

function fieldsOf(values: Record<string, unknown>) {
  const parsed = DepositFields.safeParse(values);
  if (!parsed.success) {
    throw new AppError(
      'VALIDATION_FAILED',
      'syntaxeFlux and nomFichier are required and must be valid',
      {
        fr: 'syntaxeFlux et nomFichier sont obligatoires et doivent être valides',
        details: parsed.error.issues.map((i) => ({
          pointer: i.path.map(String).join('/'),
          message: i.message,
        })),
      },
    );
  }
  return parsed.data;
}

export const flowsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const files = deps.files ?? localFileStore(deps.config.filesDir);
  // Multipart for this plugin only: one file part streamed to the store, at most 1 GB (cut at
  // 1 GB + 1 byte, so the store refuses it by size with a 413 instead of a parser error).
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_FLOW_BYTES + 1, files: 1, fields: 8, fieldSize: 4096, parts: 9 },
  });
  for (const type of RAW_TYPES) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }

  app.post(
    '/flows',
    {
      config: { access: 'user-or-client' },
      bodyLimit: MAX_FLOW_BYTES,
      schema: {
        tags: ['flows'],
        summary: 'Deposit a flow (one invoice, or a .zip / .tar.gz of invoices)',
        description: [
          'Either multipart/form-data with the fields `syntaxeFlux`, `nomFichier` (and optionally `structure`, `cadreFacturation`) BEFORE the file part `flow`;',
          `or the file as the raw body (${RAW_TYPES.join(', ')}) with the fields in the query string.`,
          'The file is streamed to storage (at most 1 GB; a single invoice at most 10 MB) and integrated asynchronously: the answer (202) gives the flow id and number in state IN_RECU; follow it with GET /flows/{id} and its report.',
          'Syntaxes integrated: IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B, IN_DP_E2_CII_FACTURX; the others are refused (400, SYNTAXE_NON_SUPPORTEE).',
          'IN_STATUTS_CSV and IN_STATUTS_JSON (ours, not Chorus Pro codes) are status files of a recipient: each line moves one invoice through the lifecycle, as POST /invoices/{id}/status would (format in docs/lifecycle.md); they need FACTURES_RECUES or the invoices:process scope, and `structure` names the recipient structure.',
          'The same bytes sent again by the same depositor give back the first flow. With an `Idempotency-Key`, a retry gets the first answer (`Idempotent-Replayed: true`); the key with another request is 409.',
          'Users need the FACTURES_EMISES right on the structure, API clients the invoices:send scope.',
        ].join(' '),
        headers: z.looseObject({
          'idempotency-key': z.string().regex(IDEMPOTENCY_KEY).optional(),
        }),
        querystring: DepositQuery,
        response: { 202: FlowDeposited, ...errors },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const deposit = (fields: z.infer<typeof DepositFields>, content: Readable) =>
        depositFlow({
          db,
          files,
          principal,
          structureIdentifier: fields.structure,
          syntax: fields.syntaxeFlux as FlowSyntax,
          fileName: fields.nomFichier,
          framework: fields.cadreFacturation,
          content,
          idempotencyKey: request.headers['idempotency-key'],
        });
      let result: Awaited<ReturnType<typeof depositFlow>> | undefined;
      if (request.isMultipart()) {
        const values: Record<string, unknown> = { ...request.query };
        for await (const part of multipartParts(request)) {
          if (part.type === 'field') {
            if (result) continue; // after the file: ignored, as documented
            if (!(part.fieldname in DepositFields.shape)) {
              throw new AppError('VALIDATION_FAILED', `Unexpected field "${part.fieldname}"`, {
                fr: `Champ inattendu « ${part.fieldname} »`,
              });
            }
            values[part.fieldname] = part.value;
          } else if (part.fieldname === 'flow' && !result) {
            try {
              result = await deposit(fieldsOf(values), part.file);
            } catch (error) {
              throw multipartReadError(error) ?? error;
            }
          } else {
            throw new AppError('VALIDATION_FAILED', `Unexpected file part "${part.fieldname}"`, {
              fr: `Partie de fichier inattendue « ${part.fieldname} »`,
            });
          }
        }
        if (!result) {
          throw new AppError('VALIDATION_FAILED', 'The file part "flow" is missing', {
            fr: 'La partie de fichier « flow » manque',
          });
        }
      } else if (request.body instanceof Readable) {
        result = await deposit(fieldsOf({ ...request.query }), request.body);
      } else {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Send multipart/form-data or a raw body (${RAW_TYPES.join(', ')})`,
          { fr: `Envoyez du multipart/form-data ou un corps brut (${RAW_TYPES.join(', ')})` },
        );
      }
      const { replayed, ...body } = result;
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(202).header('location', `/api/v1/flows/${body.id}`).send(body);
    },
  );

  app.get(
    '/flows',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['flows'],
        summary: 'The flows of a structure, newest first',
        description:
          '`direction=in` (default): the flows a supplier structure deposited. `direction=out`: the outbound flows of a recipient structure (invoices made available to it while it receives by flow; states OUT_A_RECUPERER, OUT_RECUPERE), limited to the services the caller may see. Keyset pagination: pass `nextCursor` back as `cursor`. `etat` filters by state (comma-separated for several).',
        querystring: z.object({
          direction: z.enum(['in', 'out']).default('in'),
          structure: z.string().max(14).optional(),
          etat: z
            .string()
            .max(300)
            .optional()
            .describe(`One or more of ${flowStates.join(', ')}, comma-separated`),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(MAX_FLOW_PAGE).optional(),
        }),
        response: {
          200: z.object({
            structure: z.object({ identifier: z.string(), name: z.string() }),
            items: z.array(FlowSummarySchema),
            nextCursor: z.string().nullable(),
            total: ListTotalSchema,
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const q = request.query;
      const states = q.etat?.split(',').map((s) => s.trim());
      const bad = states?.filter((s) => !(flowStates as readonly string[]).includes(s)) ?? [];
      if (bad.length > 0) {
        throw new AppError('VALIDATION_FAILED', `Unknown flow state(s): ${bad.join(', ')}`);
      }
      if (q.direction === 'out') {
        return listOutboundFlows({
          db,
          principal: principalOf(request),
          structureIdentifier: q.structure,
          states: states as (typeof flowStates)[number][] | undefined,
          cursor: q.cursor,
          limit: q.limit ?? 50,
        });
      }
      return listFlows({
        db,
        principal: principalOf(request),
        structureIdentifier: q.structure,
        states: states as (typeof flowStates)[number][] | undefined,
        cursor: q.cursor,
        limit: q.limit,
      });
    },
  );

  app.get(
    '/flows/settings',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['flows'],
        summary: 'What a flow deposit accepts: syntaxes, states and limits',
        description:
          'The same for every caller and seldom changed (a client may keep it for the session): the syntaxes integrated and the kind of file each expects, the flow states and which of them are final, and the limits a deposit must respect (the deposit refuses what breaks them).',
        response: { 200: FlowSettingsSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async () => flowSettings(),
  );

  app.get(
    '/flows/:id',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['flows'],
        summary: 'One flow: state, dates, counts',
        params: FlowId,
        response: { 200: FlowSummarySchema, ...errors },
      },
    },
    async (request) => {
      const summary = await getFlow({
        db,
        principal: principalOf(request),
        flowId: request.params.id,
      });
      if (summary.etat !== 'OUT_A_RECUPERER' && summary.etat !== 'OUT_RECUPERE') return summary;
      // Outbound: the same summary plus its files (access was checked by getFlow).
      return outboundSummaryOf(
        await loadOutboundFlowFor({
          db,
          principal: principalOf(request),
          flowId: request.params.id,
        }),
      );
    },
  );

  app.get(
    '/flows/:id/files/:name',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['flows'],
        summary: 'Download a file of an outbound flow (the invoice, or its rendering)',
        description:
          'Serving the file is the pickup: the flow moves to OUT_RECUPERE and, the first time the invoice is downloaded by its recipient whatever the channel, the invoice journal records DOWNLOADED.',
        params: FlowId.extend({ name: z.string().min(1).max(80) }),
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const { file, stream } = await openOutboundFile({
        db,
        files,
        principal: principalOf(request),
        flowId: request.params.id,
        name: request.params.name,
      });
      return reply
        .status(200)
        .type(file.mediaType)
        .header('cache-control', 'private, no-store')
        .header('content-disposition', contentDisposition('attachment', file.name))
        .send(stream as never); // a stream is sent as is, never serialised
    },
  );

  app.get(
    '/flows/:id/report',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['flows'],
        summary: 'The flow’s integration report (JSON, CSV or PDF)',
        description:
          'Per entry: accepted with its invoice id, or refused with every error (refusal code, EN 16931 rule, field, French and English message, path and line). `format=csv`: RFC 4180 with `;` as separator, UTF-8 with a BOM (opens as columns in a French-locale spreadsheet), one row per accepted entry and per error. `format=pdf`: a readable A4 report.',
        params: FlowId,
        querystring: z.object({ format: z.enum(['json', 'csv', 'pdf']).default('json') }),
        response: { 200: FlowReportSchema, ...errors },
      },
    },
    async (request, reply) => {
      const options = { db, principal: principalOf(request), flowId: request.params.id };
      const format = request.query.format;
      if (format === 'json') return getFlowReport(options);
      const { flow, entries } = await openFlowReport(options);
      const base = `compte-rendu-${flow.numeroFluxDepot}`;
      reply.header('cache-control', 'private, no-store');
      if (format === 'csv') {
        return reply
          .status(200)
          .type('text/csv; charset=utf-8')
          .header('content-disposition', contentDisposition('attachment', `${base}.csv`))
          .send(Readable.from(flowReportCsv(flow, entries)) as never); // a stream is sent as is, never serialised
      }
      const pdf = await renderFlowReportPdf(flow, entries);
      return reply
        .status(200)
        .type('application/pdf')
        .header('content-disposition', contentDisposition('inline', `${base}.pdf`))
        .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength) as never); // bytes are sent as they are
    },
  );
};
