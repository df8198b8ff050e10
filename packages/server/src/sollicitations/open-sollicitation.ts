/**
 * A supplier asks a question: about one of its invoices (then addressed to the recipient
 * structure's service holding it), or addressed to a structure, or to the platform support.
 * The thread, its first message and files, the invoice's journal row ("question asked") and
 * the event (the addressees' mail) commit in one transaction.
 */
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import { findStructure, structureForMember } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import type { IncomingFile } from '../invoices/attachments.js';
import { loadInvoiceFor } from '../invoices/invoice-access.js';
import { actorOf, appendJournal } from '../invoices/journal.js';
import { AppError, notFound } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { FileStore } from '../storage/file-store.js';
import { emitSollicitationEvent } from './events.js';
import {
  categoryCodes,
  isSubcategoryOf,
  MAX_BODY,
  MAX_SUBJECT,
  type SollicitationCategory,
} from './model.js';
import { forgetFiles, storeMessageFiles } from './thread-files.js';

export interface OpenSollicitationInput {
  /** The asking structure (identifier); the caller must hold FACTURES_EMISES in it. */
  structure: string;
  subject: string;
  category: SollicitationCategory;
  subcategory: string;
  body: string;
  attachments?: readonly IncomingFile[];
  /** Exactly one of the three: the invoice it is about, a structure, or the platform. */
  invoiceId?: string | undefined;
  recipientIdentifier?: string | undefined;
  toPlatform?: boolean | undefined;
}

const bad = (en: string, fr: string) => new AppError('BAD_REQUEST', en, { fr });

/** Trimmed text of 1 to `max` characters (code points). */
export function checkText(text: string, max: number, what: string, fr: string): string {
  const t = text.trim();
  if (t.length === 0 || [...t].length > max)
    throw bad(`The ${what} must have 1 to ${max} characters`, `${fr} : 1 à ${max} caractères`);
  return t;
}

export async function openSollicitation(options: {
  db: Kysely<DB>;
  files: FileStore;
  actor: UserActor;
  input: OpenSollicitationInput;
}): Promise<{ id: string }> {
  const { db, actor, input } = options;
  const subject = checkText(input.subject, MAX_SUBJECT, 'subject', 'L’objet');
  const body = checkText(input.body, MAX_BODY, 'message', 'Le message');
  if (
    !categoryCodes.includes(input.category) ||
    !isSubcategoryOf(input.category, input.subcategory)
  )
    throw bad(
      `Unknown sub-category ${input.subcategory} of ${input.category}`,
      `Sous-catégorie ${input.subcategory} inconnue pour ${input.category}`,
    );
  const targets = [input.invoiceId, input.recipientIdentifier, input.toPlatform || undefined];
  if (targets.filter((t) => t !== undefined).length !== 1)
    throw bad(
      'Name exactly one of invoiceId, recipientIdentifier or toPlatform',
      'Indiquez une facture, ou une structure destinataire, ou le support de la plateforme',
    );

  const requester = await structureForMember({
    db,
    userId: actor.userId,
    identifier: input.structure,
  });
  const right = await db
    .selectFrom('membership_right')
    .select('space')
    .where('membership_id', '=', requester.membershipId)
    .where('space', '=', 'FACTURES_EMISES')
    .executeTakeFirst();
  if (!right)
    throw new AppError('FORBIDDEN', 'Asking needs the FACTURES_EMISES right in this structure', {
      fr: 'Poser une question demande le droit « factures émises » dans cette structure',
    });

  let invoice: { id: string; status: string } | undefined;
  let recipientStructureId: string | null = null;
  let recipientServiceId: string | null = null;
  if (input.invoiceId) {
    const access = await loadInvoiceFor({
      db,
      principal: actor,
      invoiceId: input.invoiceId,
      side: 'SUPPLIER',
      purpose: 'read',
    });
    // The invoice must be this structure's own (a user may supply from several structures).
    if (access.invoice.supplier_structure_id !== requester.id)
      throw notFound(`Invoice ${input.invoiceId}`);
    invoice = access.invoice;
    recipientStructureId = access.invoice.recipient_structure_id;
    recipientServiceId = access.invoice.recipient_service_id;
  } else if (input.recipientIdentifier) {
    const recipient = await findStructure(db, input.recipientIdentifier);
    if (!recipient) throw notFound(`Structure ${input.recipientIdentifier}`);
    recipientStructureId = recipient.id;
  }
  if (recipientStructureId === requester.id)
    throw bad('A structure cannot ask itself', 'Une structure ne peut pas s’adresser à elle-même');

  const id = newId('sollicitation');
  const messageId = newId('sollicitationMessage');
  const fileRows = await storeMessageFiles({
    files: options.files,
    sollicitationId: id,
    messageId,
    incoming: input.attachments ?? [],
    alreadyStored: 0,
  });
  const now = new Date();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sollicitation')
        .values({
          id,
          subject,
          category: input.category,
          subcategory: input.subcategory,
          status: 'OUVERTE',
          requester_structure_id: requester.id,
          requester_user_id: actor.userId,
          invoice_id: invoice?.id ?? null,
          addressee: input.toPlatform ? 'PLATFORM' : 'STRUCTURE',
          recipient_structure_id: recipientStructureId,
          recipient_service_id: recipientServiceId,
          opened_at: now,
          waiting_since: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('sollicitation_message')
        .values({
          id: messageId,
          sollicitation_id: id,
          author_user_id: actor.userId,
          side: 'REQUESTER',
          body,
          created_at: now,
        })
        .execute();
      if (fileRows.length > 0)
        await trx.insertInto('sollicitation_file').values(fileRows).execute();
      if (invoice) {
        await appendJournal(trx, {
          invoiceId: invoice.id,
          event: 'SOLLICITATION_OPENED',
          actor: actorOf(actor),
          fromStatus: null,
          toStatus: null,
          data: { sollicitationId: id, category: input.category, subject },
          at: now,
        });
      }
      await emitSollicitationEvent(trx, { type: 'OPENED', sollicitationId: id, messageId });
    });
  } catch (error) {
    await forgetFiles(options.files, fileRows);
    throw error;
  }
  return { id };
}
