import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError, type ErrorItem } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { startTransition } from './change-invoice-status.js';
import { actorOf } from './journal.js';
import { applyTransition, type AppliedTransition } from './lifecycle.js';
import {
  ATTACHMENT_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_NAME,
  MAX_TOTAL_ATTACHMENT_BYTES,
} from './model.js';

export const MAX_COMMENT = 2000;

export interface IncomingFile {
  name: string;
  mediaType: string;
  content: Uint8Array;
}

/**
 * Each file against the deposit's limits: name length and extension, 10 MB each, 120 MB for
 * all the invoice's attachments and complements together (`alreadyStored` bytes included).
 */
export function checkAttachments(files: IncomingFile[], alreadyStored: number): void {
  const details: ErrorItem[] = [];
  let total = alreadyStored;
  files.forEach((f, i) => {
    const pointer = `attachments[${i}]`;
    const extension = /\.([a-z0-9]+)$/i.exec(f.name)?.[1]?.toLowerCase();
    if (!f.name || f.name.length > MAX_ATTACHMENT_NAME) {
      details.push({
        pointer,
        message: `PIECE_JOINTE_REFUSEE: a name of 1 to ${MAX_ATTACHMENT_NAME} characters`,
      });
    } else if (!extension || !(ATTACHMENT_EXTENSIONS as readonly string[]).includes(extension)) {
      details.push({
        pointer,
        message: `PIECE_JOINTE_REFUSEE: extension not accepted (${f.name})`,
      });
    }
    if (f.content.byteLength > MAX_ATTACHMENT_BYTES) {
      details.push({ pointer, message: 'PIECE_JOINTE_REFUSEE: larger than 10 MB' });
    }
    if (f.content.byteLength === 0)
      details.push({ pointer, message: 'PIECE_JOINTE_REFUSEE: empty file' });
    total += f.content.byteLength;
  });
  if (total > MAX_TOTAL_ATTACHMENT_BYTES) {
    details.push({
      pointer: 'attachments',
      message: 'PIECE_JOINTE_REFUSEE: more than 120 MB in all',
    });
  }
  if (details.length) {
    throw new AppError('VALIDATION_FAILED', 'An attachment was refused', { details });
  }
}

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
    });
  }
  if (comment.length > MAX_COMMENT) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The comment is longer than ${MAX_COMMENT} characters`,
      {
        details: [{ pointer: 'comment', message: `at most ${MAX_COMMENT} characters` }],
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
    name: f.name,
    mediaType: f.mediaType || 'application/octet-stream',
    size: f.content.byteLength,
    sha256: createHash('sha256').update(f.content).digest('hex'),
    content: f.content,
  }));
  const applied = await options.db.transaction().execute(async (trx) => {
    if (described.length) {
      await trx
        .insertInto('invoice_file')
        .values(
          described.map((f) => ({
            id: f.id,
            invoice_id: invoice.id,
            kind: 'COMPLEMENT',
            name: f.name,
            media_type: f.mediaType,
            size: f.size,
            sha256: f.sha256,
            content: f.content,
          })),
        )
        .execute();
    }
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
  });
  return {
    id: invoice.id,
    files: described.map((f) => ({ id: f.id, name: f.name, size: f.size, sha256: f.sha256 })),
    ...applied,
  };
}
