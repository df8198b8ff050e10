import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { DiskReserve } from '../lib/disk-space.js';
import { SCRIPT } from './prepared.js';

/**
 * Kysely dialect for the embedded PGlite database.
 *
 * PGlite is one PostgreSQL backend in this process: it has exactly one session. The driver
 * therefore hands out a single connection and queues every other request for it, so a
 * transaction never interleaves with another caller's statements. That gives the same
 * isolation a pool gives on a real server, only serialised.
 */
export class PGliteDialect implements Dialect {
  constructor(
    private readonly pglite: PGlite,
    private readonly reserve?: DiskReserve,
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pglite, this.reserve);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private tail: Promise<void> = Promise.resolve();
  private releaseCurrent: (() => void) | undefined;

  constructor(
    private readonly pglite: PGlite,
    reserve: DiskReserve | undefined,
  ) {
    this.connection = new PGliteConnection(pglite, reserve);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.releaseCurrent = release;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.tail;
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/**
 * Statements that write (a row lock of `for update` writes too); DDL is left out: it runs in
 * migrations, at start.
 */
const WRITES = /\b(insert|update|delete|merge)\b/i;

class PGliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: PGlite,
    private readonly reserve: DiskReserve | undefined,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // Never let the embedded database meet a full disk (lib/disk-space.ts says why).
    if (this.reserve && WRITES.test(compiled.sql)) this.reserve.check();
    try {
      return await this.run<R>(compiled);
    } catch (error) {
      throw withoutParameters(error);
    }
  }

  private async run<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    if (compiled.sql.endsWith(SCRIPT) && compiled.parameters.length === 0) {
      // A marked script (prepared.ts): `query` takes one statement, `exec` several, answering
      // one result per statement; the caller gets every statement's rows in order.
      const results = await this.pglite.exec(compiled.sql);
      return { rows: results.flatMap((r) => r.rows as R[]) };
    }
    const result = await this.pglite.query<R>(compiled.sql, [...compiled.parameters]);
    const affected = result.affectedRows;
    const isWrite = /^\s*(insert|update|delete|merge|with)/i.test(compiled.sql);
    return {
      rows: result.rows,
      ...(isWrite && affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no cursors over its single session; the result is yielded in one piece.
    yield await this.executeQuery<R>(compiled);
  }
}

/**
 * PGlite's errors carry the statement's parameters: a deposit's whole file, which the error log
 * would write out byte by byte (tens of MB of JSON for one refused deposit). They are kept on
 * the error, but hidden from serialisers; node-postgres's errors never had them.
 */
function withoutParameters(error: unknown): unknown {
  if (error && typeof error === 'object' && 'params' in error) {
    Object.defineProperty(error, 'params', { enumerable: false });
  }
  return error;
}
