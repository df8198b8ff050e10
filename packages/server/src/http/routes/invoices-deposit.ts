import { z } from 'zod';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getCertificate } from '../../invoices/certificate.js';
import { checkInvoiceRouting } from '../../invoices/check-invoice-routing.js';
import { depositInvoice, type DepositOptions } from '../../invoices/deposit-invoice.js';
import { IDEMPOTENCY_KEY } from '../../invoices/idempotency.js';
import { KeyedInvoiceSchema } from '../../invoices/keyed-invoice.js';
import {
  billingFrameworks,
  invoiceStatuses,
  invoiceTypes,
  MAX_ATTACHMENT_BYTES,
  MAX_TOTAL_ATTACHMENT_BYTES,
  refusalCodes,
} from '../../invoices/model.js';
import { checkAttachments, type IncomingFile } from '../../invoices/attachments.js';
import { readInvoiceFile } from '../../invoices/store-files.js';
import { AppError } from '../../lib/errors.js';
import { principalOf } from '../auth.js';
import { contentDisposition } from '../downloads.js';
import { LARGE_BODY_LIMITS, LargeBodyGate } from '../large-body-gate.js';
import { readMultipart } from '../multipart.js';
import type { AppDeps } from '../deps.js';
import { localFileStore } from '../../storage/local-file-store.js';
import { ProblemSchema } from '../schemas.js';

const MetadataSchema = z.object({
  framework: z
    .string()
    .min(1)
    .max(80)
    .describe(
      `Billing framework (cadre de facturation): ${billingFrameworks.join(', ')}. Only A1_FACTURE_FOURNISSEUR and A2_FACTURE_FOURNISSEUR_DEJA_PAYEE are accepted for now (others: CADRE_NON_SUPPORTE).`,
    ),
  type: z
    .string()
    .max(20)
    .optional()
    .describe(`Declared kind (${invoiceTypes.join(', ')}); must agree with BT-3 when given`),
  supplierIdentifier: z
    .string()
    .regex(/^\d{14}$/)
    .optional()
    .describe('SIRET of the supplier structure, when the invoice names only its SIREN'),
});

const JsonDepositBody = z
  .object({ metadata: MetadataSchema, keyed: KeyedInvoiceSchema })
  .describe('Keyed-in invoice without a file (application/json)');

const WarningSchema = z.object({
  id: z.string().describe('EN 16931 rule id'),
  path: z.string(),
  line: z.number().int(),
  message: z.string(),
  messageFr: z.string(),
});

