import { sql, type Kysely } from 'kysely';

/**
 * Ten years of invoices (issue 17, decision 0024): indexes for every hot filter of the lists,
 * and per-status counters so the status tags never count a structure's invoices one by one.
 *
 * Indexes (beside those of 0004): each serves one list shape in its own order, so a first or
 * deep keyset page reads about one page of index entries whatever the table's size.
 * - `invoice_inbox_service_date_idx`: a clerk's inbox on one service, every status (0004's
 *   `invoice_inbox_idx` has the status before the date, so it orders one status only).
 * - `invoice_inbox_status_date_idx`: a whole-structure inbox on one status (status tag).
 * - `invoice_sent_status_idx`: a supplier's list on one status.
 * - `invoice_received_number_idx` / `invoice_sent_number_idx`: the number filter
 *   (case-insensitive prefix, `lower(number) like 'x%'`): text_pattern_ops so a prefix is an
 *   index range under any database collation.
 * - `invoice_received_supplier_idx` / `invoice_sent_recipient_idx`: the other party named by
 *   its identifier (counterparty), newest first.
 * - `invoice_received_amount_idx` / `invoice_sent_amount_idx`: bounds on the total with VAT (a
 *   narrow range is found here, then its few rows sorted; a wide one reads the date order).
 *
 * Counters (`invoice_status_count`): the contribution of every invoice to the summary of its
 * supplier (side `sent`) and, once made available, of its recipient service (side `received`):
 * count, sum of totals with VAT, sum of amounts due, and the same for payable invoices.
 * Invariant: for every (structure, side, service, status, currency), the sum of its rows equals
 * the aggregate over `invoice` that summariseInvoices used to compute. A trigger keeps it in the
 * statement that changes the invoice (so in its transaction, whatever the code path: deposit,
 * lifecycle, recycling, completion). Rows are deltas, only ever inserted by the trigger: two
 * transactions changing invoices of the same structure never wait on one counter row nor
 * deadlock on two. `invoice_status_count_compact` folds a structure's deltas into one row per
 * key (the summary calls it when it read too many); `invoice_status_count_rebuild` recomputes
 * everything from `invoice` (backfill here, bulk loads, an operator's repair).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index invoice_inbox_service_date_idx
    on invoice (recipient_structure_id, recipient_service_id, made_available_at, id)`.execute(db);
  await sql`create index invoice_inbox_status_date_idx
    on invoice (recipient_structure_id, status, made_available_at, id)`.execute(db);
  await sql`create index invoice_sent_status_idx
    on invoice (supplier_structure_id, status, deposited_at, id)`.execute(db);
  await sql`create index invoice_received_number_idx
    on invoice (recipient_structure_id, lower(number) text_pattern_ops)`.execute(db);
  await sql`create index invoice_sent_number_idx
    on invoice (supplier_structure_id, lower(number) text_pattern_ops)`.execute(db);
  await sql`create index invoice_received_supplier_idx
    on invoice (recipient_structure_id, supplier_structure_id, made_available_at, id)`.execute(db);
  await sql`create index invoice_sent_recipient_idx
    on invoice (supplier_structure_id, recipient_structure_id, deposited_at, id)`.execute(db);
  await sql`create index invoice_received_amount_idx
    on invoice (recipient_structure_id, total_with_vat)`.execute(db);
  await sql`create index invoice_sent_amount_idx
    on invoice (supplier_structure_id, total_with_vat)`.execute(db);

  await sql`create table invoice_status_count (
    structure_id text not null,
    side text not null check (side in ('sent', 'received')),
    service_id text,
    status text not null,
    currency text not null,
    invoices bigint not null,
    total_with_vat numeric not null,
    amount_due numeric not null,
    payable_invoices bigint not null,
    payable_amount numeric not null
  )`.execute(db);
  await sql`create index invoice_status_count_key
    on invoice_status_count (structure_id, side, service_id)`.execute(db);

  // One invoice row's contribution, times `sign` (+1 for the new row, -1 for the old one).
  await sql`
    create function invoice_status_count_add(r invoice, sign int) returns void
    language plpgsql as $$
    declare
      due numeric := coalesce(r.amount_due, r.total_with_vat, 0);
      payable int := case when r.type <> 'AVOIR'
        and r.framework <> 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE'
        and r.made_available_at is not null then 1 else 0 end;
    begin
      insert into invoice_status_count values (
        r.supplier_structure_id, 'sent', null, r.status, r.currency, sign,
        sign * coalesce(r.total_with_vat, 0), sign * due, sign * payable, sign * payable * due);
      if r.made_available_at is not null then
        insert into invoice_status_count values (
          r.recipient_structure_id, 'received', r.recipient_service_id, r.status, r.currency,
          sign, sign * coalesce(r.total_with_vat, 0), sign * due, sign * payable,
          sign * payable * due);
      end if;
    end $$`.execute(db);
  await sql`
    create function invoice_status_count_track() returns trigger language plpgsql as $$
    begin
      if tg_op <> 'INSERT' then perform invoice_status_count_add(old, -1); end if;
      if tg_op <> 'DELETE' then perform invoice_status_count_add(new, 1); end if;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger invoice_status_count_insert_delete after insert or delete on invoice
    for each row execute function invoice_status_count_track()`.execute(db);
  // Only the columns the counters read: a journal append or a download touches none.
  await sql`
    create trigger invoice_status_count_update
    after update of status, currency, made_available_at, supplier_structure_id,
      recipient_structure_id, recipient_service_id, total_with_vat, amount_due, type, framework
    on invoice for each row
    when ((old.status, old.currency, old.made_available_at, old.supplier_structure_id,
           old.recipient_structure_id, old.recipient_service_id, old.total_with_vat,
           old.amount_due, old.type, old.framework)
      is distinct from (new.status, new.currency, new.made_available_at,
           new.supplier_structure_id, new.recipient_structure_id, new.recipient_service_id,
           new.total_with_vat, new.amount_due, new.type, new.framework))
    execute function invoice_status_count_track()`.execute(db);
  // Truncating invoice would leave the counters counting vanished rows.
  await sql`
    create function invoice_status_count_truncate() returns trigger language plpgsql as $$
    begin
      delete from invoice_status_count;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger invoice_status_count_truncate after truncate on invoice
    for each statement execute function invoice_status_count_truncate()`.execute(db);

  // Folds one structure's side into one row per key. Concurrent callers and writers stay
  // exact: the delete takes only rows its snapshot sees (a delta committed meanwhile stays),
  // and a second compaction waits for the first, then finds its rows gone.
  await sql`
    create function invoice_status_count_compact(p_structure text, p_side text) returns void
    language sql as $$
      with gone as (
        delete from invoice_status_count
        where structure_id = p_structure and side = p_side
        returning *)
      insert into invoice_status_count
      select structure_id, side, service_id, status, currency, sum(invoices),
        sum(total_with_vat), sum(amount_due), sum(payable_invoices), sum(payable_amount)
      from gone
      group by structure_id, side, service_id, status, currency
      having sum(invoices) <> 0 or sum(total_with_vat) <> 0 or sum(amount_due) <> 0
        or sum(payable_invoices) <> 0 or sum(payable_amount) <> 0
    $$`.execute(db);
  // Everything from the invoices, under a lock that holds writers off meanwhile.
  await sql`
    create function invoice_status_count_rebuild() returns void language plpgsql as $$
    begin
      lock table invoice in share mode;
      delete from invoice_status_count;
      insert into invoice_status_count
      select structure_id, side, service_id, status, currency, count(*), sum(total),
        sum(due), sum(payable), sum(payable * due)
      from (
        select i.supplier_structure_id as structure_id, 'sent' as side, null::text as service_id,
          i.status, i.currency, coalesce(i.total_with_vat, 0) as total,
          coalesce(i.amount_due, i.total_with_vat, 0) as due,
          case when i.type <> 'AVOIR' and i.framework <> 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE'
            and i.made_available_at is not null then 1 else 0 end as payable
        from invoice i
        union all
        select i.recipient_structure_id, 'received', i.recipient_service_id, i.status,
          i.currency, coalesce(i.total_with_vat, 0), coalesce(i.amount_due, i.total_with_vat, 0),
          case when i.type <> 'AVOIR' and i.framework <> 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE'
            then 1 else 0 end
        from invoice i
        where i.made_available_at is not null
      ) c
      group by structure_id, side, service_id, status, currency;
    end $$`.execute(db);
  await sql`select invoice_status_count_rebuild()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger invoice_status_count_truncate on invoice`.execute(db);
  await sql`drop trigger invoice_status_count_update on invoice`.execute(db);
  await sql`drop trigger invoice_status_count_insert_delete on invoice`.execute(db);
  await sql`drop function invoice_status_count_rebuild()`.execute(db);
  await sql`drop function invoice_status_count_compact(text, text)`.execute(db);
  await sql`drop function invoice_status_count_truncate()`.execute(db);
  await sql`drop function invoice_status_count_track()`.execute(db);
  await sql`drop function invoice_status_count_add(invoice, int)`.execute(db);
  await sql`drop table invoice_status_count`.execute(db);
  for (const index of [
    'invoice_sent_amount_idx',
    'invoice_received_amount_idx',
    'invoice_sent_recipient_idx',
    'invoice_received_supplier_idx',
    'invoice_sent_number_idx',
    'invoice_received_number_idx',
    'invoice_sent_status_idx',
    'invoice_inbox_status_date_idx',
    'invoice_inbox_service_date_idx',
  ])
    await sql`drop index ${sql.id(index)}`.execute(db);
}
