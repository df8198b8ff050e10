import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DepositRefusal } from '../invoices/deposit-checks.js';
import type { RefusalCode } from '../invoices/model.js';
import { AppError, errorStatus, type ErrorCode, type ErrorItem } from '../lib/errors.js';
import { faultOf } from '../lib/faults.js';

/** RFC 9457 problem document, plus our stable `code` and the request id. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** `detail` in French, when the error has it (refusals and what a user sees as it is). */
  detailFr?: string;
  instance: string;
  code: ErrorCode;
  requestId: string;
  errors?: ErrorItem[];
  /** A business refusal (deposit, completion): its code and both messages. */
  refusal?: { code: RefusalCode; message: { fr: string; en: string } };
}

const titles: Record<ErrorCode, string> = {
  BAD_REQUEST: 'Bad request',
  VALIDATION_FAILED: 'The request is not valid',
  UNAUTHENTICATED: 'Authentication required',
  INVALID_CREDENTIALS: 'Invalid credentials',
  SECOND_FACTOR_REQUIRED: 'Second factor required',
  CODE_ALREADY_USED: 'Code already used',
  FORBIDDEN: 'Forbidden',
  CSRF_INVALID: 'Missing or invalid CSRF token',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  ALREADY_EXISTS: 'Already exists',
  ACCOUNT_LOCKED: 'Account locked',
  REQUEST_TIMEOUT: 'Request timeout',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  HEADERS_TOO_LARGE: 'Request headers too large',
  INTERNAL: 'Internal error',
  UNAVAILABLE: 'Service unavailable',
  INSUFFICIENT_STORAGE: 'Insufficient storage',
};

function toAppError(error: unknown): { appError: AppError; internal: boolean } {
  if (error instanceof AppError) return { appError: error, internal: false };
  // What the server stands on failed, not the request nor the server (decision 0016).
  switch (faultOf(error)) {
    case 'UNAVAILABLE':
      return {
        appError: new AppError(
          'UNAVAILABLE',
          'The database cannot be reached at the moment. Try again shortly (a deposit retried with the same Idempotency-Key is never recorded twice).',
        ),
        internal: false,
      };
    case 'STORAGE_FULL':
      return {
        appError: new AppError(
          'INSUFFICIENT_STORAGE',
          'The platform has run out of storage space; nothing was recorded. Try again later.',
        ),
        internal: false,
      };
  }
  const fe = error as Partial<FastifyError> & { validation?: unknown };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      pointer: `${error.validationContext ?? 'body'}${v.instancePath || ''}`,
      message: v.message ?? 'invalid value',
    }));
    return {
      appError: new AppError('VALIDATION_FAILED', 'Some fields are missing or invalid', {
        details,
      }),
      internal: false,
    };
  }
  if (fe.validation) {
    return {
      appError: new AppError('VALIDATION_FAILED', fe.message ?? 'invalid request'),
      internal: false,
    };
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return {
        appError: new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large'),
        internal: false,
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        appError: new AppError('UNSUPPORTED_MEDIA_TYPE', 'This content type is not accepted here'),
        internal: false,
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        appError: new AppError('BAD_REQUEST', 'The JSON body could not be read'),
        internal: false,
      };
  }
  if (fe.statusCode === 429) {
    return {
      appError: new AppError('RATE_LIMITED', 'Too many requests, try again later'),
      internal: false,
    };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { appError: new AppError('BAD_REQUEST', fe.message ?? 'bad request'), internal: false };
  }
  return { appError: new AppError('INTERNAL', 'An unexpected error occurred'), internal: true };
}

/** A problem document for `appError` (the status, title and type its code gives). */
export function problemOf(appError: AppError, instance: string, requestId: string): Problem {
  return {
    type: `/api/problems/${appError.code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[appError.code],
    status: errorStatus[appError.code],
    detail: appError.message,
    ...(appError.messageFr ? { detailFr: appError.messageFr } : {}),
    instance,
    code: appError.code,
    requestId,
    ...(appError.details ? { errors: appError.details } : {}),
    ...(appError instanceof DepositRefusal
      ? {
          detail: appError.messages.en,
          detailFr: appError.messages.fr,
          refusal: { code: appError.refusal, message: appError.messages },
        }
      : {}),
  };
}

export function problemFrom(
  error: unknown,
  request: FastifyRequest,
): { problem: Problem; internal: boolean } {
  const { appError, internal } = toAppError(error);
  const problem = problemOf(appError, request.url.split('?')[0] ?? request.url, request.id);
  return { problem, internal };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // A passing outage: tell clients when to come back rather than let them hammer it.
  if (problem.status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '5');
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
