import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { recordAudit } from './audit.js';
import { parseSshPublicKey } from './ssh-public-key.js';
import { structureForMember } from './structure-access.js';

/**
 * Who sets the key: the structure's gestionnaire principal (portal, API) naming the structure
 * they act on, or the operator at the command line, who may act on any client.
 */
export type SftpKeyActor = { kind: 'user'; userId: string; identifier: string } | { kind: 'cli' };

/**
 * Registers (or with `publicKey: null` removes) the OpenSSH public key an API client signs in
 * with at the SFTP endpoint. One key per client: a new one replaces the old at once. A client
 * of another structure is 404 to a user, as everywhere.
 */
export async function setSftpKey(options: {
  db: Kysely<DB>;
  actor: SftpKeyActor;
  clientId: string;
  publicKey: string | null;
  ip?: string | null;
}): Promise<{ clientId: string; fingerprint: string | null }> {
  const { db, actor } = options;
  const key = options.publicKey === null ? null : parseSshPublicKey(options.publicKey);
  const structureId =
    actor.kind === 'user'
      ? (
          await structureForMember({
            db,
            userId: actor.userId,
            identifier: actor.identifier,
            role: 'GESTIONNAIRE_PRINCIPAL',
          })
        ).id
      : undefined;
  await db.transaction().execute(async (trx) => {
    let update = trx
      .updateTable('api_client')
      .set({ sftp_public_key: key?.text ?? null })
      .where('id', '=', options.clientId);
    if (structureId !== undefined) update = update.where('structure_id', '=', structureId);
    const row = await update.returning(['id', 'structure_id']).executeTakeFirst();
    if (!row) throw notFound('API client');
    await recordAudit(trx, {
      event: 'API_CLIENT_SFTP_KEY_SET',
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      structureId: row.structure_id,
      ip: options.ip ?? null,
      detail: { clientId: row.id, fingerprint: key?.fingerprint ?? null, by: actor.kind },
    });
  });
  return { clientId: options.clientId, fingerprint: key?.fingerprint ?? null };
}
