import { sql, type Kysely } from 'kysely';

/**
 * The concentrator's wiring (issue "The concentrator"): the channel a flow came by, when its
 * report was delivered to the depositor's SFTP `out/`, and the queue of that delivery.
 *
 * - `flow.channel`: 'API' (HTTP deposit, the only channel before this migration: the default
 *   fills existing rows) or 'SFTP'. A flow deposited by SFTP gets its report written to the
 *   account's `out/` when it reaches a final state.
 * - `flow.report_delivered_at`: set once both report files are in `out/`; a retried delivery job
 *   that finds it set does nothing (the client may have fetched and deleted them meanwhile).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('flow')
    .addColumn('channel', 'text', (c) =>
      c
        .notNull()
        .defaultTo('API')
        .check(sql`channel in ('API','SFTP')`),
    )
    .execute();
  await db.schema.alterTable('flow').addColumn('report_delivered_at', 'timestamptz').execute();
  // Writing two small files: quick, retried often at first (a full disk, a folder being fixed).
  await sql`select pgboss.create_queue('deliver-flow-report', ${JSON.stringify({
    policy: 'standard',
    retentionMinutes: 60 * 24 * 14,
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    expireInSeconds: 60,
  })})`.execute(db);
}
