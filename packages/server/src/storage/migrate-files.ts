import type { Kysely } from 'kysely';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DB } from '../db/schema.js';
import { openVerified, type FileStore } from './file-store.js';
import { storedFiles } from './stored-files.js';

export interface FileMigrationReport {
  copied: number;
  /** Files not copied, or copied wrong (removed from the target again), and why. */
  failed: { key: string; reason: string }[];
}

/**
 * `chorale storage migrate` (decision 0020): copies every file a row names from one store to
 * another, and verifies each twice — the source as it is read (size and SHA-256 recorded in
 * the database), the target by reading the copy back the same way. A file that fails either is
 * reported and not left in the target. The rows do not change: a key names the same bytes in
 * either store, so switching STORAGE_URL once this reports no failure is the whole move. It
 * acts for the platform (the CLI); run it again after a failure: it copies everything again.
 */
export async function migrateFiles(options: {
  db: Kysely<DB>;
  from: FileStore;
  to: FileStore;
  onFile?: (key: string, ok: boolean) => void;
}): Promise<FileMigrationReport> {
  const report: FileMigrationReport = { copied: 0, failed: [] };
  for await (const file of storedFiles(options.db)) {
    // A put refused (the source failed its check) leaves the target as it was; only a copy
    // that was written and then found wrong is removed again.
    let written = false;
    try {
      const stored = await options.to.put(file.key, openVerified(options.from, file.key, file));
      written = true;
      if (stored.size !== file.size || stored.sha256 !== file.sha256) {
        throw new Error('the copy differs from what was recorded');
      }
      // Read back from the target: what it will serve is what was recorded.
      await pipeline(
        openVerified(options.to, file.key, file),
        new Writable({ write: (_chunk, _encoding, done) => done() }),
      );
      report.copied++;
      options.onFile?.(file.key, true);
    } catch (error) {
      if (written) await options.to.remove(file.key).catch(() => undefined);
      report.failed.push({ key: file.key, reason: (error as Error).message ?? String(error) });
      options.onFile?.(file.key, false);
    }
  }
  return report;
}
