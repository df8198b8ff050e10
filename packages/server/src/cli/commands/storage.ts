import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase } from '../../runtime.js';
import { migrateFiles } from '../../storage/migrate-files.js';
import { openFileStore } from '../../storage/open-file-store.js';
import { ORPHAN_GRACE_MS, sweepOrphanFiles } from '../../storage/sweep-orphan-files.js';

/** Failures printed before the rest is only counted. */
const SHOWN = 50;

export function registerStorageCommand(program: Command): void {
  const storage = program
    .command('storage')
    .description('Stored files: move them to another store, remove orphans (decision 0020).');
  storage
    .command('migrate')
    .description(
      'Copy every stored file from the configured store (STORAGE_URL, or FILES_DIR) to another, checking each against its recorded size and SHA-256 as it is read and again read back from the target. Exits 1 when a file failed. Then set STORAGE_URL to the target and restart.',
    )
    .requiredOption(
      '--to <target>',
      'the target: s3://bucket[/prefix]?endpoint=…&region=…&path_style=… (credentials from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or a local folder',
    )
    .action(async (opts: { to: string }) => {
      const config = loadConfig();
      const target = opts.to.startsWith('s3:')
        ? { storageUrl: opts.to, filesDir: config.filesDir }
        : { storageUrl: undefined, filesDir: path.resolve(opts.to) };
      const sameStore = config.storageUrl
        ? target.storageUrl === config.storageUrl
        : !target.storageUrl && target.filesDir === config.filesDir;
      if (sameStore) throw new Error('--to names the store the files are already in');
      const from = openFileStore(config);
      const to = openFileStore({ ...target, minFreeBytes: config.minFreeBytes });
      const database = await openMigratedDatabase(config);
      try {
        const report = await migrateFiles({ db: database.db, from, to });
        for (const f of report.failed.slice(0, SHOWN)) {
          process.stdout.write(`${f.key}: ${f.reason}\n`);
        }
        if (report.failed.length > SHOWN) {
          process.stdout.write(`… and ${report.failed.length - SHOWN} more\n`);
        }
        process.stdout.write(
          `${report.copied} files copied and verified, ${report.failed.length} failed\n`,
        );
        if (report.failed.length > 0) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
  storage
    .command('sweep')
    .description(
      'Remove the stored objects no row names (left by a crash between writing a file and committing its row), once older than the grace period.',
    )
    .option(
      '--older-than-minutes <n>',
      'grace period: younger objects are kept (a write may be committing)',
      String(ORPHAN_GRACE_MS / 60_000),
    )
    .action(async (opts: { olderThanMinutes: string }) => {
      const minutes = Number(opts.olderThanMinutes);
      if (!Number.isInteger(minutes) || minutes < 1) {
        throw new Error('--older-than-minutes must be a whole number of minutes, at least 1');
      }
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        const result = await sweepOrphanFiles({
          db: database.db,
          files: openFileStore(config),
          olderThanMs: minutes * 60_000,
        });
        process.stdout.write(
          `${result.listed} objects listed, ${result.removed.length} orphans removed\n`,
        );
      } finally {
        await database.close();
      }
    });
}
