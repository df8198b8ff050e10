import { loadConfig } from '../config.js';
import { openDatabase } from '../db/database.js';
import { buildApp } from './app.js';

/**
 * The OpenAPI document as the routes' schemas generate it. Built on a throw-away in-memory
 * database (nothing is queried), so it needs no running server. The committed copy in
 * docs/openapi.json must equal this: a test fails when the two drift.
 */
export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const app = await buildApp({
      deps: {
        db: database.db,
        dbKind: database.kind,
        config: loadConfig({}),
        mailer: { send: async () => undefined },
      },
      cookieSecret: 'openapi-generation-only-openapi-generation-only',
      logger: false,
    });
    await app.ready();
    const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
    await app.close();
    return text;
  } finally {
    await database.close();
  }
}
