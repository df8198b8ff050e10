import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { loadInvoiceFor } from './invoice-access.js';
import { actorOf, appendJournal } from './journal.js';

/**
 * The supplier acknowledges that its invoice was refused (REJETEE). A journal event only: the
 * status stays final and the version does not move. A second acknowledgement writes nothing.
 */
export async function acknowledgeRejection(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  now?: Date;
}): Promise<{ id: string; acknowledged: true; seq: number }> {
  const { invoice } = await loadInvoiceFor({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    side: 'SUPPLIER',
  });
  if (invoice.status !== 'REJETEE') {
    throw new AppError(
      'CONFLICT',
      `Only a refused invoice can be acknowledged (it is ${invoice.status})`,
    );
  }
  return options.db.transaction().execute(async (trx) => {
    // Lock first: two acknowledgements at once must not both append.
    await trx.selectFrom('invoice').select('id').where('id', '=', invoice.id).forUpdate().execute();
    const previous = await trx
      .selectFrom('invoice_event')
      .select('seq')
      .where('invoice_id', '=', invoice.id)
      .where('event', '=', 'REJECTION_ACKNOWLEDGED')
      .executeTakeFirst();
    if (previous) return { id: invoice.id, acknowledged: true as const, seq: previous.seq };
    const { seq } = await appendJournal(trx, {
      invoiceId: invoice.id,
      event: 'REJECTION_ACKNOWLEDGED',
      actor: actorOf(options.principal),
      fromStatus: 'REJETEE',
      toStatus: 'REJETEE',
      ...(options.now ? { at: options.now } : {}),
    });
    return { id: invoice.id, acknowledged: true as const, seq };
  });
}
