import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { startTransition } from './change-invoice-status.js';
import { actorOf } from './journal.js';
import { applyTransition, type AppliedTransition } from './lifecycle.js';
import { checkAttachments, type IncomingFile } from './attachments.js';
import { fileRow, forgetInvoiceFiles, storeInvoiceFiles } from './store-files.js';
import type { FileStore } from '../storage/file-store.js';

export const MAX_COMMENT = 2000;

/**
 * The supplier answers a suspension: a comment and/or files (stored as COMPLEMENT) → COMPLETEE,
 * back to the recipient. The files, the status, the journal and the jobs commit together.
 */
export async function completeInvoice(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  version: number;
  comment?: string | undefined;
  attachments?: IncomingFile[];
  /** Where the files go (put before the transaction, store-files.ts); else into the rows. */
  files?: FileStore | undefined;
  now?: Date;
}): Promise<
  {
    id: string;
    files: { id: string; name: string; size: number; sha256: string }[];
  } & AppliedTransition
> {
  const { invoice, transition } = await startTransition({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    version: options.version,
    side: 'SUPPLIER',
    to: 'COMPLETEE',
    via: 'complete',
  });
  const comment = options.comment?.trim() ?? '';
  const files = options.attachments ?? [];
  if (!comment && files.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'Give a comment or at least one attachment', {
      details: [{ pointer: 'comment', message: 'a comment or attachments are required' }],
      fr: 'Donnez un commentaire ou au moins une pièce jointe',
    });
  }
  if (comment.length > MAX_COMMENT) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The comment is longer than ${MAX_COMMENT} characters`,
      {
        details: [{ pointer: 'comment', message: `at most ${MAX_COMMENT} characters` }],
        fr: `Le commentaire dépasse ${MAX_COMMENT} caractères`,
      },
    );
  }
  const stored = await options.db
    .selectFrom('invoice_file')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('size'), eb.lit(0)).as('bytes'))
    .where('invoice_id', '=', invoice.id)
    .where('kind', 'in', ['ATTACHMENT', 'COMPLEMENT'])
    .executeTakeFirstOrThrow();
  checkAttachments(files, Number(stored.bytes));
  const described = files.map((f) => ({
    id: newId('invoiceFile'),
    name: f.filename,
    mediaType: f.mediaType || 'application/octet-stream',
    size: f.bytes.byteLength,
    sha256: createHash('sha256').update(f.bytes).digest('hex'),
  }));
  let rows = files.map((f, i) => {
    const d = described[i]!;
    return {
      ...fileRow(invoice.id, 'COMPLEMENT', { ...f, mediaType: d.mediaType }, d.sha256),
      id: d.id,
    };
  });
  // The objects first, then the rows that name them, with the status change.
  const store = options.files;
  if (store && rows.length) rows = await storeInvoiceFiles(store, rows);
  const applied = await options.db
    .transaction()
    .execute(async (trx) => {
      if (rows.length) await trx.insertInto('invoice_file').values(rows).execute();
      return applyTransition(trx, {
        invoice,
        version: options.version,
        to: transition.to,
        event: transition.event,
        actor: actorOf(options.principal),
        data: {
          comment: comment || null,
          files: described.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256 })),
        },
        ...(options.now ? { now: options.now } : {}),
      });
    })
    .catch(async (error: unknown) => {
      if (store) await forgetInvoiceFiles(store, rows);
      throw error;
    });
  return {
    id: invoice.id,
    files: described.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256 })),
    ...applied,
  };
}
