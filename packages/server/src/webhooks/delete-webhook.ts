import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.js';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { webhookFor } from './webhook-access.js';

/**
 * Deletes a webhook with its deliveries and their attempts (cascade): its pending jobs find no
 * delivery and end. The events stay (the bell, other webhooks).
 */
export async function deleteWebhook(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
  webhookId: string;
  ip?: string | null;
}): Promise<void> {
  const { structure, webhook } = await webhookFor(options);
  await options.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('webhook').where('id', '=', webhook.id).execute();
    await recordAudit(trx, {
      event: 'WEBHOOK_DELETED',
      actorUserId: options.actor.userId,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { webhookId: webhook.id, url: webhook.url },
    });
  });
}
