import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { recordAudit } from './audit.js';

export async function signOut(options: {
  db: Kysely<DB>;
  userId: string;
  sessionHash: string;
  ip?: string | null;
}): Promise<void> {
  await options.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_session').where('id_hash', '=', options.sessionHash).execute();
    await recordAudit(trx, {
      event: 'SIGNED_OUT',
      actorUserId: options.userId,
      subjectUserId: options.userId,
      ip: options.ip ?? null,
    });
  });
}
