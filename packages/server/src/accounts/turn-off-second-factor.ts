import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { confirmPassword } from './confirm-password.js';

/**
 * A signed-in user turns their second factor off (a lost phone they replace, a new app). The
 * password is asked again, so a session left open cannot weaken the account; the secret and
 * the recovery codes are erased, so enrolling again starts from nothing.
 */
export async function turnOffSecondFactor(options: {
  db: Kysely<DB>;
  userId: string;
  password: string;
  ip?: string | null;
}): Promise<void> {
  const { db } = options;
  const user = await db
    .selectFrom('app_user')
    .select(['password_hash', 'totp_enabled'])
    .where('id', '=', options.userId)
    .executeTakeFirstOrThrow();
  if (!user.totp_enabled) throw new AppError('CONFLICT', 'No second factor is enrolled');
  await confirmPassword({
    db,
    userId: options.userId,
    passwordHash: user.password_hash,
    password: options.password,
    pointer: 'password',
    failedEvent: 'TOTP_DISABLE_FAILED',
    ip: options.ip,
  });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_enabled: false, totp_secret: null, totp_last_step: null })
      .where('id', '=', options.userId)
      .execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', options.userId).execute();
    await recordAudit(trx, {
      event: 'TOTP_DISABLED',
      subjectUserId: options.userId,
      actorUserId: options.userId,
      ip: options.ip ?? null,
    });
  });
}
