/** A file of a thread, for whoever may see the thread (its bytes streamed from the file store). */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import type { FileStore } from '../storage/file-store.js';
import { loadSollicitationFor } from './sollicitation-access.js';

export async function readSollicitationFile(options: {
  db: Kysely<DB>;
  files: FileStore;
  actor: UserActor;
  sollicitationId: string;
  fileId: string;
}): Promise<{ name: string; mediaType: string; size: number; sha256: string; stream: Readable }> {
  await loadSollicitationFor(options);
  const file = await options.db
    .selectFrom('sollicitation_file')
    .select(['name', 'media_type', 'size', 'sha256', 'storage_key'])
    .where('id', '=', options.fileId)
    .where('sollicitation_id', '=', options.sollicitationId)
    .executeTakeFirst();
  if (!file) throw notFound(`File ${options.fileId}`);
  return {
    name: file.name,
    mediaType: file.media_type,
    size: Number(file.size),
    sha256: file.sha256,
    stream: options.files.open(file.storage_key),
  };
}
