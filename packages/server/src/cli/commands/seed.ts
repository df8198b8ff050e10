import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase } from '../../runtime.js';
import { openFileStore } from '../../storage/open-file-store.js';
import { seedDemo, type SeedDemoResult } from '../../seed/seed-demo.js';

export function printDemoAccounts(
  result: SeedDemoResult,
  out: NodeJS.WritableStream = process.stdout,
): void {
  if (result.accounts.length === 0) return;
  out.write('\nDemo accounts (demo data only, never use these in production):\n');
  for (const a of result.accounts)
    out.write(`  ${a.email.padEnd(42)} ${a.password.padEnd(24)} ${a.description}\n`);
  if (result.invoices > 0)
    out.write(
      `\n${result.invoices} demo invoices deposited by the demo supplier, at several statuses.\n`,
    );
  out.write('\n');
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'Fill an empty database with the demo directory, accounts and invoices (does nothing if already seeded).',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openMigratedDatabase(config);
      try {
        const result = await seedDemo({
          db: database.db,
          invoices: true,
          files: openFileStore(config),
        });
        process.stdout.write(
          result.seeded ? 'demo data written\n' : 'demo data already present, nothing written\n',
        );
        printDemoAccounts(result);
      } finally {
        await database.close();
      }
    });
}
