import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { confirmPassword } from './confirm-password.js';
import { hashPassword } from './crypto.js';
import { checkPassword } from './sign-up.js';

/**
 * A signed-in user changes their password. The current one is asked again, so a session left
 * open on a shared computer cannot be used to take the account over. Every other session of the
 * user is closed (a stolen cookie stops working); the session making the change stays open.
 */
export async function changePassword(options: {
  db: Kysely<DB>;
  userId: string;
  /** Hash of the session making the change: the one session kept. */
  sessionHash: string;
  currentPassword: string;
  newPassword: string;
  ip?: string | null;
}): Promise<void> {
  const { db } = options;
  const user = await db
    .selectFrom('app_user')
    .select('password_hash')
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  await confirmPassword({
    db,
    userId: options.userId,
    passwordHash: user.password_hash,
    password: options.currentPassword,
    pointer: 'currentPassword',
    failedEvent: 'PASSWORD_CHANGE_FAILED',
    ip: options.ip,
  });
  checkPassword(options.newPassword);
  if (options.newPassword === options.currentPassword)
    throw new AppError('VALIDATION_FAILED', 'The new password must differ from the current one', {
      details: [
        { pointer: 'newPassword', message: 'The new password must differ from the current one' },
      ],
    });
  const passwordHash = await hashPassword(options.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, failed_attempts: 0 })
      .where('id', '=', options.userId)
      .execute();
    await trx
      .deleteFrom('user_session')
      .where('user_id', '=', options.userId)
      .where('id_hash', '!=', options.sessionHash)
      .execute();
    await recordAudit(trx, {
      event: 'PASSWORD_CHANGED',
      subjectUserId: options.userId,
      actorUserId: options.userId,
      ip: options.ip ?? null,
    });
  });
}
