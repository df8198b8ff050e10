import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or — when
 * DATABASE_URL is set — a new database created on that PostgreSQL server and dropped at the end.
 * Tests never share state and never touch the developer's ./data.
 */
export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) and closes connections. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  options: { preparedStatements?: boolean; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  const migrate = options.migrate ?? true;
  if (!serverUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    if (migrate) await migrateToLatest(database.db);
    return { ...database, destroy: () => database.close() };
  }
  // Unique per file across concurrent runs and test projects: time, process and random bytes.
  const name = `chorale_test_${Date.now().toString(36)}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    databaseUrl: url.toString(),
    poolSize: 5,
    preparedStatements: options.preparedStatements,
  });
  if (migrate) await migrateToLatest(database.db);
  return {
    ...database,
    destroy: async () => {
      await database.close();
      const drop = new pg.Client({ connectionString: serverUrl });
      await drop.connect();
      try {
        await drop.query(`drop database if exists ${name} with (force)`);
      } finally {
        await drop.end();
      }
    },
  };
}
