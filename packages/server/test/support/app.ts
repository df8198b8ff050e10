import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { buildApp } from '../../src/http/app.js';
import { createMailer, type Mail } from '../../src/lib/mailer.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  /** Mails "sent" when no SMTP URL is given (kept in memory). */
  mails: Mail[];
  close(): Promise<void>;
}

/** The whole HTTP application on a fresh test database, driven with app.inject(). */
export async function createTestApp(
  options: { smtpUrl?: string; config?: Partial<Config> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  // Stored files (flows) go to a folder of this test file's own, removed at close.
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'chorale-files-'));
  const config = { ...loadConfig({}), smtpUrl: options.smtpUrl, filesDir, ...options.config };
  const mails: Mail[] = [];
  const mailer = createMailer({
    smtpUrl: options.smtpUrl,
    from: config.mailFrom,
    footer: { publicUrl: config.publicUrl, support: config.support },
    log: (m) => mails.push(m),
  });
  const app = await buildApp({
    deps: { db: database.db, dbKind: database.kind, config, mailer },
    cookieSecret: 'test-cookie-secret-test-cookie-secret',
    logger: false,
  });
  await app.ready();
  return {
    app,
    database,
    config,
    mails,
    close: async () => {
      await app.close();
      await database.destroy();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
