import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FileStore } from '../storage/file-store.js';
import { seedDirectory } from '../directory/seed-directory.js';
import { seedAccounts, type DemoAccount } from '../accounts/seed-accounts.js';
import { seedDemoInvoices } from './seed-demo-invoices.js';

export interface SeedDemoResult {
  /** false when the database already had demo data (nothing was written). */
  seeded: boolean;
  accounts: DemoAccount[];
  /** Demo invoices written (0 when not asked for, or already seeded). */
  invoices: number;
}

/**
 * Fills an empty database with the demo directory and the demo accounts. Runs at most once per
 * database: a marker row in app_setting records it, inserted in the same transaction.
 */
export async function seedDemo(options: {
  db: Kysely<DB>;
  /** Also deposit and process a few demo invoices (`npm start`, `chorale seed`). */
  invoices?: boolean;
  /** The instance's file store, where the demo invoices' originals go like any deposit's. */
  files?: FileStore | undefined;
}): Promise<SeedDemoResult> {
  const result = await options.db.transaction().execute(async (trx) => {
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
  // Deposits run their own transactions (journal, jobs), so they follow the directory's commit.
  // Each invoice number is unique per supplier and year: a crash halfway leaves a partial demo,
  // never a duplicate.
  const invoices =
    result.seeded && options.invoices
      ? await seedDemoInvoices({ db: options.db, files: options.files })
      : 0;
  return { ...result, invoices };
}
