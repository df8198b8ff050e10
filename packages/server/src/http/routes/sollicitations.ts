import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { changeSollicitationStatus } from '../../sollicitations/change-sollicitation-status.js';
import { getSollicitation } from '../../sollicitations/get-sollicitation.js';
import { boxes, listSollicitations } from '../../sollicitations/list-sollicitations.js';
import {
  addressees,
  categoryCodes,
  categoryList,
  MAX_BODY,
  MAX_FILES_PER_MESSAGE,
  MAX_SUBJECT,
  messageSides,
  OVERDUE_WORKING_DAYS,
  REOPEN_DAYS,
  sollicitationStatuses,
} from '../../sollicitations/model.js';
import { openSollicitation } from '../../sollicitations/open-sollicitation.js';
import { postSollicitationMessage } from '../../sollicitations/post-sollicitation-message.js';
import { readSollicitationFile } from '../../sollicitations/read-sollicitation-file.js';
import { reassignSollicitation } from '../../sollicitations/reassign-sollicitation.js';
import { summariseSollicitations } from '../../sollicitations/summarise-sollicitations.js';
import type { UserActor } from '../../accounts/model.js';
import { localFileStore } from '../../storage/local-file-store.js';
import { userOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { contentDisposition } from '../downloads.js';
import { commonProblems } from '../schemas.js';
import type { FastifyRequest } from 'fastify';

/** A message with its files as base64 JSON: 16 MB of body (about 11 MB of files). */
export const SOLLICITATION_BODY_LIMIT = 16 * 1024 * 1024;

const tags = ['sollicitations'];
const SollicitationId = z.object({ id: z.string().regex(/^sol_[0-9a-z]{26}$/) });
const Identifier = z.string().min(1).max(40);
const Label = z.object({ fr: z.string(), en: z.string() });

const FileIn = z.object({
  filename: z.string().min(1).max(200),
  mediaType: z.string().max(200).default('application/octet-stream'),
  contentBase64: z
    .string()
    .max(SOLLICITATION_BODY_LIMIT)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 text'),
});
const Attachments = z
  .array(FileIn)
  .max(MAX_FILES_PER_MESSAGE)
  .default([])
  .describe(
    `At most ${MAX_FILES_PER_MESSAGE} files, under the invoice attachment rules (names, extensions, 10 MB each, 120 MB for the whole thread)`,
  );

const Party = z.object({ identifier: z.string(), name: z.string() });
const Summary = z.object({
  id: z.string().describe('sol_…'),
  subject: z.string(),
  category: z.enum(categoryCodes as [string, ...string[]]),
  subcategory: z.string(),
  status: z.enum(sollicitationStatuses),
  addressee: z.enum(addressees).describe('STRUCTURE, or PLATFORM (the support)'),
  requester: Party,
  recipient: Party.extend({ serviceCode: z.string().nullable() }).nullable(),
  invoice: z.object({ id: z.string(), number: z.string() }).nullable(),
  openedAt: z.date(),
  waitingSince: z.date().nullable().describe('Since when an answer is owed; null if none is'),
  waitingWorkingDays: z.number().int().describe('Working days waited (French calendar)'),
  closedAt: z.date().nullable(),
  updatedAt: z.date(),
  version: z.number().int().describe('Name it in a status change or a reassignment'),
});
const Thread = Summary.extend({
  sides: z.array(z.enum(messageSides)).describe('What you are on this thread'),
  allowedActions: z
    .array(z.enum(['REPLY', 'TAKE', 'CLOSE', 'REOPEN', 'REASSIGN']))
    .describe(
      'What you may do now: REPLY (POST …/messages), TAKE (status EN_COURS from OUVERTE), CLOSE, REOPEN (status EN_COURS from CLOSE), REASSIGN (support)',
    ),
  reopenableUntil: z.date().nullable(),
  messages: z.array(
    z.object({
      id: z.string(),
      side: z.enum(messageSides),
      authorName: z.string(),
      body: z.string(),
      createdAt: z.date(),
      files: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          mediaType: z.string(),
          size: z.number().int(),
        }),
      ),
    }),
  ),
});

