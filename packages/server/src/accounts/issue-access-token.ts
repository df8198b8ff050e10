import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { randomSecret, sha256 } from './crypto.js';
import { checkApiClientSecret } from './check-api-client-secret.js';
import { ACCESS_TOKEN_SECONDS, parseScopes, type Scope } from './model.js';
import { cachedToken, rememberToken, tokenCacheEpoch, type TokenClient } from './token-cache.js';

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  scope: string;
}

/**
 * OAuth 2.0 client-credentials grant (RFC 6749 §4.4): a short-lived bearer token with the
 * requested scopes (all of the client's when none is asked; asking for one it lacks fails).
 */
export async function issueAccessToken(options: {
  db: Kysely<DB>;
  clientId: string;
  clientSecret: string;
  scope?: string | undefined;
  ip?: string | null;
}): Promise<AccessToken> {
  const { db } = options;
  const { client, valid } = await checkApiClientSecret(db, options.clientId, options.clientSecret);
  if (!client || !valid) {
    await recordAudit(db, {
      event: 'ACCESS_TOKEN_REFUSED',
      actorClientId: client?.id ?? null,
      structureId: client?.structure_id ?? null,
      ip: options.ip ?? null,
    });
    throw new AppError('INVALID_CREDENTIALS', 'Unknown client or wrong secret');
  }
  const granted = parseScopes(client.scopes);
  let scopes: Scope[] = granted;
  if (options.scope) {
    const asked = options.scope.split(' ').filter(Boolean);
    const missing = asked.filter((s) => !(granted as string[]).includes(s));
    if (missing.length)
      throw new AppError(
        'FORBIDDEN',
        `This client may not have the scope(s) ${missing.join(', ')}`,
      );
    scopes = asked as Scope[];
  }
  const token = randomSecret();
  await db.transaction().execute(async (trx) => {
    // Expired tokens of this client are swept as new ones are issued.
    await trx
      .deleteFrom('access_token')
      .where('client_id', '=', client.id)
      .where('expires_at', '<', new Date())
      .execute();
    await trx
      .insertInto('access_token')
      .values({
        token_hash: sha256(token),
        client_id: client.id,
        scopes: scopes.join(' '),
        expires_at: new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000),
      })
      .execute();
    await recordAudit(trx, {
      event: 'ACCESS_TOKEN_ISSUED',
      actorClientId: client.id,
      structureId: client.structure_id,
      ip: options.ip ?? null,
      detail: { scopes },
    });
  });
  return {
    accessToken: token,
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_SECONDS,
    scope: scopes.join(' '),
  };
}

/** The client a bearer token stands for, or undefined (unknown, expired, or client disabled). */
export async function findAccessToken(
  db: Kysely<DB>,
  token: string,
): Promise<TokenClient | undefined> {
  const hash = sha256(token);
  const now = Date.now();
  const cached = cachedToken(db, hash, now);
  if (cached) return cached;
  const epoch = tokenCacheEpoch();
  const row = await db
    .selectFrom('access_token as t')
    .innerJoin('api_client as c', 'c.id', 't.client_id')
    .select(['c.id', 'c.structure_id', 't.scopes', 't.expires_at'])
    .where('t.token_hash', '=', hash)
    .where('t.expires_at', '>', new Date(now))
    .where('c.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  return rememberToken({
    db,
    hash,
    epoch,
    expiresAt: row.expires_at.getTime(),
    client: { clientId: row.id, structureId: row.structure_id, scopes: parseScopes(row.scopes) },
  });
}
