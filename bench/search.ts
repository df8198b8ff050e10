/**
 * Invoice search benchmark: 1,000,000 generated invoices (one set-based INSERT … SELECT over
 * generate_series), then a recipient clerk's filtered inbox page — recipient structure +
 * service + status, newest first, 50 rows — through the `listInvoices` use case (scope check
 * and page query, as the API runs it), first pages and following pages (keyset cursor), p50 /
 * p95 over a few hundred queries. Beside it, measured in the same run: a plain primary-key
 * lookup of one invoice, the floor of any query on this database.
 *
 * Runs on PostgreSQL when DATABASE_URL is set (a throw-away database is created on that server
 * and dropped at the end), and on the embedded PGlite (in memory) unless `--skip-pglite`.
 *
 *   npm run bench:search [-- --invoices 1000000] [-- --queries 300] [-- --skip-pglite]
 */
import { sql, type Kysely } from 'kysely';
import type { Principal } from '../packages/server/src/accounts/model.js';
import { openDatabase, type Database } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import type { DB } from '../packages/server/src/db/schema.js';
import { listInvoices } from '../packages/server/src/invoices/list-invoices.js';
import { invoiceStatuses } from '../packages/server/src/invoices/model.js';
import { numberArg } from './support/args.js';
import { createThrowawayDatabase, dropThrowawayDatabase } from './support/postgres.js';
import { quantile } from './support/stats.js';

const INVOICES = numberArg('--invoices', 1_000_000);
const QUERIES = numberArg('--queries', 300);
const SKIP_PGLITE = process.argv.includes('--skip-pglite');
const RECIPIENTS = 200;
const SERVICES = 5;
const SUPPLIERS = 2_000;

const ms = (x: number) => `${x.toFixed(2)} ms`;
function stats(samples: number[]): { p50: number; p95: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s.at(-1)! };
}

/**
 * Structures, services, one clerk with the FACTURES_RECUES right on the busiest recipient, and
 * the invoices. The busiest recipient (str_r0000) receives 10 % of all invoices, the others
 * share the rest; statuses are skewed like a real inbox (most invoices far down the lifecycle).
 */
