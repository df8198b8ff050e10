/**
 * The recipient's system picked up an outbound flow: over HTTP when it downloads one of the
 * flow's files, over SFTP when it reads one to the end or removes it from out/. The flow moves
 * to OUT_RECUPERE (first pickup time kept), and the invoice's first download is recorded as the
 * portal's download of the original records it — `first_downloaded_at` and the DOWNLOADED
 * journal event, once per invoice whatever the channel — with the flow, file and channel in
 * the event's data. Both commit in one transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendJournal, type Actor } from '../../invoices/journal.js';

export type PickupChannel = 'HTTP' | 'SFTP';

export async function recordPickup(options: {
  db: Kysely<DB>;
  flowId: string;
  file: string;
  channel: PickupChannel;
  actor: Actor;
}): Promise<void> {
  const { db, flowId } = options;
  await db.transaction().execute(async (trx) => {
    const at = new Date();
    const flow = await trx
      .updateTable('flow')
      .set((eb) => ({
        state: 'OUT_RECUPERE',
        picked_up_at: eb.fn.coalesce('picked_up_at', eb.val(at)),
      }))
      .where('id', '=', flowId)
      .where('direction', '=', 'OUT')
      .returning('invoice_id')
      .executeTakeFirst();
    if (!flow?.invoice_id) return;
    // Only the first download moves the date and writes the event, even when racing.
    const first = await trx
      .updateTable('invoice')
      .set({ first_downloaded_at: at })
      .where('id', '=', flow.invoice_id)
      .where('first_downloaded_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (first) {
      await appendJournal(trx, {
        invoiceId: first.id,
        event: 'DOWNLOADED',
        actor: options.actor,
        fromStatus: null,
        toStatus: null,
        at,
        data: { flowId, file: options.file, channel: options.channel },
      });
    }
  });
}

/**
 * An SFTP client finished reading, or removed, `name` in its out/ folder: when the name is a
 * file of one of its structure's outbound flows (`<invoiceId>.<ext>`), that is a pickup. Other
 * files of out/ (flow reports) are not outbound flows and are ignored.
 */
export async function recordSftpPickup(options: {
  db: Kysely<DB>;
  clientId: string;
  structureId: string;
  name: string;
}): Promise<boolean> {
  const match = /^(inv_[0-9a-z]{26})\.(xml|pdf)$/.exec(options.name);
  if (!match) return false;
  const flow = await options.db
    .selectFrom('flow')
    .select('id')
    .where('direction', '=', 'OUT')
    .where('invoice_id', '=', match[1]!)
    .where('structure_id', '=', options.structureId)
    .executeTakeFirst();
  if (!flow) return false;
  await recordPickup({
    db: options.db,
    flowId: flow.id,
    file: options.name,
    channel: 'SFTP',
    actor: { kind: 'CLIENT', clientId: options.clientId },
  });
  return true;
}
