import path from 'node:path';

/**
 * Runtime configuration, read once from the environment. Every variable is documented in the
 * README ("Configuration"); keep the two in step.
 */
export interface Config {
  /** TCP port of the HTTP server. */
  port: number;
  /** Interface to bind; `localhost` binds both 127.0.0.1 and ::1. */
  host: string;
  /** Where the embedded database (PGlite) keeps its files. Ignored when databaseUrl is set. */
  dataDir: string;
  /** Where stored files (inbound flows) live: FILES_DIR, by default `<dataDir>/files`. */
  filesDir: string;
  /**
   * STORAGE_URL: `s3://bucket[/prefix]?endpoint=…&region=…&path_style=…` keeps the files in an
   * S3-compatible object store instead of FILES_DIR (storage/open-file-store.ts, decision 0020).
   */
  storageUrl: string | undefined;
  /**
   * Free space kept on the disks of DATA_DIR (embedded database) and FILES_DIR: writes are
   * refused as a full disk (507) below it (DISK_MIN_FREE_MB; 0 keeps none; decision 0016).
   */
  minFreeBytes: number;
  /** `postgres://…` selects a PostgreSQL server instead of the embedded database. */
  databaseUrl: string | undefined;
  /**
   * Whether the hot statements are kept prepared on each PostgreSQL connection (decision 0009).
   * Off for a pooler that hands one session's statements to another (PgBouncer in transaction
   * mode before 1.21, or without max_prepared_statements).
   */
  preparedStatements: boolean;
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  logLevel: string;
  /** Public base URL used in e-mails (password reset links). */
  publicUrl: string;
  /** `smtp://host:port`; unset means e-mails are written to the log only. */
  smtpUrl: string | undefined;
  /** Sender address of outgoing e-mails. */
  mailFrom: string;
  /**
   * The instance's support contact (SUPPORT_EMAIL, SUPPORT_URL, SUPPORT_PHONE), each optional:
   * shown on the portal's help pages (GET /api/v1/instance) and in every e-mail's footer.
   */
  support: SupportContact;
  /** Secret used to sign cookies; unset means one is generated and kept in the database. */
  cookieSecret: string | undefined;
  /** `true` when running behind HTTPS: cookies get the Secure flag. */
  secureCookies: boolean;
  /** Webhook deliveries (decision 0019). */
  webhooks: WebhookSettings;
  /**
   * METRICS_TOKEN: GET /metrics then wants `Authorization: Bearer <it>`; unset, /metrics answers
   * loopback callers only, and never a proxied request (decision 0020).
   */
  metricsToken: string | undefined;
  /** Connections of this process's PostgreSQL pool (DATABASE_POOL_SIZE, 10 by default). */
  poolSize: number;
  /**
   * DEPOSIT_CONFIRM_ABOVE: a total with VAT (BT-112, in the invoice's currency) above this
   * decimal makes the portal ask the supplier to confirm before depositing (100000 by default).
   * A safeguard against a slipped digit, not a limit: the API deposits any amount.
   */
  depositConfirmAbove: string;
  /** SFTP endpoint of the concentrator (decision 0014); undefined: not started. */
  sftp:
    | {
        port: number;
        host: string;
        /** Accounts' trees: `<root>/<structureId>/<clientId>/{in,out}`. */
        root: string;
        /** Largest file accepted, bytes. */
        maxFileSize: number;
        /** Connections signed in at once per API client. */
        maxSessionsPerAccount: number;
      }
    | undefined;
}

export interface SupportContact {
  email: string | undefined;
  /** An https:// (or http://) page: a help desk, a contact form. */
  url: string | undefined;
  phone: string | undefined;
}

