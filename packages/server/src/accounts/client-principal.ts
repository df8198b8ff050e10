import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Principal, Scope } from './model.js';

/**
 * An API client as the principal of a request that did not come with an access token (an SFTP
 * deposit: the transport signed the client in): its structure and its scopes as they are now.
 * Undefined when the client is unknown or inactive — such a client has no right left.
 */
export async function clientPrincipal(options: {
  db: Kysely<DB>;
  clientId: string;
}): Promise<Extract<Principal, { kind: 'client' }> | undefined> {
  const client = await options.db
    .selectFrom('api_client')
    .select(['id', 'structure_id', 'scopes', 'active'])
    .where('id', '=', options.clientId)
    .executeTakeFirst();
  if (!client?.active) return undefined;
  return {
    kind: 'client',
    clientId: client.id,
    structureId: client.structure_id,
    scopes: client.scopes.split(' ').filter(Boolean) as Scope[],
  };
}
