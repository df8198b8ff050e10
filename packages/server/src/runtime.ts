import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import type { DB } from './db/schema.js';
import { archiveEntrySource } from './flows/archive-source.js';
import { buildApp } from './http/app.js';
import { buildWatchApp } from './http/watch-app.js';
import { startWorker, type JobWorker } from './jobs/worker.js';
import { createMailer, type Mail, type Mailer } from './lib/mailer.js';
import { authenticateSftpClient } from './accounts/authenticate-sftp-client.js';
import {
  loadOrCreateHostKey,
  startSftpServer,
  type RunningSftpServer,
  type UploadComplete,
} from './sftp/server.js';
import { sftpFlowDeposits } from './sftp/flow-deposits.js';
import { sftpOutbox } from './sftp/outbox.js';
import { recordSftpPickup } from './flows/outbound/pickup.js';
import { openFileStore } from './storage/open-file-store.js';
import type { FileStore } from './storage/file-store.js';

/** Opens the configured database and brings its schema up to date. */
export async function openMigratedDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    preparedStatements: config.preparedStatements,
    minFreeBytes: config.minFreeBytes,
    poolSize: config.poolSize,
  });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * The cookie-signing secret: from the configuration, or else generated once and kept in the
 * database so sessions survive a restart. `on conflict do nothing` makes two processes starting
 * together agree on one secret.
 */
export async function cookieSecretFor(db: Kysely<DB>, config: Config): Promise<string> {
  if (config.cookieSecret) return config.cookieSecret;
  await db
    .insertInto('app_setting')
    .values({ key: 'cookie_secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', 'cookie_secret')
    .executeTakeFirstOrThrow();
  return row.value;
}

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** The SFTP endpoint, when SFTP_PORT is set. */
  sftp: { port: number; fingerprint: string } | undefined;
  close(): Promise<void>;
}

export async function startServer(options: {
  config: Config;
  database: Database;
  /** What becomes of a file deposited by SFTP; by default it becomes a flow (sftp/flow-deposits.ts). */
  onUploadComplete?: (upload: UploadComplete) => Promise<void> | void;
  /** false: no job worker in this process (`serve --no-worker`); another process runs them. */
  worker?: boolean;
}): Promise<RunningServer> {
  const { config, database } = options;
  // Without SMTP_URL, mails go to the app's log so a developer still sees reset links.
  const logTo: { app?: FastifyInstance } = {};
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    footer: { publicUrl: config.publicUrl, support: config.support },
    log: (mail) => logTo.app?.log.info({ mail }, 'e-mail not sent (no SMTP_URL): logged instead'),
  });
  const files = openFileStore(config);
  const app = await buildApp({
    deps: {
      db: database.db,
      dbKind: database.kind,
      config,
      mailer,
      files,
      poolStats: database.poolStats,
    },
    cookieSecret: await cookieSecretFor(database.db, config),
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
    },
  });
  logTo.app = app;
  // The job worker runs in the server process unless told otherwise (`serve --no-worker`,
  // decision 0020): it stops before the database closes.
  const worker =
    options.worker === false
      ? { stop: async () => undefined }
      : await startJobWorker(config, database, mailer, files, (error, message) =>
          app.log.error({ err: error }, message),
        );
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await worker.stop();
    throw error;
  }
  let sftp: (RunningSftpServer & { fingerprint: string }) | undefined;
  try {
    sftp = await startSftp(config, database, app, options.onUploadComplete, files);
  } catch (error) {
    await app.close();
    await worker.stop();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let closing: Promise<void> | undefined;
  return {
    app,
    database,
    url: `http://localhost:${port}`,
    sftp: sftp && { port: sftp.port, fingerprint: sftp.fingerprint },
    close: () => {
      closing ??= (async () => {
        await sftp?.close();
        await app.close();
        await worker.stop();
        await database.close();
      })();
      return closing;
    },
  };
}

/**
 * The job worker with everything its jobs need: the file store, the archive reader, the SFTP
 * trees. Run by `serve` beside HTTP, or alone by `chorale worker` (startWorkerProcess).
 */
