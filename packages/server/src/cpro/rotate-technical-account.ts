import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.js';
import { sha256 } from '../accounts/crypto.js';
import type { UserActor } from '../accounts/model.js';
import { structureForActor } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import {
  expiryFrom,
  newTechnicalPassword,
  type TechnicalAccountCredentials,
} from './technical-account.js';

/**
 * A new password for a technical account of the structure, by any of its gestionnaires
 * principaux (not only the first one): the old password stops working at once, the expiry
 * starts again and the reminder is re-armed. Another structure's account is "not found".
 */
export async function rotateTechnicalAccount(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
  technicalAccountId: string;
  ip?: string | null;
  now?: Date;
}): Promise<TechnicalAccountCredentials> {
  const { db, actor } = options;
  const structure = await structureForActor({
    db,
    actor,
    identifier: options.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
  });
  const now = options.now ?? new Date();
  const password = newTechnicalPassword();
  const expiresAt = expiryFrom(now);
  const login = await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('cpro_technical_account')
      .set({
        password_hash: sha256(password),
        rotated_by: actor.userId,
        rotated_at: now,
        expires_at: expiresAt,
        reminded_at: null,
        active: true,
      })
      .where('id', '=', options.technicalAccountId)
      .where('structure_id', '=', structure.id)
      .returning('login')
      .executeTakeFirst();
    if (!row) throw notFound('Technical account');
    await recordAudit(trx, {
      event: 'TECHNICAL_ACCOUNT_ROTATED',
      actorUserId: actor.userId,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { technicalAccountId: options.technicalAccountId },
    });
    return row.login;
  });
  return {
    id: options.technicalAccountId,
    login,
    password,
    expiresAt: expiresAt.toISOString(),
  };
}
