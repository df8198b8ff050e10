import { sql, type Kysely } from 'kysely';

/**
 * Outbound flows and status files (issue "The concentrator", section "Outbound").
 *
 * - Reception settings: a structure (and optionally each service, overriding it) may receive
 *   its invoices by flow, in a chosen form, with or without a rendering. A service's three
 *   columns are all null (it follows its structure) or all set.
 * - `flow` holds outbound flows too (direction OUT): no depositor, the invoice it carries, the
 *   form it was produced in, why the original was sent instead when a conversion failed, the
 *   rendering's file, and when the recipient picked it up. One per (invoice, recipient).
 * - The `produce-outbound-flow` queue.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const formats = sql`('ORIGINAL','UBL','CII','FACTURX')`;
  await sql`alter table structure
    add column reception_by_flow boolean not null default false,
    add column reception_format text not null default 'ORIGINAL' check (reception_format in ${formats}),
    add column reception_rendering boolean not null default false`.execute(db);
  await sql`alter table service
    add column reception_by_flow boolean,
    add column reception_format text check (reception_format in ${formats}),
    add column reception_rendering boolean,
    add constraint service_reception_all_or_none check (
      (reception_by_flow is null and reception_format is null and reception_rendering is null)
      or (reception_by_flow is not null and reception_format is not null and reception_rendering is not null))`.execute(
    db,
  );

  // The state check of 0010 named by PostgreSQL's rule for a column check: <table>_<column>_check.
  await sql`alter table flow drop constraint flow_state_check`.execute(db);
  await sql`alter table flow add constraint flow_state_check check (state in (
    'IN_RECU','IN_EN_ATTENTE_TRAITEMENT_CPP','IN_EN_COURS_TRAITEMENT_CPP','IN_INTEGRE',
    'IN_INTEGRE_PARTIEL','IN_REJETE','IN_INCIDENTE','OUT_A_RECUPERER','OUT_RECUPERE'))`.execute(db);
  // An inbound flow has exactly one depositor; an outbound one has none (the platform makes it).
  await sql`alter table flow drop constraint flow_one_depositor`.execute(db);
  await sql`alter table flow add constraint flow_one_depositor check (
    (direction = 'IN' and (depositor_user_id is null) <> (depositor_client_id is null))
    or (direction = 'OUT' and depositor_user_id is null and depositor_client_id is null))`.execute(
    db,
  );
  await sql`alter table flow
    add column invoice_id text references invoice (id),
    add column out_format text check (out_format in ${formats}),
    add column fallback jsonb,
    add column rendering_key text,
    add column rendering_size int8,
    add column rendering_sha256 text,
    add column picked_up_at timestamptz,
    add constraint flow_outbound_shape check (direction = 'IN' or (invoice_id is not null and out_format is not null))`.execute(
    db,
  );
  // One outbound flow per invoice and recipient: the producing job inserts on conflict do nothing.
  await sql`create unique index flow_outbound_key on flow (invoice_id, structure_id)
    where direction = 'OUT'`.execute(db);

  // pg-boss 12's queue options (0009_pgboss_12): its own partition of pgboss.job.
  await sql`select pgboss.create_queue('produce-outbound-flow', ${JSON.stringify({
    policy: 'standard',
    retentionSeconds: 14 * 24 * 3600,
    retryLimit: 10,
    retryDelay: 10,
    retryBackoff: true,
    expireInSeconds: 120,
    partition: true,
  })}::jsonb)`.execute(db);
}
