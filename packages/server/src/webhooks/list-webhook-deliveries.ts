import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { EventType } from '../events/model.js';
import { webhookFor } from './webhook-access.js';

export const MAX_DELIVERIES_LISTED = 100;
/** Attempts shown per delivery (the latest). */
const ATTEMPTS_SHOWN = 20;

export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: EventType;
  orderKey: string;
  sequence: number;
  state: 'PENDING' | 'DELIVERED' | 'FAILED';
  createdAt: Date;
  deliveredAt: Date | null;
  attemptCount: number;
  attempts: {
    at: Date;
    manual: boolean;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
    responseExcerpt: string | null;
  }[];
}

/** A webhook's latest deliveries, newest first, each with its latest attempts (newest first). */
export async function listWebhookDeliveries(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
  webhookId: string;
  limit?: number;
}): Promise<DeliveryView[]> {
  const { db } = options;
  const { webhook } = await webhookFor(options);
  const limit = Math.min(Math.max(options.limit ?? 50, 1), MAX_DELIVERIES_LISTED);
  const rows = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('event as e', 'e.id', 'd.event_id')
    .select([
      'd.id',
      'd.event_id',
      'e.type',
      'd.order_key',
      'd.seq',
      'd.state',
      'd.created_at',
      'd.delivered_at',
      'd.attempts',
    ])
    .where('d.webhook_id', '=', webhook.id)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(limit)
    .execute();
  const attempts =
    rows.length === 0
      ? []
      : await db
          .selectFrom('webhook_attempt')
          .selectAll()
          .where(
            'delivery_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(rows.length * ATTEMPTS_SHOWN)
          .execute();
  const byDelivery = new Map<string, DeliveryView['attempts']>();
  for (const a of attempts) {
    const list = byDelivery.get(a.delivery_id) ?? [];
    if (list.length < ATTEMPTS_SHOWN) {
      list.push({
        at: a.at,
        manual: a.manual,
        statusCode: a.status_code,
        durationMs: a.duration_ms,
        error: a.error,
        responseExcerpt: a.response_excerpt,
      });
    }
    byDelivery.set(a.delivery_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventType: r.type as EventType,
    orderKey: r.order_key,
    sequence: Number(r.seq),
    state: r.state,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    attemptCount: r.attempts,
    attempts: byDelivery.get(r.id) ?? [],
  }));
}
