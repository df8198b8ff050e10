import { sql, type Kysely } from 'kysely';

/**
 * Chorus Pro uploads (`transverses/v1/ajouter/fichier`) in the file store, as invoice files
 * are since 0024 (decision 0025, "Flows and Chorus Pro uploads in the store"). A new row names
 * its object by `storage_key` (cpro-uploads/<structure id>/<id>) and keeps no bytes; a row
 * written before keeps them in `content` until `chorale storage move-from-database` moves
 * them. Exactly one of the two is set. Nothing is moved here: the upgrade stays instant.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table cpro_upload add column storage_key text`.execute(db);
  await sql`alter table cpro_upload alter column content drop not null`.execute(db);
  await sql`alter table cpro_upload add constraint cpro_upload_bytes_or_key
    check ((content is null) <> (storage_key is null))`.execute(db);
  // The orphan sweep asks which of 500 listed keys a row names.
  await sql`create index cpro_upload_storage_key on cpro_upload (storage_key)
    where storage_key is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index cpro_upload_storage_key`.execute(db);
  await sql`alter table cpro_upload drop constraint cpro_upload_bytes_or_key`.execute(db);
  // Rows whose bytes are in the store cannot go back to a bytea column without them.
  await sql`alter table cpro_upload alter column content set not null`.execute(db);
  await sql`alter table cpro_upload drop column storage_key`.execute(db);
}
