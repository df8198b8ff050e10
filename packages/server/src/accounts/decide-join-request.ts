import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { recordAudit } from './audit.js';
import type { Right, Role } from './model.js';
import { replaceRights } from './set-rights.js';
import { structureForMember } from './structure-access.js';

/**
 * A gestionnaire approves (with a role and rights) or refuses a pending request. The request
 * row is claimed with a conditional update, so two gestionnaires deciding at once can't both win.
 */
export async function decideJoinRequest(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  requestId: string;
  decision: 'approve' | 'refuse';
  role?: Role | undefined;
  rights?: Right[] | undefined;
  ip?: string | null;
}): Promise<{ status: 'ACCEPTEE' | 'REFUSEE' }> {
  const structure = await structureForMember({
    db: options.db,
    userId: options.userId,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  return options.db.transaction().execute(async (trx) => {
    const status = options.decision === 'approve' ? ('ACCEPTEE' as const) : ('REFUSEE' as const);
    const request = await trx
      .updateTable('join_request')
      .set({ status, decided_by: options.userId, decided_at: new Date() })
      .where('id', '=', options.requestId)
      .where('structure_id', '=', structure.id)
      .where('status', '=', 'EN_ATTENTE')
      .returning(['user_id'])
      .executeTakeFirst();
    if (!request) {
      const exists = await trx
        .selectFrom('join_request')
        .select('status')
        .where('id', '=', options.requestId)
        .where('structure_id', '=', structure.id)
        .executeTakeFirst();
      if (!exists) throw notFound('Join request');
      throw new AppError('CONFLICT', 'This request has already been decided');
    }
    if (status === 'ACCEPTEE') {
      const membershipId = newId('membership');
      await trx
        .insertInto('membership')
        .values({
          id: membershipId,
          user_id: request.user_id,
          structure_id: structure.id,
          role: options.role ?? 'UTILISATEUR',
        })
        .execute();
      await replaceRights(trx, membershipId, structure.id, options.rights ?? []);
    }
    await recordAudit(trx, {
      event: status === 'ACCEPTEE' ? 'JOIN_APPROVED' : 'JOIN_REFUSED',
      actorUserId: options.userId,
      subjectUserId: request.user_id,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail:
        status === 'ACCEPTEE'
          ? { role: options.role ?? 'UTILISATEUR', rights: options.rights ?? [] }
          : {},
    });
    return { status };
  });
}
