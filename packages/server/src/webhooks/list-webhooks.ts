import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { EventType } from '../events/model.js';
import { structureForWebhooks } from './webhook-access.js';

export interface WebhookView {
  id: string;
  url: string;
  events: EventType[];
  createdAt: Date;
  /** Deliveries still being tried, and those given up (after 24 h). */
  pending: number;
  failed: number;
}

/** A structure's webhooks, oldest first (never their secrets). */
export async function listWebhooks(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
}): Promise<WebhookView[]> {
  const structure = await structureForWebhooks(options);
  const rows = await options.db
    .selectFrom('webhook as w')
    .select((eb) => [
      'w.id',
      'w.url',
      'w.events',
      'w.created_at',
      eb
        .selectFrom('webhook_delivery as d')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('d.webhook_id', '=', 'w.id')
        .where('d.state', '=', 'PENDING')
        .as('pending'),
      eb
        .selectFrom('webhook_delivery as d')
        .select((e) => e.fn.countAll<string>().as('n'))
        .whereRef('d.webhook_id', '=', 'w.id')
        .where('d.state', '=', 'FAILED')
        .as('failed'),
    ])
    .where('w.structure_id', '=', structure.id)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    events: r.events as EventType[],
    createdAt: r.created_at,
    pending: Number(r.pending ?? 0),
    failed: Number(r.failed ?? 0),
  }));
}
