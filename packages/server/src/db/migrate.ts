import type { Kysely } from 'kysely';
// Kysely 0.29 moved the migrator to its own entry point.
import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { DB } from './schema.js';
import * as m0001 from './migrations/0001_base.js';
import * as m0002 from './migrations/0002_directory.js';
import * as m0003 from './migrations/0003_accounts.js';
import * as m0004 from './migrations/0004_invoices.js';
import * as m0005jobs from './migrations/0005_jobs.js';
import * as m0006 from './migrations/0006_deposit_perf.js';
import * as m0007jobs from './migrations/0007_job_expiry.js';
import * as m0008 from './migrations/0008_directory_facts.js';
import * as m0009jobs from './migrations/0009_pgboss_12.js';
import * as m0010flows from './migrations/0010_flows.js';
import * as m0011 from './migrations/0011_sftp.js';
import * as m0012 from './migrations/0012_flow_channel.js';
import * as m0013 from './migrations/0013_outbound.js';
import * as m0014 from './migrations/0014_cpro.js';
import * as m0015 from './migrations/0015_mail_retry.js';
import * as m0017 from './migrations/0017_storage_compression.js';
import * as m0018 from './migrations/0018_sollicitations.js';
import * as m0019 from './migrations/0019_webhooks.js';
import * as m0020 from './migrations/0020_scale_out.js';
import * as m0021 from './migrations/0021_invoice_scale.js';
import * as m0022 from './migrations/0022_rejection_reason.js';
import * as m0024 from './migrations/0024_invoice_files_store.js';
import * as m0025 from './migrations/0025_cpro_uploads_store.js';
import * as m0026 from './migrations/0026_invoice_party_names.js';
import * as m0027 from './migrations/0027_structure_name_trigrams.js';
import * as m0028 from './migrations/0028_received_amount_covering.js';

/**
 * The ordered list of migrations. Static imports (not a folder scan) so the same list works from
 * sources under test and from the compiled build. Append only: a migration that has run
 * somewhere is never edited, a new one is added.
 */
export const migrations: Record<string, Migration> = {
  '0001_base': m0001,
  '0002_directory': m0002,
  '0003_accounts': m0003,
  '0004_invoices': m0004,
  '0005_jobs': m0005jobs,
  '0006_deposit_perf': m0006,
  '0007_job_expiry': m0007jobs,
  '0008_directory_facts': m0008,
  '0009_pgboss_12': m0009jobs,
  '0010_flows': m0010flows,
  '0011_sftp': m0011,
  '0012_flow_channel': m0012,
  '0013_outbound': m0013,
  '0014_cpro': m0014,
  '0015_mail_retry': m0015,
  '0017_storage_compression': m0017,
  '0018_sollicitations': m0018,
  '0019_webhooks': m0019,
  '0020_scale_out': m0020,
  '0021_invoice_scale': m0021,
  '0022_rejection_reason': m0022,
  '0024_invoice_files_store': m0024,
  '0025_cpro_uploads_store': m0025,
  '0026_invoice_party_names': m0026,
  '0027_structure_name_trigrams': m0027,
  '0028_received_amount_covering': m0028,
};

function migratorFor(db: Kysely<DB>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
}

function checked(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    throw new Error(`database migration failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}

export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResultSet> {
  return checked(await migratorFor(db).migrateToLatest());
}

/** Runs the migrations up to `name` included (tests of a later migration's upgrade path). */
export async function migrateTo(db: Kysely<DB>, name: string): Promise<MigrationResultSet> {
  return checked(await migratorFor(db).migrateTo(name));
}
