/**
 * The events an invoice's move causes (issue 16): the supplier is told of every status change;
 * the recipient of a move to MISE_A_DISPOSITION as "made available", of any other as a status
 * change. Ordered per invoice by the journal seq of the move.
 */
import type { NewEvent } from '../events/model.js';
import { lifecycleCodes } from './lifecycle-codes.js';
import type { InvoiceStatus } from './model.js';

export interface InvoiceParties {
  id: string;
  number: string;
  supplier_structure_id: string;
  recipient_structure_id: string;
  recipient_service_id: string | null;
}

export function invoiceEvents(
  invoice: InvoiceParties,
  move: { from: InvoiceStatus | null; to: InvoiceStatus; seq: number; at: Date },
): NewEvent[] {
  const data = {
    invoice: { id: invoice.id, number: invoice.number },
    oldStatus: move.from,
    newStatus: move.to,
    lifecycleCode: lifecycleCodes[move.to].code,
  };
  const common = { invoiceId: invoice.id, orderKey: invoice.id, seq: move.seq, data, at: move.at };
  const events: NewEvent[] = [
    {
      ...common,
      type: 'invoice.status_changed',
      structureId: invoice.supplier_structure_id,
      audience: 'FACTURES_EMISES',
    },
  ];
  const recipientType =
    move.to === 'MISE_A_DISPOSITION' ? 'invoice.made_available' : 'invoice.status_changed';
  // A structure invoicing itself is told once of a status change.
  if (
    recipientType === 'invoice.made_available' ||
    invoice.recipient_structure_id !== invoice.supplier_structure_id
  ) {
    events.push({
      ...common,
      type: recipientType,
      structureId: invoice.recipient_structure_id,
      audience: 'FACTURES_RECUES',
      serviceId: invoice.recipient_service_id,
    });
  }
  return events;
}
