import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  joinRequestFields,
  selectJoinRequests,
  type JoinRequestFields,
} from './join-request-rows.js';

export interface MyJoinRequestView extends JoinRequestFields {
  structure: { identifier: string; name: string };
}

/**
 * The signed-in user's own requests to join structures (pending first, newest first), so they
 * can see what still waits for a gestionnaire and what was refused.
 */
export async function listMyJoinRequests(options: {
  db: Kysely<DB>;
  userId: string;
}): Promise<MyJoinRequestView[]> {
  const rows = await selectJoinRequests(options.db)
    .innerJoin('structure as s', 's.id', 'j.structure_id')
    .select(['s.identifier', 's.name'])
    .where('j.user_id', '=', options.userId)
    .limit(100)
    .execute();
  return rows.map((r) => ({
    ...joinRequestFields(r),
    structure: { identifier: r.identifier, name: r.name },
  }));
}
