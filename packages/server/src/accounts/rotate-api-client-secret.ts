import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import type { ApiClientCredentials } from './create-api-client.js';
import { randomSecret, sha256 } from './crypto.js';
import type { UserActor } from './model.js';
import { structureForActor } from './structure-access.js';
import { forgetClientTokens } from './token-cache.js';

/**
 * A new secret for a client of the structure, by one of its gestionnaires principaux; the old
 * one stops working at once and the client's live tokens are revoked.
 */
export async function rotateApiClientSecret(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
  clientId: string;
  ip?: string | null;
}): Promise<ApiClientCredentials> {
  const { db, actor, clientId } = options;
  const structure = await structureForActor({
    db,
    actor,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  const clientSecret = randomSecret();
  await db.transaction().execute(async (trx) => {
    // Scoped to the structure: a client of another structure is "not found", like a missing one.
    const row = await trx
      .updateTable('api_client')
      .set({ secret_hash: sha256(clientSecret), secret_rotated_at: new Date() })
      .where('id', '=', clientId)
      .where('structure_id', '=', structure.id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw notFound('API client');
    await trx.deleteFrom('access_token').where('client_id', '=', clientId).execute();
    await recordAudit(trx, {
      event: 'API_CLIENT_SECRET_ROTATED',
      actorUserId: actor.userId,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { clientId },
    });
  });
  // The tokens are gone from the database: this process stops accepting them now, not when
  // its cache entries run out.
  forgetClientTokens(clientId);
  return { clientId, clientSecret };
}
