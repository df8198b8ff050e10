import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { hashPassword, sha256 } from './crypto.js';
import { checkPassword } from './sign-up.js';

/**
 * Sets a new password with a reset token. The token works once; every session of the user is
 * closed and the lock lifted.
 */
export async function resetPassword(options: {
  db: Kysely<DB>;
  token: string;
  password: string;
  ip?: string | null;
}): Promise<void> {
  checkPassword(options.password);
  const passwordHash = await hashPassword(options.password);
  await options.db.transaction().execute(async (trx) => {
    const reset = await trx
      .updateTable('password_reset')
      .set({ used_at: new Date() })
      .where('token_hash', '=', sha256(options.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning('user_id')
      .executeTakeFirst();
    if (!reset)
      throw new AppError('BAD_REQUEST', 'This reset link is not valid any more: ask for a new one');
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, failed_attempts: 0, locked_until: null })
      .where('id', '=', reset.user_id)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', reset.user_id).execute();
    await recordAudit(trx, {
      event: 'PASSWORD_RESET',
      subjectUserId: reset.user_id,
      actorUserId: reset.user_id,
      ip: options.ip ?? null,
    });
  });
}
