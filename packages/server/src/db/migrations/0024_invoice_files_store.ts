import { sql, type Kysely } from 'kysely';

/**
 * Invoice files (originals, attachments, complements) in the file store STORAGE_URL chooses,
 * as flows and sollicitation files already are (decision 0025, "Invoice files in the store").
 * A new row names its object by `storage_key` and keeps no bytes; a row written before this
 * migration keeps its bytes in `content` and no key, and is read from there. Exactly one of the
 * two is set: a row never names nothing. Name, size and SHA-256 stay on the row (the reads
 * check the object against them).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invoice_file add column storage_key text`.execute(db);
  await sql`alter table invoice_file alter column content drop not null`.execute(db);
  await sql`alter table invoice_file add constraint invoice_file_bytes_or_key
    check ((content is null) <> (storage_key is null))`.execute(db);
  // The orphan sweep asks which of 500 listed keys a row names: an index, partial so that
  // the rows still holding their bytes cost nothing.
  await sql`create index invoice_file_storage_key on invoice_file (storage_key)
    where storage_key is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index invoice_file_storage_key`.execute(db);
  await sql`alter table invoice_file drop constraint invoice_file_bytes_or_key`.execute(db);
  // Rows whose bytes are in the store cannot go back to a bytea column without them.
  await sql`alter table invoice_file alter column content set not null`.execute(db);
  await sql`alter table invoice_file drop column storage_key`.execute(db);
}
