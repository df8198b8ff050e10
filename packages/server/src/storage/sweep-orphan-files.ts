import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FileStore, ListedObject } from './file-store.js';
import { referencedKeys } from './stored-files.js';

/** An object younger than this may belong to a write whose row is being committed now. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;
const BATCH = 500;

/**
 * Removes the objects no row names (decision 0020). Files are written before the row that
 * names them is committed (object, then commit), so a crash in between leaves an object
 * nobody names — never a row naming a missing object. This sweeper removes those once they are
 * older than `olderThanMs` (an hour by default: far longer than any write takes between its
 * object and its commit). It acts for the platform (the CLI's `chorale storage sweep`).
 */
export async function sweepOrphanFiles(options: {
  db: Kysely<DB>;
  files: FileStore;
  olderThanMs?: number;
  now?: Date;
}): Promise<{ listed: number; removed: string[] }> {
  const { files } = options;
  if (!files.list) throw new Error('this file store cannot list its objects');
  const before = (options.now ?? new Date()).getTime() - (options.olderThanMs ?? ORPHAN_GRACE_MS);
  const removed: string[] = [];
  let listed = 0;
  let batch: ListedObject[] = [];
  const sweep = async () => {
    const old = batch.filter((o) => o.modifiedAt.getTime() < before);
    batch = [];
    if (old.length === 0) return;
    const named = await referencedKeys(
      options.db,
      old.map((o) => o.key),
    );
    for (const object of old) {
      if (named.has(object.key)) continue;
      await files.remove(object.key);
      removed.push(object.key);
    }
  };
  for await (const object of files.list()) {
    listed++;
    batch.push(object);
    if (batch.length >= BATCH) await sweep();
  }
  await sweep();
  return { listed, removed };
}