const actorOf = (request: FastifyRequest): UserActor => ({
  kind: 'user',
  userId: userOf(request).userId,
});
const decoded = (files: z.infer<typeof FileIn>[]) =>
  files.map((f) => ({
    filename: f.filename,
    mediaType: f.mediaType,
    bytes: new Uint8Array(Buffer.from(f.contentBase64, 'base64')),
  }));

/**
 * Sollicitations (decision 0018): questions of suppliers to recipient structures or to the
 * platform support, as threads. Portal users only (`user`); the rights are the use cases'.
 */
export const sollicitationsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  const files = deps.files ?? localFileStore(deps.config.filesDir);

  app.get(
    '/sollicitations/categories',
    {
      // The same closed list for everyone: the help pages show it before any sign-in.
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The closed list of categories and sub-categories, with their labels',
        response: {
          200: z.object({
            categories: z.array(
              z.object({
                code: z.string(),
                label: Label,
                subcategories: z.array(z.object({ code: z.string(), label: Label })),
              }),
            ),
            reopenDays: z.number().int(),
            overdueAfterWorkingDays: z.number().int(),
          }),
          ...commonProblems,
        },
      },
    },
    async () => ({
      categories: categoryList(),
      reopenDays: REOPEN_DAYS,
      overdueAfterWorkingDays: OVERDUE_WORKING_DAYS,
    }),
  );

  app.get(
    '/sollicitations',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'List sollicitations: a structure’s questions, its inbox, or the support queue',
        description:
          '`box=sent`: the questions of `structure` (FACTURES_EMISES), newest first. `box=received`: its inbox (SOLLICITATIONS, per service). `box=support`: the threads addressed to the platform (platform support). `state=open` (default for received and support) lists the threads owing an answer, longest wait first; `state=all` every thread, newest first. Keyset pages: pass `nextCursor` back as `cursor`.',
        querystring: z.object({
          box: z.enum(boxes),
          structure: Identifier.optional(),
          state: z.enum(['open', 'all']).optional(),
          invoiceId: z
            .string()
            .regex(/^inv_[0-9a-z]{26}$/)
            .optional()
            .describe('Only the threads about this invoice'),
          cursor: z.string().max(500).optional(),
          limit: z.coerce.number().int().min(1).max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(Summary), nextCursor: z.string().nullable() }),
          ...commonProblems,
        },
      },
    },
    async (request) => listSollicitations({ db, actor: actorOf(request), ...request.query }),
  );

  app.get(
    '/sollicitations/summary',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'The dashboard’s figures of an inbox: open threads and overdue ones',
        description: `Overdue: waiting more than ${OVERDUE_WORKING_DAYS} working days (weekends and French public holidays excluded).`,
        querystring: z.object({
          box: z.enum(['received', 'support']),
          structure: Identifier.optional(),
        }),
        response: {
          200: z.object({
            open: z.number().int(),
            overdue: z.number().int(),
            overdueAfterWorkingDays: z.number().int(),
          }),
          ...commonProblems,
        },
      },
    },
    async (request) => summariseSollicitations({ db, actor: actorOf(request), ...request.query }),
  );

  app.post(
    '/sollicitations',
    {
      config: { access: 'user' },
      bodyLimit: SOLLICITATION_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Ask a question (open a sollicitation)',
        description:
          'On behalf of `structure` (FACTURES_EMISES there). Name exactly one of: `invoiceId` (one of its invoices: addressed to the service holding it), `recipientIdentifier` (a structure), `toPlatform: true` (the platform support). The addressees are mailed.',
        body: z.object({
          structure: Identifier,
          subject: z.string().min(1).max(MAX_SUBJECT),
          category: z.enum(categoryCodes as [string, ...string[]]),
          subcategory: z.string().min(1).max(40),
          body: z.string().min(1).max(MAX_BODY),
          invoiceId: z
            .string()
            .regex(/^inv_[0-9a-z]{26}$/)
            .optional(),
          recipientIdentifier: Identifier.optional(),
          toPlatform: z.boolean().optional(),
          attachments: Attachments,
        }),
        response: { 201: z.object({ id: z.string() }), ...commonProblems },
      },
    },
    async (request, reply) => {
      const { attachments, category, ...input } = request.body;
      const created = await openSollicitation({
        db,
        files,
        actor: actorOf(request),
        input: {
          ...input,
          category: category as (typeof categoryCodes)[number],
          attachments: decoded(attachments),
        },
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/sollicitations/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A sollicitation with its messages and what you may do now',
        params: SollicitationId,
        response: { 200: Thread, ...commonProblems },
      },
    },
    async (request) =>
      getSollicitation({ db, actor: actorOf(request), sollicitationId: request.params.id }),
  );

  app.post(
    '/sollicitations/:id/messages',
    {
      config: { access: 'user' },
      bodyLimit: SOLLICITATION_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Write in a thread (an answer, or the supplier writing again)',
        description:
          'An answer by the addressee moves the thread to REPONDUE (and journals "answered" on its invoice); the supplier writing on a REPONDUE thread moves it back to EN_COURS. A CLOSE thread takes no message (409): reopen it first.',
        params: SollicitationId,
        body: z.object({ body: z.string().min(1).max(MAX_BODY), attachments: Attachments }),
        response: {
          201: z.object({
            messageId: z.string(),
            status: z.enum(sollicitationStatuses),
            version: z.number().int(),
          }),
          ...commonProblems,
        },
      },
    },
    async (request, reply) => {
      const posted = await postSollicitationMessage({
        db,
        files,
        actor: actorOf(request),
        sollicitationId: request.params.id,
        body: request.body.body,
        attachments: decoded(request.body.attachments),
      });
      return reply.status(201).send(posted);
    },
  );

  app.post(
    '/sollicitations/:id/status',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Take in hand (EN_COURS), close (CLOSE) or reopen (EN_COURS from CLOSE)',
        description: `A closed thread may be reopened for ${REOPEN_DAYS} days. A stale version is a 409.`,
        params: SollicitationId,
        body: z.object({ status: z.enum(['EN_COURS', 'CLOSE']), version: z.number().int() }),
        response: {
          200: z.object({ status: z.enum(sollicitationStatuses), version: z.number().int() }),
          ...commonProblems,
        },
      },
    },
    async (request) =>
      changeSollicitationStatus({
        db,
        actor: actorOf(request),
        sollicitationId: request.params.id,
        ...request.body,
      }),
  );

  app.post(
    '/sollicitations/:id/reassign',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Hand a thread addressed to the platform to a structure (platform support)',
        params: SollicitationId,
        body: z.object({
          recipientIdentifier: Identifier,
          serviceCode: z.string().min(1).max(100).optional(),
          version: z.number().int(),
        }),
        response: { 200: z.object({ version: z.number().int() }), ...commonProblems },
      },
    },
    async (request) =>
      reassignSollicitation({
        db,
        actor: actorOf(request),
        sollicitationId: request.params.id,
        ...request.body,
      }),
  );

  app.get(
    '/sollicitations/:id/files/:fileId',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'Download a file of a thread',
        params: SollicitationId.extend({ fileId: z.string().regex(/^sof_[0-9a-z]{26}$/) }),
        response: { ...commonProblems },
      },
    },
    async (request, reply) => {
      const file = await readSollicitationFile({
        db,
        files,
        actor: actorOf(request),
        sollicitationId: request.params.id,
        fileId: request.params.fileId,
      });
      return reply
        .status(200)
        .type(file.mediaType)
        .header('content-length', file.size)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition('attachment', file.name))
        .send(file.stream as never); // a stream is sent as is, never serialised
    },
  );
};
