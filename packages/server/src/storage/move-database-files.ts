/**
 * `chorale storage move-from-database` (decision 0025): moves the bytes still held by rows
 * written before the file store took them — invoice files before migration 0024
 * (`invoice_file.content`), Chorus Pro uploads before 0025 (`cpro_upload.content`) — into the
 * store STORAGE_URL chooses, under the key a new row of the same table would get.
 *
 * Invariants:
 * - A row's bytes are nulled only after its object was put, its digest matched the row's
 *   size and SHA-256, and it was read back from the store checked the same way; the row then
 *   names the object (`storage_key`) in the same UPDATE (the tables' check keeps exactly one
 *   of the two set). A row whose bytes do not match its own SHA-256 is reported and left alone.
 * - Set-based: per batch, one SELECT of the rows' facts (keyset on the id), one of their bytes
 *   (batches capped by count and by bytes), one UPDATE … FROM (VALUES …) for the batch.
 * - Resumable and idempotent: a moved row is no longer selected, and its key is a function of
 *   the row, so a run stopped anywhere (even between a put and its UPDATE) is simply run again:
 *   the put rewrites the same bytes under the same key. `… and storage_key is null` in the
 *   UPDATE makes two runs at once harmless.
 * - Readers need no pause: a row read before the UPDATE has its bytes, one read after names
 *   its object, which exists by then.
 */
import { sql, type Kysely } from 'kysely';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DB } from '../db/schema.js';
import { cproUploadKey } from '../cpro/add-upload.js';
import { invoiceFileKey } from '../invoices/store-files.js';
import { openVerified, type FileStore } from './file-store.js';

export type DatabaseFileTable = 'invoice_file' | 'cpro_upload';

interface TableSpec {
  table: DatabaseFileTable;
  /** The column the key is made from, beside the id. */
  owner: 'invoice_id' | 'structure_id';
  /** The id column's type, for the keyset and the UPDATE's VALUES. */
  idType: 'text' | 'int8';
  /** The key a new row gets: the one its writer names. */
  keyOf(row: { id: string; owner: string }): string;
}

const TABLES: readonly TableSpec[] = [
  {
    table: 'invoice_file',
    owner: 'invoice_id',
    idType: 'text',
    keyOf: (r) => invoiceFileKey(r.owner, r.id),
  },
  {
    table: 'cpro_upload',
    owner: 'structure_id',
    idType: 'int8',
    keyOf: (r) => cproUploadKey(r.owner, r.id),
  },
];

export interface MoveProgress {
  table: DatabaseFileTable;
  /** Rows holding bytes when this table's move began. */
  total: number;
  moved: number;
  movedBytes: number;
  failed: number;
}

export interface DatabaseFilesReport {
  moved: number;
  movedBytes: number;
  /** Rows left with their bytes, and why. */
  failed: { table: DatabaseFileTable; id: string; reason: string }[];
}

/** Bytes read from the database per batch (one large file always goes, alone). */
const BATCH_BYTES = 64 * 1024 * 1024;
/** Puts in flight at once. */
const PUTS_AT_ONCE = 8;

export async function moveDatabaseFiles(options: {
  db: Kysely<DB>;
  files: FileStore;
  /** Rows per batch (at most; fewer past 64 MiB). */
  batchSize?: number;
  /** After each batch and once at the start of each table. */
  onProgress?: (progress: MoveProgress) => void;
}): Promise<DatabaseFilesReport> {
  const { db, files } = options;
  const batchSize = options.batchSize ?? 100;
  const report: DatabaseFilesReport = { moved: 0, movedBytes: 0, failed: [] };
  for (const spec of TABLES) {
    const table = sql.table(spec.table);
    const owner = sql.ref(spec.owner);
    const idType = sql.raw(spec.idType);
    const counted = await sql<{ n: string }>`
      select count(*)::text as n from ${table} where storage_key is null`.execute(db);
    const progress: MoveProgress = {
      table: spec.table,
      total: Number(counted.rows[0]!.n),
      moved: 0,
      movedBytes: 0,
      failed: 0,
    };
    options.onProgress?.({ ...progress });
    if (progress.total === 0) continue;
    // Keyset within the run: a row that failed is not retried until the next run.
    let after: string | undefined;
    for (;;) {
      const facts = await sql<{ id: string; owner: string; size: string; sha256: string }>`
        select id::text as id, ${owner} as owner, size::text as size, sha256
        from ${table}
        where storage_key is null
          ${after === undefined ? sql`` : sql`and id > ${after}::${idType}`}
        order by id
        limit ${batchSize}`.execute(db);
      if (facts.rows.length === 0) break;
      let bytes = 0;
      const batch = facts.rows.filter((r) => {
        bytes += Number(r.size);
        return r === facts.rows[0] || bytes <= BATCH_BYTES;
      });
      // Cut by bytes: the rest comes again in the next batch.
      after = batch[batch.length - 1]!.id;
      const contents = await sql<{ id: string; content: Uint8Array | null }>`
        select id::text as id, content from ${table}
        where id in (${sql.join(batch.map((r) => sql`${r.id}::${idType}`))})
          and storage_key is null`.execute(db);
      const contentOf = new Map(contents.rows.map((r) => [r.id, r.content]));
      const moved: { id: string; key: string; size: number }[] = [];
      let next = 0;
      const worker = async () => {
        while (next < batch.length) {
          const row = batch[next++]!;
          const content = contentOf.get(row.id);
          // Moved meanwhile by another run: nothing to do.
          if (content === undefined || content === null) continue;
          const key = spec.keyOf(row);
          const expected = { size: Number(row.size), sha256: row.sha256 };
          try {
            const object = await files.put(key, content);
            if (object.size !== expected.size || object.sha256 !== expected.sha256) {
              throw new Error('the bytes in the row differ from its recorded size and SHA-256');
            }
            await pipeline(
              openVerified(files, key, expected),
              new Writable({ write: (_chunk, _encoding, done) => done() }),
            );
            moved.push({ id: row.id, key, size: expected.size });
          } catch (error) {
            // No row names the key: a wrong or partial object is removed again.
            await files.remove(key).catch(() => undefined);
            report.failed.push({
              table: spec.table,
              id: row.id,
              reason: (error as Error).message ?? String(error),
            });
            progress.failed++;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PUTS_AT_ONCE, batch.length) }, worker));
      if (moved.length > 0) {
        // One statement for the batch; `storage_key is null`: a concurrent run's rows stay.
        const done = await sql<{ id: string }>`
          update ${table} as t set storage_key = v.key, content = null
          from (values ${sql.join(moved.map((m) => sql`(${m.id}::${idType}, ${m.key}::text)`))})
            as v (id, key)
          where t.id = v.id and t.storage_key is null
          returning t.id::text as id`.execute(db);
        const updated = new Set(done.rows.map((r) => r.id));
        for (const m of moved) {
          if (!updated.has(m.id)) continue;
          progress.moved++;
          progress.movedBytes += m.size;
        }
      }
      options.onProgress?.({ ...progress });
    }
    report.moved += progress.moved;
    report.movedBytes += progress.movedBytes;
  }
  return report;
}
