/**
 * Files of an invoice: storage in invoice_file (the attachment rules are in attachments.ts) (bytes as given, with
 * their SHA-256). The bytes are never rewritten: what is downloaded is what was deposited.
 */
import { createHash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
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
  };
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
  principal: Principal;
  invoiceId: string;
  fileId?: string;
}): Promise<StoredFile> {
  const { db, principal, invoiceId } = options;
  const { invoice, sides } = await loadInvoiceFor({ db, principal, invoiceId, purpose: 'read' });
  let q = db
    .selectFrom('invoice_file')
    .select(['id', 'name', 'media_type', 'sha256', 'content'])
    .where('invoice_id', '=', invoice.id);
  q = options.fileId ? q.where('id', '=', options.fileId) : q.where('kind', '=', 'ORIGINAL');
  const file = await q.executeTakeFirst();
  if (!file) throw notFound(options.fileId ? `File ${options.fileId}` : 'Original');
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
    bytes: new Uint8Array(file.content.buffer, file.content.byteOffset, file.content.byteLength),
  };
}
