import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { eventsVisibleTo, notificationHorizon } from './audience.js';
import type { EventType } from './model.js';

export const MAX_NOTIFICATIONS = 50;
/** The unread count stops there (the bell shows "99+"). */
export const UNREAD_CAP = 99;

export interface NotificationView {
  id: string;
  type: EventType;
  createdAt: Date;
  read: boolean;
  structure: { identifier: string; name: string };
  invoiceId: string | null;
  flowId: string | null;
  data: Record<string, unknown>;
}

/** The signed-in user's latest notifications (newest first) and how many are unread. */
export async function listNotifications(options: {
  db: Kysely<DB>;
  actor: UserActor;
  limit?: number;
  now?: Date;
}): Promise<{ unread: number; unreadCapped: boolean; items: NotificationView[] }> {
  const { db } = options;
  const userId = options.actor.userId;
  const limit = Math.min(Math.max(options.limit ?? 20, 1), MAX_NOTIFICATIONS);
  const state = await db
    .selectFrom('notification_state')
    .select('read_before')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const horizon = notificationHorizon(options.now);
  const since = state?.read_before && state.read_before > horizon ? state.read_before : horizon;
  const rows = await eventsVisibleTo(db, userId, horizon)
    .innerJoin('structure as s', 's.id', 'e.structure_id')
    .leftJoin('notification_read as nr', (j) =>
      j.onRef('nr.event_id', '=', 'e.id').on('nr.user_id', '=', userId),
    )
    .select([
      'e.id',
      'e.type',
      'e.created_at',
      'e.invoice_id',
      'e.flow_id',
      'e.payload',
      's.identifier',
      's.name',
      'nr.event_id as read_id',
    ])
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute();
  const unreadRows = await eventsVisibleTo(db, userId, since)
    .leftJoin('notification_read as nr', (j) =>
      j.onRef('nr.event_id', '=', 'e.id').on('nr.user_id', '=', userId),
    )
    .where('nr.event_id', 'is', null)
    .select('e.id')
    .limit(UNREAD_CAP + 1)
    .execute();
  const readBefore = state?.read_before ?? null;
  return {
    unread: Math.min(unreadRows.length, UNREAD_CAP),
    unreadCapped: unreadRows.length > UNREAD_CAP,
    items: rows.map((r) => ({
      id: r.id,
      type: r.type as EventType,
      createdAt: r.created_at,
      read: r.read_id !== null || (readBefore !== null && r.created_at <= readBefore),
      structure: { identifier: r.identifier, name: r.name },
      invoiceId: r.invoice_id,
      flowId: r.flow_id,
      data: r.payload,
    })),
  };
}
