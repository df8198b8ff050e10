import type { Kysely } from 'kysely';
import { recordAudit } from '../accounts/audit.js';
import { sha256 } from '../accounts/crypto.js';
import type { SystemActor, UserActor } from '../accounts/model.js';
import { structureForActor } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import {
  expiryFrom,
  newTechnicalLogin,
  newTechnicalPassword,
  type TechnicalAccountCredentials,
} from './technical-account.js';

/**
 * A technical account of a structure, by one of its gestionnaires principaux (or the platform:
 * command line, seed, tests). The password is given back once.
 */
export async function createTechnicalAccount(options: {
  db: Kysely<DB>;
  actor: UserActor | SystemActor;
  /** The structure's identifier (SIRET). */
  identifier: string;
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
  const id = newId('technicalAccount');
  const login = newTechnicalLogin();
  const password = newTechnicalPassword();
  const expiresAt = expiryFrom(now);
  const createdBy = actor.kind === 'user' ? actor.userId : null;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('cpro_technical_account')
      .values({
        id,
        structure_id: structure.id,
        login,
        password_hash: sha256(password),
        created_by: createdBy,
        created_at: now,
        rotated_by: null,
        rotated_at: null,
        expires_at: expiresAt,
        reminded_at: null,
      })
      .execute();
    await recordAudit(trx, {
      event: 'TECHNICAL_ACCOUNT_CREATED',
      actorUserId: createdBy,
      structureId: structure.id,
      ip: options.ip ?? null,
      detail: { technicalAccountId: id, login },
    });
  });
  return { id, login, password, expiresAt: expiresAt.toISOString() };
}
