import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { structureForMember } from './structure-access.js';

export interface AuditEventView {
  id: string;
  at: Date;
  event: string;
  actorUserId: string | null;
  actorClientId: string | null;
  subjectUserId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

/** A structure's security events, newest first, for its gestionnaires. */
export async function listAuditEvents(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  limit: number;
}): Promise<AuditEventView[]> {
  const s = await structureForMember({
    db: options.db,
    userId: options.userId,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  const rows = await options.db
    .selectFrom('audit_event')
    .selectAll()
    .where('structure_id', '=', s.id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    event: r.event,
    actorUserId: r.actor_user_id,
    actorClientId: r.actor_client_id,
    subjectUserId: r.subject_user_id,
    ip: r.ip,
    detail: r.detail,
  }));
}
