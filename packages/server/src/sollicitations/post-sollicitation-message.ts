/**
 * A message in a thread, with its files. Who writes moves the thread:
 * - the addressee (recipient structure or support) answers: REPONDUE, nothing owed any more;
 *   the linked invoice's journal gets "answered";
 * - the supplier writes again: a REPONDUE thread goes back to EN_COURS and waits again (from
 *   now); an OUVERTE or EN_COURS one keeps its wait.
 * A CLOSE thread takes no message: it must be reopened first (409). The message, the status,
 * the journal row and the event commit in one transaction.
 */
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { IncomingFile } from '../invoices/attachments.js';
import { actorOf, appendJournal } from '../invoices/journal.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { FileStore } from '../storage/file-store.js';
import { emitSollicitationEvent } from './events.js';
import { MAX_BODY, type SollicitationStatus } from './model.js';
import { checkText } from './open-sollicitation.js';
import { loadSollicitationFor, writingSide } from './sollicitation-access.js';
import { forgetFiles, storeMessageFiles, storedBytes } from './thread-files.js';

export async function postSollicitationMessage(options: {
  db: Kysely<DB>;
  files: FileStore;
  actor: UserActor;
  sollicitationId: string;
  body: string;
  attachments?: readonly IncomingFile[];
}): Promise<{ messageId: string; status: SollicitationStatus; version: number }> {
  const { db, actor, sollicitationId } = options;
  const body = checkText(options.body, MAX_BODY, 'message', 'Le message');
  const seen = await loadSollicitationFor({ db, actor, sollicitationId });
  if (seen.row.status === 'CLOSE') throw closed();
  const messageId = newId('sollicitationMessage');
  const fileRows = await storeMessageFiles({
    files: options.files,
    sollicitationId,
    messageId,
    incoming: options.attachments ?? [],
    alreadyStored: await storedBytes(db, sollicitationId),
  });
  try {
    return await db.transaction().execute(async (trx) => {
      const { row, sides } = await loadSollicitationFor({
        db: trx,
        actor,
        sollicitationId,
        forUpdate: true,
      });
      if (row.status === 'CLOSE') throw closed();
      const side = writingSide(row, actor, sides);
      const now = new Date();
      const answering = side !== 'REQUESTER';
      const from = row.status as SollicitationStatus;
      const status: SollicitationStatus = answering
        ? 'REPONDUE'
        : from === 'REPONDUE'
          ? 'EN_COURS'
          : from;
      await trx
        .insertInto('sollicitation_message')
        .values({
          id: messageId,
          sollicitation_id: sollicitationId,
          author_user_id: actor.userId,
          side,
          body,
          created_at: now,
        })
        .execute();
      if (fileRows.length > 0)
        await trx.insertInto('sollicitation_file').values(fileRows).execute();
      const updated = await trx
        .updateTable('sollicitation')
        .set({
          status,
          waiting_since: answering ? null : from === 'REPONDUE' ? now : row.waiting_since,
          updated_at: now,
          version: row.version + 1,
        })
        .where('id', '=', sollicitationId)
        .returning('version')
        .executeTakeFirstOrThrow();
      if (answering && row.invoice_id) {
        await appendJournal(trx, {
          invoiceId: row.invoice_id,
          event: 'SOLLICITATION_ANSWERED',
          actor: actorOf(actor),
          fromStatus: null,
          toStatus: null,
          data: { sollicitationId },
          at: now,
        });
      }
      await emitSollicitationEvent(trx, {
        type: answering ? 'ANSWERED' : 'FOLLOWED_UP',
        sollicitationId,
        messageId,
      });
      return { messageId, status, version: updated.version };
    });
  } catch (error) {
    await forgetFiles(options.files, fileRows);
    throw error;
  }
}

const closed = () =>
  new AppError('CONFLICT', 'This sollicitation is closed: reopen it to write again', {
    fr: 'Cette sollicitation est close : rouvrez-la pour écrire de nouveau',
  });
