import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Role, Space } from './model.js';
import { structureForMember } from './structure-access.js';

export interface MemberView {
  user: { id: string; email: string; name: string };
  role: Role;
  rights: { space: Space; serviceCode: string | null }[];
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
  const rights = members.length
    ? await options.db
        .selectFrom('membership_right as r')
        .leftJoin('service as v', 'v.id', 'r.service_id')
        .select(['r.membership_id', 'r.space', 'v.code'])
        .where(
          'r.membership_id',
          'in',
          members.map((m) => m.id),
        )
        .orderBy('r.space')
        .orderBy('v.code')
        .execute()
    : [];
  return members.map((m) => ({
    user: { id: m.userId, email: m.email, name: m.name },
    role: m.role as Role,
    rights: rights
      .filter((r) => r.membership_id === m.id)
      .map((r) => ({ space: r.space as Space, serviceCode: r.code ?? null })),
  }));
}
