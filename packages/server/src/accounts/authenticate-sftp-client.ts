import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { checkApiClientSecret } from './check-api-client-secret.js';

/** What the SFTP transport offers for one sign-in attempt; the username is the client id. */
export type SftpCredentials =
  | { method: 'password'; clientId: string; password: string }
  | { method: 'publickey'; clientId: string; keyBlob: Buffer };

export interface SftpClient {
  clientId: string;
  structureId: string;
}

/**
 * The API client an SFTP sign-in stands for, or undefined. A password is the client's secret,
 * checked exactly as the token endpoint checks it; a public key must be the one registered on
 * the client (the transport verifies the signature made with it). Inactive clients never sign
 * in. Client ids are bounded so a hostile username costs no more than a lookup.
 */
export async function authenticateSftpClient(options: {
  db: Kysely<DB>;
  credentials: SftpCredentials;
}): Promise<SftpClient | undefined> {
  const { db, credentials } = options;
  if (credentials.clientId.length > 64) return undefined;
  if (credentials.method === 'password') {
    if (credentials.password.length > 1024) return undefined;
    const { client, valid } = await checkApiClientSecret(
      db,
      credentials.clientId,
      credentials.password,
    );
    return client && valid ? { clientId: client.id, structureId: client.structure_id } : undefined;
  }
  const client = await db
    .selectFrom('api_client')
    .select(['id', 'structure_id', 'active', 'sftp_public_key'])
    .where('id', '=', credentials.clientId)
    .executeTakeFirst();
  if (!client?.active || !client.sftp_public_key) return undefined;
  // Stored as `<type> <base64 blob>`: the blob names its type, so comparing blobs is enough.
  const stored = Buffer.from(client.sftp_public_key.split(' ')[1] ?? '', 'base64');
  return stored.length > 0 && stored.equals(credentials.keyBlob)
    ? { clientId: client.id, structureId: client.structure_id }
    : undefined;
}
