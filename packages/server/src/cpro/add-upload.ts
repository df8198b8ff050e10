/**
 * transverses/v1/ajouter/fichier: a file sent ahead of the invoice that names it
 * (pieceJointeId in soumettre's pieceJointePrincipale / pieceJointeComplementaire, or in
 * completer). Checked at once against the deposit's own attachment rules (attachments.ts), so a
 * refused file is refused here rather than at the deposit.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { checkAttachments, type IncomingFile } from '../invoices/attachments.js';
import { sha256Hex } from '../invoices/store-files.js';
import { AppError } from '../lib/errors.js';

type Client = Extract<Principal, { kind: 'client' }>;

export async function addUpload(options: {
  db: Kysely<DB>;
  principal: Client;
  file: IncomingFile;
}): Promise<{ pieceJointeId: number }> {
  checkAttachments([options.file]);
  const row = await options.db
    .insertInto('cpro_upload')
    .values({
      structure_id: options.principal.structureId,
      client_id: options.principal.clientId,
      name: options.file.filename,
      media_type: options.file.mediaType,
      size: options.file.bytes.byteLength,
      sha256: sha256Hex(options.file.bytes),
      content: options.file.bytes,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { pieceJointeId: Number(row.id) };
}

/**
 * The files of these pieceJointeId, uploaded by the caller's structure (another structure's file
 * is not found, like an unknown one), in the order asked.
 */
export async function takeUploads(options: {
  db: Kysely<DB>;
  principal: Client;
  ids: readonly number[];
}): Promise<IncomingFile[]> {
  const ids = options.ids;
  if (ids.length === 0) return [];
  if (!ids.every((id) => Number.isSafeInteger(id) && id > 0))
    throw new AppError(
      'VALIDATION_FAILED',
      'pieceJointeId must be the integer ajouter/fichier gave',
    );
  const rows = await options.db
    .selectFrom('cpro_upload')
    .select(['id', 'name', 'media_type', 'content'])
    .where('id', 'in', [...new Set(ids)])
    .where('structure_id', '=', options.principal.structureId)
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => {
    const r = byId.get(id);
    if (!r) throw notFound(`pieceJointeId ${id}`);
    return { bytes: r.content, filename: r.name, mediaType: r.media_type };
  });
}
