import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { enqueue } from '../jobs/queue.js';
import { notFound } from '../lib/errors.js';
import { webhookFor } from './webhook-access.js';

/**
 * A manager's "resend": one more attempt of a delivery, from the queue (the request never waits
 * on the receiver). A pending delivery is tried now in its place in its subject's order; a
 * delivered or given-up one is sent again as it was (same event id: a receiver that already
 * has it drops it), and a given-up one that succeeds counts as delivered.
 */
export async function resendWebhookDelivery(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
  webhookId: string;
  deliveryId: string;
}): Promise<{ deliveryId: string; queued: true }> {
  const { webhook } = await webhookFor(options);
  const delivery = await options.db
    .selectFrom('webhook_delivery')
    .select(['id', 'state'])
    .where('id', '=', options.deliveryId)
    .where('webhook_id', '=', webhook.id)
    .executeTakeFirst();
  if (!delivery) throw notFound(`Delivery ${options.deliveryId}`);
  await options.db.transaction().execute((trx) =>
    enqueue(trx, 'deliver-webhook', {
      v: 1,
      deliveryId: delivery.id,
      ...(delivery.state === 'PENDING' ? {} : { manual: true as const }),
    }),
  );
  return { deliveryId: delivery.id, queued: true };
}
