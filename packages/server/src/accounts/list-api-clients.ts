import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { parseScopes, type Scope, type UserActor } from './model.js';
import { structureForActor } from './structure-access.js';

export interface ApiClientView {
  id: string;
  name: string;
  scopes: Scope[];
  active: boolean;
  createdAt: Date;
  secretRotatedAt: Date | null;
}

/** A structure's API clients, oldest first, for its gestionnaires principaux (never secrets). */
export async function listApiClients(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
}): Promise<ApiClientView[]> {
  const structure = await structureForActor({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
  const rows = await options.db
    .selectFrom('api_client')
    .select(['id', 'name', 'scopes', 'active', 'created_at', 'secret_rotated_at'])
    .where('structure_id', '=', structure.id)
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
