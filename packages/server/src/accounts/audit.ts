import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import type { AuditEvent } from './model.js';

export interface AuditEntry {
  event: AuditEvent;
  actorUserId?: string | null;
  actorClientId?: string | null;
  subjectUserId?: string | null;
  structureId?: string | null;
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends a security event. Callers pass their transaction so the event commits with the change. */
export async function recordAudit(db: Kysely<DB>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      id: newId('audit'),
      event: entry.event,
      actor_user_id: entry.actorUserId ?? null,
      actor_client_id: entry.actorClientId ?? null,
      subject_user_id: entry.subjectUserId ?? null,
      structure_id: entry.structureId ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}
