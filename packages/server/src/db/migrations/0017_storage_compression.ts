import { sql, type Kysely } from 'kysely';

/**
 * Cheaper writes of what every deposit stores whole (decision 0015, flow throughput):
 *
 * - `invoice.model` becomes `json` instead of `jsonb`. The model is only ever read back whole
 *   (the invoice page, rendering, outbound flows), never queried inside; `jsonb` made the
 *   database parse and re-encode ~7.5 KB per deposit (0.13–0.21 ms of its CPU per invoice,
 *   measured) for operators nobody uses. `json` keeps the text as sent, still checked as JSON,
 *   and both drivers hand it back parsed as before.
 * - Where the server was built with lz4 (Debian's and most PostgreSQL packages; not the
 *   embedded PGlite, which keeps pglz), the two large values of a deposit — the original file
 *   and the model — are compressed with lz4: about 4× less CPU than pglz for these XML files
 *   (0.20 → 0.05 ms per 21 KB original, measured). Existing values keep their compression
 *   until rewritten; both read back the same.
 *
 * The type change rewrites the invoice table once (an operator with a large table may run it
 * in a maintenance window); `down` goes back to jsonb and pglz.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invoice alter column model type json using model::json`.execute(db);
  if (await hasLz4(db)) {
    await sql`alter table invoice alter column model set compression lz4`.execute(db);
    await sql`alter table invoice_file alter column content set compression lz4`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table invoice alter column model type jsonb using model::jsonb`.execute(db);
  if (await hasLz4(db)) {
    await sql`alter table invoice alter column model set compression pglz`.execute(db);
    await sql`alter table invoice_file alter column content set compression pglz`.execute(db);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function hasLz4(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`select coalesce(
      (select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'),
      false) as lz4`.execute(db);
  return rows[0]?.lz4 === true;
}
