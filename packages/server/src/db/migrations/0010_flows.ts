import { sql, type Kysely } from 'kysely';

/**
 * Inbound flows (issue "The concentrator"): the flow, one row per entry with its outcome, the
 * flow number sequence, the two job queues, and notification_sent opened to flow mails.
 *
 * The flow's bytes are NOT here: they live in the file store (src/storage/), the row keeps the
 * key, the size and the SHA-256.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // numeroFluxDepot: 'FLX' + year + 12 digits, from a sequence (never reused, even when a
  // deposit's transaction rolls back: gaps are fine, duplicates are not).
  await sql`create sequence flow_number_seq`.execute(db);

  await db.schema
    .createTable('flow')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('IN','OUT')`))
    .addColumn('structure_id', 'text', (c) => c.notNull().references('structure.id'))
    .addColumn('depositor_user_id', 'text', (c) => c.references('app_user.id'))
    .addColumn('depositor_client_id', 'text', (c) => c.references('api_client.id'))
    .addColumn('syntax', 'text', (c) => c.notNull())
    .addColumn('framework', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('size', 'int8', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`state in ('IN_RECU','IN_EN_ATTENTE_TRAITEMENT_CPP','IN_EN_COURS_TRAITEMENT_CPP','IN_INTEGRE','IN_INTEGRE_PARTIEL','IN_REJETE','IN_INCIDENTE')`,
        ),
    )
    .addColumn('entry_count', 'integer')
    .addColumn('accepted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('refused_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'jsonb')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('waiting_at', 'timestamptz')
    .addColumn('processing_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    // One integration run at a time: a run holds the lease and renews it as it records.
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'timestamptz')
    // Runs that started and did not end cleanly (crash, technical error): IN_INCIDENTE past a few.
    .addColumn('failed_runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'flow_one_depositor',
      sql`(depositor_user_id is null) <> (depositor_client_id is null)`,
    )
    .execute();
  // Re-sending the same bytes gives back the first flow: unique per depositor and digest.
  await sql`create unique index flow_user_sha_key on flow (depositor_user_id, sha256)
    where depositor_user_id is not null and direction = 'IN'`.execute(db);
  await sql`create unique index flow_client_sha_key on flow (depositor_client_id, sha256)
    where depositor_client_id is not null and direction = 'IN'`.execute(db);
  // Lists: a structure's flows, newest first (ids are time-ordered), optionally by state.
  await db.schema
    .createIndex('flow_structure_idx')
    .on('flow')
    .columns(['structure_id', 'id'])
    .execute();
  await db.schema
    .createIndex('flow_structure_state_idx')
    .on('flow')
    .columns(['structure_id', 'state', 'id'])
    .execute();

  await db.schema
    .createTable('flow_entry')
    .addColumn('flow_id', 'text', (c) => c.notNull().references('flow.id'))
    .addColumn('index', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('invoice_number', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('ACCEPTED','REFUSED')`))
    .addColumn('invoice_id', 'text', (c) => c.references('invoice.id'))
    .addColumn('refusal_code', 'text')
    .addColumn('errors', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Re-integration after a crash inserts `on conflict do nothing`: an entry is recorded once.
    .addPrimaryKeyConstraint('flow_entry_pkey', ['flow_id', 'index'])
    .addCheckConstraint(
      'flow_entry_outcome_shape',
      sql`(outcome = 'ACCEPTED' and invoice_id is not null and refusal_code is null)
        or (outcome = 'REFUSED' and invoice_id is null and refusal_code is not null)`,
    )
    .execute();

  // Flow mails are recorded per (job, addressee) like invoice mails.
  await sql`alter table notification_sent alter column invoice_id drop not null`.execute(db);
  await sql`alter table notification_sent add column flow_id text references flow (id)`.execute(db);
  await sql`alter table notification_sent add constraint notification_sent_subject
    check (invoice_id is not null or flow_id is not null)`.execute(db);

  // The queues. Integration: a run is bounded in time (flows/integrate-flow.ts stops and
  // enqueues its continuation well before the expiry), so a run killed by a crash is failed by
  // maintenance after 5 minutes and retried; it resumes where the entries stop.
  const queues: [string, Record<string, unknown>][] = [
    ['integrate-flow', { retryLimit: 6, retryDelay: 10, retryBackoff: true, expireInSeconds: 300 }],
    [
      'notify-flow-integrated',
      { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 20 },
    ],
  ];
  // pg-boss 12's queue options (0009_pgboss_12): each queue its own partition of pgboss.job.
  for (const [name, options] of queues) {
    await sql`select pgboss.create_queue(${name}, ${JSON.stringify({
      policy: 'standard',
      retentionSeconds: 14 * 24 * 3600,
      partition: true,
      ...options,
    })}::jsonb)`.execute(db);
  }
}
