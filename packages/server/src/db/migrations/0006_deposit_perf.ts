import { sql, type Kysely } from 'kysely';

/**
 * Deposit routing looks a SIREN up as `identifier like '<siren>%'` (every establishment of a
 * legal unit). A plain btree index only serves LIKE prefixes under the "C" collation; with
 * text_pattern_ops it does under any collation, so a SIREN-only invoice no longer scans the
 * whole directory.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index structure_identifier_prefix_idx on structure (identifier text_pattern_ops)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index structure_identifier_prefix_idx`.execute(db);
}
