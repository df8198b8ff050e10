import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase } from '../../runtime.js';
import { migrateFiles } from '../../storage/migrate-files.js';
import { moveDatabaseFiles, type MoveProgress } from '../../storage/move-database-files.js';
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
    .command('move-from-database')
    .description(
      "Move the bytes still kept in the database (invoice files deposited before migration 0024, Chorus Pro uploads before 0025) into the configured store (STORAGE_URL, or FILES_DIR), in batches. Each row's bytes are nulled only once its object was stored and read back matching the recorded size and SHA-256. Resumable: run it again after an interruption; it can run while the platform serves. Exits 1 when a row failed (left in the database).",
    )
    .option('--batch-size <n>', 'rows per batch (fewer past 64 MiB of bytes)', '100')
    .action(async (opts: { batchSize: string }) => {
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
        throw new Error('--batch-size must be a whole number from 1 to 10000');
      }
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        const mib = (n: number) => (n / 1024 / 1024).toFixed(1);
        const line = (p: MoveProgress) =>
          `${p.table}: ${p.moved}/${p.total} moved (${mib(p.movedBytes)} MiB), ${p.failed} failed\n`;
        const report = await moveDatabaseFiles({
          db: database.db,
          files: openFileStore(config),
          batchSize,
          onProgress: (p) => process.stdout.write(line(p)),
        });
        for (const f of report.failed.slice(0, SHOWN)) {
          process.stdout.write(`${f.table} ${f.id}: ${f.reason}\n`);
        }
        if (report.failed.length > SHOWN) {
          process.stdout.write(`… and ${report.failed.length - SHOWN} more\n`);
        }
        process.stdout.write(
          `${report.moved} files moved to the store (${mib(report.movedBytes)} MiB), ${report.failed.length} failed\n`,
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
