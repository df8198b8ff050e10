import { z } from 'zod';
import { refusalCodes } from '../invoices/model.js';

/** RFC 9457 problem document as our API returns it (for the OpenAPI responses). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    detailFr: z.string().optional().describe('`detail` in French, when the error has it'),
    instance: z.string(),
    code: z.string().describe('Stable error code'),
    requestId: z.string(),
    errors: z.array(z.object({ pointer: z.string().optional(), message: z.string() })).optional(),
    refusal: z
      .object({
        code: z.enum(refusalCodes),
        message: z.object({ fr: z.string(), en: z.string() }),
      })
      .optional()
      .describe(
        'Present when an invoice or its files were refused for a business reason (deposit, completion): the refusal code and its message in French and English',
      ),
  })
  .describe('RFC 9457 problem (application/problem+json)');

/** The size of a list beside its keyset cursor (db/bounded-count.ts). */
export const ListTotalSchema = z
  .object({
    count: z.number().int(),
    exact: z.boolean(),
  })
  .describe(
    'How many items the filters select, all pages together: exact up to 10,000; beyond, count is 10000 and exact false (show "10000+")',
  );

/** The problems a route that reads and changes state may answer with. */
export const commonProblems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
