/**
 * Webhook signing secrets at rest. A signing secret must be read back to sign each delivery,
 * so it cannot be hashed like the platform's other secrets (decision 0019): it is encrypted
 * with AES-256-GCM under a key of the platform — WEBHOOK_SECRET_KEY when the operator sets it
 * (then a copy of the database alone reveals no secret), else a key generated once and kept in
 * `app_setting` (which protects against a leak of the webhook table alone, not of the whole
 * database). Stored text: `v1.<iv>.<tag>.<ciphertext>`, base64url.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

const keys = new WeakMap<object, Promise<Buffer>>();

/** The 32-byte key of this database (configured, or generated once and kept). */
export function webhookKeyFor(db: Kysely<DB>, configured: string | undefined): Promise<Buffer> {
  if (configured) return Promise.resolve(createHash('sha256').update(configured).digest());
  let key = keys.get(db);
  if (!key) {
    key = (async () => {
      await db
        .insertInto('app_setting')
        .values({ key: 'webhook_secret_key', value: randomBytes(32).toString('base64url') })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('app_setting')
        .select('value')
        .where('key', '=', 'webhook_secret_key')
        .executeTakeFirstOrThrow();
      return Buffer.from(row.value, 'base64url');
    })();
    keys.set(db, key);
    key.catch(() => keys.delete(db));
  }
  return key;
}

export function sealSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function openSecret(key: Buffer, sealed: string): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined)
    throw new Error('sealed secret: unknown format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([
    decipher.update(Buffer.from(data, 'base64url')),
    decipher.final(),
  ]).toString('utf8');
}
