/**
 * The server process of the HTTP benchmarks (spawned by server.ts once packages/einvoice is
 * built): the app and its job worker, as `chorale serve` runs them, configured from the
 * environment. Prints the line startServer waits for; SIGTERM closes it.
 */
import { loadConfig } from '../../packages/server/src/config.js';
import { openMigratedDatabase, startServer } from '../../packages/server/src/runtime.js';

const config = loadConfig();
const server = await startServer({ config, database: await openMigratedDatabase(config) });
process.stdout.write(`running on ${server.url}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
