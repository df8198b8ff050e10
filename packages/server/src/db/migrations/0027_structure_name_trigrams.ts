import { sql, type Kysely } from 'kysely';

/**
 * The list filter "part of a counterparty's name" (issue 17, decision 0024) also matches the
 * counterparty's directory name. Joining the structure's counterparties to `structure` made
 * the lookup read the whole directory (a hash of every structure, hundreds of thousands on a
 * national instance); with this index it reads only the structures whose name holds the text
 * (`name ilike '%…%'`, which pg_trgm serves), then keeps those that are counterparties here.
 * `search_text` (0002) is no substitute: it is accent-free and holds more than the name, so it
 * would change what the filter matches.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index structure_name_trgm_idx on structure using gin (name gin_trgm_ops)`.execute(
    db,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index structure_name_trgm_idx`.execute(db);
}
