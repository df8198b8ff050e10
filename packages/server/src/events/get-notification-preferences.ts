import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { eventTypes, type EventType } from './model.js';
import type { MailMode } from './preferences.js';

/** The user's mail preference for every event type (IMMEDIATE where none was set). */
export async function getNotificationPreferences(options: {
  db: Kysely<DB>;
  actor: UserActor;
}): Promise<{ type: EventType; mode: MailMode }[]> {
  const rows = await options.db
    .selectFrom('notification_preference')
    .select(['type', 'mode'])
    .where('user_id', '=', options.actor.userId)
    .execute();
  const set = new Map(rows.map((r) => [r.type, r.mode]));
  return eventTypes.map((type) => ({ type, mode: set.get(type) ?? 'IMMEDIATE' }));
}
