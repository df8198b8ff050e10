import { sql, type Kysely } from 'kysely';

/**
 * The names each structure's counterparties go by (issue 17, decision 0024): the list filter
 * "part of a supplier's (or recipient's) name" finds the few counterparties whose name holds
 * the text here, then their invoices through the (structure, other party, date) indexes of
 * 0021, instead of reading every invoice of the structure to match its name (29 s on an inbox
 * of a million invoices).
 *
 * `invoice_party_name` holds one row per (structure, side, other party, name as written on an
 * invoice between them): side `received` for a recipient's suppliers (the supplier's name on
 * the invoice), `sent` for a supplier's recipients. Invariant: for every invoice, its two
 * rows exist (a trigger writes them in the statement that writes the invoice, so in its
 * transaction). Rows are never removed when an invoice changes or goes: a name left over only
 * adds a candidate, and the list rechecks each invoice's own name, so answers stay exact.
 * `invoice_party_name_rebuild()` refills it from `invoice` (backfill here, bulk loads).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table invoice_party_name (
    structure_id text not null,
    side text not null check (side in ('sent', 'received')),
    other_structure_id text not null,
    name text not null,
    primary key (structure_id, side, other_structure_id, name)
  )`.execute(db);
  await sql`
    create function invoice_party_name_track() returns trigger language plpgsql as $$
    begin
      insert into invoice_party_name values
        (new.recipient_structure_id, 'received', new.supplier_structure_id, new.supplier_name),
        (new.supplier_structure_id, 'sent', new.recipient_structure_id, new.recipient_name)
      on conflict do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create trigger invoice_party_name_insert after insert on invoice
    for each row execute function invoice_party_name_track()`.execute(db);
  // Recycling moves an invoice to another recipient; nothing else renames a party.
  await sql`
    create trigger invoice_party_name_update
    after update of supplier_structure_id, recipient_structure_id, supplier_name, recipient_name
    on invoice for each row
    when ((old.supplier_structure_id, old.recipient_structure_id, old.supplier_name,
           old.recipient_name)
      is distinct from (new.supplier_structure_id, new.recipient_structure_id,
           new.supplier_name, new.recipient_name))
    execute function invoice_party_name_track()`.execute(db);
  await sql`
    create function invoice_party_name_rebuild() returns void language sql as $$
      insert into invoice_party_name
      select distinct recipient_structure_id, 'received', supplier_structure_id, supplier_name
      from invoice
      union
      select distinct supplier_structure_id, 'sent', recipient_structure_id, recipient_name
      from invoice
      on conflict do nothing
    $$`.execute(db);
  await sql`select invoice_party_name_rebuild()`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger invoice_party_name_update on invoice`.execute(db);
  await sql`drop trigger invoice_party_name_insert on invoice`.execute(db);
  await sql`drop function invoice_party_name_rebuild()`.execute(db);
  await sql`drop function invoice_party_name_track()`.execute(db);
  await sql`drop table invoice_party_name`.execute(db);
}
