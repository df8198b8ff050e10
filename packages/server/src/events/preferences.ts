/**
 * Per-user mail preferences, per event type: IMMEDIATE (the default: the mail jobs send it),
 * DIGEST (once a day, `chorale notifications digest`), or OFF. The bell shows every event
 * whatever the preference.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { EventType } from './model.js';

export const mailModes = ['IMMEDIATE', 'DIGEST', 'OFF'] as const;
export type MailMode = (typeof mailModes)[number];

/** The addressees among `emails` who want `type` mailed at once (no row: IMMEDIATE). */
export async function immediateAddressees(
  db: Kysely<DB>,
  emails: readonly string[],
  type: EventType,
): Promise<string[]> {
  if (emails.length === 0) return [];
  const held = await db
    .selectFrom('notification_preference as p')
    .innerJoin('app_user as u', 'u.id', 'p.user_id')
    .select('u.email')
    .where('p.type', '=', type)
    .where('p.mode', '!=', 'IMMEDIATE')
    .where('u.email', 'in', emails)
    .execute();
  const skip = new Set(held.map((h) => h.email));
  return emails.filter((e) => !skip.has(e));
}
