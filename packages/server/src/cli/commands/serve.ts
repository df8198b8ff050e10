import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openMigratedDatabase, startServer, startWorkerProcess } from '../../runtime.js';
import { openFileStore } from '../../storage/open-file-store.js';
import { seedDemo } from '../../seed/seed-demo.js';
import { printDemoAccounts } from './seed.js';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP server (portal and API). Migrates the database first.')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .option('--seed-demo', 'seed demo data when the database is empty, and print the demo accounts')
    .option(
      '--no-worker',
      'run no job worker in this process: `chorale worker` processes run the jobs (PostgreSQL only)',
    )
    .action(async (opts: { port?: string; seedDemo?: boolean; worker: boolean }) => {
      const config = loadConfig(opts.port ? { ...process.env, PORT: opts.port } : process.env);
      if (!opts.worker && !config.databaseUrl) {
        // The embedded database is one process's: no `chorale worker` could ever run its jobs.
        throw new Error(
          '--no-worker needs DATABASE_URL: on the embedded database no other process can run the jobs',
        );
      }
      const database = await openMigratedDatabase(config);
      const seeded = opts.seedDemo
        ? await seedDemo({ db: database.db, invoices: true, files: openFileStore(config) })
        : undefined;
      if (seeded) {
        process.stdout.write(seeded.seeded ? 'demo data written\n' : 'demo data already present\n');
      }
      const server = await startServer({ config, database, worker: opts.worker });
      // The URL and the demo accounts come last: what a newcomer needs is the final thing on
      // screen, not above the start-up logs.
      process.stdout.write(
        `Chorale is running on ${server.url} (database: ${database.kind} ${database.location}${opts.worker ? '' : ', no job worker'})\n` +
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

  program
    .command('worker')
    .description(
      'Run the job workers (mails, flows, reports) without HTTP, beside `serve --no-worker` processes on one PostgreSQL. Migrates the database first.',
    )
    .option(
      '--http-port <port>',
      'also answer GET /metrics and /health/* on this port (no API, no portal)',
    )
    .action(async (opts: { httpPort?: string }) => {
      const config = loadConfig(process.env);
      const httpPort = opts.httpPort === undefined ? undefined : Number(opts.httpPort);
      if (
        httpPort !== undefined &&
        !(Number.isInteger(httpPort) && httpPort >= 0 && httpPort <= 65535)
      ) {
        throw new Error(
          `--http-port must be an integer between 0 and 65535, got "${opts.httpPort}"`,
        );
      }
      const database = await openMigratedDatabase(config);
      // One JSON line per event on stderr, as the server's logger writes them.
      const line = (level: number, fields: Record<string, unknown>) =>
        process.stderr.write(
          `${JSON.stringify({ level, time: Date.now(), pid: process.pid, ...fields })}\n`,
        );
      const worker = await startWorkerProcess({
        config,
        database,
        log: (error, msg) =>
          line(50, {
            msg,
            err: error instanceof Error ? { message: error.message, stack: error.stack } : error,
          }),
        logMail: (mail) => line(30, { msg: 'e-mail not sent (no SMTP_URL): logged instead', mail }),
        httpPort,
      });
      process.stdout.write(
        `Chorale worker is running (database: ${database.kind} ${database.location})` +
          (worker.url ? `, metrics and health on ${worker.url}` : '') +
          '\n',
      );
      const stop = (signal: string) => {
        line(30, { msg: 'shutting down', signal });
        worker.close().then(
          () => process.exit(0),
          (error: unknown) => {
            line(50, { msg: 'error during shutdown', err: String(error) });
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
}
