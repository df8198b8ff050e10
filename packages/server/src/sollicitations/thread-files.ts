/**
 * A message's files: checked by the invoice attachment rules (invoices/attachments.ts: names,
 * extensions, 10 MB each, 120 MB for the whole thread) and stored in the file store before the
 * transaction that records them, as flows are: a row names only bytes already stored. A
 * transaction that then fails leaves stored bytes that no row names; `forget` removes them.
 */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { checkAttachments, type IncomingFile } from '../invoices/attachments.js';
import { MAX_ATTACHMENT_BYTES } from '../invoices/model.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { FileStore } from '../storage/file-store.js';
import { MAX_FILES_PER_MESSAGE } from './model.js';

export type FileRow = Insertable<DB['sollicitation_file']>;

/** Bytes already stored for a thread (its 120 MB budget). */
export async function storedBytes(db: Kysely<DB> | Transaction<DB>, sollicitationId: string) {
  const row = await db
    .selectFrom('sollicitation_file')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('total'))
    .where('sollicitation_id', '=', sollicitationId)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/** Checks then stores `incoming`; returns the rows to insert with the message. */
export async function storeMessageFiles(options: {
  files: FileStore;
  sollicitationId: string;
  messageId: string;
  incoming: readonly IncomingFile[];
  alreadyStored: number;
}): Promise<FileRow[]> {
  const { incoming } = options;
  if (incoming.length > MAX_FILES_PER_MESSAGE) {
    throw new AppError('BAD_REQUEST', `At most ${MAX_FILES_PER_MESSAGE} files per message`, {
      fr: `Au plus ${MAX_FILES_PER_MESSAGE} fichiers par message`,
    });
  }
  checkAttachments(incoming, options.alreadyStored);
  const rows: FileRow[] = [];
  try {
    for (const file of incoming) {
      const id = newId('sollicitationFile');
      const key = `sollicitations/${options.sollicitationId}/${id}`;
      const stored = await options.files.put(key, file.bytes, {
        maxBytes: MAX_ATTACHMENT_BYTES,
      });
      rows.push({
        id,
        sollicitation_id: options.sollicitationId,
        message_id: options.messageId,
        name: file.filename,
        media_type: file.mediaType || 'application/octet-stream',
        size: stored.size,
        sha256: stored.sha256,
        storage_key: key,
      });
    }
  } catch (error) {
    await forgetFiles(options.files, rows);
    throw error;
  }
  return rows;
}

/** Removes stored bytes no row will name (the transaction recording them failed). */
export async function forgetFiles(files: FileStore, rows: readonly FileRow[]): Promise<void> {
  await Promise.all(rows.map((r) => files.remove(r.storage_key).catch(() => undefined)));
}
