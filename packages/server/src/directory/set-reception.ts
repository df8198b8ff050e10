/**
 * The manager (gestionnaire principal) of a public structure sets how it, or one of its
 * services, receives invoices (reception.ts). A service's setting may also be cleared: it then
 * follows its structure again. The change and its audit row commit together.
 *
 * Access: not a member → 404 (a structure never reveals who manages it), a member without the
 * role → 403 (structureForActor). Only public structures receive invoices: a private one → 400.
 */
import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.js';
import type { SystemActor, UserActor } from '../accounts/model.js';
import { structureForActor } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';
import { receptionFormats, receptionOf, type ReceptionSettings } from './reception.js';

export interface SetReceptionResult {
  /** The structure's setting, or the service's own (null: the service follows its structure). */
  reception: ReceptionSettings | null;
}

export async function setReception(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  identifier: string;
  /** A service of the structure; absent: the structure itself. */
  serviceCode?: string | undefined;
  /** null (services only): follow the structure's setting. */
  settings: ReceptionSettings | null;
  ip?: string | null;
}): Promise<SetReceptionResult> {
  const { db, actor, settings } = options;
  const structure = await structureForActor({
    db,
    actor,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  if (settings && !(receptionFormats as readonly string[]).includes(settings.format)) {
    throw new AppError('VALIDATION_FAILED', `format must be one of ${receptionFormats.join(', ')}`);
  }
  const row = await db
    .selectFrom('structure')
    .select('is_public')
    .where('id', '=', structure.id)
    .executeTakeFirstOrThrow();
  if (!row.is_public) {
    throw new AppError('BAD_REQUEST', 'Only a public structure receives invoices');
  }
  const columns = {
    reception_by_flow: settings?.byFlow ?? null,
    reception_format: settings?.format ?? null,
    reception_rendering: settings?.withRendering ?? null,
  };
  return db.transaction().execute(async (trx) => {
    let reception: ReceptionSettings | null;
    if (options.serviceCode === undefined) {
      if (!settings) {
        throw new AppError('VALIDATION_FAILED', 'A structure always has a reception setting');
      }
      const updated = await trx
        .updateTable('structure')
        .set({
          reception_by_flow: settings.byFlow,
          reception_format: settings.format,
          reception_rendering: settings.withRendering,
          updated_at: new Date(),
        })
        .where('id', '=', structure.id)
        .returning(['reception_by_flow', 'reception_format', 'reception_rendering'])
        .executeTakeFirstOrThrow();
      reception = receptionOf(updated)!;
    } else {
      const updated = await trx
        .updateTable('service')
        .set({ ...columns, updated_at: new Date() })
        .where('structure_id', '=', structure.id)
        .where('code', '=', options.serviceCode)
        .returning(['reception_by_flow', 'reception_format', 'reception_rendering'])
        .executeTakeFirst();
      if (!updated) throw notFound(`Service ${options.serviceCode}`);
      reception = receptionOf(updated) ?? null;
    }
    await recordAudit(trx, {
      event: 'RECEPTION_CHANGED',
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { serviceCode: options.serviceCode ?? null, reception },
    });
    return { reception };
  });
}