export interface WebhookSettings {
  /** Longest wait for a receiver's answer, ms (WEBHOOK_TIMEOUT_MS, 1,000–60,000; 10,000). */
  timeoutMs: number;
  /** Whether http:// URLs on a loopback host are accepted (WEBHOOK_ALLOW_LOOPBACK_HTTP): tests. */
  allowLoopbackHttp: boolean;
  /**
   * Key encrypting the signing secrets at rest (WEBHOOK_SECRET_KEY, at least 32 characters);
   * unset: one generated and kept in the database (webhooks/secret-box.ts).
   */
  secretKey: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  return {
    port,
    host: env.HOST ?? 'localhost',
    dataDir,
    filesDir: path.resolve(env.FILES_DIR ?? path.join(dataDir, 'files')),
    storageUrl: env.STORAGE_URL || undefined,
    minFreeBytes: integer(env, 'DISK_MIN_FREE_MB', 64, 0, 1024 * 1024) * 1024 * 1024,
    databaseUrl: env.DATABASE_URL || undefined,
    preparedStatements: flag(env, 'DATABASE_PREPARED_STATEMENTS', true),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Chorale <no-reply@chorale.localhost>',
    support: supportContact(env),
    cookieSecret: env.COOKIE_SECRET || undefined,
    secureCookies: env.SECURE_COOKIES === 'true',
    webhooks: {
      timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 1_000, 60_000),
      allowLoopbackHttp: flag(env, 'WEBHOOK_ALLOW_LOOPBACK_HTTP', false),
      secretKey: webhookSecretKey(env.WEBHOOK_SECRET_KEY),
    },
    metricsToken: metricsToken(env),
    poolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 1000),
    depositConfirmAbove: decimal(env, 'DEPOSIT_CONFIRM_ABOVE', '100000'),
    sftp: sftpConfig(env, path.resolve(env.DATA_DIR ?? './data')),
  };
}

/** A non-negative decimal with a point and at most two decimals, kept as text (money). */
function decimal(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(text)) {
    throw new Error(`${name} must be an amount such as 100000 or 2500.50, got "${text}"`);
  }
  return text;
}

function webhookSecretKey(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < 32) throw new Error('WEBHOOK_SECRET_KEY must be at least 32 characters');
  return value;
}

/** A token short enough to guess would protect nothing: refused at start. */
function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN;
  if (!token) return undefined;
  if (!/^[\x21-\x7e]{24,256}$/.test(token)) {
    throw new Error('METRICS_TOKEN must be 24 to 256 printable characters without spaces');
  }
  return token;
}

/**
 * The support contact goes into every mail and help page: a malformed value is refused at
 * start, not shown to thousands of users.
 */
function supportContact(env: NodeJS.ProcessEnv): SupportContact {
  const email = env.SUPPORT_EMAIL || undefined;
  if (
    email !== undefined &&
    (email.length > 254 || !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(email))
  )
    throw new Error(`SUPPORT_EMAIL must be an e-mail address, got "${email}"`);
  const url = env.SUPPORT_URL || undefined;
  if (url !== undefined && (url.length > 2000 || !/^https?:\/\/[^\s<>"]+$/.test(url)))
    throw new Error(`SUPPORT_URL must be an http(s) address, got "${url}"`);
  const phone = env.SUPPORT_PHONE || undefined;
  if (phone !== undefined && !/^\+?[0-9 .()-]{4,30}$/.test(phone))
    throw new Error(
      `SUPPORT_PHONE must be a telephone number (digits, spaces, + . - ( )), got "${phone}"`,
    );
  return { email, url, phone };
}

/** The SFTP endpoint runs only when SFTP_PORT is set, so `npm start` opens no second port. */
function sftpConfig(env: NodeJS.ProcessEnv, dataDir: string): Config['sftp'] {
  if (!env.SFTP_PORT) return undefined;
  return {
    port: integer(env, 'SFTP_PORT', 0, 0, 65535),
    host: env.SFTP_HOST || 'localhost',
    root: path.resolve(env.SFTP_ROOT || path.join(dataDir, 'sftp', 'accounts')),
    maxFileSize: integer(env, 'SFTP_MAX_FILE_SIZE', 1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
    maxSessionsPerAccount: integer(env, 'SFTP_MAX_SESSIONS', 4, 1, 1000),
  };
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${text}"`);
  }
  return value;
}

/** A true/false variable; anything else is refused at start rather than read as a guess. */
function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${name} must be true or false, got "${value}"`);
}
