import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { randomSecret, sha256 } from './crypto.js';

export interface NewSession {
  /** The cookie value: shown to the browser once, only its hash is stored. */
  token: string;
  csrfToken: string;
}

export async function createSession(
  db: Kysely<DB>,
  userId: string,
  options: { secondFactorPending: boolean; ttlMs: number },
): Promise<NewSession> {
  const token = randomSecret();
  const csrfToken = randomSecret();
  await db
    .insertInto('user_session')
    .values({
      id_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      second_factor_pending: options.secondFactorPending,
      expires_at: new Date(Date.now() + options.ttlMs),
    })
    .execute();
  return { token, csrfToken };
}

export interface SessionRow {
  userId: string;
  csrfToken: string;
  sessionHash: string;
  secondFactorPending: boolean;
}

/** The live session a cookie names, or undefined (unknown or expired). */
export async function findSession(db: Kysely<DB>, token: string): Promise<SessionRow | undefined> {
  const hash = sha256(token);
  const row = await db
    .selectFrom('user_session')
    .select(['user_id', 'csrf_token', 'second_factor_pending'])
    .where('id_hash', '=', hash)
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row
    ? {
        userId: row.user_id,
        csrfToken: row.csrf_token,
        sessionHash: hash,
        secondFactorPending: row.second_factor_pending,
      }
    : undefined;
}