function startJobWorker(
  config: Config,
  database: Database,
  mailer: Mailer,
  files: FileStore,
  log: (error: unknown, message: string) => void,
): Promise<JobWorker> {
  return startWorker({
    db: database.db,
    mailer,
    publicUrl: config.publicUrl,
    files,
    // Zip and tar.gz flows are read by the bounded archive reader (decision 0013).
    archives: archiveEntrySource(),
    // SFTP flows' reports go to the accounts' out/ (when SFTP is configured).
    outbox: config.sftp ? sftpOutbox(config.sftp.root) : undefined,
    // Outbound flows (recipients receiving by flow) are also written into the SFTP out/ trees.
    sftpRoot: config.sftp?.root,
    webhooks: config.webhooks,
    log,
  });
}

export interface RunningWorker {
  database: Database;
  /** Where /metrics and /health/* answer, when an HTTP port was asked for. */
  url: string | undefined;
  close(): Promise<void>;
}

/**
 * `chorale worker`: the job workers alone, without HTTP (decision 0020). Any number of them,
 * beside any number of `serve --no-worker` processes, share the queue: pg-boss hands each job
 * to one of them (`for update skip locked`).
 */
export async function startWorkerProcess(options: {
  config: Config;
  database: Database;
  log: (error: unknown, message: string) => void;
  logMail: (mail: Mail) => void;
  /** A port for /metrics and /health/* (on HOST); undefined: no HTTP at all. */
  httpPort?: number | undefined;
}): Promise<RunningWorker> {
  const { config, database } = options;
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    footer: { publicUrl: config.publicUrl, support: config.support },
    log: options.logMail,
  });
  const files = openFileStore(config);
  const worker = await startJobWorker(config, database, mailer, files, options.log);
  let watch: FastifyInstance | undefined;
  if (options.httpPort !== undefined) {
    try {
      watch = await buildWatchApp({
        db: database.db,
        dbKind: database.kind,
        config,
        mailer,
        files,
        poolStats: database.poolStats,
      });
      await watch.listen({ port: options.httpPort, host: config.host });
    } catch (error) {
      await watch?.close();
      await worker.stop();
      throw error;
    }
  }
  const address = watch?.server.address();
  let closing: Promise<void> | undefined;
  return {
    database,
    url: typeof address === 'object' && address ? `http://localhost:${address.port}` : undefined,
    close: () => {
      closing ??= (async () => {
        await watch?.close();
        await worker.stop();
        await database.close();
      })();
      return closing;
    },
  };
}

/** The SFTP endpoint next to the HTTP server, when configured (decision 0014). */
async function startSftp(
  config: Config,
  database: Database,
  app: FastifyInstance,
  onUploadComplete: ((upload: UploadComplete) => Promise<void> | void) | undefined,
  files: FileStore,
): Promise<(RunningSftpServer & { fingerprint: string }) | undefined> {
  if (!config.sftp) return undefined;
  const hostKey = await loadOrCreateHostKey(config.dataDir);
  const running = await startSftpServer({
    host: config.sftp.host,
    port: config.sftp.port,
    hostKeys: [hostKey.privateKey],
    root: config.sftp.root,
    maxFileSize: config.sftp.maxFileSize,
    maxSessionsPerAccount: config.sftp.maxSessionsPerAccount,
    logger: app.log,
    authenticate: (request) =>
      authenticateSftpClient({
        db: database.db,
        credentials:
          request.method === 'password'
            ? { method: 'password', clientId: request.username, password: request.password }
            : { method: 'publickey', clientId: request.username, keyBlob: request.keyBlob },
      }),
    // A deposited file becomes a flow of the signed-in API client, or a refusal in out/.
    onUploadComplete:
      onUploadComplete ??
      sftpFlowDeposits({
        db: database.db,
        files,
        outbox: sftpOutbox(config.sftp.root),
        logger: app.log,
      }),
    // Reading an outbound invoice file to its end, or removing it from out/, is its pickup
    // (journal DOWNLOADED); other names in out/ (flow reports, refusals) are ignored there.
    onDownloadComplete: (event) =>
      recordSftpPickup({ db: database.db, ...event }).then(() => undefined),
    onRemove: (event) => recordSftpPickup({ db: database.db, ...event }).then(() => undefined),
  });
  app.log.info(
    { sftp: { port: running.port, host: config.sftp.host, fingerprint: hostKey.fingerprint } },
    'SFTP endpoint listening',
  );
  return { ...running, fingerprint: hostKey.fingerprint };
}
