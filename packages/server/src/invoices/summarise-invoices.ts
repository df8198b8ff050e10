/**
 * Invoice counts and amounts by status, for a supplier's dashboard (sent) or a recipient's
 * (received).
 *
 * Invariants:
 * - the caller sees exactly what the invoice list would show it: the scope comes from
 *   `resolveInvoiceScope` (another structure → NOT_FOUND, a member without the right →
 *   FORBIDDEN, a clerk counts only the services they hold FACTURES_RECUES on), and a
 *   recipient counts only invoices made available to it;
 * - one query on the per-status counters (migration 0021, kept by a trigger in the
 *   transaction of every invoice change), grouped by status and currency: it reads a few rows
 *   per status whatever the number of invoices, and the database adds the amounts (numeric,
 *   never a binary float);
 * - "awaiting payment" counts what the forecast counts: payable, unpaid statuses, no credit
 *   notes, no invoices already paid at deposit; the amount is what is due (amount due, else the
 *   total with VAT).
 */
import Big from 'big.js';
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { openStatuses } from './get-forecast.js';
import { resolveInvoiceScope, type ListSide } from './list-invoices.js';
import { invoiceStatuses, type InvoiceStatus } from './model.js';

export interface StatusSummary {
  status: InvoiceStatus;
  currency: string;
  count: number;
  /** Sum of the totals with VAT (BT-112), decimal string. */
  totalWithVat: string;
  /** Sum of the amounts due (BT-115, else BT-112), decimal string. */
  amountDue: string;
}

export interface AwaitingPayment {
  currency: string;
  count: number;
  amount: string;
}

export interface InvoicesSummary {
  side: ListSide;
  structure: { identifier: string; name: string };
  /** Only the (status, currency) pairs that have invoices, in lifecycle order then currency. */
  statuses: StatusSummary[];
  /** Per currency. */
  awaitingPayment: AwaitingPayment[];
}

/** Delta rows read beyond two per (status, currency) before the summary folds them. */
export const COMPACT_AFTER = 200;

const money = (value: string | number | bigint | null): string =>
  new Big(value === null ? '0' : String(value)).toFixed(2);

export async function summariseInvoices(options: {
  db: Kysely<DB>;
  principal: Principal;
  side: ListSide;
  structure?: string | undefined;
}): Promise<InvoicesSummary> {
  const { db } = options;
  const scope = await resolveInvoiceScope({
    db,
    principal: options.principal,
    side: options.side,
    identifier: options.structure,
  });
  const sent = scope.side === 'sent';
  // The counters (migration 0021) hold every invoice's contribution to its supplier's summary
  // and, once made available, to its recipient service's: the sums of their rows are exactly
  // the aggregates over the invoices, read in a handful of rows however many invoices there are.
  let query = db
    .selectFrom('invoice_status_count')
    .select([
      'status',
      'currency',
      sql<string>`sum(invoices)`.as('count'),
      sql<string>`sum(total_with_vat)`.as('total_with_vat'),
      sql<string>`sum(amount_due)`.as('amount_due'),
      sql<string>`sum(payable_invoices)`.as('payable_count'),
      sql<string>`sum(payable_amount)`.as('payable_amount'),
      sql<number>`count(*)::int`.as('deltas'),
    ])
    .where('structure_id', '=', scope.structure.id)
    .where('side', '=', sent ? 'sent' : 'received')
    .groupBy(['status', 'currency']);
  if (!sent && scope.serviceIds !== null) {
    // A clerk with rights on no service of the structure sees nothing (never everything).
    query =
      scope.serviceIds.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where('service_id', 'in', scope.serviceIds);
  }
  const groups = await query.execute();
  // Every change of an invoice adds rows; past a few per key, fold them so the next read stays
  // a handful of rows (exact either way: the sums do not change).
  const deltas = groups.reduce((n, g) => n + Number(g.deltas), 0);
  if (deltas > COMPACT_AFTER + 2 * groups.length)
    await sql`select invoice_status_count_compact(${scope.structure.id}, ${sent ? 'sent' : 'received'})`.execute(
      db,
    );
  // A key whose invoices all moved on sums to zero: no status shown for it, as before.
  const rows = groups.filter((g) => Number(g.count) !== 0);

  const order = (s: string) => invoiceStatuses.indexOf(s as InvoiceStatus);
  const statuses = rows
    .map((r): StatusSummary => ({
      status: r.status as InvoiceStatus,
      currency: r.currency,
      count: Number(r.count),
      totalWithVat: money(r.total_with_vat),
      amountDue: money(r.amount_due),
    }))
    .sort((a, b) => order(a.status) - order(b.status) || a.currency.localeCompare(b.currency));

  const awaiting = new Map<string, { count: number; amount: Big }>();
  for (const r of rows) {
    if (!openStatuses.includes(r.status as InvoiceStatus) || Number(r.payable_count) === 0)
      continue;
    const bucket = awaiting.get(r.currency) ?? { count: 0, amount: new Big(0) };
    bucket.count += Number(r.payable_count);
    bucket.amount = bucket.amount.plus(money(r.payable_amount));
    awaiting.set(r.currency, bucket);
  }
  return {
    side: scope.side,
    structure: { identifier: scope.structure.identifier, name: scope.structure.name },
    statuses,
    awaitingPayment: [...awaiting.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, b]) => ({ currency, count: b.count, amount: b.amount.toFixed(2) })),
  };
}
