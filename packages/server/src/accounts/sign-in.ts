import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { dummyPasswordHash, verifyPassword } from './crypto.js';
import { LOCK_MS, MAX_FAILED_ATTEMPTS, PENDING_SESSION_MS, SESSION_MS } from './model.js';
import { createSession, type NewSession } from './sessions.js';

export interface SignInResult extends NewSession {
  /** true: the session is only good for the second-factor step. */
  secondFactorRequired: boolean;
}

/**
 * Password step of sign-in. Five failures in a row lock the account for an hour (even the right
 * password is then refused). An unknown e-mail costs the same time as a wrong password and gets
 * the same answer, so the form does not reveal who has an account.
 */
export async function signIn(options: {
  db: Kysely<DB>;
  email: string;
  password: string;
  ip?: string | null;
}): Promise<SignInResult> {
  const { db } = options;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'totp_enabled', 'locked_until'])
    .where(sql<string>`lower(email)`, '=', options.email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(
    user?.password_hash ?? (await dummyPasswordHash()),
    options.password,
  );
  if (!user) throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail address or password');
  if (user.locked_until && user.locked_until > new Date()) {
    await recordAudit(db, {
      event: 'SIGN_IN_FAILED',
      subjectUserId: user.id,
      ip: options.ip ?? null,
      detail: { reason: 'locked' },
    });
    throw new AppError(
      'ACCOUNT_LOCKED',
      'This account is locked for one hour after too many failed sign-ins',
    );
  }
  if (!ok) {
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('app_user')
        .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
        .where('id', '=', user.id)
        .returning('failed_attempts')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        event: 'SIGN_IN_FAILED',
        subjectUserId: user.id,
        ip: options.ip ?? null,
        detail: { attempts: row.failed_attempts },
      });
      if (row.failed_attempts >= MAX_FAILED_ATTEMPTS) {
        await trx
          .updateTable('app_user')
          .set({ locked_until: new Date(Date.now() + LOCK_MS), failed_attempts: 0 })
          .where('id', '=', user.id)
          .execute();
        await recordAudit(trx, {
          event: 'ACCOUNT_LOCKED',
          subjectUserId: user.id,
          ip: options.ip ?? null,
        });
      }
    });
    throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail address or password');
  }
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ failed_attempts: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(trx, user.id, {
      secondFactorPending: user.totp_enabled,
      ttlMs: user.totp_enabled ? PENDING_SESSION_MS : SESSION_MS,
    });
    if (!user.totp_enabled) {
      await recordAudit(trx, {
        event: 'SIGN_IN_SUCCEEDED',
        actorUserId: user.id,
        subjectUserId: user.id,
        ip: options.ip ?? null,
      });
    }
    return { ...session, secondFactorRequired: user.totp_enabled };
  });
}
