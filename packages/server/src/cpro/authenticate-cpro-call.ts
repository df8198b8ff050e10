/**
 * Who calls the /cpro surface: the API client of the bearer token (OAuth2 client credentials)
 * AND a technical account of the same structure in `cpro-account` (base64 "login:password"),
 * as the real service's clients send them. The principal handed to the use cases is the API
 * client's: its structure and scopes, so every rule of the native API applies unchanged.
 *
 * Each failure says what is missing or wrong, in French and English, with a stable cause code:
 * the real service's bare 401/403 are what its users complain about.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.js';
import { safeEqual, sha256 } from '../accounts/crypto.js';
import { findAccessToken } from '../accounts/issue-access-token.js';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError, type ErrorCode } from '../lib/errors.js';

export const cproAuthCauses = {
  BEARER_MISSING: {
    code: 'UNAUTHENTICATED',
    fr: 'Jeton d’accès absent : envoyez l’en-tête « Authorization: Bearer <jeton> » obtenu sur /api/oauth/token (client_credentials).',
    en: 'Access token missing: send the header "Authorization: Bearer <token>" obtained from /api/oauth/token (client_credentials).',
  },
  BEARER_INVALID: {
    code: 'UNAUTHENTICATED',
    fr: 'Jeton d’accès inconnu ou expiré : demandez-en un nouveau sur /api/oauth/token.',
    en: 'Access token unknown or expired: ask for a new one at /api/oauth/token.',
  },
  ACCOUNT_MISSING: {
    code: 'UNAUTHENTICATED',
    fr: 'En-tête « cpro-account » absent : envoyez base64(« login:mot de passe ») du compte technique de votre structure.',
    en: 'Header "cpro-account" missing: send base64("login:password") of your structure’s technical account.',
  },
  ACCOUNT_GARBLED: {
    code: 'UNAUTHENTICATED',
    fr: 'En-tête « cpro-account » illisible : il doit contenir base64(« login:mot de passe »), sans espace ni retour à la ligne.',
    en: 'Header "cpro-account" unreadable: it must hold base64("login:password"), with no space or line break.',
  },
  ACCOUNT_INVALID: {
    code: 'UNAUTHENTICATED',
    fr: 'Compte technique inconnu ou mot de passe erroné (en-tête « cpro-account »). Un gestionnaire de la structure peut générer un nouveau mot de passe dans le portail.',
    en: 'Unknown technical account or wrong password ("cpro-account" header). A manager of the structure can generate a new password in the portal.',
  },
  ACCOUNT_EXPIRED: {
    code: 'UNAUTHENTICATED',
    fr: 'Le mot de passe du compte technique a expiré : un gestionnaire de la structure peut en générer un nouveau dans le portail.',
    en: 'The technical account’s password has expired: a manager of the structure can generate a new one in the portal.',
  },
  ACCOUNT_OTHER_STRUCTURE: {
    code: 'FORBIDDEN',
    fr: 'Le compte technique (« cpro-account ») appartient à une autre structure que le client API du jeton : utilisez un compte technique de la même structure.',
    en: 'The technical account ("cpro-account") belongs to another structure than the token’s API client: use a technical account of the same structure.',
  },
} as const satisfies Record<string, { code: ErrorCode; fr: string; en: string }>;
export type CproAuthCause = keyof typeof cproAuthCauses;

/** A refused /cpro call: the cause and both messages. */
export class CproAuthFailure extends AppError {
  readonly cause_: CproAuthCause;
  readonly messages: { fr: string; en: string };

  constructor(cause: CproAuthCause) {
    const c = cproAuthCauses[cause];
    super(c.code, c.en, { details: [{ pointer: 'cause', message: cause }] });
    this.cause_ = cause;
    this.messages = { fr: c.fr, en: c.en };
  }
}

const BEARER = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** "login:password" from the header's base64, or undefined when it is not that. */
export function decodeCproAccount(header: string): { login: string; password: string } | undefined {
  const value = header.trim();
  if (value.length > 1024 || !BASE64.test(value)) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { login: text.slice(0, colon), password: text.slice(colon + 1) };
}

export async function authenticateCproCall(options: {
  db: Kysely<DB>;
  authorization: string | undefined;
  cproAccount: string | undefined;
  ip?: string | null;
  now?: Date;
}): Promise<Extract<Principal, { kind: 'client' }>> {
  const { db } = options;
  if (!options.authorization) throw new CproAuthFailure('BEARER_MISSING');
  const bearer = BEARER.exec(options.authorization);
  if (!bearer) throw new CproAuthFailure('BEARER_INVALID');
  const client = await findAccessToken(db, bearer[1]!);
  if (!client) throw new CproAuthFailure('BEARER_INVALID');
  if (!options.cproAccount) throw new CproAuthFailure('ACCOUNT_MISSING');
  const credentials = decodeCproAccount(options.cproAccount);
  if (!credentials) throw new CproAuthFailure('ACCOUNT_GARBLED');
  const account = await db
    .selectFrom('cpro_technical_account')
    .select(['id', 'structure_id', 'password_hash', 'active', 'expires_at'])
    .where('login', '=', credentials.login)
    .executeTakeFirst();
  const valid =
    account !== undefined &&
    account.active &&
    safeEqual(account.password_hash, sha256(credentials.password));
  if (!valid) {
    await recordAudit(db, {
      event: 'TECHNICAL_ACCOUNT_REFUSED',
      actorClientId: client.clientId,
      structureId: account?.structure_id ?? null,
      ip: options.ip ?? null,
      detail: { login: credentials.login.slice(0, 200) },
    });
    throw new CproAuthFailure('ACCOUNT_INVALID');
  }
  if (account.expires_at.getTime() <= (options.now ?? new Date()).getTime())
    throw new CproAuthFailure('ACCOUNT_EXPIRED');
  if (account.structure_id !== client.structureId)
    throw new CproAuthFailure('ACCOUNT_OTHER_STRUCTURE');
  return { kind: 'client', ...client };
}
