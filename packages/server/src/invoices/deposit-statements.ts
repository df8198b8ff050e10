/**
 * The SQL of a deposit: the one statement that writes a new invoice with everything that goes
 * with it, and the rows it is made of. The statement is its own transaction (no BEGIN/COMMIT
 * round trips), foreign keys are checked at its end, and a unique violation leaves nothing of
 * it: a crash or a refusal leaves either all of the deposit or none of it.
 */
import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import { eventsInsertCtes } from '../events/record-event.js';
import { jobsInsertSql } from '../jobs/queue.js';
import { invoiceEvents } from './invoice-events.js';
import { chainedRow, type JournalEntry } from './journal.js';
import type { InvoiceStatus } from './model.js';

/**
 * The first rows of a new invoice's journal, chained as appendJournal chains them (the same
 * `chainedRow`, seq 1, 2…, first prev_hash ''), so they go in with the invoice in one statement
 * instead of three round trips per row. Only for an invoice not yet written: nobody else can
 * append to it meanwhile.
 */
export function newInvoiceJournal(
  invoiceId: string,
  at: Date,
  events: Omit<JournalEntry, 'invoiceId' | 'at'>[],
): { head: string; rows: Insertable<DB['invoice_event']>[] } {
  let head = '';
  const rows = events.map((event, i) => {
    const row = chainedRow({ ...event, invoiceId, at }, i + 1, head);
    head = row.hash;
    return row;
  });
  return { head, rows };
}

/** The rows of one deposit, as `insertDeposits` writes them. */
export interface DepositRows {
  invoice: Insertable<DB['invoice']> & { id: string };
  files: Insertable<DB['invoice_file']>[];
  events: Insertable<DB['invoice_event']>[];
  idempotency?: Insertable<DB['idempotency_key']> | undefined;
}

/**
 * Writes deposits in ONE statement: each invoice (in its final state, journal head included),
 * its files, its journal, the job telling the recipient, its events (and webhook deliveries:
 * events/record-event.ts) and, with an Idempotency-Key, the
 * answer to replay. A single deposit is this statement with one; a flow writes a batch with
 * the same text builder. All or nothing: a unique violation of any row undoes the whole
 * statement, so two concurrent deposits of one invoice cannot both pass — the second waits
 * for the first to commit, then fails on invoice_duplicate_key (or idempotency_key_pkey for a
 * retry racing with the same key); read the constraint with `uniqueViolation`. (A caller
 * writing a batch tells which of its rows was the duplicate by writing them again one by one.)
 */
export async function insertDeposits(
  db: Kysely<DB>,
  deposits: readonly DepositRows[],
): Promise<void> {
  const statement = new Statement();
  const all = <T>(pick: (d: DepositRows) => T[]) => deposits.flatMap(pick);
  const parts = [
    `invoice_rows as (${statement.insert(
      'invoice',
      deposits.map((d) => d.invoice),
    )})`,
    `file_rows as (${statement.insert(
      'invoice_file',
      all((d) => d.files),
    )})`,
    `event_rows as (${statement.insert(
      'invoice_event',
      all((d) => d.events),
    )})`,
    `job_rows as (${jobsInsertSql(
      'notify-invoice-available',
      deposits.map((d) => ({
        payload: { v: 1, invoiceId: d.invoice.id },
        singletonKey: d.invoice.id,
      })),
      (value) => statement.param(value),
    )})`,
  ];
  // The events of each deposit (the supplier's status change, the recipient's new invoice)
  // with their webhook deliveries: the journal's last row is the move they tell of.
  parts.push(
    ...eventsInsertCtes(
      deposits.flatMap(({ invoice, events }) => {
        const last = events[events.length - 1]!;
        return invoiceEvents(
          {
            id: invoice.id,
            number: invoice.number,
            supplier_structure_id: invoice.supplier_structure_id,
            recipient_structure_id: invoice.recipient_structure_id,
            recipient_service_id: invoice.recipient_service_id ?? null,
          },
          {
            from: (last.from_status ?? null) as InvoiceStatus | null,
            to: last.to_status as InvoiceStatus,
            seq: events.length,
            at: last.at as Date,
          },
        );
      }),
      (value) => statement.param(value),
    ),
  );
  const answers = all((d) => (d.idempotency ? [d.idempotency] : []));
  if (answers.length > 0) {
    parts.push(`idempotency_row as (${statement.insert('idempotency_key', answers)})`);
  }
  const text = `with ${parts.join(',\n')}\nselect 1`;
  // A single deposit's statement is prepared once per connection on PostgreSQL (one text per
  // shape: number of files, with or without an Idempotency-Key). A batch's text depends on its
  // size: planned each time, once for the whole batch.
  await db.executeQuery(
    deposits.length === 1
      ? preparedQuery(text, statement.values)
      : CompiledQuery.raw(text, statement.values),
  );
}

/** Writes one deposit: `insertDeposits` with one. */
export function insertDeposit(db: Kysely<DB>, rows: DepositRows): Promise<void> {
  return insertDeposits(db, [rows]);
}

/**
 * One statement's SQL text and values, written by hand: the deposit's write statement holds
 * some seventy values, and building it with the query builder (or sql`` fragments, each a
 * frozen node tree to compile) cost more CPU than the database spends on it.
 */
class Statement {
  readonly values: unknown[] = [];

  /** The placeholder of a new value. */
  param(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** `insert into <table> (columns) values (…), (…)` for typed rows that all have the same keys. */
  insert<T extends keyof DB & string>(table: T, rows: readonly Insertable<DB[T]>[]): string {
    const columns = Object.keys(rows[0]!) as (keyof Insertable<DB[T]> & string)[];
    const values = rows.map((row) => `(${columns.map((c) => this.param(row[c])).join(', ')})`);
    return `insert into ${table} (${columns.map((c) => `"${c}"`).join(', ')}) values ${values.join(', ')}`;
  }
}

/** The constraint a PostgreSQL unique violation (23505) names, on either driver. */
export function uniqueViolation(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}
