import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { eventsVisibleTo, notificationHorizon } from './audience.js';

export const MAX_MARKED = 100;

/**
 * Marks notifications read: the ones named (only those the user sees: another's id is ignored,
 * never revealed), or all of them up to now.
 */
export async function markNotificationsRead(options: {
  db: Kysely<DB>;
  actor: UserActor;
  ids?: readonly string[] | undefined;
  all?: boolean | undefined;
  now?: Date;
}): Promise<void> {
  const { db } = options;
  const userId = options.actor.userId;
  const now = options.now ?? new Date();
  if (options.all) {
    await db
      .insertInto('notification_state')
      .values({ user_id: userId, read_before: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ read_before: now }))
      .execute();
    return;
  }
  const ids = [...new Set(options.ids ?? [])].slice(0, MAX_MARKED);
  if (ids.length === 0) return;
  const visible = await eventsVisibleTo(db, userId, notificationHorizon(now))
    .select('e.id')
    .where('e.id', 'in', ids)
    .execute();
  if (visible.length === 0) return;
  await db
    .insertInto('notification_read')
    .values(visible.map((v) => ({ user_id: userId, event_id: v.id })))
    .onConflict((oc) => oc.columns(['user_id', 'event_id']).doNothing())
    .execute();
}
