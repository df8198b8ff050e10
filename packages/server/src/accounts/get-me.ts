import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { rightsOfMemberships, type MembershipRight } from './membership-rights.js';
import type { Role } from './model.js';

export interface MyMembership {
  structure: {
    id: string;
    identifierType: string;
    identifier: string;
    name: string;
    isPublic: boolean;
  };
  role: Role;
  rights: MembershipRight[];
}

export interface Me {
  id: string;
  email: string;
  name: string;
  secondFactorEnabled: boolean;
  /** One of the instance's operators answering the sollicitations addressed to the platform. */
  platformSupport: boolean;
  memberships: MyMembership[];
}

/** The signed-in user, their structures, roles and rights. */
export async function getMe(options: { db: Kysely<DB>; userId: string }): Promise<Me> {
  const { db, userId } = options;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'name', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const memberships = await db
    .selectFrom('membership as m')
    .innerJoin('structure as s', 's.id', 'm.structure_id')
    .select([
      'm.id',
      'm.role',
      's.id as structureId',
      's.identifier_type',
      's.identifier',
      's.name',
      's.is_public',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('s.name')
    .execute();
  const support = await db
    .selectFrom('platform_support')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const rightsOf = await rightsOfMemberships(
    db,
    memberships.map((m) => m.id),
  );
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    secondFactorEnabled: user.totp_enabled,
    platformSupport: support !== undefined,
    memberships: memberships.map((m) => ({
      structure: {
        id: m.structureId,
        identifierType: m.identifier_type,
        identifier: m.identifier,
        name: m.name,
        isPublic: m.is_public,
      },
      role: m.role as Role,
      rights: rightsOf(m.id),
    })),
  };
}
