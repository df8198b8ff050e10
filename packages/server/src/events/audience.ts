/**
 * Which events a user sees in the portal (the bell) and gets by mail: those of the structures
 * they belong to, for their audience — the managers (GESTIONNAIRE: gestionnaires principaux),
 * or the holders of a space on the whole structure or on the event's service, as the mail
 * jobs choose their addressees (jobs/notify.ts `addressees`).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** How far back the bell looks: older events stay in webhooks' logs, not in the bell. */
export const NOTIFICATION_DAYS = 90;

export function eventsVisibleTo(db: Kysely<DB>, userId: string, since: Date) {
  return db
    .selectFrom('event as e')
    .innerJoin('membership as m', (j) =>
      j.onRef('m.structure_id', '=', 'e.structure_id').on('m.user_id', '=', userId),
    )
    .where('e.created_at', '>', since)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('e.audience', '=', 'GESTIONNAIRE'),
          eb('m.role', '=', 'GESTIONNAIRE_PRINCIPAL'),
        ]),
        eb.exists(
          eb
            .selectFrom('membership_right as r')
            .select(sql`1`.as('one'))
            .whereRef('r.membership_id', '=', 'm.id')
            .whereRef('r.space', '=', 'e.audience')
            .where((w) =>
              w.or([w('r.service_id', 'is', null), w('r.service_id', '=', w.ref('e.service_id'))]),
            ),
        ),
      ]),
    );
}

export function notificationHorizon(now = new Date()): Date {
  return new Date(now.getTime() - NOTIFICATION_DAYS * 24 * 3600 * 1000);
}
