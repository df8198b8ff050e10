/**
 * Exact invoice counts read from the per-status counters (migration 0021, decision 0024)
 * instead of the invoices: a list whose filters are only the scope, the recipient service and
 * the status counts its rows in a handful of counter rows, however many invoices match.
 *
 * Invariant: the counters' received side holds exactly the invoices made available, per
 * (recipient structure, recipient service, status, currency), and their sent side every invoice
 * per (supplier structure, status, currency) — the rows `listInvoices` selects for those
 * filters (a trigger keeps them in the transaction of every change).
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type Side = 'sent' | 'received';
/** The list's filters (ListInvoicesFilters), as far as the counters read them. */
interface Filters {
  service?: string | undefined;
  status?: readonly string[] | undefined;
}

/** Whether the counters answer these filters exactly (scope, service received, status). */
export function countersAnswer(side: Side, filters: Filters & object): boolean {
  return Object.entries(filters).every(
    ([key, value]) =>
      value === undefined ||
      value === false ||
      (Array.isArray(value) && value.length === 0) ||
      key === 'status' ||
      (key === 'service' && side === 'received'),
  );
}

/** How many invoices of the scope match (filters as `countersAnswer` accepts them). */
export async function countFromCounters(
  db: Kysely<DB>,
  scope: { side: Side; structureId: string; serviceIds: string[] | null },
  filters: Filters,
): Promise<number> {
  const { side, structureId } = scope;
  let query = db
    .selectFrom('invoice_status_count')
    .select(sql<string | null>`sum(invoices)`.as('n'))
    .where('structure_id', '=', structureId)
    .where('side', '=', side);
  if (side === 'received' && scope.serviceIds !== null)
    query =
      scope.serviceIds.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where('service_id', 'in', scope.serviceIds);
  if (side === 'received' && filters.service !== undefined) {
    const code = filters.service;
    // As the list: a service of another structure, or none of this code, counts nothing.
    query = query.where('service_id', '=', (eb) =>
      eb
        .selectFrom('service')
        .select('service.id')
        .where('service.structure_id', '=', structureId)
        .where('service.code', '=', code),
    );
  }
  if (filters.status?.length) query = query.where('status', 'in', [...new Set(filters.status)]);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n ?? 0);
}
