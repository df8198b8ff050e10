import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Mailer } from '../lib/mailer.js';
import { recordAudit } from './audit.js';
import { randomSecret, sha256 } from './crypto.js';
import { RESET_TOKEN_MS } from './model.js';

/**
 * Sends a single-use reset link to the address if it has an account; says nothing either way
 * (the caller answers the same for unknown addresses). The token is stored hashed and expires
 * after an hour. The mail leaves after the token is committed.
 */
export async function requestPasswordReset(options: {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  email: string;
  ip?: string | null;
}): Promise<void> {
  const { db } = options;
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'name'])
    .where(sql<string>`lower(email)`, '=', options.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!user) return;
  const token = randomSecret();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('password_reset')
      .values({
        token_hash: sha256(token),
        user_id: user.id,
        expires_at: new Date(Date.now() + RESET_TOKEN_MS),
      })
      .execute();
    await recordAudit(trx, {
      event: 'PASSWORD_RESET_REQUESTED',
      subjectUserId: user.id,
      ip: options.ip ?? null,
    });
  });
  const link = `${options.publicUrl}/mot-de-passe/nouveau?token=${token}`;
  await options.mailer.send({
    to: user.email,
    subject: 'Chorale : réinitialisation de votre mot de passe / password reset',
    text:
      `Bonjour ${user.name},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n${link}\n\n` +
      `Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.\n\n` +
      `---\nTo choose a new password, open this link within the hour:\n${link}\n` +
      `If you did not ask for it, ignore this message.\n`,
  });
}
