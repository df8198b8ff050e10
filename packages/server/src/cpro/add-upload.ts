/**
 * transverses/v1/ajouter/fichier: a file sent ahead of the invoice that names it
 * (pieceJointeId in soumettre's pieceJointePrincipale / pieceJointeComplementaire, or in
 * completer). Checked at once against the deposit's own attachment rules (attachments.ts), so a
 * refused file is refused here rather than at the deposit.
 *
 * The bytes go to the file store (migration 0025), written before the row that names them
 * commits: the row's id is drawn from its sequence first, so the key
 * (cpro-uploads/<structure id>/<id>) is known before the put. A failed insert removes the
 * object; a crash in between leaves an object no row names, which `chorale storage sweep`
 * removes. Rows uploaded before 0025 hold their bytes (`content`) and are read from there.
 */
import { buffer } from 'node:stream/consumers';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { checkAttachments, type IncomingFile } from '../invoices/attachments.js';
import { sha256Hex } from '../invoices/store-files.js';
import { AppError } from '../lib/errors.js';
import { openVerified, type FileStore } from '../storage/file-store.js';

type Client = Extract<Principal, { kind: 'client' }>;

/** Where an upload's bytes are kept in the store. */
export const cproUploadKey = (structureId: string, id: number | string) =>
  `cpro-uploads/${structureId}/${id}`;

export async function addUpload(options: {
  db: Kysely<DB>;
  files: FileStore;
  principal: Client;
  file: IncomingFile;
}): Promise<{ pieceJointeId: number }> {
  checkAttachments([options.file]);
  const { db, files, principal, file } = options;
  const next = await sql<{ id: string }>`
    select nextval(pg_get_serial_sequence('cpro_upload', 'id'))::text as id`.execute(db);
  const id = Number(next.rows[0]!.id);
  const key = cproUploadKey(principal.structureId, id);
  const sha256 = sha256Hex(file.bytes);
  const stored = await files.put(key, file.bytes);
  try {
    if (stored.sha256 !== sha256 || stored.size !== file.bytes.byteLength)
      throw new Error(`the store recorded other bytes for "${key}"`);
    await db
      .insertInto('cpro_upload')
      .values({
        id,
        structure_id: principal.structureId,
        client_id: principal.clientId,
        name: file.filename,
        media_type: file.mediaType,
        size: file.bytes.byteLength,
        sha256,
        content: null,
        storage_key: key,
      })
      .execute();
  } catch (error) {
    await files.remove(key).catch(() => undefined);
    throw error;
  }
  return { pieceJointeId: id };
}

/**
 * The files of these pieceJointeId, uploaded by the caller's structure (another structure's file
 * is not found, like an unknown one), in the order asked. Bytes in the store are read checked
 * against the row's size and SHA-256 (a changed object is refused, ECHECKSUM).
 */
export async function takeUploads(options: {
  db: Kysely<DB>;
  files: FileStore;
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
    .select(['id', 'name', 'media_type', 'size', 'sha256', 'content', 'storage_key'])
    .where('id', 'in', [...new Set(ids)])
    .where('structure_id', '=', options.principal.structureId)
    .execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const taken: IncomingFile[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r) throw notFound(`pieceJointeId ${id}`);
    taken.push({
      bytes: await uploadBytes(options.files, r),
      filename: r.name,
      mediaType: r.media_type,
    });
  }
  return taken;
}

async function uploadBytes(
  files: FileStore,
  row: { storage_key: string | null; content: Uint8Array | null; size: number; sha256: string },
): Promise<Uint8Array> {
  if (row.storage_key === null) return row.content!;
  const bytes = await buffer(
    openVerified(files, row.storage_key, { size: Number(row.size), sha256: row.sha256 }),
  );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
