import { sql, type Kysely } from 'kysely';

/**
 * Events, webhooks and in-app notifications (issue 16, decision 0019).
 *
 * - `event`: what happened, one row per (event, structure told of it), written in the
 *   transaction of the change (events/record-event.ts). `order_key` and `seq` order the events
 *   of one subject (an invoice: its journal seq).
 * - `webhook`: a structure's receivers (URL, events wanted, the signing secret encrypted).
 * - `webhook_delivery`: one per (webhook, event), written with the event; its job is in the same
 *   statement. `webhook_attempt`: every try, with its outcome.
 * - `notification_read`: what each user has read of the bell; `notification_preference`: which
 *   mails each user wants, per event type.
 * - The `deliver-webhook` queue: retries with exponential backoff (5 s doubling, at most an hour
 *   apart); the handler itself gives up 24 h after the event.
 */
export const EVENT_TYPES_0019 = [
  'invoice.made_available',
  'invoice.status_changed',
  'sollicitation.opened',
  'sollicitation.answered',
  'flow.report_ready',
  'credential.expiring',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const types = sql.join(EVENT_TYPES_0019.map((t) => sql.lit(t)));
  await sql`create table event (
    id text primary key,
    type text not null check (type in (${types})),
    structure_id text not null references structure (id),
    -- Who of the structure is told in the portal: a space (and service), or its managers.
    audience text not null check (audience in ('FACTURES_EMISES','FACTURES_RECUES','SOLLICITATIONS','GESTIONNAIRE')),
    service_id text,
    invoice_id text,
    flow_id text,
    order_key text not null,
    seq int8 not null,
    payload jsonb not null,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index event_structure on event (structure_id, created_at desc, id desc)`.execute(
    db,
  );

  await sql`create table webhook (
    id text primary key,
    structure_id text not null references structure (id),
    url text not null,
    events text[] not null,
    secret_enc text not null,
    created_by text references app_user (id),
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index webhook_structure on webhook (structure_id)`.execute(db);

  await sql`create table webhook_delivery (
    id text primary key,
    webhook_id text not null references webhook (id) on delete cascade,
    event_id text not null references event (id),
    order_key text not null,
    seq int8 not null,
    state text not null default 'PENDING' check (state in ('PENDING','DELIVERED','FAILED')),
    attempts int not null default 0,
    leased_until timestamptz,
    created_at timestamptz not null default now(),
    delivered_at timestamptz,
    unique (webhook_id, event_id)
  )`.execute(db);
  await sql`create index webhook_delivery_chain on webhook_delivery (webhook_id, order_key, seq)
    where state = 'PENDING'`.execute(db);
  await sql`create index webhook_delivery_list on webhook_delivery (webhook_id, created_at desc)`.execute(
    db,
  );

  await sql`create table webhook_attempt (
    id text primary key,
    delivery_id text not null references webhook_delivery (id) on delete cascade,
    at timestamptz not null default now(),
    manual boolean not null default false,
    status_code int,
    duration_ms int not null,
    error text,
    response_excerpt text
  )`.execute(db);
  await sql`create index webhook_attempt_delivery on webhook_attempt (delivery_id, at)`.execute(db);

  await sql`create table notification_read (
    user_id text not null references app_user (id),
    event_id text not null references event (id),
    read_at timestamptz not null default now(),
    primary key (user_id, event_id)
  )`.execute(db);
  // Per user: everything before read_before counts as read ("mark all read"); digest_until:
  // the end of the window the last daily digest covered.
  await sql`create table notification_state (
    user_id text primary key references app_user (id),
    read_before timestamptz,
    digest_until timestamptz
  )`.execute(db);
  await sql`create table notification_preference (
    user_id text not null references app_user (id),
    type text not null check (type in (${types})),
    mode text not null check (mode in ('IMMEDIATE','DIGEST','OFF')),
    primary key (user_id, type)
  )`.execute(db);

  await sql`select pgboss.create_queue('deliver-webhook', ${JSON.stringify({
    policy: 'standard',
    retentionSeconds: 3 * 24 * 3600,
    retryLimit: 40,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: 120,
    partition: true,
  })}::jsonb)`.execute(db);
}
