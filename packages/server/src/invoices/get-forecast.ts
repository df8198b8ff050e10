/**
 * Payment forecast: a supplier's expected cash-in by ISO week, and a recipient's upcoming
 * deadlines, out of the pure rules of payment-terms.ts.
 *
 * Invariants:
 * - the due date is the day the invoice was made available (French calendar day) plus the
 *   legal period of the recipient structure's category, moved by the suspensions the journal
 *   records (SUSPENDUE → next status), or by `invoice.suspended_since` for one still running;
 * - an invoice counts while it is payable and unpaid: made available, not rejected, not sent
 *   back for recycling, not yet MISE_EN_PAIEMENT; credit notes (AVOIR) and invoices already
 *   paid at deposit (framework A2) are never expected cash;
 * - interest is owed "as of" a day (today by default): ECB rate of the half-year in which
 *   interest started + 8 points, pro rata, plus the 40 € indemnity;
 * - the caller sees exactly what the invoice list would show it (same scope rules).
 */
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { PublicCategory } from '../directory/model.js';
import { loadEcbRates } from './list-ecb-rates.js';
import { resolveInvoiceScope, type ListSide } from './list-invoices.js';
import type { InvoiceStatus } from './model.js';
import {
  dueDate as computeDueDate,
  isoWeek,
  lateInterest,
  legalPeriodDays,
  parisDate,
  suspensionsFromEvents,
  type EcbRate,
  type LateInterest,
  type Suspension,
} from './payment-terms.js';
import Big from 'big.js';

/** Statuses in which an invoice is payable and not yet paid. */
export const openStatuses: readonly InvoiceStatus[] = [
  'MISE_A_DISPOSITION',
  'SUSPENDUE',
  'COMPLETEE',
  'SERVICE_FAIT',
  'MANDATEE',
  'MISE_A_DISPOSITION_COMPTABLE',
  'COMPTABILISEE',
];
/** Statuses in which no payment is due at all. */
const notPayable: readonly string[] = ['DEPOSEE', 'EN_COURS_ACHEMINEMENT', 'A_RECYCLER', 'REJETEE'];

/** The suspensions of each invoice, from its journal. */
export async function loadSuspensions(
  db: Kysely<DB>,
  invoices: readonly { id: string; suspended_since: Date | null }[],
): Promise<Map<string, Suspension[]>> {
  const out = new Map<string, Suspension[]>();
  if (invoices.length === 0) return out;
  // In batches: a structure may have many open invoices, and a bind-parameter list has limits.
  const events: {
    invoice_id: string;
    at: Date;
    from_status: string | null;
    to_status: string | null;
  }[] = [];
  for (let i = 0; i < invoices.length; i += 1000) {
    const batch = invoices.slice(i, i + 1000).map((inv) => inv.id);
    events.push(
      ...(await db
        .selectFrom('invoice_event')
        .select(['invoice_id', 'at', 'from_status', 'to_status'])
        .where('invoice_id', 'in', batch)
        .where((eb) =>
          eb.or([eb('to_status', '=', 'SUSPENDUE'), eb('from_status', '=', 'SUSPENDUE')]),
        )
        .orderBy('invoice_id')
        .orderBy('seq')
        .execute()),
    );
  }
  const byInvoice = new Map<
    string,
    { day: string; fromStatus: string | null; toStatus: string | null }[]
  >();
  for (const e of events) {
    const list = byInvoice.get(e.invoice_id) ?? [];
    list.push({ day: parisDate(e.at), fromStatus: e.from_status, toStatus: e.to_status });
    byInvoice.set(e.invoice_id, list);
  }
  for (const i of invoices) {
    out.set(
      i.id,
      suspensionsFromEvents(
        byInvoice.get(i.id) ?? [],
        i.suspended_since ? parisDate(i.suspended_since) : null,
      ),
    );
  }
  return out;
}

export interface PaymentTerms {
  /** Legal period of the recipient's category, days. */
  periodDays: number;
  /** French calendar day the period started; null while not made available. */
  madeAvailableOn: string | null;
  suspensions: Suspension[];
  /** null: not payable, not yet made available, or the clock is stopped by a suspension. */
  dueDate: string | null;
  paid: boolean;
  /** Interest owed for paying late (as of `asOf`, or on the payment date); null when no due date. */
  lateInterest: LateInterest | null;
}

/** Payment terms of one invoice row, as of a day. */
export function paymentTermsOf(options: {
  invoice: {
    status: string;
    made_available_at: Date | null;
    amount_due: string | null;
    total_with_vat: string | null;
    payment_date: string | null;
    payment_amount: string | null;
  };
  category: PublicCategory | null;
  suspensions: Suspension[];
  rates: readonly EcbRate[];
  asOf: string;
}): PaymentTerms {
  const { invoice } = options;
  const periodDays = legalPeriodDays(options.category);
  const madeAvailableOn = invoice.made_available_at ? parisDate(invoice.made_available_at) : null;
  const paid = invoice.status === 'MISE_EN_PAIEMENT';
  const due =
    madeAvailableOn && !notPayable.includes(invoice.status)
      ? computeDueDate({
          madeAvailable: madeAvailableOn,
          periodDays,
          suspensions: options.suspensions,
        })
      : null;
  const amount =
    (paid ? invoice.payment_amount : null) ?? invoice.amount_due ?? invoice.total_with_vat ?? '0';
  return {
    periodDays,
    madeAvailableOn,
    suspensions: options.suspensions,
    dueDate: due,
    paid,
    lateInterest:
      due === null
        ? null
        : lateInterest({
            amount,
            due,
            paidOn: (paid ? invoice.payment_date : null) ?? options.asOf,
            rates: options.rates,
          }),
  };
}

