import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { JoinRequestStatus } from './model.js';

/** What every listing shows of a join request, whoever looks at it. */
export interface JoinRequestFields {
  id: string;
  message: string | null;
  status: JoinRequestStatus;
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * The selection both listings of join requests share (a structure's, for its gestionnaires; a
 * user's own): the request's own columns, pending first, then newest first, so what still
 * waits for a decision is always on top. Callers join the other side, filter and limit.
 */
export function selectJoinRequests(db: Kysely<DB>) {
  return db
    .selectFrom('join_request as j')
    .select(['j.id', 'j.message', 'j.status', 'j.created_at', 'j.decided_at'])
    .orderBy((eb) => eb.case().when('j.status', '=', 'EN_ATTENTE').then(0).else(1).end())
    .orderBy('j.created_at', 'desc');
}

export function joinRequestFields(row: {
  id: string;
  message: string | null;
  status: string;
  created_at: Date;
  decided_at: Date | null;
}): JoinRequestFields {
  return {
    id: row.id,
    message: row.message,
    status: row.status as JoinRequestStatus,
    createdAt: row.created_at,
    decidedAt: row.decided_at,
  };
}
