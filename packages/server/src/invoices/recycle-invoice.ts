import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { startTransition } from './change-invoice-status.js';
import { checkRecipient } from './deposit-checks.js';
import { actorOf } from './journal.js';
import { applyTransition, type AppliedTransition } from './lifecycle.js';

/**
 * The supplier sends an invoice returned for wrong routing (A_RECYCLER) to its right
 * recipient: same number, new recipient/service/commitment → MISE_A_DISPOSITION, and the new
 * recipient service is told. The date first made available is kept (it started the clock).
 *
 * The new routing goes through the deposit's own recipient checks (deposit-checks.ts): the
 * same refusal codes and messages, in the same order, the service judged in force at the
 * invoice date as at deposit.
 */
export async function recycleInvoice(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  version: number;
  recipientIdentifier: string;
  serviceCode?: string | null | undefined;
  commitmentNumber?: string | null | undefined;
  now?: Date;
}): Promise<{ id: string } & AppliedTransition> {
  const { invoice, transition } = await startTransition({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    version: options.version,
    side: 'SUPPLIER',
    to: 'MISE_A_DISPOSITION',
    via: 'recycle',
  });
  const commitmentNumber = options.commitmentNumber?.trim() || null;
  const recipient = await checkRecipient({
    db: options.db,
    recipientIdentifier: options.recipientIdentifier,
    serviceCode: options.serviceCode ?? null,
    commitmentNumber,
    date: invoice.issue_date,
  });
  const routing = {
    recipientStructureId: recipient.structure.id,
    recipientName: recipient.structure.name,
    serviceId: recipient.service?.id ?? null,
    serviceCode: recipient.service?.code ?? null,
    commitmentNumber,
  };
  const applied = await options.db.transaction().execute((trx) =>
    applyTransition(trx, {
      invoice,
      version: options.version,
      to: transition.to,
      event: transition.event,
      actor: actorOf(options.principal),
      data: {
        previous: {
          recipientStructureId: invoice.recipient_structure_id,
          serviceCode: invoice.service_code,
          commitmentNumber: invoice.commitment_number,
        },
        recipientStructureId: routing.recipientStructureId,
        serviceCode: routing.serviceCode,
        commitmentNumber: routing.commitmentNumber,
      },
      columns: {
        recipient_structure_id: routing.recipientStructureId,
        recipient_service_id: routing.serviceId,
        service_code: routing.serviceCode,
        commitment_number: routing.commitmentNumber,
        recipient_name: routing.recipientName,
      },
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  return { id: invoice.id, ...applied };
}
