import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { getNotificationPreferences } from './get-notification-preferences.js';
import { eventTypes, type EventType } from './model.js';
import { mailModes, type MailMode } from './preferences.js';

/** Sets some of the user's mail preferences (the others unchanged); returns them all. */
export async function setNotificationPreferences(options: {
  db: Kysely<DB>;
  actor: UserActor;
  preferences: readonly { type: string; mode: string }[];
}): Promise<{ type: EventType; mode: MailMode }[]> {
  const bad = options.preferences.filter(
    (p) =>
      !(eventTypes as readonly string[]).includes(p.type) ||
      !(mailModes as readonly string[]).includes(p.mode),
  );
  if (bad.length > 0 || options.preferences.length > eventTypes.length) {
    throw new AppError('VALIDATION_FAILED', 'Unknown event type or mail mode', {
      details: bad.map((b) => ({ pointer: 'preferences', message: `${b.type}: ${b.mode}` })),
    });
  }
  const userId = options.actor.userId;
  // One row per type (the last one given wins): an upsert may not touch a row twice.
  const byType = new Map(options.preferences.map((p) => [p.type, p.mode as MailMode]));
  if (byType.size > 0) {
    await options.db
      .insertInto('notification_preference')
      .values([...byType].map(([type, mode]) => ({ user_id: userId, type, mode })))
      .onConflict((oc) =>
        oc.columns(['user_id', 'type']).doUpdateSet((eb) => ({ mode: eb.ref('excluded.mode') })),
      )
      .execute();
  }
  return getNotificationPreferences(options);
}
