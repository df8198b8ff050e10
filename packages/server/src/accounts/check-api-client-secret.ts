import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { safeEqual, sha256 } from './crypto.js';

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
  if (!client) return { client: undefined, valid: false };
  const valid = client.active && safeEqual(client.secret_hash, sha256(clientSecret));
  const { id, structure_id, scopes, active } = client;
  return { client: { id, structure_id, scopes, active }, valid };
}