const DepositReply = z.object({
  id: z.string(),
  status: z.enum(invoiceStatuses),
  sha256: z.string().describe('SHA-256 (hex) of the original as deposited'),
  depositedAt: z.string().describe('ISO 8601 timestamp'),
  warnings: z.array(WarningSchema),
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

const Id = z.object({
  value: z.string().max(100),
  scheme: z.string().max(10).optional(),
});
/** The routing an upload names (BT-1, 2, 3, 5, 10, 13, 29, 30, 46, 47), as the engine read it. */
const RoutingCheckBody = z.object({
  id: z.string().max(200).optional(),
  issueDate: z.string().max(10).optional(),
  typeCode: z.string().max(3).optional(),
  currencyCode: z.string().max(3).optional(),
  buyerReference: z.string().max(200).optional(),
  purchaseOrderReference: z.string().max(200).optional(),
  seller: z
    .object({ identifiers: z.array(Id).max(20), legalRegistration: Id.optional() })
    .optional(),
  buyer: z.object({ identifier: Id.optional(), legalRegistration: Id.optional() }).optional(),
  supplierIdentifier: MetadataSchema.shape.supplierIdentifier,
});

const InvoiceId = z.object({ id: z.string().min(1).max(64) });

/** Reads a multipart deposit: `invoice` file, `attachments` files, `metadata` and `keyed` JSON. */
async function readDepositForm(request: FastifyRequest): Promise<{
  invoice: IncomingFile | undefined;
  attachments: IncomingFile[];
  metadata: unknown;
  keyed: unknown;
}> {
  let invoice: IncomingFile | undefined;
  const attachments: IncomingFile[] = [];
  let metadata: unknown;
  let keyed: unknown;
  let total = 0;
  // A JSON part comes as text (no Content-Type), as a field declared application/json (the
  // parser has read it already), or as a file part (a Blob from a generated client).
  const json = (name: string, value: unknown, mediaType: string): unknown => {
    if (typeof value !== 'string') {
      if (mediaType === 'application/json') return value;
      throw new AppError('VALIDATION_FAILED', `The ${name} part must be JSON`, {
        fr: `La partie ${name} doit être du JSON`,
      });
    }
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new AppError('VALIDATION_FAILED', `The ${name} part is not valid JSON`, {
        fr: `La partie ${name} n’est pas du JSON valide`,
      });
    }
  };
  await readMultipart(request, {
    onFile: (part) => {
      // Over the limit, the file is cut at limit + 1 byte: the use case then refuses it by
      // name (PIECE_JOINTE_REFUSEE) instead of the whole request failing blindly.
      const file = {
        bytes: part.bytes,
        filename: part.filename,
        mediaType: part.mediaType || 'application/octet-stream',
      };
      if (part.field === 'metadata' || part.field === 'keyed') {
        const value = json(part.field, Buffer.from(part.bytes).toString('utf8'), '');
        if (part.field === 'metadata') metadata = value;
        else keyed = value;
      } else if (part.field === 'invoice') {
        if (invoice) {
          throw new AppError('VALIDATION_FAILED', 'Send one invoice file only', {
            fr: 'Envoyez un seul fichier de facture',
          });
        }
        // The name is stored as text: a NUL (or another control character) is refused here,
        // not left to fail in the database (a 500), and so is a name of 100 KB.
        // eslint-disable-next-line no-control-regex
        if (/[\u0000-\u001f\u007f]/.test(part.filename) || part.filename.length > 255) {
          throw new AppError(
            'VALIDATION_FAILED',
            'The invoice file name must be at most 255 characters, without control characters',
            {
              fr: 'Le nom du fichier de la facture doit faire au plus 255 caractères, sans caractère de contrôle',
            },
          );
        }
        if (part.truncated) {
          throw new AppError('PAYLOAD_TOO_LARGE', 'The invoice file is larger than 10 MB', {
            fr: 'Le fichier de la facture dépasse 10 Mo',
          });
        }
        invoice = file;
      } else if (part.field === 'attachments' || part.field === 'attachment') {
        attachments.push(file);
        // Stop reading as soon as the whole is too large: memory stays bounded by the limit.
        total += file.bytes.byteLength;
        if (total > MAX_TOTAL_ATTACHMENT_BYTES) checkAttachments(attachments);
      } else {
        throw new AppError('VALIDATION_FAILED', `Unexpected file part "${part.field}"`, {
          fr: `Partie de fichier inattendue « ${part.field} »`,
        });
      }
    },
    onField: (field, value, mediaType) => {
      if (field === 'metadata') metadata = json('metadata', value, mediaType);
      else if (field === 'keyed') keyed = json('keyed', value, mediaType);
      else {
        throw new AppError('VALIDATION_FAILED', `Unexpected field "${field}"`, {
          fr: `Champ inattendu « ${field} »`,
        });
      }
    },
  });
  return { invoice, attachments, metadata, keyed };
}

function zodDetails(error: z.ZodError, root: string) {
  return error.issues.map((i) => ({
    pointer: `${root}/${i.path.map(String).join('/')}`,
    message: i.message,
  }));
}

function sendPdf(reply: FastifyReply, bytes: Uint8Array, filename: string): FastifyReply {
  return reply
    .status(200)
    .type('application/pdf')
    .header('content-disposition', contentDisposition('inline', filename))
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export const invoicesDepositRoutes: FastifyPluginAsyncZod<{
  deps: AppDeps;
  gate: LargeBodyGate;
}> = async (app, { deps, gate }) => {
  const { db } = deps;
  // Where invoice files go (STORAGE_URL), as for flows and sollicitations.
  const files = deps.files ?? localFileStore(deps.config.filesDir);
  // Multipart only for this plugin's routes (encapsulated). Files are cut at 10 MB + 1 byte
  // rather than failing the stream, so an oversize attachment is refused by name.
  await app.register(multipart, {
    throwFileSizeLimit: false,
    // File names as sent, path included: the attachment rules refuse a separator instead of
    // the parser cutting it off silently (the same name gets the same answer in JSON).
    preservePath: true,
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES + 1,
      files: 101,
      fields: 4,
      fieldSize: 4 * 1024 * 1024,
      parts: 110,
    },
  });

  app.post(
    '/invoices',
    {
      config: { access: 'user-or-client' },
      bodyLimit: 4 * 1024 * 1024,
      schema: {
        tags: ['invoices'],
        summary: 'Deposit an invoice',
        description: [
          'Either multipart/form-data with the parts `invoice` (the file: UBL 2.1 or CII D16B XML, Factur-X PDF, or a plain PDF with `keyed`), `attachments` (zero or more files: 10 MB each, 120 MB in all, names of at most 50 characters with an office/image/archive extension), `metadata` (JSON: {framework, type?, supplierIdentifier?}) and `keyed` (JSON, the keyed-in data, with a plain PDF only);',
          'or application/json (the body below, at most 4 MB) for an invoice keyed in without a file.',
          `A multipart deposit over 1 MB waits for one of the ${LARGE_BODY_LIMITS.slots} slots of large bodies (deposits and completions together; at most ${LARGE_BODY_LIMITS.queue} wait, ${LARGE_BODY_LIMITS.waitMs / 1000} s each): otherwise 503 with Retry-After.`,
          'The invoice is checked (EN 16931 rules, recipient, service, commitment, framework, type, duplicate, right) and made available to the recipient at once.',
          'Refusals are problem documents with a `refusal.code`: ' + refusalCodes.join(', ') + '.',
          'With an `Idempotency-Key` header, a retried request gets the first answer again (header `Idempotent-Replayed: true`); the same key with another request is 409.',
        ].join(' '),
        headers: z.looseObject({
          'idempotency-key': z
            .string()
            .regex(IDEMPOTENCY_KEY)
            .optional()
            .describe('Any unique string (1 to 255 visible ASCII characters), e.g. a UUID'),
        }),
        body: JsonDepositBody.nullish(),
        response: { 201: DepositReply, ...errors },
      },
    },
    async (request, reply) => {
      let release: (() => void) | undefined;
      try {
        if (LargeBodyGate.isLarge(request)) {
          reply.header('retry-after', '5');
          release = await gate.enter();
          reply.removeHeader('retry-after');
        }
        let options: Omit<DepositOptions, 'db' | 'principal'>;
        if (request.isMultipart()) {
          const parts = await readDepositForm(request);
          const metadata = MetadataSchema.safeParse(parts.metadata);
          if (!metadata.success) {
            throw new AppError('VALIDATION_FAILED', 'The metadata part is missing or invalid', {
              fr: 'La partie metadata manque ou n’est pas valide',
              details: zodDetails(metadata.error, 'metadata'),
            });
          }
          let keyed;
          if (parts.keyed !== undefined) {
            const parsed = KeyedInvoiceSchema.safeParse(parts.keyed);
            if (!parsed.success) {
              throw new AppError('VALIDATION_FAILED', 'The keyed part is invalid', {
                fr: 'La partie keyed n’est pas valide',
                details: zodDetails(parsed.error, 'keyed'),
              });
            }
            keyed = parsed.data;
          }
          const { supplierIdentifier, ...rest } = metadata.data;
          options = {
            invoice: parts.invoice,
            keyed,
            attachments: parts.attachments,
            metadata: rest,
            supplierIdentifier,
          };
        } else {
          if (!request.body) {
            throw new AppError('VALIDATION_FAILED', 'Send a multipart deposit or a JSON body', {
              fr: 'Envoyez un dépôt multipart ou un corps JSON',
            });
          }
          const { supplierIdentifier, ...rest } = request.body.metadata;
          options = {
            invoice: undefined,
            keyed: request.body.keyed,
            attachments: [],
            metadata: rest,
            supplierIdentifier,
          };
        }
        const principal = principalOf(request);
        const { replayed, ...result } = await depositInvoice({
          db,
          files,
          principal,
          ...options,
          idempotencyKey: request.headers['idempotency-key'],
        });
        if (replayed) reply.header('idempotent-replayed', 'true');
        return reply.status(201).header('location', `/api/v1/invoices/${result.id}`).send(result);
      } finally {
        release?.();
      }
    },
  );

  app.get(
    '/invoices/deposit-settings',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'What the portal asks before a deposit',
        description:
          '`confirmAbove`: a total with VAT (BT-112) above this amount, in the invoice currency, is confirmed by the depositor before it is sent (DEPOSIT_CONFIRM_ABOVE). The API itself deposits any amount.',
        response: {
          200: z.object({ confirmAbove: z.string().describe('Decimal with a point') }),
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async () => ({ confirmAbove: deps.config.depositConfirmAbove }),
  );

  app.post(
    '/invoices/routing-check',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'Check where an invoice would go, before depositing it',
        description:
          'The routing checks of a deposit (supplier and right, recipient known, public and active, service required and in force at the invoice date, commitment number required), on the fields the invoice names, named as in the EN 16931 model. Writes nothing. A failed check is the refusal the deposit would give (problem document with `refusal.code`). The EN 16931 rules are not judged here: a deposit judges them again.',
        body: RoutingCheckBody,
        response: {
          200: z.object({
            number: z.string(),
            issueDate: z.string(),
            supplier: z.object({ identifier: z.string(), name: z.string() }),
            recipient: z.object({ identifier: z.string(), name: z.string() }),
            service: z.object({ code: z.string() }).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const { supplierIdentifier, ...invoice } = request.body;
      return checkInvoiceRouting({
        db,
        principal: principalOf(request),
        invoice,
        supplierIdentifier,
      });
    },
  );

  const sendFile = (
    reply: FastifyReply,
    file: { name: string; mediaType: string; sha256: string; bytes: Uint8Array },
  ) =>
    reply
      .status(200)
      .type(file.mediaType)
      .header('content-disposition', contentDisposition('attachment', file.name))
      // RFC 9530: lets the client check it got the deposited bytes.
      .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));

  app.get(
    '/invoices/:id/original',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'The invoice as deposited, byte for byte',
        description:
          'The original file with its media type and name; `Repr-Digest` carries its SHA-256. A keyed-in invoice without a file gives the JSON that was keyed.',
        params: InvoiceId,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await readInvoiceFile({
        db,
        files,
        principal: principalOf(request),
        invoiceId: request.params.id,
      });
      return sendFile(reply, file);
    },
  );

  app.get(
    '/invoices/:id/attachments/:fileId',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'One file of an invoice (an attachment, or the original)',
        params: InvoiceId.extend({ fileId: z.string().min(1).max(64) }),
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await readInvoiceFile({
        db,
        files,
        principal: principalOf(request),
        invoiceId: request.params.id,
        fileId: request.params.fileId,
      });
      return sendFile(reply, file);
    },
  );

  app.get(
    '/invoices/:id/certificate',
    {
      config: { access: 'user-or-client' },
      schema: {
        tags: ['invoices'],
        summary: 'The deposit certificate (PDF)',
        description:
          'Id, deposit timestamp, SHA-256 of the original, supplier, recipient, number and amounts. The fingerprint is also in the PDF metadata (Subject, Keywords).',
        params: InvoiceId,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const { bytes, filename } = await getCertificate({
        db,
        principal: principalOf(request),
        invoiceId: request.params.id,
      });
      return sendPdf(reply, bytes, filename);
    },
  );
};
