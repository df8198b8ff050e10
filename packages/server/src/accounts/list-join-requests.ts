import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { JoinRequestStatus } from './model.js';
import { structureForMember } from './structure-access.js';

export interface JoinRequestView {
  id: string;
  user: { id: string; email: string; name: string };
  message: string | null;
  status: JoinRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

/** Requests to join a structure, for its gestionnaires (pending first, newest first). */
export async function listJoinRequests(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
}): Promise<JoinRequestView[]> {
  const structure = await structureForMember({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
  const rows = await options.db
    .selectFrom('join_request as j')
    .innerJoin('app_user as u', 'u.id', 'j.user_id')
    .select([
      'j.id',
      'j.message',
      'j.status',
      'j.created_at',
      'j.decided_at',
      'u.id as userId',
      'u.email',
      'u.name',
    ])
    .where('j.structure_id', '=', structure.id)
    .orderBy((eb) => eb.case().when('j.status', '=', 'EN_ATTENTE').then(0).else(1).end())
    .orderBy('j.created_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    user: { id: r.userId, email: r.email, name: r.name },
    message: r.message,
    status: r.status as JoinRequestStatus,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  }));
}
