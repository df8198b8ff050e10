import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import { structureForActor } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import {
  DAY_MS,
  TECHNICAL_ACCOUNT_REMINDER_DAYS,
  type TechnicalAccountView,
} from './technical-account.js';

/** A structure's technical accounts, oldest first, for its gestionnaires principaux. */
export async function listTechnicalAccounts(options: {
  db: Kysely<DB>;
  actor: UserActor;
  identifier: string;
  now?: Date;
}): Promise<TechnicalAccountView[]> {
  const now = (options.now ?? new Date()).getTime();
  const structure = await structureForActor({ ...options, role: 'GESTIONNAIRE_PRINCIPAL' });
  const rows = await options.db
    .selectFrom('cpro_technical_account')
    .select(['id', 'login', 'active', 'created_at', 'rotated_at', 'expires_at'])
    .where('structure_id', '=', structure.id)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    active: r.active,
    state:
      r.expires_at.getTime() <= now
        ? 'EXPIRED'
        : r.expires_at.getTime() - now <= TECHNICAL_ACCOUNT_REMINDER_DAYS * DAY_MS
          ? 'EXPIRING'
          : 'ACTIVE',
    createdAt: r.created_at.toISOString(),
    rotatedAt: r.rotated_at ? r.rotated_at.toISOString() : null,
    expiresAt: r.expires_at.toISOString(),
  }));
}
