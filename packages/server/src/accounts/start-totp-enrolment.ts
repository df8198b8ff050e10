import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { UserActor } from './model.js';
import { newTotpSecret, totpFor } from './totp.js';

/**
 * Starts TOTP enrolment: a new secret, shown once as text and as an otpauth:// URI. The second
 * factor stays off until `confirmTotpEnrolment` sees a code made from this secret.
 */
export async function startTotpEnrolment(options: {
  db: Kysely<DB>;
  actor: UserActor;
}): Promise<{ secret: string; otpauthUri: string }> {
  const user = await options.db
    .selectFrom('app_user')
    .select(['email', 'totp_enabled'])
    .where('id', '=', options.actor.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled) throw new AppError('CONFLICT', 'A second factor is already enrolled');
  const secret = newTotpSecret();
  await options.db
    .updateTable('app_user')
    .set({ totp_secret: secret })
    .where('id', '=', options.actor.userId)
    .execute();
  return { secret, otpauthUri: totpFor(secret, user.email).toString() };
}
