import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { randomSecret, sha256 } from './crypto.js';
import type { UserActor } from './model.js';
import { totpStep } from './totp.js';

/**
 * Ends enrolment: a right code switches the second factor on and yields ten recovery codes,
 * shown this once (only their hashes are kept).
 */
export async function confirmTotpEnrolment(options: {
  db: Kysely<DB>;
  actor: UserActor;
  code: string;
  ip?: string | null;
}): Promise<{ recoveryCodes: string[] }> {
  const { db } = options;
  const { userId } = options.actor;
  const user = await db
    .selectFrom('app_user')
    .select(['totp_secret', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled) throw new AppError('CONFLICT', 'A second factor is already enrolled');
  if (!user.totp_secret) throw new AppError('CONFLICT', 'Start the enrolment first');
  const step = totpStep(user.totp_secret, options.code.replace(/\s+/g, ''));
  if (step === undefined)
    throw new AppError(
      'VALIDATION_FAILED',
      'This code is not valid: check the time of your device',
    );
  const recoveryCodes = Array.from({ length: 10 }, () =>
    randomSecret(8).replace(/[-_]/g, 'X').slice(0, 10).toUpperCase(),
  );
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ totp_enabled: true, totp_last_step: step })
      .where('id', '=', userId)
      .execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_code')
      .values(recoveryCodes.map((c) => ({ user_id: userId, code_hash: sha256(c) })))
      .execute();
    await recordAudit(trx, {
      event: 'TOTP_ENROLLED',
      actorUserId: userId,
      subjectUserId: userId,
      ip: options.ip ?? null,
    });
  });
  return { recoveryCodes };
}
