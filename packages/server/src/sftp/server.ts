import type { AddressInfo } from 'node:net';
import ssh2, { type AuthContext, type Connection } from 'ssh2';
import { prepareAccountDirs, sweepStaleUploads, type AccountDirs } from './jail.js';
import { FailureCounter } from './rate-limit.js';
import { serveJail } from './session.js';
import type {
  OutFileEvent,
  SftpAccount,
  SftpAuthRequest,
  SftpLogger,
  UploadComplete,
} from './types.js';

export type {
  OutFileEvent,
  SftpAccount,
  SftpAuthRequest,
  SftpLogger,
  UploadComplete,
} from './types.js';
export { loadOrCreateHostKey, hostKeyFingerprint, type HostKey } from './host-key.js';

export interface SftpServerOptions {
  host: string;
  /** 0 picks a free port (tests); the chosen one is in the result. */
  port: number;
  /** Private host keys in OpenSSH format (see loadOrCreateHostKey). */
  hostKeys: (string | Buffer)[];
  /** The account a sign-in stands for, or undefined to refuse it. */
  authenticate: (request: SftpAuthRequest) => Promise<SftpAccount | undefined>;
  /** Folder holding every account's tree: `${root}/<structureId>/<clientId>/{in,out}`. */
  root: string;
  /** Called once per file completely received in in/ (see UploadComplete). */
  onUploadComplete: (upload: UploadComplete) => Promise<void> | void;
  /** Called when a file of out/ was read to its end (outbound pickups); optional. */
  onDownloadComplete?: (event: OutFileEvent) => Promise<void> | void;
  /** Called when the client removed a file of out/ (outbound pickups); optional. */
  onRemove?: (event: OutFileEvent) => Promise<void> | void;
  logger: SftpLogger;
  /** Largest file accepted in in/, bytes. Default 1 GiB. */
  maxFileSize?: number;
  /** Connections signed in at once per account. Default 4. */
  maxSessionsPerAccount?: number;
  /** Failed sign-ins per username and IP before refusing that pair for the window. Default 10. */
  maxAuthFailures?: number;
  /** Window of the failure count, ms. Default 15 minutes. */
  authFailureWindowMs?: number;
}

export interface RunningSftpServer {
  port: number;
  close(): Promise<void>;
}

const METHODS: ('publickey' | 'password')[] = ['publickey', 'password'];
/** Sign-in attempts on one connection before it is dropped (OpenSSH's MaxAuthTries is 6). */
const MAX_ATTEMPTS_PER_CONNECTION = 10;
/** A connection that has not signed in by then is dropped: it only holds a socket. */
const AUTH_TIMEOUT_MS = 30_000;

/**
 * The SFTP endpoint of the concentrator (decision 0014): sign-in through `authenticate`, one
 * jailed SFTP session per connection (session.ts), nothing else (no shell, exec or tunnels: ssh2
 * refuses any request nobody listens to).
 */
