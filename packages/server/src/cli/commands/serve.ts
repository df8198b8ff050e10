import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase, startServer } from '../../runtime.js';
import { seedDemo } from '../../seed/seed-demo.js';
import { printDemoAccounts } from './seed.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP server (portal and API). Migrates the database first.')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--seed-demo', 'seed demo data when the database is empty, and print the demo accounts')
    .action(async (opts: { port?: string; seedDemo?: boolean }) => {
      const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      const database = await openMigratedDatabase(config);
      const seeded = opts.seedDemo
        ? await seedDemo({ db: database.db, invoices: true })
        : undefined;
      if (seeded) {
        process.stdout.write(seeded.seeded ? 'demo data written\n' : 'demo data already present\n');
      }
      const server = await startServer({ config, database });
      // The URL and the demo accounts come last: what a newcomer needs is the final thing on
      // screen, not above the start-up logs.
      process.stdout.write(
        `Chorale is running on ${server.url} (database: ${database.kind} ${database.location})\n` +
          `  portal   ${server.url}/\n  API docs ${server.url}/api/docs\n`,
      );
      if (seeded) printDemoAccounts(seeded);
      // Graceful shutdown: stop accepting, finish in-flight requests, close the database.
      const stop = (signal: string) => {
        server.app.log.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (error: unknown) => {
            server.app.log.error({ err: error }, 'error during shutdown');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}
