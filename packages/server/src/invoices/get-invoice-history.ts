/**
 * An invoice's journal, oldest first, for whoever may read the invoice. Each row says who,
 * when, from which status to which, why, and carries its hash (so a reader can re-check the
 * chain with `chorale journal verify`).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { loadInvoiceFor } from './invoice-access.js';
import type { ActorKind, InvoiceStatus, JournalEvent } from './model.js';

export interface HistoryEntry {
  seq: number;
  at: string;
  event: JournalEvent;
  actor: { kind: ActorKind; userId: string | null; clientId: string | null; name: string | null };
  fromStatus: InvoiceStatus | null;
  toStatus: InvoiceStatus | null;
  reason: string | null;
  data: Record<string, unknown>;
  hash: string;
}

export async function getInvoiceHistory(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
}): Promise<{ invoiceId: string; entries: HistoryEntry[] }> {
  const { db } = options;
  const { invoice } = await loadInvoiceFor({
    db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    purpose: 'read',
  });
  const rows = await db
    .selectFrom('invoice_event')
    .leftJoin('app_user', 'app_user.id', 'invoice_event.actor_user_id')
    .leftJoin('api_client', 'api_client.id', 'invoice_event.actor_client_id')
    .select([
      'invoice_event.seq',
      'invoice_event.at',
      'invoice_event.event',
      'invoice_event.actor_kind',
      'invoice_event.actor_user_id',
      'invoice_event.actor_client_id',
      'invoice_event.from_status',
      'invoice_event.to_status',
      'invoice_event.reason',
      'invoice_event.data',
      'invoice_event.hash',
      'app_user.name as user_name',
      'api_client.name as client_name',
    ])
    .where('invoice_event.invoice_id', '=', invoice.id)
    .orderBy('invoice_event.seq')
    .execute();
  return {
    invoiceId: invoice.id,
    entries: rows.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      event: r.event as JournalEvent,
      actor: {
        kind: r.actor_kind as ActorKind,
        userId: r.actor_user_id,
        clientId: r.actor_client_id,
        name: r.user_name ?? r.client_name ?? null,
      },
      fromStatus: r.from_status as InvoiceStatus | null,
      toStatus: r.to_status as InvoiceStatus | null,
      reason: r.reason,
      data: r.data,
      hash: r.hash,
    })),
  };
}
