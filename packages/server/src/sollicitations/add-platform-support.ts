/**
 * Makes a user one of the instance's platform support (the operators answering the threads
 * addressed to the platform). A new user is created with the given password; an existing one
 * (same e-mail) is only granted the role. Run by the operator (`chorale support add`).
 */
import { sql, type Kysely } from 'kysely';
import { signUp } from '../accounts/sign-up.js';
import type { SystemActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';

export async function addPlatformSupport(options: {
  db: Kysely<DB>;
  actor: SystemActor;
  email: string;
  name?: string | undefined;
  password?: string | undefined;
}): Promise<{ userId: string; created: boolean }> {
  const { db } = options;
  const email = options.email.trim().toLowerCase();
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where(sql<string>`lower(email)`, '=', email)
    .executeTakeFirst();
  let userId = existing?.id;
  if (!userId) {
    if (!options.password)
      throw new AppError('BAD_REQUEST', `No user ${email}: give a password to create one`);
    userId = (
      await signUp({
        db,
        email,
        password: options.password,
        name: options.name ?? email.split('@')[0]!,
      })
    ).userId;
  }
  await db
    .insertInto('platform_support')
    .values({ user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { userId, created: !existing };
}
