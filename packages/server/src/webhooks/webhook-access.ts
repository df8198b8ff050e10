import type { Kysely } from 'kysely';
import type { SystemActor, UserActor } from '../accounts/model.js';
import { structureForActor, type StructureRef } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';

/**
 * The structure whose webhooks an actor manages: its gestionnaires principaux only (another
 * structure: 404, a member without the role: 403), as for API clients.
 */
export function structureForWebhooks(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  identifier: string;
}): Promise<StructureRef> {
  return structureForActor({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
}

/** A webhook of the structure the actor manages; another structure's is a 404. */
export async function webhookFor(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  identifier: string;
  webhookId: string;
}) {
  const structure = await structureForWebhooks(options);
  const webhook = await options.db
    .selectFrom('webhook')
    .selectAll()
    .where('id', '=', options.webhookId)
    .where('structure_id', '=', structure.id)
    .executeTakeFirst();
  if (!webhook) throw notFound(`Webhook ${options.webhookId}`);
  return { structure, webhook };
}
