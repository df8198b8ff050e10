import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import type { Role, SystemActor, UserActor } from './model.js';

export interface StructureRef {
  id: string;
  identifier: string;
  identifierType: string;
  name: string;
}

/** A structure by identifier (SIRET first when a number exists under several types). */
export async function findStructure(
  db: Kysely<DB>,
  identifier: string,
): Promise<StructureRef | undefined> {
  const rows = await db
    .selectFrom('structure')
    .select(['id', 'identifier', 'identifier_type', 'name'])
    .where('identifier', '=', identifier)
    .execute();
  const s = rows.find((r) => r.identifier_type === 'SIRET') ?? rows[0];
  return s
    ? { id: s.id, identifier: s.identifier, identifierType: s.identifier_type, name: s.name }
    : undefined;
}

/**
 * The structure a member acts on, checked: not a member (or no such structure) → 404, so a
 * user learns nothing of structures they don't belong to; a member without the role → 403.
 */
export async function structureForMember(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  role?: Role;
}): Promise<StructureRef & { role: Role; membershipId: string }> {
  const structure = await findStructure(options.db, options.identifier);
  if (!structure) throw notFound(`Structure ${options.identifier}`);
  const membership = await options.db
    .selectFrom('membership')
    .select(['id', 'role'])
    .where('user_id', '=', options.userId)
    .where('structure_id', '=', structure.id)
    .executeTakeFirst();
  if (!membership) throw notFound(`Structure ${options.identifier}`);
  if (options.role && membership.role !== options.role) {
    throw new AppError('FORBIDDEN', 'Only a gestionnaire principal of this structure may do this');
  }
  return { ...structure, role: membership.role as Role, membershipId: membership.id };
}

/**
 * The structure an actor acts on: for a user, checked as `structureForMember` checks it (404 for
 * a non-member, 403 without the role); for the platform itself, any structure of the directory.
 */
export async function structureForActor(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  identifier: string;
  role?: Role;
}): Promise<StructureRef> {
  const { db, actor, identifier, role } = options;
  if (actor.kind === 'user')
    return structureForMember({ db, userId: actor.userId, identifier, role });
  const structure = await findStructure(db, identifier);
  if (!structure) throw notFound(`Structure ${identifier}`);
  return structure;
}
