/**
 * The rights of memberships, as the portal shows them: read by the signed-in user's own view
 * (get-me.ts) and by a structure's member list (list-members.ts), one query for both so the two
 * views cannot disagree on order or shape.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Space } from './model.js';

export interface MembershipRight {
  space: Space;
  /** The service the right is limited to; null for the whole structure. */
  serviceCode: string | null;
}

/** Each membership's rights, by space then service code; a membership without any maps to []. */
export async function rightsOfMemberships(
  db: Kysely<DB>,
  membershipIds: readonly string[],
): Promise<(membershipId: string) => MembershipRight[]> {
  const rows = membershipIds.length
    ? await db
        .selectFrom('membership_right as r')
        .leftJoin('service as v', 'v.id', 'r.service_id')
        .select(['r.membership_id', 'r.space', 'v.code'])
        .where('r.membership_id', 'in', membershipIds)
        .orderBy('r.space')
        .orderBy('v.code')
        .execute()
    : [];
  const byMembership = new Map<string, MembershipRight[]>();
  for (const r of rows) {
    const rights = byMembership.get(r.membership_id) ?? [];
    rights.push({ space: r.space as Space, serviceCode: r.code ?? null });
    byMembership.set(r.membership_id, rights);
  }
  return (membershipId) => byMembership.get(membershipId) ?? [];
}
