import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The whole HTTP application on a fresh test database, driven with app.inject(). */
export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = { ...loadConfig({}), smtpUrl: undefined };
  const app = await buildApp({
    deps: { db: database.db, dbKind: database.kind, config },
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    logger: false,
  });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
