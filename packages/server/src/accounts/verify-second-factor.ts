import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { sha256 } from './crypto.js';
import { SESSION_MS } from './model.js';
import { createSession, findSession, type NewSession } from './sessions.js';
import { totpStep } from './totp.js';

/**
 * Second step of sign-in: a TOTP code or an unused recovery code turns the pending session into
 * a full one (a new session id: the pending one is deleted, which also defeats fixation).
 */
export async function verifySecondFactor(options: {
  db: Kysely<DB>;
  pendingToken: string | undefined;
  code: string;
  ip?: string | null;
}): Promise<NewSession> {
  const { db } = options;
  const pending = options.pendingToken ? await findSession(db, options.pendingToken) : undefined;
  if (!pending || !pending.secondFactorPending) {
    throw new AppError('UNAUTHENTICATED', 'Sign in with your password first');
  }
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'totp_secret', 'totp_last_step'])
    .where('id', '=', pending.userId)
    .executeTakeFirstOrThrow();
  const code = options.code.replace(/\s+/g, '');
  // A code of the current window that already signed in is not wrong: it is used. Say so, so
  // the user waits for the next one instead of doubting the phone's clock.
  let replayed = false;
  return db
    .transaction()
    .execute(async (trx) => {
      const step = user.totp_secret ? totpStep(user.totp_secret, code) : undefined;
      let accepted = false;
      if (step !== undefined && (user.totp_last_step === null || step > user.totp_last_step)) {
        await trx
          .updateTable('app_user')
          .set({ totp_last_step: step })
          .where('id', '=', user.id)
          .execute();
        accepted = true;
      } else if (step !== undefined) {
        replayed = true;
      } else {
        const used = await trx
          .updateTable('recovery_code')
          .set({ used_at: new Date() })
          .where('user_id', '=', user.id)
          .where('code_hash', '=', sha256(code.toUpperCase()))
          .where('used_at', 'is', null)
          .returning('code_hash')
          .executeTakeFirst();
        if (used) {
          accepted = true;
          await recordAudit(trx, {
            event: 'RECOVERY_CODE_USED',
            actorUserId: user.id,
            subjectUserId: user.id,
            ip: options.ip ?? null,
          });
        }
      }
      if (!accepted) {
        await recordAudit(trx, {
          event: 'SECOND_FACTOR_FAILED',
          subjectUserId: user.id,
          ip: options.ip ?? null,
        });
        return undefined;
      }
      await trx.deleteFrom('user_session').where('id_hash', '=', pending.sessionHash).execute();
      await recordAudit(trx, {
        event: 'SIGN_IN_SUCCEEDED',
        actorUserId: user.id,
        subjectUserId: user.id,
        ip: options.ip ?? null,
        detail: { secondFactor: true },
      });
      return createSession(trx, user.id, { secondFactorPending: false, ttlMs: SESSION_MS });
    })
    .then((session) => {
      if (session) return session;
      if (replayed) {
        throw new AppError(
          'CODE_ALREADY_USED',
          'This code was already used: wait for the next one',
          {
            fr: 'Ce code a déjà servi : attendez le code suivant.',
          },
        );
      }
      throw new AppError('INVALID_CREDENTIALS', 'This code is not valid');
    });
}