export async function startSftpServer(options: SftpServerOptions): Promise<RunningSftpServer> {
  const { logger } = options;
  const maxFileSize = options.maxFileSize ?? 1024 ** 3;
  const maxSessions = options.maxSessionsPerAccount ?? 4;
  const failures = new FailureCounter(
    options.maxAuthFailures ?? 10,
    options.authFailureWindowMs ?? 15 * 60 * 1000,
  );
  const sessionsOf = new Map<string, number>();
  const connections = new Set<Connection>();
  const cleanups = new Set<Promise<void>>();

  const server = new ssh2.Server(
    {
      hostKeys: options.hostKeys,
      ident: 'Chorale',
      // Detects peers gone without a word, so their unfinished uploads are removed.
      keepaliveInterval: 15_000,
      keepaliveCountMax: 4,
    },
    (client, info) => {
      connections.add(client);
      const ip = info.ip;
      let account: SftpAccount | undefined;
      let attempts = 0;
      let cleanup: (() => Promise<void>) | undefined;
      const authTimer = setTimeout(() => client.end(), AUTH_TIMEOUT_MS);

      async function signIn(ctx: AuthContext): Promise<void> {
        attempts += 1;
        const username = ctx.username.slice(0, 128);
        const key = `${username}\u0000${ip}`;
        if (attempts > MAX_ATTEMPTS_PER_CONNECTION || failures.blocked(key)) {
          logger.warn({ sftp: { username, ip } }, 'SFTP sign-in refused: too many failures');
          ctx.reject();
          client.end();
          return;
        }
        if (ctx.method !== 'password' && ctx.method !== 'publickey') return ctx.reject(METHODS);
        const found = await options.authenticate(
          ctx.method === 'password'
            ? { method: 'password', username, password: ctx.password, ip }
            : { method: 'publickey', username, keyBlob: ctx.key.data, ip },
        );
        if (ctx.method === 'publickey' && !ctx.signature) {
          // The client only asks whether this key would do; it signs with it next. Asking
          // proves nothing and costs a lookup, so it is not counted as a failure.
          return found ? ctx.accept() : ctx.reject(METHODS);
        }
        const proven = ctx.method === 'password' || signatureValid(ctx);
        if (!found || !proven) {
          failures.fail(key);
          logger.warn({ sftp: { username, ip, method: ctx.method } }, 'SFTP sign-in failed');
          return ctx.reject(METHODS);
        }
        if ((sessionsOf.get(found.clientId) ?? 0) >= maxSessions) {
          logger.warn({ sftp: { ...found, ip } }, 'SFTP sign-in refused: too many sessions');
          return ctx.reject(METHODS);
        }
        const dirs = await prepareAccountDirs({ root: options.root, ...found });
        await sweepStaleUploads(dirs.in);
        account = found;
        sessionsOf.set(found.clientId, (sessionsOf.get(found.clientId) ?? 0) + 1);
        logger.info({ sftp: { ...found, ip, method: ctx.method } }, 'SFTP signed in');
        // 'ready' may fire inside accept(): listen first.
        client.once('ready', () => onReady(found, dirs));
        ctx.accept();
      }

      function onReady(found: SftpAccount, dirs: AccountDirs): void {
        clearTimeout(authTimer);
        let sessions = 0;
        client.on('session', (acceptSession, rejectSession) => {
          // One SFTP subsystem per connection (OpenSSH's sftp opens one session channel).
          if (cleanup || ++sessions > 2) return rejectSession();
          const session = acceptSession();
          session.once('sftp', (acceptSftp, rejectSftp) => {
            if (cleanup) return rejectSftp();
            const sftp = acceptSftp();
            cleanup = serveJail({
              sftp,
              account: found,
              dirs,
              maxFileSize,
              onUploadComplete: options.onUploadComplete,
              onDownloadComplete: options.onDownloadComplete,
              onRemove: options.onRemove,
              logger,
            });
            // The client's EOF ends the session: close our side too, or it waits for us.
            sftp.once('end', () => sftp.end());
            sftp.on('close', () => track(cleanup!()));
          });
        });
      }

      client.on('authentication', (ctx) => {
        signIn(ctx).catch((error: unknown) => {
          logger.error({ err: error, sftp: { ip } }, 'SFTP sign-in failed on our side');
          ctx.reject();
        });
      });
      client.on('error', (error) => {
        logger.info({ err: error, sftp: { ip } }, 'SFTP connection error');
      });
      client.on('close', () => {
        clearTimeout(authTimer);
        connections.delete(client);
        if (cleanup) track(cleanup());
        if (account) {
          const left = (sessionsOf.get(account.clientId) ?? 1) - 1;
          if (left > 0) sessionsOf.set(account.clientId, left);
          else sessionsOf.delete(account.clientId);
        }
      });
    },
  );

  function track(p: Promise<void>): void {
    const tracked = p.catch((error: unknown) => {
      logger.error({ err: error }, 'SFTP session cleanup failed');
    });
    cleanups.add(tracked);
    void tracked.finally(() => cleanups.delete(tracked));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    close: () => {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        // Each connection's close handler starts its cleanup: wait for those, then for them.
        const gone = [...connections].map((client) => {
          const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
          client.end();
          return closed;
        });
        await Promise.all([stopped, ...gone]);
        await Promise.allSettled([...cleanups]);
      })();
      return closing;
    },
  };
}

/** The client's proof that it holds the private half of the key it offered. */
function signatureValid(ctx: AuthContext): boolean {
  if (ctx.method !== 'publickey' || !ctx.signature || !ctx.blob) return false;
  const key = ssh2.utils.parseKey(ctx.key.data);
  if (key instanceof Error) return false;
  return key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true;
}
