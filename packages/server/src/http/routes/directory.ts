import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getStructure } from '../../directory/get-structure.js';
import { identifierTypes, publicCategories } from '../../directory/model.js';
import { receptionFormats } from '../../directory/reception.js';
import { SEARCH_MAX_LENGTH, searchStructures } from '../../directory/search-structures.js';
import { setReception } from '../../directory/set-reception.js';
import { userOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { commonProblems, ListTotalSchema, ProblemSchema } from '../schemas.js';

const booleanQuery = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

const StructureSummary = z.object({
  id: z.string().describe('Chorale id (str_…)'),
  identifierType: z.enum(identifierTypes),
  identifier: z.string().describe('SIRET, SIREN or other identifier'),
  name: z.string(),
  isPublic: z.boolean(),
  category: z.enum(publicCategories).nullable().describe('Category of public body, when known'),
  active: z.boolean(),
  postalCode: z.string().nullable(),
  town: z.string().nullable(),
  serviceCodeRequired: z.boolean().describe('Invoices must name one of its services'),
  commitmentRequired: z.boolean().describe('Invoices must carry a commitment number'),
  serviceOrCommitmentRequired: z
    .boolean()
    .describe('Invoices must carry a service code or a commitment number'),
});

const Reception = z.object({
  byFlow: z
    .boolean()
    .describe(
      'Invoices made available are also sent as outbound flows (SFTP out/ of its API clients with an SFTP key, and GET /flows?direction=out), like recevoirDonneesViaEDI',
    ),
  format: z
    .enum(receptionFormats)
    .describe('ORIGINAL (as deposited), UBL (2.1), CII (D16B) or FACTURX (PDF/A-3 with CII)'),
  withRendering: z
    .boolean()
    .describe('A PDF rendering is added beside an XML invoice (a PDF form is its own rendering)'),
});

const Service = z.object({
  id: z.string().describe('Chorale id (svc_…)'),
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  validFrom: z.string().nullable().describe('First day of validity (YYYY-MM-DD)'),
  validTo: z.string().nullable().describe('Last day of validity (YYYY-MM-DD)'),
  commitmentRequired: z.boolean(),
  reception: Reception.nullable().describe(
    "The service's own setting; null: follows the structure",
  ),
});

const StructureDetail = z.object({
  id: z.string(),
  identifierType: z.enum(identifierTypes),
  identifier: z.string(),
  name: z.string(),
  isPublic: z.boolean(),
  category: z.enum(publicCategories).nullable(),
  active: z.boolean(),
  flags: z.object({
    serviceCodeRequired: z.boolean(),
    commitmentRequired: z.boolean(),
    serviceOrCommitmentRequired: z.boolean(),
    isMoa: z.boolean(),
    isMoaOnly: z.boolean(),
    paymentStatusNotReported: z.boolean(),
    ediReception: z.boolean(),
    ediEmission: z.boolean(),
  }),
  reception: Reception,
  address: z.object({
    line1: z.string().nullable(),
    line2: z.string().nullable(),
    line3: z.string().nullable(),
    postalCode: z.string().nullable(),
    town: z.string().nullable(),
    countryCode: z.string().nullable(),
    countryName: z.string().nullable(),
  }),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  services: z.array(Service),
});

export const directoryRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/structures',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'Search the directory of structures',
        description:
          'Every word of `q` must appear (accents and case ignored) in the name, identifier, postal code or town. Only active public structures unless asked otherwise. Keyset pagination: pass `nextCursor` back as `cursor`.',
        querystring: z.object({
          q: z
            .string()
            .max(SEARCH_MAX_LENGTH)
            .optional()
            .describe('Words to look for ("st" and "ste" also find "saint" and "sainte")'),
          includePrivate: booleanQuery.describe('Also list private structures'),
          includeInactive: booleanQuery.describe('Also list inactive structures'),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(512).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(StructureSummary),
            nextCursor: z.string().nullable(),
            total: ListTotalSchema,
          }),
          400: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { q, includePrivate, includeInactive, limit, cursor } = request.query;
      const result = await searchStructures({
        db: deps.db,
        q,
        includePrivate,
        includeInactive,
        limit,
        cursor,
        withListTotal: true,
      });
      // Values come from the closed vocabularies the database checks; the cast only narrows.
      return {
        items: result.items as z.infer<typeof StructureSummary>[],
        nextCursor: result.nextCursor,
        total: result.listTotal!,
      };
    },
  );

  app.get(
    '/structures/:identifier',
    {
      config: { access: 'public' },
      schema: {
        tags: ['directory'],
        summary: 'A structure and its services',
        params: z.object({ identifier: z.string().min(1).max(80) }),
        querystring: z.object({ identifierType: z.enum(identifierTypes).optional() }),
        response: { 200: StructureDetail, 404: ProblemSchema },
      },
    },
    async (request) => {
      const detail = await getStructure({
        db: deps.db,
        identifier: request.params.identifier,
        identifierType: request.query.identifierType,
      });
      return detail as z.infer<typeof StructureDetail>;
    },
  );

  app.put(
    '/structures/:identifier/reception',
    {
      config: { access: 'user' },
      schema: {
        tags: ['directory'],
        summary: 'Set how the structure receives invoices (portal only, or also by flow)',
        description:
          'Only a gestionnaire principal of the (public) structure. Applies to its services that have no setting of their own.',
        params: z.object({ identifier: z.string().min(1).max(80) }),
        body: Reception.strict(),
        response: { 200: z.object({ reception: Reception }), ...commonProblems },
      },
    },
    async (request) => {
      const result = await setReception({
        db: deps.db,
        actor: userOf(request),
        identifier: request.params.identifier,
        settings: request.body,
        ip: request.ip,
      });
      return { reception: result.reception! };
    },
  );

  app.put(
    '/structures/:identifier/services/:code/reception',
    {
      config: { access: 'user' },
      schema: {
        tags: ['directory'],
        summary: 'Set how one service receives invoices, or make it follow its structure (null)',
        description: 'Only a gestionnaire principal of the (public) structure.',
        params: z.object({
          identifier: z.string().min(1).max(80),
          code: z.string().min(1).max(100),
        }),
        body: z.object({ reception: Reception.strict().nullable() }).strict(),
        response: { 200: z.object({ reception: Reception.nullable() }), ...commonProblems },
      },
    },
    async (request) =>
      setReception({
        db: deps.db,
        actor: userOf(request),
        identifier: request.params.identifier,
        serviceCode: request.params.code,
        settings: request.body.reception,
        ip: request.ip,
      }),
  );
};
