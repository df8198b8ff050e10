import fs from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { diskReserve } from '../lib/disk-space.js';
import { lockDataDir } from './data-dir-lock.js';
import { PGliteDialect } from './pglite-dialect.js';
import { routeMarked } from './prepared.js';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Human-readable location, for logs (never includes a password). */
  location: string;
  /** The PostgreSQL pool's connections now (GET /metrics); absent for the embedded database. */
  poolStats?: () => PoolStats;
  close(): Promise<void>;
}

export interface PoolStats {
  /** Connections open, idle among them, and callers waiting for one. */
  total: number;
  idle: number;
  waiting: number;
  /** The pool's size (DATABASE_POOL_SIZE). */
  max: number;
}

// Both drivers must hand back the same JavaScript values: bigint counts as numbers (they stay
// far below 2^53), numeric as strings (decimals are never turned into binary floats), dates as
// 'YYYY-MM-DD' strings (a calendar date has no time zone), and timestamps as Date.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

export interface OpenDatabaseOptions {
  /** `postgres://…`; when absent the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; `memory://` for a throw-away in-memory one. */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * Keep the statements marked by preparedQuery prepared on each PostgreSQL connection (the
   * default). Off behind a pooler that does not keep a session's statements: they then run as
   * plain statements, with the same results.
   */
  preparedStatements?: boolean;
  /**
   * Told when an idle pooled connection dies (server restart, a DBA's pg_terminate_backend). The
   * pool has already dropped that connection and opens a new one on the next query; without a
   * listener, node-postgres re-emits the error on the pool and it would crash the process.
   */
  onIdleError?: (error: Error) => void;
  /** How long opening a PostgreSQL connection may take before the query fails (5 s). */
  connectionTimeoutMs?: number;
  /**
   * Free space kept on the embedded database's disk: writes are refused (ENOSPC) below it
   * (lib/disk-space.ts). 0, the default, keeps none; the server passes DISK_MIN_FREE_MB.
   */
  minFreeBytes?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // A PostgreSQL that does not answer (restarting, the network cut) fails a request within
      // seconds, answered 503, rather than holding it (decision 0016). TCP keepalive finds a
      // connection whose peer vanished without a word.
      connectionTimeoutMillis: options.connectionTimeoutMs ?? 5000,
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return (v: string) => Number(v);
          if (oid === NUMERIC || oid === DATE) return (v: string) => v;
          return pg.types.getTypeParser(oid, format);
        }) as typeof pg.types.getTypeParser,
      },
    });
    // Once close() has begun, a connection still saying goodbye may be cut by the server (a test
    // dropping its database with force does exactly that): nothing is lost, so nothing is said.
    let closing = false;
    const prepared = options.preparedStatements ?? true;
    pool.on('connect', (client) => {
      routeMarked(client, { prepared });
      // A connection that dies while checked out (PostgreSQL restarted mid-query) fails its
      // query, which reaches the caller, and then emits 'error' on the client: without this
      // listener that event would crash the process. The pool drops the dead client on release.
      client.on('error', () => undefined);
    });
    pool.on('error', (error) => {
      if (closing) return;
      if (options.onIdleError) options.onIdleError(error);
      else process.stderr.write(`database: an idle connection was closed (${error.message})\n`);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const url = new URL(options.databaseUrl);
    url.password = '';
    const close = async () => {
      closing = true;
      await db.destroy();
    };
    const max = options.poolSize ?? 10;
    const poolStats = (): PoolStats => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max,
    });
    return { db, kind: 'postgres', location: url.toString(), poolStats, close };
  }

  const dataDir = options.dataDir ?? 'memory://';
  // One process at a time on a folder (data-dir-lock.ts): a second opener is refused here,
  // before PGlite reads a page of it.
  let lock: { release(): void } | undefined;
  if (!dataDir.startsWith('memory://')) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dataDir, {
      // Same extensions as the migrations create on PostgreSQL (pg_trgm: directory search).
      extensions: { pg_trgm },
      parsers: {
        [pgliteTypes.INT8]: (v: string) => Number(v),
        [pgliteTypes.NUMERIC]: (v: string) => v,
        [pgliteTypes.DATE]: (v: string) => v,
      },
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const reserve =
    lock && options.minFreeBytes ? diskReserve(dataDir, options.minFreeBytes) : undefined;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite, reserve) });
  const close = async () => {
    try {
      await db.destroy();
    } finally {
      lock?.release();
    }
  };
  return { db, kind: 'pglite', location: dataDir, close };
}
