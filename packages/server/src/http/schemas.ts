import { z } from 'zod';

/** RFC 9457 problem document as our API returns it (for the OpenAPI responses). */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string().describe('Stable error code'),
    requestId: z.string(),
    errors: z.array(z.object({ pointer: z.string().optional(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem (application/problem+json)');

/** The problems a route that reads and changes state may answer with. */
export const commonProblems = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};
