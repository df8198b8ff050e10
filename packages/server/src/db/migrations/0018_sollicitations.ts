import { sql, type Kysely } from 'kysely';

/**
 * Sollicitations (issue 16, decision 0018): questions a supplier asks a recipient structure
 * (about one invoice, or none) or the platform's support, as threads of messages with files.
 *
 * - `platform_support`: the users who operate the instance (created by `chorale support add`).
 * - `sollicitation`: one thread. Addressed to a structure (and, when about an invoice, to the
 *   service holding it) or to the platform. `waiting_since`: since when the addressee owes an
 *   answer (null once answered or closed): the inbox's order and the overdue count rest on it.
 * - `sollicitation_message` and `sollicitation_file` (bytes in the file store, under
 *   storage_key, like flows).
 * - `notification_sent` opened to sollicitation mails; the `notify-sollicitation` queue.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table platform_support (
    user_id text primary key references app_user (id),
    created_at timestamptz not null default now())`.execute(db);

  await sql`create table sollicitation (
    id text primary key,
    subject text not null check (char_length(subject) between 1 and 200),
    category text not null check (category in ('STATUT_FACTURE','DELAI_PAIEMENT',
      'ACHEMINEMENT','ENGAGEMENT','REJET','COMPTE_ACCES','TECHNIQUE_API','AUTRE')),
    subcategory text not null,
    status text not null check (status in ('OUVERTE','EN_COURS','REPONDUE','CLOSE')),
    requester_structure_id text not null references structure (id),
    requester_user_id text not null references app_user (id),
    invoice_id text references invoice (id),
    addressee text not null check (addressee in ('STRUCTURE','PLATFORM')),
    recipient_structure_id text references structure (id),
    recipient_service_id text references service (id),
    version int4 not null default 1,
    opened_at timestamptz not null default now(),
    waiting_since timestamptz,
    closed_at timestamptz,
    updated_at timestamptz not null default now(),
    constraint sollicitation_addressee_shape check (
      (addressee = 'PLATFORM' and recipient_structure_id is null and recipient_service_id is null)
      or (addressee = 'STRUCTURE' and recipient_structure_id is not null)),
    constraint sollicitation_closed_shape check ((status = 'CLOSE') = (closed_at is not null)))`.execute(
    db,
  );
  // Inboxes: the open threads of a structure (or of the platform), oldest wait first.
  await sql`create index sollicitation_inbox_idx
    on sollicitation (recipient_structure_id, waiting_since, id)`.execute(db);
  await sql`create index sollicitation_platform_idx on sollicitation (waiting_since, id)
    where addressee = 'PLATFORM'`.execute(db);
  await sql`create index sollicitation_requester_idx
    on sollicitation (requester_structure_id, opened_at desc, id desc)`.execute(db);
  await sql`create index sollicitation_invoice_idx on sollicitation (invoice_id)
    where invoice_id is not null`.execute(db);

  await sql`create table sollicitation_message (
    id text primary key,
    sollicitation_id text not null references sollicitation (id),
    author_user_id text not null references app_user (id),
    side text not null check (side in ('REQUESTER','RECIPIENT','SUPPORT')),
    body text not null check (char_length(body) between 1 and 10000),
    created_at timestamptz not null default now())`.execute(db);
  await sql`create index sollicitation_message_thread_idx
    on sollicitation_message (sollicitation_id, created_at, id)`.execute(db);

  await sql`create table sollicitation_file (
    id text primary key,
    sollicitation_id text not null references sollicitation (id),
    message_id text not null references sollicitation_message (id),
    name text not null,
    media_type text not null,
    size int8 not null,
    sha256 text not null,
    storage_key text not null,
    created_at timestamptz not null default now())`.execute(db);
  await sql`create index sollicitation_file_thread_idx
    on sollicitation_file (sollicitation_id)`.execute(db);

  await sql`alter table notification_sent
    add column sollicitation_id text references sollicitation (id)`.execute(db);
  await sql`alter table notification_sent drop constraint notification_sent_subject`.execute(db);
  await sql`alter table notification_sent add constraint notification_sent_subject
    check (invoice_id is not null or flow_id is not null or sollicitation_id is not null)`.execute(
    db,
  );

  // pg-boss 12's queue options (0009_pgboss_12): its own partition of pgboss.job.
  await sql`select pgboss.create_queue('notify-sollicitation', ${JSON.stringify({
    policy: 'standard',
    retentionSeconds: 14 * 24 * 3600,
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 20,
    partition: true,
  })}::jsonb)`.execute(db);
}
