/**
 * The database the HTTP benchmarks deposit into: migrated, the demo directory seeded, and an
 * API client of the demo supplier. Imports server modules: import it after buildEinvoice().
 */
import { createApiClient } from '../../packages/server/src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../packages/server/src/accounts/model.js';
import { findStructure } from '../../packages/server/src/accounts/structure-access.js';
import { openDatabase, type OpenDatabaseOptions } from '../../packages/server/src/db/database.js';
import { migrateToLatest } from '../../packages/server/src/db/migrate.js';
import { DEMO_SUPPLIER } from '../../packages/server/src/directory/demo-directory.js';
import { seedDirectory } from '../../packages/server/src/directory/seed-directory.js';

/** Prepares the database; returns the API client's credentials. */
export async function prepareDemoClient(
  options: OpenDatabaseOptions,
  name: string,
): Promise<{ id: string; secret: string }> {
  const database = await openDatabase(options);
  try {
    await migrateToLatest(database.db);
    await seedDirectory({ db: database.db });
    const supplier = await findStructure(database.db, DEMO_SUPPLIER.identifier);
    if (!supplier) throw new Error('demo supplier missing after seeding');
    const client = await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: supplier.identifier,
      name,
      scopes: ['invoices:send', 'invoices:read'],
    });
    return { id: client.clientId, secret: client.clientSecret };
  } finally {
    await database.close();
  }
}
