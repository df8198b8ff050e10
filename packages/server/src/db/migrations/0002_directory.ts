import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create extension if not exists pg_trgm`.execute(db);
  await db.schema
    .createTable('structure')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('identifier_type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`identifier_type in ('SIRET','SIREN','UE_HORS_FRANCE','HORS_UE','RIDET','TAHITI','AUTRE','PARTICULIER')`,
        ),
    )
    .addColumn('identifier', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_public', 'boolean', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('service_code_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('commitment_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('service_or_commitment_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_moa', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('is_moa_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('payment_status_not_reported', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('edi_reception', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('edi_emission', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('address_line3', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('town', 'text')
    .addColumn('country_code', 'text')
    .addColumn('country_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('structure_identifier_key', ['identifier_type', 'identifier'])
    .execute();
  // Keyset order of search results, and the two usual lookups.
  await db.schema
    .createIndex('structure_listing_idx')
    .on('structure')
    .columns(['name_key', 'id'])
    .execute();
  await db.schema
    .createIndex('structure_identifier_idx')
    .on('structure')
    .column('identifier')
    .execute();
  await sql`create index structure_search_trgm_idx on structure using gin (search_text gin_trgm_ops)`.execute(
    db,
  );

  await db.schema
    .createTable('service')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('structure_id', 'text', (c) =>
      c.notNull().references('structure.id').onDelete('cascade'),
    )
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('valid_from', 'date')
    .addColumn('valid_to', 'date')
    .addColumn('commitment_required', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('service_structure_code_key', ['structure_id', 'code'])
    .execute();
}
