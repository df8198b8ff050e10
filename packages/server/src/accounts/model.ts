/** Closed vocabularies of the accounts area. */
export const roles = ['GESTIONNAIRE_PRINCIPAL', 'UTILISATEUR'] as const;
export type Role = (typeof roles)[number];

/** Spaces a right opens: invoices sent, invoices received, requests for information. */
export const spaces = ['FACTURES_EMISES', 'FACTURES_RECUES', 'SOLLICITATIONS'] as const;
export type Space = (typeof spaces)[number];

/** Scopes an API client may hold. */
export const scopes = [
  'invoices:send',
  'invoices:read',
  'invoices:process',
  'directory:read',
] as const;
export type Scope = (typeof scopes)[number];

export const joinRequestStatuses = ['EN_ATTENTE', 'ACCEPTEE', 'REFUSEE'] as const;
export type JoinRequestStatus = (typeof joinRequestStatuses)[number];

export const auditEvents = [
  'USER_SIGNED_UP',
  'SIGN_IN_SUCCEEDED',
  'SIGN_IN_FAILED',
  'ACCOUNT_LOCKED',
  'SECOND_FACTOR_FAILED',
  'SIGNED_OUT',
  'TOTP_ENROLLED',
  'TOTP_DISABLED',
  'TOTP_DISABLE_FAILED',
  'RECOVERY_CODE_USED',
  'PASSWORD_RESET_REQUESTED',
  'PASSWORD_RESET',
  'PASSWORD_CHANGED',
  'PASSWORD_CHANGE_FAILED',
  'JOIN_REQUESTED',
  'JOIN_APPROVED',
  'JOIN_REFUSED',
  'MEMBER_ACCESS_CHANGED',
  'API_CLIENT_CREATED',
  'API_CLIENT_SECRET_ROTATED',
  'ACCESS_TOKEN_ISSUED',
  'ACCESS_TOKEN_REFUSED',
  'API_CLIENT_SFTP_KEY_SET',
  'RECEPTION_CHANGED',
  'TECHNICAL_ACCOUNT_CREATED',
  'TECHNICAL_ACCOUNT_ROTATED',
  'TECHNICAL_ACCOUNT_REFUSED',
  'WEBHOOK_CREATED',
  'WEBHOOK_DELETED',
] as const;
export type AuditEvent = (typeof auditEvents)[number];

export interface Right {
  space: Space;
  /** Service code; absent: the whole structure. */
  serviceCode?: string | null | undefined;
}

/**
 * Who is acting, as a use case sees it: a portal user, or an API client with its structure and
 * scopes. Nothing of the transport: the HTTP layer's own principal (http/auth.ts) adds the
 * session's CSRF token and hash, which no use case reads; a job or the seed acting for a user
 * needs no fake session.
 */
export type Principal = UserActor | ClientActor;

/** An API client acting (bearer token over HTTP, or its key over SFTP). */
export interface ClientActor {
  kind: 'client';
  clientId: string;
  structureId: string;
  scopes: Scope[];
}

/**
 * The platform itself acting: the command line, the seed, tests. No membership limits it: it
 * stands for the operator, who already holds the database.
 */
export interface SystemActor {
  kind: 'system';
}
export const SYSTEM_ACTOR: SystemActor = { kind: 'system' };

/** A portal user acting (the parts of a user principal a use case needs). */
export interface UserActor {
  kind: 'user';
  userId: string;
}

/** The scopes of a stored space-separated list; unknown words are dropped, never granted. */
export function parseScopes(text: string): Scope[] {
  return text.split(' ').filter((s): s is Scope => (scopes as readonly string[]).includes(s));
}

/** Password rules: long rather than complicated (ANSSI and NIST advice). */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
/** Failed sign-ins before the account locks, and for how long. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 60 * 60 * 1000;
export const SESSION_MS = 8 * 60 * 60 * 1000;
export const PENDING_SESSION_MS = 10 * 60 * 1000;
export const RESET_TOKEN_MS = 60 * 60 * 1000;
export const ACCESS_TOKEN_SECONDS = 15 * 60;
