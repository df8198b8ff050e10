import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import type { Right, Role } from './model.js';
import { replaceRights } from './set-rights.js';
import { structureForMember } from './structure-access.js';

/**
 * A gestionnaire sets a member's role and rights. A structure always keeps at least one
 * gestionnaire principal: the check runs under a lock on the structure's memberships, so two
 * gestionnaires demoting each other at once can't leave it with none.
 */
export async function setMemberAccess(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  memberUserId: string;
  role: Role;
  rights: Right[];
  ip?: string | null;
}): Promise<void> {
  const structure = await structureForMember({
    db: options.db,
    userId: options.userId,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  await options.db.transaction().execute(async (trx) => {
    const memberships = await trx
      .selectFrom('membership')
      .select(['id', 'user_id', 'role'])
      .where('structure_id', '=', structure.id)
      .forUpdate()
      .execute();
    const target = memberships.find((m) => m.user_id === options.memberUserId);
    if (!target) throw notFound('Member');
    const gestionnaires = memberships.filter((m) => m.role === 'GESTIONNAIRE_PRINCIPAL');
    if (
      target.role === 'GESTIONNAIRE_PRINCIPAL' &&
      options.role !== 'GESTIONNAIRE_PRINCIPAL' &&
      gestionnaires.length === 1
    ) {
      throw new AppError(
        'CONFLICT',
        'A structure keeps at least one gestionnaire principal: appoint another one first',
      );
    }
    await trx
      .updateTable('membership')
      .set({ role: options.role })
      .where('id', '=', target.id)
      .execute();
    await replaceRights(trx, target.id, structure.id, options.rights);
    await recordAudit(trx, {
      event: 'MEMBER_ACCESS_CHANGED',
      actorUserId: options.userId,
      subjectUserId: options.memberUserId,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { from: target.role, role: options.role, rights: options.rights },
    });
  });
}
