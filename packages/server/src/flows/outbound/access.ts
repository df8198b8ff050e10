/**
 * Who may see an outbound flow: the recipient side of the invoice it carries, as reading the
 * invoice itself (invoice-access.ts) — so a clerk limited to one service sees only that
 * service's flows. Anyone not tied to the flow's recipient structure gets 404, as for a flow
 * that does not exist (the supplier included: the flow is the recipient's copy).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../../accounts/model.js';
import type { DB } from '../../db/schema.js';
import { loadInvoiceFor } from '../../invoices/invoice-access.js';
import { AppError, notFound } from '../../lib/errors.js';

export async function checkOutboundAccess(options: {
  db: Kysely<DB>;
  principal: Principal;
  flow: { id: string; structure_id: string; invoice_id: string | null };
}): Promise<void> {
  const { db, principal, flow } = options;
  const missing = () => notFound(`Flow ${flow.id}`);
  if (principal.kind === 'client') {
    if (principal.structureId !== flow.structure_id) throw missing();
  } else {
    const member = await db
      .selectFrom('membership')
      .select('id')
      .where('user_id', '=', principal.userId)
      .where('structure_id', '=', flow.structure_id)
      .executeTakeFirst();
    if (!member) throw missing();
  }
  if (!flow.invoice_id) throw missing();
  try {
    const { sides } = await loadInvoiceFor({
      db,
      principal,
      invoiceId: flow.invoice_id,
      purpose: 'read',
    });
    if (!sides.includes('RECIPIENT')) {
      throw new AppError(
        'FORBIDDEN',
        'You do not hold the "invoices received" right for this invoice',
      );
    }
  } catch (error) {
    // The invoice was sent on to another recipient since: this structure's copy is gone.
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw missing();
    throw error;
  }
}
