import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { recordAudit } from './audit.js';
import { forgetClientTokens } from './token-cache.js';
import { randomSecret, safeEqual, sha256 } from './crypto.js';
import { scopes as allScopes, type Scope } from './model.js';

export interface ApiClientView {
  id: string;
  name: string;
  scopes: Scope[];
  active: boolean;
  createdAt: Date;
  secretRotatedAt: Date | null;
}

export interface ApiClientCredentials {
  clientId: string;
  /** Shown once; only its hash is stored. */
  clientSecret: string;
}

export function parseScopes(text: string): Scope[] {
  return text.split(' ').filter((s): s is Scope => (allScopes as readonly string[]).includes(s));
}

export interface ApiClientRow {
  id: string;
  structure_id: string;
  scopes: string;
  active: boolean;
}

/**
 * The one check of an API client's secret, behind the OAuth token endpoint and the SFTP
 * password sign-in: `valid` only for an active client whose stored hash matches. The row is
 * given back even when the check fails so the caller can say whose attempt failed.
 */
export async function checkApiClientSecret(
  db: Kysely<DB>,
  clientId: string,
  clientSecret: string,
): Promise<{ client: ApiClientRow | undefined; valid: boolean }> {
  const client = await db
    .selectFrom('api_client')
    .select(['id', 'secret_hash', 'scopes', 'active', 'structure_id'])
    .where('id', '=', clientId)
    .executeTakeFirst();
  const valid = !!client && client.active && safeEqual(client.secret_hash, sha256(clientSecret));
  if (!client) return { client: undefined, valid: false };
  const { id, structure_id, scopes, active } = client;
  return { client: { id, structure_id, scopes, active }, valid };
}

/** Creates an API client (technical account) of a structure. */
export async function createApiClientFor(options: {
  db: Kysely<DB>;
  structureId: string;
  name: string;
  scopes: Scope[];
  createdBy?: string | null;
  ip?: string | null;
}): Promise<ApiClientCredentials> {
  const unknown = options.scopes.filter((s) => !(allScopes as readonly string[]).includes(s));
  if (unknown.length || options.scopes.length === 0) {
    throw new AppError('VALIDATION_FAILED', `Scopes must be among: ${allScopes.join(', ')}`);
  }
  const clientId = newId('apiClient');
  const clientSecret = randomSecret();
  await options.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_client')
      .values({
        id: clientId,
        structure_id: options.structureId,
        name: options.name,
        secret_hash: sha256(clientSecret),
        scopes: [...new Set(options.scopes)].join(' '),
        created_by: options.createdBy ?? null,
      })
      .execute();
    await recordAudit(trx, {
      event: 'API_CLIENT_CREATED',
      actorUserId: options.createdBy ?? null,
      structureId: options.structureId,
      ip: options.ip ?? null,
      detail: { clientId, scopes: options.scopes },
    });
  });
  return { clientId, clientSecret };
}

export async function listApiClientsOf(
  db: Kysely<DB>,
  structureId: string,
): Promise<ApiClientView[]> {
  const rows = await db
    .selectFrom('api_client')
    .select(['id', 'name', 'scopes', 'active', 'created_at', 'secret_rotated_at'])
    .where('structure_id', '=', structureId)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: parseScopes(r.scopes),
    active: r.active,
    createdAt: r.created_at,
    secretRotatedAt: r.secret_rotated_at,
  }));
}

/**
 * A new secret for a client of the structure; the old one stops working at once and the
 * client's live tokens are revoked.
 */
export async function rotateApiClientSecretOf(options: {
  db: Kysely<DB>;
  structureId: string;
  clientId: string;
  actorUserId?: string | null;
  ip?: string | null;
}): Promise<ApiClientCredentials> {
  const clientSecret = randomSecret();
  await options.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('api_client')
      .set({ secret_hash: sha256(clientSecret), secret_rotated_at: new Date() })
      .where('id', '=', options.clientId)
      .where('structure_id', '=', options.structureId)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('API client');
    await trx.deleteFrom('access_token').where('client_id', '=', options.clientId).execute();
    await recordAudit(trx, {
      event: 'API_CLIENT_SECRET_ROTATED',
      actorUserId: options.actorUserId ?? null,
      structureId: options.structureId,
      ip: options.ip ?? null,
      detail: { clientId: options.clientId },
    });
  });
  // The tokens are gone from the database: this process stops accepting them now, not when
  // its cache entries run out.
  forgetClientTokens(options.clientId);
  return { clientId: options.clientId, clientSecret };
}
