import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  joinRequestFields,
  selectJoinRequests,
  type JoinRequestFields,
} from './join-request-rows.js';
import { structureForMember } from './structure-access.js';

export interface JoinRequestView extends JoinRequestFields {
  user: { id: string; email: string; name: string };
}

/** Requests to join a structure, for its gestionnaires (pending first, newest first). */
export async function listJoinRequests(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
}): Promise<JoinRequestView[]> {
  const structure = await structureForMember({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
  const rows = await selectJoinRequests(options.db)
    .innerJoin('app_user as u', 'u.id', 'j.user_id')
    .select(['u.id as userId', 'u.email', 'u.name'])
    .where('j.structure_id', '=', structure.id)
    .limit(500)
    .execute();
  return rows.map((r) => ({
    ...joinRequestFields(r),
    user: { id: r.userId, email: r.email, name: r.name },
  }));
}
