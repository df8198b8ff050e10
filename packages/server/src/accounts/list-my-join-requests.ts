import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { JoinRequestStatus } from './model.js';

export interface MyJoinRequestView {
  id: string;
  structure: { identifier: string; name: string };
  message: string | null;
  status: JoinRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * The signed-in user's own requests to join structures (pending first, newest first), so they
 * can see what still waits for a gestionnaire and what was refused.
 */
export async function listMyJoinRequests(options: {
  db: Kysely<DB>;
  userId: string;
}): Promise<MyJoinRequestView[]> {
  const rows = await options.db
    .selectFrom('join_request as j')
    .innerJoin('structure as s', 's.id', 'j.structure_id')
    .select([
      'j.id',
      'j.message',
      'j.status',
      'j.created_at',
      'j.decided_at',
      's.identifier',
      's.name',
    ])
    .where('j.user_id', '=', options.userId)
    .orderBy((eb) => eb.case().when('j.status', '=', 'EN_ATTENTE').then(0).else(1).end())
    .orderBy('j.created_at', 'desc')
    .limit(100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    structure: { identifier: r.identifier, name: r.name },
    message: r.message,
    status: r.status as JoinRequestStatus,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  }));
}
