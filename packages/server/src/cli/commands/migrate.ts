import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description(
      'Bring the database schema up to date (DATABASE_URL, or the embedded database in DATA_DIR).',
    )
    .action(async () => {
      const config = loadConfig();
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
      });
      try {
        const result = await migrateToLatest(database.db);
        const ran = result.results ?? [];
        if (ran.length === 0) process.stdout.write(`database ${database.location} is up to date\n`);
        for (const r of ran)
          process.stdout.write(
            `${r.status === 'Success' ? 'applied' : r.status} ${r.migrationName}\n`,
          );
      } finally {
        await database.close();
      }
    });
}
