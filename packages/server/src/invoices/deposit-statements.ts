/**
 * The SQL of a deposit: the one statement that writes a new invoice with everything that goes
 * with it, and the rows it is made of. The statement is its own transaction (no BEGIN/COMMIT
 * round trips), foreign keys are checked at its end, and a unique violation leaves nothing of
 * it: a crash or a refusal leaves either all of the deposit or none of it.
 */
import type { Insertable, Kysely } from 'kysely';
import { preparedQuery } from '../db/prepared.js';
import type { DB } from '../db/schema.js';
import { jobInsertSql } from '../jobs/queue.js';
import { chainedRow, type JournalEntry } from './journal.js';

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

/**
 * Writes a deposit in ONE statement: the invoice (in its final state, journal head included),
 * its files, its journal, the job telling the recipient and, with an Idempotency-Key, the
 * answer to replay. The unique keys decide duplicates, so two concurrent deposits of one
 * invoice cannot both pass: the second waits for the first to commit, then fails on
 * invoice_duplicate_key (or idempotency_key_pkey for a retry racing with the same key); read
 * the constraint with `uniqueViolation`.
 */
export async function insertDeposit(
  db: Kysely<DB>,
  rows: {
    invoice: Insertable<DB['invoice']> & { id: string };
    files: Insertable<DB['invoice_file']>[];
    events: Insertable<DB['invoice_event']>[];
    idempotency?: Insertable<DB['idempotency_key']> | undefined;
  },
): Promise<void> {
  const statement = new Statement();
  const parts = [
    `invoice_row as (${statement.insert('invoice', [rows.invoice])})`,
    `file_rows as (${statement.insert('invoice_file', rows.files)})`,
    `event_rows as (${statement.insert('invoice_event', rows.events)})`,
    `job_row as (${jobInsertSql(
      'notify-invoice-available',
      { v: 1, invoiceId: rows.invoice.id },
      { singletonKey: rows.invoice.id },
      (value) => statement.param(value),
    )})`,
  ];
  if (rows.idempotency) {
    parts.push(`idempotency_row as (${statement.insert('idempotency_key', [rows.idempotency])})`);
  }
  // Prepared once per connection on PostgreSQL: one text per shape (number of files, with or
  // without an Idempotency-Key).
  await db.executeQuery(preparedQuery(`with ${parts.join(',\n')}\nselect 1`, statement.values));
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
