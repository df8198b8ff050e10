import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { acknowledgeRejection } from '../../invoices/acknowledge-rejection.js';
import { changeInvoiceStatus } from '../../invoices/change-invoice-status.js';
import type { IncomingFile } from '../../invoices/attachments.js';
import { completeInvoice, MAX_COMMENT } from '../../invoices/complete-invoice.js';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_REASON,
  MAX_TOTAL_ATTACHMENT_BYTES,
  invoiceStatuses,
  rejectionReasons,
} from '../../invoices/model.js';
import { recycleInvoice } from '../../invoices/recycle-invoice.js';
import { AppError } from '../../lib/errors.js';
import { principalOf } from '../auth.js';
import { LargeBodyGate } from '../large-body-gate.js';
import { readMultipart } from '../multipart.js';
import type { AppDeps } from '../deps.js';
import { localFileStore } from '../../storage/local-file-store.js';
import { commonProblems, ProblemSchema } from '../schemas.js';

const errors = commonProblems;

const Params = z.object({ id: z.string().min(1).max(40) });
const Version = z.number().int().positive().describe('The version of the invoice you saw');
const Moved = z.object({
  id: z.string(),
  status: z.enum(invoiceStatuses),
  version: z.number().int(),
  seq: z.number().int().describe('Number of the journal row written'),
});

/** The JSON body of a completion: about 12 MB of files in base64. */
const MAX_JSON_COMPLEMENT_BYTES = 16 * 1024 * 1024;

const JsonComplement = z.object({
  version: Version,
  comment: z.string().max(MAX_COMMENT).optional(),
  attachments: z
    .array(
      z.object({
        name: z.string().min(1).max(200),
        mediaType: z.string().max(200).optional(),
        contentBase64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 4),
      }),
    )
    .max(50)
    .optional(),
});

/** The complement from a JSON body (base64 files) or a multipart form (`attachments` files). */
async function readComplement(
  request: FastifyRequest,
): Promise<{ version: number; comment?: string; attachments: IncomingFile[] }> {
  if (request.isMultipart()) {
    const fields: Record<string, string> = {};
    const attachments: IncomingFile[] = [];
    let total = 0;
    await readMultipart(request, {
      // Every file part is an attachment, whatever its field; a copy, so the stored bytes own
      // their memory. Reading stops as soon as the files pass 120 MB in all.
      onFile: (file) => {
        total += file.bytes.byteLength;
        if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
          throw new AppError('PAYLOAD_TOO_LARGE', 'The files are larger than 120 MB in all', {
            fr: 'Les fichiers dépassent 120 Mo au total',
          });
        }
        attachments.push({
          filename: file.filename,
          mediaType: file.mediaType || 'application/octet-stream',
          bytes: new Uint8Array(file.bytes),
        });
      },
      // Fields other than version and comment are ignored, as are non-text values.
      onField: (field, value) => {
        if (typeof value === 'string') fields[field] = value;
      },
    });
    const parsed = z
      .object({
        version: z.coerce.number().int().positive(),
        comment: z.string().max(MAX_COMMENT).optional(),
      })
      .safeParse(fields);
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', 'Send the version (and a comment or files)', {
        fr: 'Envoyez la version (et un commentaire ou des fichiers)',
        details: parsed.error.issues.map((i) => ({
          pointer: i.path.join('.'),
          message: i.message,
        })),
      });
    }
    return { ...parsed.data, attachments };
  }
  const parsed = JsonComplement.safeParse(request.body);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'Invalid complement', {
      fr: 'Complément non valide',
      details: parsed.error.issues.map((i) => ({ pointer: i.path.join('.'), message: i.message })),
    });
  }
  return {
    version: parsed.data.version,
    ...(parsed.data.comment !== undefined ? { comment: parsed.data.comment } : {}),
    attachments: (parsed.data.attachments ?? []).map((a) => ({
      filename: a.name,
      mediaType: a.mediaType ?? 'application/octet-stream',
      bytes: new Uint8Array(Buffer.from(a.contentBase64, 'base64')),
    })),
  };
}

/**
 * Lifecycle routes: status changes by the recipient, completing and recycling by the supplier,
 * acknowledging a refusal. Rights are checked by the use cases (another structure's invoice
 * 404, a missing right 403, a stale version 409).
 */
