/**
 * The platform support hands a thread addressed to the platform to a structure (optionally one
 * of its services): from then on it is that structure's, and the support no longer sees it.
 * Its wait goes on (the supplier has been waiting all along). The event mails the new addressees.
 */
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import { findStructure } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import { emitSollicitationEvent } from './events.js';
import { checkSollicitationVersion, loadSollicitationFor } from './sollicitation-access.js';

export async function reassignSollicitation(options: {
  db: Kysely<DB>;
  actor: UserActor;
  sollicitationId: string;
  recipientIdentifier: string;
  serviceCode?: string | undefined;
  version: number;
}): Promise<{ version: number }> {
  const { db, actor, sollicitationId } = options;
  return db.transaction().execute(async (trx) => {
    const { row, sides } = await loadSollicitationFor({
      db: trx,
      actor,
      sollicitationId,
      forUpdate: true,
    });
    if (!sides.includes('SUPPORT'))
      throw new AppError('FORBIDDEN', 'Only the platform support may reassign a sollicitation', {
        fr: 'Seul le support de la plateforme peut réattribuer une sollicitation',
      });
    checkSollicitationVersion(row, options.version);
    if (row.status === 'CLOSE')
      throw new AppError('CONFLICT', 'A closed sollicitation cannot be reassigned', {
        fr: 'Une sollicitation close ne peut pas être réattribuée',
      });
    const structure = await findStructure(trx, options.recipientIdentifier);
    if (!structure) throw notFound(`Structure ${options.recipientIdentifier}`);
    if (structure.id === row.requester_structure_id)
      throw new AppError('BAD_REQUEST', 'A thread cannot be addressed to the structure asking', {
        fr: 'Une sollicitation ne peut pas être adressée à la structure qui la pose',
      });
    let serviceId: string | null = null;
    if (options.serviceCode) {
      const service = await trx
        .selectFrom('service')
        .select('id')
        .where('structure_id', '=', structure.id)
        .where('code', '=', options.serviceCode)
        .executeTakeFirst();
      if (!service) throw notFound(`Service ${options.serviceCode}`);
      serviceId = service.id;
    }
    const updated = await trx
      .updateTable('sollicitation')
      .set({
        addressee: 'STRUCTURE',
        recipient_structure_id: structure.id,
        recipient_service_id: serviceId,
        updated_at: new Date(),
        version: row.version + 1,
      })
      .where('id', '=', sollicitationId)
      .returning('version')
      .executeTakeFirstOrThrow();
    await emitSollicitationEvent(trx, {
      type: 'REASSIGNED',
      sollicitationId,
      version: updated.version,
    });
    return { version: updated.version };
  });
}
