import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { recordAudit } from './audit.js';
import { hashPassword } from './crypto.js';
import { PASSWORD_MAX, PASSWORD_MIN } from './model.js';

export function checkPassword(password: string): void {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters`,
      {
        details: [
          { pointer: 'password', message: `${PASSWORD_MIN} to ${PASSWORD_MAX} characters` },
        ],
      },
    );
  }
}

/** Creates a portal account. It belongs to no structure until a join request is approved. */
export async function signUp(options: {
  db: Kysely<DB>;
  email: string;
  password: string;
  name: string;
  ip?: string | null;
}): Promise<{ userId: string }> {
  checkPassword(options.password);
  const email = options.email.trim();
  const passwordHash = await hashPassword(options.password);
  return options.db.transaction().execute(async (trx) => {
    const id = newId('user');
    const inserted = await trx
      .insertInto('app_user')
      .values({ id, email, name: options.name.trim(), password_hash: passwordHash })
      .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted)
      throw new AppError('ALREADY_EXISTS', 'An account already uses this e-mail address');
    await recordAudit(trx, {
      event: 'USER_SIGNED_UP',
      actorUserId: id,
      subjectUserId: id,
      ip: options.ip ?? null,
    });
    return { userId: id };
  });
}