export interface CashInWeek {
  week: string;
  monday: string;
  sunday: string;
  currency: string;
  amount: string;
  count: number;
}

export interface ForecastInvoice {
  id: string;
  number: string;
  status: InvoiceStatus;
  counterpartyName: string;
  serviceCode: string | null;
  currency: string;
  amountDue: string;
  madeAvailableOn: string | null;
  /** null while suspended. */
  dueDate: string | null;
  daysLate: number;
  /** Interest rate applied (ECB + 8), interest, indemnity and their total, as of `asOf`. */
  lateInterest: LateInterest | null;
}

export interface Forecast {
  side: ListSide;
  structure: { identifier: string; name: string };
  asOf: string;
  /** Sent: unpaid invoices not yet late, by ISO week of their due date. */
  weeks: CashInWeek[];
  /** Sent: unpaid invoices past their due date, most late first. */
  overdue: ForecastInvoice[];
  /** Sent: the invoices the weeks add up, one by one, soonest due first. */
  upcoming: ForecastInvoice[];
  /** Received: every unpaid invoice by due date (overdue first), suspended ones last. */
  deadlines: ForecastInvoice[];
  /** Invoices whose clock is stopped (no due date can be promised). */
  suspended: ForecastInvoice[];
}

export async function getForecast(options: {
  db: Kysely<DB>;
  principal: Principal;
  side: ListSide;
  structure?: string | undefined;
  /** 'YYYY-MM-DD'; default: today in France. */
  asOf?: string | undefined;
  now?: Date;
}): Promise<Forecast> {
  const { db } = options;
  const asOf = options.asOf ?? parisDate(options.now ?? new Date());
  const scope = await resolveInvoiceScope({
    db,
    principal: options.principal,
    side: options.side,
    identifier: options.structure,
  });
  const sent = scope.side === 'sent';
  let query = db
    .selectFrom('invoice')
    .innerJoin('structure as recipient', 'recipient.id', 'invoice.recipient_structure_id')
    .select([
      'invoice.id',
      'invoice.number',
      'invoice.status',
      // Names as the directory gives them (see list-invoices).
      sql<string>`coalesce((select s.name from structure s where s.id = invoice.supplier_structure_id), invoice.supplier_name)`.as(
        'supplier_name',
      ),
      'recipient.name as recipient_name',
      'invoice.service_code',
      'invoice.currency',
      'invoice.amount_due',
      'invoice.total_with_vat',
      'invoice.made_available_at',
      'invoice.suspended_since',
      'invoice.payment_date',
      'invoice.payment_amount',
      'recipient.category',
    ])
    .where('invoice.status', 'in', openStatuses)
    .where('invoice.made_available_at', 'is not', null)
    .where('invoice.type', '<>', 'AVOIR')
    .where('invoice.framework', '<>', 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE');
  query = sent
    ? query.where('invoice.supplier_structure_id', '=', scope.structure.id)
    : query.where('invoice.recipient_structure_id', '=', scope.structure.id);
  if (!sent && scope.serviceIds !== null)
    query = query.where('invoice.recipient_service_id', 'in', scope.serviceIds);
  const rows = await query.execute();
  const [rates, suspensions] = await Promise.all([loadEcbRates(db), loadSuspensions(db, rows)]);

  const items = rows.map((r): ForecastInvoice => {
    const terms = paymentTermsOf({
      invoice: r,
      category: r.category as PublicCategory | null,
      suspensions: suspensions.get(r.id) ?? [],
      rates,
      asOf,
    });
    return {
      id: r.id,
      number: r.number,
      status: r.status as InvoiceStatus,
      counterpartyName: sent ? r.recipient_name : r.supplier_name,
      serviceCode: r.service_code,
      currency: r.currency,
      amountDue: new Big(r.amount_due ?? r.total_with_vat ?? '0').toFixed(2),
      madeAvailableOn: terms.madeAvailableOn,
      dueDate: terms.dueDate,
      daysLate: terms.lateInterest?.daysLate ?? 0,
      lateInterest:
        terms.lateInterest && terms.lateInterest.daysLate > 0 ? terms.lateInterest : null,
    };
  });
  const byDue = (a: ForecastInvoice, b: ForecastInvoice) =>
    (a.dueDate ?? '').localeCompare(b.dueDate ?? '') || a.number.localeCompare(b.number);
  const dated = items.filter((i) => i.dueDate !== null).sort(byDue);
  const suspended = items
    .filter((i) => i.dueDate === null)
    .sort((a, b) => a.number.localeCompare(b.number));
  const header = { identifier: scope.structure.identifier, name: scope.structure.name };

  if (!sent)
    return {
      side: scope.side,
      structure: header,
      asOf,
      weeks: [],
      overdue: dated.filter((i) => i.dueDate! < asOf),
      upcoming: [],
      deadlines: [...dated, ...suspended],
      suspended,
    };

  // Not yet late: expected on the due date, summed per ISO week and currency.
  const weeks = new Map<string, CashInWeek>();
  for (const i of dated) {
    if (i.dueDate! < asOf) continue;
    const w = isoWeek(i.dueDate!);
    const key = `${w.week} ${i.currency}`;
    const bucket = weeks.get(key) ?? { ...w, currency: i.currency, amount: '0.00', count: 0 };
    bucket.amount = new Big(bucket.amount).plus(i.amountDue).toFixed(2);
    bucket.count += 1;
    weeks.set(key, bucket);
  }
  return {
    side: scope.side,
    structure: header,
    asOf,
    weeks: [...weeks.values()].sort(
      (a, b) => a.week.localeCompare(b.week) || a.currency.localeCompare(b.currency),
    ),
    overdue: dated.filter((i) => i.dueDate! < asOf),
    upcoming: dated.filter((i) => i.dueDate! >= asOf),
    deadlines: [],
    suspended,
  };
}
