/**
 * The one error type of the platform. `code` is stable: clients and tests match on it, the
 * HTTP layer maps it to a status and an RFC 9457 problem document. Anything thrown that is not
 * an AppError is an internal error and is masked before it reaches a client.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SECOND_FACTOR_REQUIRED: 401,
  /** A right second-factor code, but one already used to sign in: a replay, or a double tap. */
  CODE_ALREADY_USED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  ACCOUNT_LOCKED: 423,
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  INSUFFICIENT_STORAGE: 507,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface ErrorItem {
  /** Where the problem is (a field path, a line number, a rule id…). */
  pointer?: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorItem[] | undefined;
  /** The message in French, for errors a user sees as they are (refusals, rejected files). */
  readonly messageFr: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: ErrorItem[]; cause?: unknown; fr?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.messageFr = options.fr;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found`);