async function generate(db: Kysely<DB>): Promise<void> {
  await sql`
    insert into structure (id, identifier_type, identifier, name, is_public, category, name_key, search_text)
    select 'str_r' || lpad(g::text, 4, '0'), 'SIRET', '2' || lpad(g::text, 13, '0'),
           'Collectivité ' || g, true, 'COMMUNE', 'collectivite ' || g, 'collectivite ' || g
    from generate_series(0, ${RECIPIENTS - 1}) g`.execute(db);
  await sql`
    insert into structure (id, identifier_type, identifier, name, is_public, name_key, search_text)
    select 'str_s' || lpad(g::text, 4, '0'), 'SIRET', '8' || lpad(g::text, 13, '0'),
           'Fournisseur ' || g, false, 'fournisseur ' || g, 'fournisseur ' || g
    from generate_series(0, ${SUPPLIERS - 1}) g`.execute(db);
  await sql`
    insert into service (id, structure_id, code, name)
    select 'svc_r' || lpad(r::text, 4, '0') || '_' || s, 'str_r' || lpad(r::text, 4, '0'),
           'SERV-' || s, 'Service ' || s
    from generate_series(0, ${RECIPIENTS - 1}) r, generate_series(0, ${SERVICES - 1}) s`.execute(
    db,
  );
  await sql`
    insert into app_user (id, email, name, password_hash)
    values ('usr_bench', 'bench@example.test', 'Bench Clerk', 'x')`.execute(db);
  await sql`
    insert into membership (id, user_id, structure_id, role)
    values ('mbr_bench', 'usr_bench', 'str_r0000', 'UTILISATEUR')`.execute(db);
  await sql`
    insert into membership_right (membership_id, space, service_id)
    values ('mbr_bench', 'FACTURES_RECUES', null)`.execute(db);

  const statuses = sql.raw(
    `array[${['MISE_EN_PAIEMENT', 'MISE_EN_PAIEMENT', 'MISE_EN_PAIEMENT', 'COMPTABILISEE', 'MANDATEE', 'SERVICE_FAIT', 'MISE_A_DISPOSITION', 'MISE_A_DISPOSITION', 'SUSPENDUE', 'REJETEE', 'COMPLETEE', 'A_RECYCLER'].map((s) => `'${s}'`).join(',')}]`,
  );
  // One statement: PostgreSQL builds the rows and maintains the indexes in a single pass.
  await sql`
    insert into invoice (
      id, number, issue_date, issue_year, type, type_code, framework, currency, format,
      supplier_structure_id, recipient_structure_id, recipient_service_id, service_code,
      supplier_name, recipient_name, total_without_vat, total_vat, total_with_vat, amount_due,
      status, journal_head, journal_length, deposited_at, made_available_at, model)
    select
      'inv_' || lpad(g::text, 10, '0'),
      'B-' || g,
      (timestamptz '2024-11-24' + (g * interval '63 seconds'))::date,
      extract(year from timestamptz '2024-11-24' + (g * interval '63 seconds'))::int,
      'FACTURE', '380', 'A1_FACTURE_FOURNISSEUR', 'EUR', 'UBL',
      'str_s' || lpad((g % ${SUPPLIERS})::text, 4, '0'),
      'str_r' || lpad(r::text, 4, '0'),
      'svc_r' || lpad(r::text, 4, '0') || '_' || (g / 7 % ${SERVICES}),
      'SERV-' || (g / 7 % ${SERVICES}),
      'Fournisseur ' || (g % ${SUPPLIERS}),
      'Collectivité ' || r,
      (g % 9973 + 10)::numeric, ((g % 9973 + 10) * 0.2)::numeric,
      ((g % 9973 + 10) * 1.2)::numeric, ((g % 9973 + 10) * 1.2)::numeric,
      (${statuses})[1 + (g::bigint * 7919) % 12],
      '', 0,
      timestamptz '2024-11-24' + (g * interval '63 seconds'),
      timestamptz '2024-11-24' + (g * interval '63 seconds') + interval '2 minutes',
      '{}'::jsonb
    from (
      select g, case when g % 10 = 0 then 0 else 1 + g % ${RECIPIENTS - 1} end as r
      from generate_series(1, ${INVOICES}) g
    ) t`.execute(db);
  await sql`analyze`.execute(db);
}

