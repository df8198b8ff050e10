/**
 * Files of an invoice (the attachment rules are in attachments.ts): bytes as given, with their
 * SHA-256, never rewritten: what is downloaded is what was deposited. A row of invoice_file
 * names its bytes in the file store (`storage_key`, migration 0024) or, deposited before that,
 * holds them (`content`).
 *
 * Write order: the objects are put first, outside any transaction, then the rows naming them
 * commit with the deposit (or the completion). A crash in between leaves objects no row names,
 * which `chorale storage sweep` removes; never a row naming missing bytes. A write that then
 * fails removes its objects at once (`forgetInvoiceFiles`).
 */
import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import type { Insertable, Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { openVerified, type FileStore } from '../storage/file-store.js';
import { newId } from '../lib/ids.js';
import type { IncomingFile } from './attachments.js';
import { loadInvoiceFor } from './invoice-access.js';
import { appendJournal } from './journal.js';
import type { FileKind } from './model.js';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The invoice_file row of one file (to insert with others in one statement). */
export function fileRow(
  invoiceId: string,
  kind: FileKind,
  file: IncomingFile,
  sha256: string = sha256Hex(file.bytes),
): Insertable<DB['invoice_file']> {
  return {
    id: newId('invoiceFile'),
    invoice_id: invoiceId,
    kind,
    name: file.filename,
    media_type: file.mediaType,
    size: file.bytes.byteLength,
    sha256,
    content: file.bytes,
    storage_key: null,
  };
}

export type InvoiceFileRow = Insertable<DB['invoice_file']>;

/** Puts in flight at once: a flow's batch holds up to 100 files, a deposit a few. */
const PUTS_AT_ONCE = 16;

/**
 * Puts the bytes of `rows` in the store; returns the rows to insert, naming their objects and
 * holding no bytes. Puts run in parallel (at most PUTS_AT_ONCE), before the transaction: the
 * transaction itself gains no round trip. Whatever was stored is removed when one put fails.
 */
/** Where an invoice file's bytes are kept in the store. */
export const invoiceFileKey = (invoiceId: string, id: string) => `invoices/${invoiceId}/${id}`;

export async function storeInvoiceFiles(
  files: FileStore,
  rows: readonly InvoiceFileRow[],
): Promise<InvoiceFileRow[]> {
  const stored = rows.map((row) => ({
    ...row,
    storage_key: invoiceFileKey(row.invoice_id, row.id),
  }));
  let failed: { reason: unknown } | undefined;
  let next = 0;
  const worker = async () => {
    while (failed === undefined && next < stored.length) {
      const row = stored[next++]!;
      try {
        const object = await files.put(row.storage_key, row.content!);
        // The row's digest was computed from the same bytes; a store that disagrees is broken.
        if (object.sha256 !== row.sha256 || object.size !== row.size)
          throw new Error(`the store recorded other bytes for "${row.storage_key}"`);
      } catch (reason) {
        failed ??= { reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUTS_AT_ONCE, stored.length) }, worker));
  if (failed) {
    await forgetInvoiceFiles(files, stored);
    throw failed.reason;
  }
  return stored.map((row) => ({ ...row, content: null }));
}

/** Removes the objects of rows that will not be written (their transaction failed). */
export async function forgetInvoiceFiles(
  files: FileStore,
  rows: readonly InvoiceFileRow[],
): Promise<void> {
  await Promise.all(
    rows.map((r) => (r.storage_key ? files.remove(r.storage_key).catch(() => undefined) : null)),
  );
}

/**
 * The bytes of one invoice_file row: from the store when the row names an object (checked
 * against the recorded size and SHA-256: a changed or truncated object is refused, code
 * ECHECKSUM), else from the row itself (files deposited before migration 0024).
 */
export async function invoiceFileBytes(
  files: FileStore | undefined,
  row: { storage_key: string | null; content: Uint8Array | null; size: number; sha256: string },
): Promise<Uint8Array> {
  if (row.storage_key === null) {
    const content = row.content!;
    return new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
  }
  if (!files) throw new Error(`invoice file "${row.storage_key}" is in a store none was given`);
  const bytes = await buffer(
    openVerified(files, row.storage_key, { size: Number(row.size), sha256: row.sha256 }),
  );
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface StoredFile {
  id: string;
  name: string;
  mediaType: string;
  sha256: string;
  bytes: Uint8Array;
}

/**
 * One file of an invoice (the original when `fileId` is absent), for whoever may read the
 * invoice. The recipient's first download of the original is recorded (first_downloaded_at,
 * journal DOWNLOADED): the "not yet downloaded" filter of the inbox rests on it.
 */
export async function readInvoiceFile(options: {
  db: Kysely<DB>;
  /** Where files deposited since migration 0024 are; older ones are read from their row. */
  files?: FileStore | undefined;
  principal: Principal;
  invoiceId: string;
  fileId?: string;
}): Promise<StoredFile> {
  const { db, principal, invoiceId } = options;
  const { invoice, sides } = await loadInvoiceFor({ db, principal, invoiceId, purpose: 'read' });
  let q = db
    .selectFrom('invoice_file')
    .select(['id', 'name', 'media_type', 'size', 'sha256', 'content', 'storage_key'])
    .where('invoice_id', '=', invoice.id);
  q = options.fileId ? q.where('id', '=', options.fileId) : q.where('kind', '=', 'ORIGINAL');
  const file = await q.executeTakeFirst();
  if (!file) throw notFound(options.fileId ? `File ${options.fileId}` : 'Original');
  // Read (and checked) before the first download is recorded: a refused object is no download.
  const bytes = await invoiceFileBytes(options.files, file);
  if (!options.fileId && sides.includes('RECIPIENT') && invoice.first_downloaded_at === null) {
    await db.transaction().execute(async (trx) => {
      const at = new Date();
      // Only the first download moves the date and writes the event, even when racing.
      const first = await trx
        .updateTable('invoice')
        .set({ first_downloaded_at: at })
        .where('id', '=', invoice.id)
        .where('first_downloaded_at', 'is', null)
        .returning('status')
        .executeTakeFirst();
      if (first) {
        await appendJournal(trx, {
          invoiceId: invoice.id,
          event: 'DOWNLOADED',
          actor:
            principal.kind === 'user'
              ? { kind: 'USER', userId: principal.userId }
              : { kind: 'CLIENT', clientId: principal.clientId },
          fromStatus: null,
          toStatus: null,
          at,
          data: { fileId: file.id },
        });
      }
    });
  }
  return {
    id: file.id,
    name: file.name,
    mediaType: file.media_type,
    sha256: file.sha256,
    bytes,
  };
}
