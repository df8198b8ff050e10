import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { recordAudit } from './audit.js';
import { findStructure } from './structure-access.js';

/** A user asks to join a structure of the directory; its gestionnaires decide. */
export async function requestToJoin(options: {
  db: Kysely<DB>;
  userId: string;
  identifier: string;
  message?: string | undefined;
  ip?: string | null;
}): Promise<{ id: string; status: 'EN_ATTENTE' }> {
  const { db, userId } = options;
  const structure = await findStructure(db, options.identifier);
  if (!structure) throw notFound(`Structure ${options.identifier}`);
  const member = await db
    .selectFrom('membership')
    .select('id')
    .where('user_id', '=', userId)
    .where('structure_id', '=', structure.id)
    .executeTakeFirst();
  if (member) throw new AppError('CONFLICT', 'You already belong to this structure');
  return db.transaction().execute(async (trx) => {
    const id = newId('joinRequest');
    const inserted = await trx
      .insertInto('join_request')
      .values({
        id,
        user_id: userId,
        structure_id: structure.id,
        message: options.message ?? null,
        status: 'EN_ATTENTE',
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'structure_id']).where('status', '=', 'EN_ATTENTE').doNothing(),
      )
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('CONFLICT', 'A request to join this structure is already pending');
    await recordAudit(trx, {
      event: 'JOIN_REQUESTED',
      actorUserId: userId,
      subjectUserId: userId,
      structureId: structure.id,
      ip: options.ip ?? null,
    });
    return { id, status: 'EN_ATTENTE' as const };
  });
}
