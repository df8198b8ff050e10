/**
 * factures/v1/telecharger/groupe: several invoices in one ZIP, each as the caller may read it
 * (readInvoiceFile, renderInvoice: the same access rules and the same "first download"
 * record as the native downloads). PIVOT gives the original as deposited; PDF gives the
 * original when it is a PDF, else the rendering.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { renderInvoice } from '../invoices/render-invoice.js';
import { readInvoiceFile } from '../invoices/store-files.js';
import type { FileStore } from '../storage/file-store.js';
import { AppError } from '../lib/errors.js';
import { asUnknown } from './cpro-ids.js';
import { writeZip, type ZipEntry } from './zip-writer.js';

export const MAX_GROUP_DOWNLOAD = 100;

// eslint-disable-next-line no-control-regex
const safe = (name: string) => name.replace(/[/\\\u0000-\u001f]/g, '_');

export async function downloadInvoices(options: {
  db: Kysely<DB>;
  /** Where invoice files deposited since migration 0024 are (store-files.ts). */
  files?: FileStore | undefined;
  principal: Principal;
  /** Our invoice ids with the integer id each is named by in the archive. */
  invoices: readonly { id: string; cproId: number }[];
  format: 'PDF' | 'PIVOT';
  withAttachments: boolean;
}): Promise<Uint8Array> {
  const { db, principal } = options;
  if (options.invoices.length === 0 || options.invoices.length > MAX_GROUP_DOWNLOAD)
    throw new AppError(
      'VALIDATION_FAILED',
      `listeFacture must name 1 to ${MAX_GROUP_DOWNLOAD} invoices`,
      { details: [{ pointer: 'listeFacture', message: `1 to ${MAX_GROUP_DOWNLOAD} items` }] },
    );
  const entries: ZipEntry[] = [];
  for (const { id, cproId } of options.invoices) {
    await asUnknown('Invoice', cproId, () => addInvoice(id, cproId));
  }
  return writeZip(entries);

  async function addInvoice(id: string, cproId: number) {
    const original = await readInvoiceFile({ db, files: options.files, principal, invoiceId: id });
    if (options.format === 'PIVOT' || original.mediaType === 'application/pdf') {
      entries.push({ name: `${cproId}/${safe(original.name)}`, bytes: original.bytes });
    } else {
      const pdf = await renderInvoice({ db, principal, invoiceId: id, format: 'pdf', lang: 'fr' });
      entries.push({ name: `${cproId}/${safe(pdf.filename)}`, bytes: pdf.body });
    }
    if (options.withAttachments) {
      const files = await db
        .selectFrom('invoice_file')
        .select('id')
        .where('invoice_id', '=', id)
        .where('kind', '!=', 'ORIGINAL')
        .orderBy('created_at')
        .execute();
      for (const f of files) {
        const file = await readInvoiceFile({
          db,
          files: options.files,
          principal,
          invoiceId: id,
          fileId: f.id,
        });
        entries.push({ name: `${cproId}/pj/${safe(file.name)}`, bytes: file.bytes });
      }
    }
  }
}