export const invoicesLifecycleRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  gate: LargeBodyGate;
}> = async (app, { deps, gate }) => {
  const { db } = deps;
  const files = deps.files ?? localFileStore(deps.config.filesDir);
  // Encapsulated here unless an enclosing context already parses multipart.
  if (!app.hasContentTypeParser('multipart/form-data')) {
    await app.register(multipart, {
      limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 50, fields: 10, fieldSize: 16 * 1024 },
      throwFileSizeLimit: true,
      preservePath: true, // as for deposits: the attachment rules see the name as sent
    });
  }

  app.post(
    '/invoices/:id/status',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Move a received invoice to another status',
        description:
          'For the recipient service (right FACTURES_RECUES on the service or the structure, or an API client with scope invoices:process). Name the version you saw: a stale one gets 409. REJETEE takes a `rejectionReason` from the closed list (AUTRE when absent) and a free-text reason (required with AUTRE); SUSPENDUE needs a reason (at most 255 characters); MANDATEE a mandate number, MISE_EN_PAIEMENT a payment date and amount. See docs/lifecycle.md for the transition table.',
        params: Params,
        body: z.object({
          status: z.enum(invoiceStatuses),
          version: Version,
          reason: z.string().max(MAX_REASON).optional(),
          rejectionReason: z
            .enum(rejectionReasons)
            .optional()
            .describe('Only with REJETEE: why the invoice is rejected; AUTRE needs `reason`'),
          mandateNumber: z.string().max(100).optional(),
          paymentDate: z.string().max(10).optional().describe('YYYY-MM-DD'),
          paymentAmount: z
            .string()
            .max(20)
            .optional()
            .describe('Decimal with a point, e.g. "1234.50"'),
        }),
        response: { 200: Moved, ...errors },
      },
    },
    async (request) => {
      const result = await changeInvoiceStatus({
        db,
        principal: principalOf(request),
        invoiceId: request.params.id,
        ...request.body,
      });
      return { id: result.id, status: result.status, version: result.version, seq: result.seq };
    },
  );

  app.post(
    '/invoices/:id/complete',
    {
      config: { access: 'user-or-client' },
      // JSON carries small files in base64; larger ones go multipart (read file by file, the
      // total checked as it grows, through the large-body gate).
      bodyLimit: MAX_JSON_COMPLEMENT_BYTES,
      schema: {
        tags: ['invoices'],
        summary: 'Complete a suspended invoice (supplier)',
        description:
          "JSON `{version, comment?, attachments?: [{name, mediaType?, contentBase64}]}` (the whole body at most 16 MB, so about 12 MB of files) or multipart/form-data with fields `version`, `comment` and files `attachments` (for larger files). Files: at most 10 MB each, 120 MB with the invoice's other attachments, names of at most 50 characters with an accepted extension. A multipart body over 1 MB waits for one of the 2 slots of large bodies (deposits and completions together; at most 8 wait, 30 s each): otherwise 503 with Retry-After. The invoice goes to COMPLETEE, back to the recipient.",
        params: Params,
        response: {
          200: Moved.extend({
            files: z.array(
              z.object({ id: z.string(), name: z.string(), size: z.number(), sha256: z.string() }),
            ),
          }),
          ...errors,
          413: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      let release: (() => void) | undefined;
      if (LargeBodyGate.isLarge(request)) {
        reply.header('retry-after', '5');
        release = await gate.enter();
        reply.removeHeader('retry-after');
      }
      let result;
      try {
        const complement = await readComplement(request);
        result = await completeInvoice({
          db,
          files,
          principal: principalOf(request),
          invoiceId: request.params.id,
          version: complement.version,
          ...(complement.comment !== undefined ? { comment: complement.comment } : {}),
          attachments: complement.attachments,
        });
      } finally {
        release?.();
      }
      return {
        id: result.id,
        status: result.status,
        version: result.version,
        seq: result.seq,
        files: result.files,
      };
    },
  );

  app.post(
    '/invoices/:id/recycle',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Send an invoice returned for wrong routing to its right recipient (supplier)',
        description:
          'From A_RECYCLER: the new recipient, service code and commitment number are checked against the directory as at deposit (refusal codes in `errors[].message`). The invoice keeps its number and goes back to MISE_A_DISPOSITION for the new recipient.',
        params: Params,
        body: z.object({
          version: Version,
          recipientIdentifier: z.string().min(1).max(80),
          serviceCode: z.string().max(100).nullable().optional(),
          commitmentNumber: z.string().max(100).nullable().optional(),
        }),
        response: { 200: Moved, ...errors },
      },
    },
    async (request) => {
      const result = await recycleInvoice({
        db,
        principal: principalOf(request),
        invoiceId: request.params.id,
        ...request.body,
      });
      return { id: result.id, status: result.status, version: result.version, seq: result.seq };
    },
  );

  app.post(
    '/invoices/:id/acknowledge',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Acknowledge the refusal of an invoice (supplier)',
        description: 'Writes a journal event; the status stays REJETEE. Repeating it is harmless.',
        params: Params,
        response: {
          200: z.object({ id: z.string(), acknowledged: z.literal(true), seq: z.number().int() }),
          ...errors,
        },
      },
    },
    async (request) =>
      acknowledgeRejection({ db, principal: principalOf(request), invoiceId: request.params.id }),
  );
};
