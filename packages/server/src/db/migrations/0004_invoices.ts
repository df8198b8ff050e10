import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invoice')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('issue_date', 'date', (c) => c.notNull())
    .addColumn('issue_year', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('FACTURE','AVOIR','ACOMPTE')`))
    .addColumn('type_code', 'text')
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('supplier_structure_id', 'text', (c) => c.notNull().references('structure.id'))
    .addColumn('recipient_structure_id', 'text', (c) => c.notNull().references('structure.id'))
    .addColumn('recipient_service_id', 'text', (c) => c.references('service.id'))
    .addColumn('service_code', 'text')
    .addColumn('commitment_number', 'text')
    .addColumn('supplier_name', 'text', (c) => c.notNull())
    .addColumn('recipient_name', 'text', (c) => c.notNull())
    .addColumn('total_without_vat', 'numeric')
    .addColumn('total_vat', 'numeric')
    .addColumn('total_with_vat', 'numeric')
    .addColumn('amount_due', 'numeric')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('journal_head', 'text', (c) => c.notNull())
    .addColumn('journal_length', 'integer', (c) => c.notNull())
    .addColumn('deposited_by_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('deposited_by_client_id', 'text', (c) => c.references('api_client.id'))
    .addColumn('deposited_at', 'timestamptz', (c) => c.notNull())
    .addColumn('made_available_at', 'timestamptz')
    .addColumn('first_downloaded_at', 'timestamptz')
    .addColumn('suspended_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('suspended_since', 'timestamptz')
    .addColumn('mandate_number', 'text')
    .addColumn('payment_date', 'date')
    .addColumn('payment_amount', 'numeric')
    .addColumn('model', 'jsonb', (c) => c.notNull())
    .addColumn('warnings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A duplicate is the same supplier, number and year of issue: refused as DOUBLON.
    .addUniqueConstraint('invoice_duplicate_key', ['supplier_structure_id', 'number', 'issue_year'])
    .execute();
  // The recipient's inbox (per structure and service, newest first) and the supplier's list.
  await db.schema
    .createIndex('invoice_inbox_idx')
    .on('invoice')
    .columns([
      'recipient_structure_id',
      'recipient_service_id',
      'status',
      'made_available_at',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('invoice_inbox_date_idx')
    .on('invoice')
    .columns(['recipient_structure_id', 'made_available_at', 'id'])
    .execute();
  await db.schema
    .createIndex('invoice_sent_idx')
    .on('invoice')
    .columns(['supplier_structure_id', 'deposited_at', 'id'])
    .execute();

  await db.schema
    .createTable('invoice_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoice.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('ORIGINAL','ATTACHMENT','COMPLEMENT')`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('invoice_file_invoice_idx')
    .on('invoice_file')
    .column('invoice_id')
    .execute();

  await db.schema
    .createTable('invoice_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoice.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_client_id', 'text')
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('reason', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('invoice_event_seq_key', ['invoice_id', 'seq'])
    .execute();
  // Append-only: the journal refuses updates and deletes (tampering then needs a superuser
  // disabling the trigger, and `chorale journal verify` still finds it through the hashes).
  await sql`
    create function invoice_event_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'invoice_event is append-only';
    end $$`.execute(db);
  await sql`
    create trigger invoice_event_no_change before update or delete on invoice_event
    for each row execute function invoice_event_append_only()`.execute(db);

  await db.schema
    .createTable('idempotency_key')
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_key_pkey', ['principal', 'key'])
    .execute();

  await db.schema
    .createTable('ecb_rate')
    .addColumn('valid_from', 'date', (c) => c.primaryKey())
    .addColumn('rate', 'numeric', (c) => c.notNull())
    .execute();
  // ECB main refinancing operations rate, from each change date (public data; the operator
  // adds later changes with `chorale rates set`).
  const rates: [string, string][] = [
    ['2016-03-16', '0.00'],
    ['2022-07-27', '0.50'],
    ['2022-09-14', '1.25'],
    ['2022-11-02', '2.00'],
    ['2022-12-21', '2.50'],
    ['2023-02-08', '3.00'],
    ['2023-03-22', '3.50'],
    ['2023-05-10', '3.75'],
    ['2023-06-21', '4.00'],
    ['2023-08-02', '4.25'],
    ['2023-09-20', '4.50'],
    ['2024-06-12', '4.25'],
    ['2024-09-18', '3.65'],
    ['2024-10-23', '3.40'],
    ['2024-12-18', '3.15'],
    ['2025-02-05', '2.90'],
    ['2025-03-12', '2.65'],
    ['2025-04-23', '2.40'],
    ['2025-06-11', '2.15'],
  ];
  await db
    .insertInto('ecb_rate')
    .values(rates.map(([valid_from, rate]) => ({ valid_from, rate })))
    .execute();
}
