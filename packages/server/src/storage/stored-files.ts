import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The rows that name stored objects, with what was recorded of each: the flows' files (inbound
 * flows, outbound flows and their renderings: `flow.storage_key`, `flow.rendering_key`) and the
 * sollicitations' attachments (`sollicitation_file.storage_key`), the invoices' files since
 * migration 0024 (`invoice_file.storage_key`) and the Chorus Pro uploads since 0025
 * (`cpro_upload.storage_key`). The one list the sweeper and `chorale storage migrate` read: a
 * table that starts keeping files in the store is added here, or the sweeper removes its files
 * as orphans and the migration leaves them behind. (Rows written before 0024 / 0025 may still
 * hold their bytes in `content`, in no store, until `chorale storage move-from-database`.)
 */
export interface StoredFileRow {
  key: string;
  size: number;
  sha256: string;
}

/** Of `keys`, those some row names. */
export async function referencedKeys(db: Kysely<DB>, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('flow')
    .select(['storage_key', 'rendering_key'])
    .where((eb) => eb.or([eb('storage_key', 'in', keys), eb('rendering_key', 'in', keys)]))
    .execute();
  const wanted = new Set(keys);
  const named = new Set<string>();
  for (const row of rows) {
    if (wanted.has(row.storage_key)) named.add(row.storage_key);
    if (row.rendering_key && wanted.has(row.rendering_key)) named.add(row.rendering_key);
  }
  // No index on sollicitation_file.storage_key: a scan per batch of 500 keys, on a table of a
  // few files per thread, and only from `chorale storage sweep`.
  const attachments = await db
    .selectFrom('sollicitation_file')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .execute();
  for (const row of attachments) named.add(row.storage_key);
  // Partial index invoice_file_storage_key (migration 0024).
  const invoiceFiles = await db
    .selectFrom('invoice_file')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .execute();
  for (const row of invoiceFiles) if (row.storage_key) named.add(row.storage_key);
  // Partial index cpro_upload_storage_key (migration 0025).
  const uploads = await db
    .selectFrom('cpro_upload')
    .select('storage_key')
    .where('storage_key', 'in', keys)
    .execute();
  for (const row of uploads) if (row.storage_key) named.add(row.storage_key);
  return named;
}

/** Every stored file a row names, in pages of `limit` (keyset on the flow id). */
export async function* storedFiles(db: Kysely<DB>, limit = 500): AsyncGenerator<StoredFileRow> {
  const flows = keyset(limit, '', (after) =>
    db
      .selectFrom('flow')
      .select([
        'id',
        'storage_key',
        'size',
        'sha256',
        'rendering_key',
        'rendering_size',
        'rendering_sha256',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  for await (const row of flows) {
    yield { key: row.storage_key, size: Number(row.size), sha256: row.sha256 };
    if (row.rendering_key && row.rendering_sha256 !== null) {
      yield {
        key: row.rendering_key,
        size: Number(row.rendering_size),
        sha256: row.rendering_sha256,
      };
    }
  }
  const sollicitationFiles = keyset(limit, '', (after) =>
    db
      .selectFrom('sollicitation_file')
      .select(['id', 'storage_key', 'size', 'sha256'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  for await (const row of sollicitationFiles) {
    yield { key: row.storage_key, size: Number(row.size), sha256: row.sha256 };
  }
  const invoiceFiles = keyset(limit, '', (after) =>
    db
      .selectFrom('invoice_file')
      .select(['id', 'storage_key', 'size', 'sha256'])
      .where('storage_key', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  for await (const row of invoiceFiles) {
    yield { key: row.storage_key!, size: Number(row.size), sha256: row.sha256 };
  }
  const uploads = keyset(limit, 0, (after) =>
    db
      .selectFrom('cpro_upload')
      .select(['id', 'storage_key', 'size', 'sha256'])
      .where('storage_key', 'is not', null)
      .where('id', '>', after)
      .orderBy('id')
      .limit(limit)
      .execute(),
  );
  for await (const row of uploads) {
    yield { key: row.storage_key!, size: Number(row.size), sha256: row.sha256 };
  }
}

/**
 * A table's rows a page of `limit` at a time, in id order from after `start` (keyset, never an
 * OFFSET): `page(after)` reads the rows whose id is above `after`.
 */
async function* keyset<K extends string | number, R extends { id: unknown }>(
  limit: number,
  start: K,
  page: (after: K) => Promise<R[]>,
): AsyncGenerator<R> {
  let after = start;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < limit) return;
    const last = rows[rows.length - 1]!.id;
    after = (typeof start === 'number' ? Number(last) : String(last)) as K;
  }
}
