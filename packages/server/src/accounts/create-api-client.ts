import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { recordAudit } from './audit.js';
import { randomSecret, sha256 } from './crypto.js';
import { scopes as allScopes, type Scope, type SystemActor, type UserActor } from './model.js';
import { structureForActor } from './structure-access.js';

export interface ApiClientCredentials {
  clientId: string;
  /** Shown once; only its hash is stored. */
  clientSecret: string;
}

/**
 * Creates an API client (technical account, OAuth2 client-credentials) of a structure: for a
 * portal user, only as a gestionnaire principal of it; for the platform (command line, seed),
 * for any structure of the directory.
 */
export async function createApiClient(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  /** The structure's identifier (SIRET first when a number exists under several types). */
  identifier: string;
  name: string;
  scopes: Scope[];
  ip?: string | null;
}): Promise<ApiClientCredentials> {
  const { db, actor } = options;
  const structure = await structureForActor({
    db,
    actor,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  const unknown = options.scopes.filter((s) => !(allScopes as readonly string[]).includes(s));
  if (unknown.length || options.scopes.length === 0) {
    throw new AppError('VALIDATION_FAILED', `Scopes must be among: ${allScopes.join(', ')}`);
  }
  const createdBy = actor.kind === 'user' ? actor.userId : null;
  const clientId = newId('apiClient');
  const clientSecret = randomSecret();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_client')
      .values({
        id: clientId,
        structure_id: structure.id,
        name: options.name,
        secret_hash: sha256(clientSecret),
        scopes: [...new Set(options.scopes)].join(' '),
        created_by: createdBy,
      })
      .execute();
    await recordAudit(trx, {
      event: 'API_CLIENT_CREATED',
      actorUserId: createdBy,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { clientId, scopes: options.scopes },
    });
  });
  return { clientId, clientSecret };
}
