import type { Kysely } from 'kysely';

/**
 * An API client may register one OpenSSH public key (`<type> <base64>`, comment dropped) to
 * sign in to the SFTP endpoint of the concentrator (decision 0014). Null: no key, only the
 * client's secret works there.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_client').addColumn('sftp_public_key', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_client').dropColumn('sftp_public_key').execute();
}
