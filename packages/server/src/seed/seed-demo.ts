import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { seedDirectory } from '../directory/seed-directory.js';
import { seedAccounts, type DemoAccount } from '../accounts/seed-accounts.js';

export interface SeedDemoResult {
  /** false when the database already had demo data (nothing was written). */
  seeded: boolean;
  accounts: DemoAccount[];
}

/**
 * Fills an empty database with the demo directory and the demo accounts. Runs at most once per
 * database: a marker row in app_setting records it, inserted in the same transaction.
 */
export async function seedDemo(options: { db: Kysely<DB> }): Promise<SeedDemoResult> {
  return options.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('app_setting')
      .values({ key: 'demo_seeded_at', value: new Date().toISOString() })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!inserted)
      return { seeded: false, accounts: await seedAccounts({ db: trx, dryRun: true }) };
    await seedDirectory({ db: trx });
    return { seeded: true, accounts: await seedAccounts({ db: trx, dryRun: false }) };
  });
}
