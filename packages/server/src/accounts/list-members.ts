import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { rightsOfMemberships, type MembershipRight } from './membership-rights.js';
import type { Role } from './model.js';
import { structureForMember } from './structure-access.js';

export interface MemberView {
  user: { id: string; email: string; name: string };
  role: Role;
  rights: MembershipRight[];
}

/** Members of a structure with their rights, for its gestionnaires. */
export async function listMembers(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
}): Promise<MemberView[]> {
  const structure = await structureForMember({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
  const members = await options.db
    .selectFrom('membership as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.role', 'u.id as userId', 'u.email', 'u.name'])
    .where('m.structure_id', '=', structure.id)
    .orderBy('u.name')
    .execute();
  const rightsOf = await rightsOfMemberships(
    options.db,
    members.map((m) => m.id),
  );
  return members.map((m) => ({
    user: { id: m.userId, email: m.email, name: m.name },
    role: m.role as Role,
    rights: rightsOf(m.id),
  }));
}
