/**
 * Invoice counts and amounts by status, for a supplier's dashboard (sent) or a recipient's
 * (received).
 *
 * Invariants:
 * - the caller sees exactly what the invoice list would show it: the scope comes from
 *   `resolveInvoiceScope` (another structure → NOT_FOUND, a member without the right →
 *   FORBIDDEN, a clerk counts only the services they hold FACTURES_RECUES on), and a
 *   recipient counts only invoices made available to it;
 * - one set-based query, grouped by status and currency: the database adds the amounts
 *   (numeric, never a binary float) however many invoices there are;
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
  const due = sql<string>`coalesce(invoice.amount_due, invoice.total_with_vat, 0)`;
  const payable = sql<boolean>`invoice.type <> 'AVOIR' and invoice.framework <> 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE' and invoice.made_available_at is not null`;

  let query = db
    .selectFrom('invoice')
    .select([
      'invoice.status',
      'invoice.currency',
      sql<number>`count(*)::int`.as('count'),
      sql<string | null>`sum(coalesce(invoice.total_with_vat, 0))`.as('total_with_vat'),
      sql<string | null>`sum(${due})`.as('amount_due'),
      sql<number>`(count(*) filter (where ${payable}))::int`.as('payable_count'),
      sql<string | null>`sum(${due}) filter (where ${payable})`.as('payable_amount'),
    ])
    .groupBy(['invoice.status', 'invoice.currency']);
  if (sent) {
    query = query.where('invoice.supplier_structure_id', '=', scope.structure.id);
  } else {
    query = query
      .where('invoice.recipient_structure_id', '=', scope.structure.id)
      .where('invoice.made_available_at', 'is not', null);
    if (scope.serviceIds !== null) {
      // A clerk with rights on no service of the structure sees nothing (never everything).
      query =
        scope.serviceIds.length === 0
          ? query.where(sql<boolean>`false`)
          : query.where('invoice.recipient_service_id', 'in', scope.serviceIds);
    }
  }
  const rows = await query.execute();

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