async function measure(label: string, database: Database): Promise<void> {
  const { db } = database;
  console.log(`\n${label}`);
  let t0 = performance.now();
  await migrateToLatest(db);
  await generate(db);
  const count = await db
    .selectFrom('invoice')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `  generated ${Number(count.n).toLocaleString('en')} invoices in ${((performance.now() - t0) / 1000).toFixed(1)} s (insert + indexes + analyze)`,
  );

  const principal: Principal = {
    kind: 'user',
    userId: 'usr_bench',
    csrfToken: '',
    sessionHash: '',
  };
  const inboxStatuses = ['MISE_A_DISPOSITION', 'SUSPENDUE', 'COMPLETEE'] as const;
  const page = (i: number, cursor?: string) =>
    listInvoices({
      db,
      principal,
      side: 'received',
      structure: '20000000000000',
      filters: { service: `SERV-${i % SERVICES}`, status: [inboxStatuses[i % 3]!] },
      sort: 'date',
      order: 'desc',
      limit: 50,
      cursor,
    });

  // The plan of the page query (the use case's last statement), to show the index it takes.
  const plan = await sql<{ 'QUERY PLAN': string }>`
    explain select id from invoice
    where recipient_structure_id = 'str_r0000' and recipient_service_id = 'svc_r0000_1'
      and status = 'MISE_A_DISPOSITION' and made_available_at is not null
    order by made_available_at desc, id desc limit 51`.execute(db);
  console.log(
    `  plan: ${plan.rows
      .map((r) => r['QUERY PLAN'].trim())
      .slice(0, 3)
      .join(' / ')}`,
  );

  const ids = Array.from(
    { length: QUERIES },
    (_, i) => `inv_${String(1 + ((i * 7_654_321) % INVOICES)).padStart(10, '0')}`,
  );
  // Warm-up: the caches of both databases, and the JIT of this process.
  for (let i = 0; i < 30; i++) {
    await page(i);
    await db.selectFrom('invoice').selectAll().where('id', '=', ids[i]!).executeTakeFirst();
  }

  const pk: number[] = [];
  for (const id of ids) {
    t0 = performance.now();
    await db.selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    pk.push(performance.now() - t0);
  }
  const first: number[] = [];
  const next: number[] = [];
  let rows = 0;
  for (let i = 0; i < QUERIES; i++) {
    t0 = performance.now();
    const p1 = await page(i);
    first.push(performance.now() - t0);
    rows += p1.items.length;
    if (!p1.nextCursor) continue;
    // Follow a few pages: the cursor's keyset must cost the same as the first page.
    let cursor: string | null = p1.nextCursor;
    for (let k = 0; k < 1 + (i % 5) && cursor; k++) {
      t0 = performance.now();
      const pn = await page(i, cursor);
      next.push(performance.now() - t0);
      cursor = pn.nextCursor;
    }
  }
  // The same page query timed inside the database (EXPLAIN ANALYZE execution time): what the
  // query costs without the round trips and this process's scheduling on a busy machine.
  const inside: number[] = [];
  for (let i = 0; i < Math.min(QUERIES, 200); i++) {
    const res = await sql<{ 'QUERY PLAN': unknown }>`
      explain (analyze, format json) select id, number, status, total_with_vat, made_available_at
      from invoice
      where recipient_structure_id = 'str_r0000'
        and recipient_service_id = ${`svc_r0000_${i % SERVICES}`}
        and status = ${inboxStatuses[i % 3]!} and made_available_at is not null
      order by made_available_at desc, id desc limit 51`.execute(db);
    const raw = res.rows[0]!['QUERY PLAN'];
    const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as {
      'Execution Time': number;
      'Planning Time': number;
    }[];
    inside.push(doc[0]!['Execution Time'] + doc[0]!['Planning Time']);
  }
  const d = stats(inside);
  const a = stats(pk);
  const b = stats(first);
  const c = stats(next);
  console.log(
    `  primary-key lookup (baseline): p50 ${ms(a.p50)}  p95 ${ms(a.p95)}  max ${ms(a.max)}  (${pk.length} lookups)`,
  );
  console.log(
    `  inbox first page (50 rows):    p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  max ${ms(b.max)}  (${first.length} queries, ${(rows / first.length).toFixed(0)} rows avg)`,
  );
  console.log(
    `  inbox next pages (cursor):     p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  max ${ms(c.max)}  (${next.length} queries)`,
  );
  console.log(
    `  page query inside the database: p50 ${ms(d.p50)}  p95 ${ms(d.p95)}  max ${ms(d.max)}  (planning + execution, ${inside.length} queries)`,
  );
  console.log(
    `  p95 target < 20 ms: ${b.p95 < 20 && c.p95 < 20 ? 'met' : 'NOT met'}; first page p95 = ${(b.p95 / a.p95).toFixed(1)}× the primary-key p95`,
  );
}

console.log(
  `Invoice search: ${INVOICES.toLocaleString('en')} invoices, ${RECIPIENTS} recipients × ${SERVICES} services (one with 10 % of all invoices), ${SUPPLIERS} suppliers, ${invoiceStatuses.length} statuses; clerk inbox = busiest recipient + service + status, newest first, 50 rows`,
);

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const { name, url } = await createThrowawayDatabase(serverUrl, 'chorale_bench_search_');
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    await measure(`PostgreSQL (${url.host}, throw-away database ${name})`, database);
  } finally {
    await database.close();
    await dropThrowawayDatabase(serverUrl, name);
  }
} else {
  console.log(
    '\nPostgreSQL: skipped (set DATABASE_URL to a server this role may create databases on)',
  );
}
if (!SKIP_PGLITE) {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await measure('PGlite (embedded, in memory)', database);
  } finally {
    await database.close();
  }
}
