/**
 * Invoice search benchmark (issue 17, decision 0024): 10,000,000 generated invoices over ten
 * years of deposits (bench/support/search-data.ts), then, through the use cases as the API runs
 * them (scope check, page query, bounded count), p50 / p95 of:
 * - the clerk inbox first page (whole structure; one service), 50 rows newest first;
 * - filtered pages (status tag, service + status, one month, number prefix);
 * - deep keyset pages (a cursor five years back, then the pages after it);
 * - the status-tag counts (`summariseInvoices`: per-status counters), beside the exact
 *   `count(*) … group by status` they replace, timed a few times;
 * - a supplier's list (first page, status filter, deep page);
 * and a primary-key lookup as the floor of any query in the same run. Each hot query's plan is
 * printed (EXPLAIN ANALYZE of the SQL the use case sent), with the index it took and whether
 * any Seq Scan on invoice appears; then the targets, met or not.
 *
 * PostgreSQL when DATABASE_URL is set; PGlite (in memory, smaller by default) unless
 * `--skip-pglite`. `--keep` keeps the PostgreSQL database (`chorale_bench_search_<n>`) so a
 * re-run skips the generation; `--generate-only` stops after it.
 *
 *   npm run bench:search [-- --invoices 10000000] [-- --pglite-invoices 100000]
 *     [-- --queries 200] [-- --keep] [-- --generate-only] [-- --skip-pglite]
 */
import { cpus, loadavg } from 'node:os';
import { CompiledQuery, sql, type Kysely, type KyselyPlugin } from 'kysely';
import type { Principal } from '../packages/server/src/accounts/model.js';
import { openDatabase, type Database } from '../packages/server/src/db/database.js';
import { migrateToLatest } from '../packages/server/src/db/migrate.js';
import type { DB } from '../packages/server/src/db/schema.js';
import { encodeCursor } from '../packages/server/src/lib/cursor.js';
import {
  listInvoices,
  type ListInvoicesFilters,
  type ListSide,
} from '../packages/server/src/invoices/list-invoices.js';
import { summariseInvoices } from '../packages/server/src/invoices/summarise-invoices.js';
import { numberArg } from './support/args.js';
import { withClient } from './support/postgres.js';
import { quantile } from './support/stats.js';
import {
  DATA_VERSION,
  droppableIndexes,
  generateInvoices,
  generateParties,
  type Exec,
} from '../packages/server/test/support/invoice-volume.js';

const INVOICES = numberArg('--invoices', 10_000_000);
const PGLITE_INVOICES = numberArg('--pglite-invoices', 100_000);
const QUERIES = numberArg('--queries', 200);
const KEEP = process.argv.includes('--keep');
const GENERATE_ONLY = process.argv.includes('--generate-only');
const SKIP_PGLITE = process.argv.includes('--skip-pglite');
const CHUNK = 500_000;
const PAGE_TARGET_MS = 10;
const COUNT_TARGET_MS = 50;

const ms = (x: number) => `${x.toFixed(2)} ms`;
const secs = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: quantile(s, 0.5), p95: quantile(s, 0.95), max: s.at(-1)! };
};

/** Generates the data unless a kept database already holds it. */
async function generate(db: Kysely<DB>, exec: Exec, total: number): Promise<void> {
  const done = await exec(`select to_regclass('bench_search_meta') as t`);
  if (done.rows[0]!.t) {
    const meta = await exec(`select invoices, version from bench_search_meta`);
    const row = meta.rows[0] as { invoices: string | number; version: number } | undefined;
    if (row && Number(row.invoices) === total && row.version === DATA_VERSION) {
      console.log(`  kept database: ${total.toLocaleString('en')} invoices already generated`);
      return;
    }
    throw new Error('This kept database holds other data: drop it (or run without --keep)');
  }
  const t0 = performance.now();
  await migrateToLatest(db);
  await exec(`set session_replication_role = replica`);
  await exec(`set maintenance_work_mem = '1GB'`);
  await exec(`set max_parallel_maintenance_workers = 1`);
  await exec(`set synchronous_commit = off`);
  await generateParties(exec);
  const { indexes, constraints } = await droppableIndexes(exec);
  for (const c of constraints) await exec(`alter table invoice drop constraint ${c.name}`);
  for (const i of indexes) await exec(`drop index ${i.name}`);
  for (let from = 1; from <= total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK - 1);
    const tc = performance.now();
    await generateInvoices(exec, from, to, total);
    console.log(
      `  invoices ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${secs(tc)} this chunk, ${secs(t0)} in all)`,
    );
  }
  for (const c of constraints) {
    const tc = performance.now();
    await exec(`alter table invoice add constraint ${c.name} ${c.def}`);
    console.log(`  constraint ${c.name}: ${secs(tc)}`);
  }
  for (const i of indexes) {
    const tc = performance.now();
    await exec(i.def);
    console.log(`  index ${i.name}: ${secs(tc)}`);
  }
  let tc = performance.now();
  await exec(`select invoice_status_count_rebuild()`);
  console.log(`  status counters rebuilt: ${secs(tc)}`);
  tc = performance.now();
  await exec(`select invoice_party_name_rebuild()`);
  console.log(`  counterparties' names rebuilt: ${secs(tc)}`);
  tc = performance.now();
  await exec(`set session_replication_role = origin`);
  await exec(`vacuum (analyze) invoice`);
  await exec(`vacuum (analyze) invoice_party_name`);
  await exec(`vacuum (analyze) structure`);
  await exec(`analyze`);
  console.log(`  vacuum analyze: ${secs(tc)}`);
  await exec(`create table bench_search_meta as select ${total}::bigint as invoices, ${DATA_VERSION} as version,
    now() as generated_at`);
  console.log(`  generated in ${secs(t0)}`);
}

/** Records the SQL the use cases send, to EXPLAIN it afterwards. */
function recorder(db: Kysely<DB>) {
  const seen: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), seen };
}

interface Case {
  label: string;
  /** `info`: shapes decision 0024 leaves without an index of their own, timed to be known. */
  kind: 'page' | 'deep' | 'count' | 'info';
  run: (i: number) => Promise<unknown>;
}

async function explain(db: Kysely<DB>, q: CompiledQuery): Promise<{ lines: string[]; ms: number }> {
  const res = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`explain (analyze, costs off, timing off, summary on) ${q.sql}`, [
      ...q.parameters,
    ]),
  );
  const lines = res.rows.map((r) => r['QUERY PLAN']);
  const time = lines
    .filter((l) => /(Planning|Execution) Time/.test(l))
    .reduce((a, l) => a + Number(/([\d.]+) ms/.exec(l)?.[1] ?? 0), 0);
  return { lines: lines.filter((l) => !/(Planning|Execution) Time/.test(l)), ms: time };
}

async function measure(label: string, database: Database, total: number): Promise<boolean> {
  console.log(`\n${label}`);
  const { db } = database;
  const t0 = performance.now();
  await migrateToLatest(db);
  console.log(`  migrations: ${secs(t0)}`);

  const user = (userId: string): Principal => ({
    kind: 'user',
    userId,
  });
  const whole = user('usr_whole');
  const clerk = user('usr_service');
  const supplier = user('usr_supplier');
  const list = (
    d: Kysely<DB>,
    principal: Principal,
    side: ListSide,
    filters: ListInvoicesFilters = {},
    cursor?: string,
  ) =>
    listInvoices({
      db: d,
      principal,
      side,
      structure: side === 'sent' ? '80000000000000' : '20000000000000',
      filters,
      limit: 50,
      cursor,
    });
  // A cursor five years back: what a clerk reaches after thousands of pages (the keyset makes
  // it cost what the first page costs; an offset would read every row before it).
  const deepAt = (years: number, side: ListSide, i: number) => {
    const at = new Date(Date.parse('2026-11-30T00:00:00Z') - (years * 365 + i) * 86_400_000);
    return encodeCursor(`invoices:${side}:date:desc`, [
      at.toISOString().replace('T', ' ').replace('Z', '+00'),
      'inv_9999999999',
    ]);
  };
  // Number prefixes of the busiest recipient's invoices, each matching up to 100 numbers.
  const prefixes = (
    await sql<{ number: string }>`select number from invoice
      where recipient_structure_id = 'str_r0000' and id >= ${`inv_${String(Math.floor(total / 2)).padStart(10, '0')}`}
      order by id limit 20`.execute(db)
  ).rows.map((r) => r.number.slice(0, -2).toLowerCase());
  const statuses = ['MISE_A_DISPOSITION', 'SUSPENDUE', 'SERVICE_FAIT', 'A_RECYCLER'] as const;
  const casesOn = (db: Kysely<DB>): Case[] => [
    {
      label: 'inbox first page, whole structure',
      kind: 'page',
      run: () => list(db, whole, 'received'),
    },
    {
      label: 'inbox first page, one service',
      kind: 'page',
      run: () => list(db, clerk, 'received'),
    },
    {
      label: 'filtered: status tag (whole structure)',
      kind: 'page',
      run: (i) => list(db, whole, 'received', { status: [statuses[i % 4]!] }),
    },
    {
      label: 'filtered: service + status',
      kind: 'page',
      run: (i) => list(db, clerk, 'received', { status: [statuses[i % 4]!] }),
    },
    {
      label: 'filtered: one month (from/to)',
      kind: 'page',
      run: (i) =>
        list(db, whole, 'received', {
          from: `${2018 + (i % 7)}-03-01`,
          to: `${2018 + (i % 7)}-03-31`,
        }),
    },
    {
      label: 'filtered: number prefix',
      kind: 'page',
      run: (i) => list(db, whole, 'received', { number: prefixes[i % prefixes.length]! }),
    },
    {
      label: 'deep keyset page (5 years back), whole',
      kind: 'deep',
      run: (i) => list(db, whole, 'received', {}, deepAt(5, 'received', i)),
    },
    {
      label: 'deep keyset page, service + status',
      kind: 'deep',
      run: (i) =>
        list(db, clerk, 'received', { status: ['MISE_EN_PAIEMENT'] }, deepAt(5, 'received', i)),
    },
    { label: 'supplier list first page', kind: 'page', run: () => list(db, supplier, 'sent') },
    {
      label: 'supplier list, status filter',
      kind: 'page',
      run: (i) => list(db, supplier, 'sent', { status: [statuses[i % 4]!] }),
    },
    {
      label: 'supplier list, deep keyset page',
      kind: 'deep',
      run: (i) => list(db, supplier, 'sent', {}, deepAt(5, 'sent', i)),
    },
    {
      label: 'filtered: two statuses (whole structure)',
      kind: 'page',
      run: (i) =>
        list(db, whole, 'received', { status: [statuses[i % 4]!, statuses[(i + 1) % 4]!] }),
    },
    {
      label: 'filtered: amount range',
      kind: 'page',
      run: (i) =>
        list(db, whole, 'received', { minAmount: `${1000 + i}`, maxAmount: `${1100 + i}` }),
    },
    {
      label: 'filtered: supplier identifier',
      kind: 'page',
      run: (i) =>
        list(db, whole, 'received', {
          counterparty: `8${String(1 + ((i * 13) % 3998)).padStart(13, '0')}`,
        }),
    },
    {
      // 'seur 1234' names one supplier, 'seur 123' eleven, 'seur 12' 111 (migration 0026).
      label: 'filtered: part of a supplier name',
      kind: 'page',
      run: (i) => list(db, whole, 'received', { counterparty: `seur ${1 + ((i * 13) % 3998)}` }),
    },
    {
      label: 'filtered: a name no supplier bears',
      kind: 'page',
      run: (i) => list(db, whole, 'received', { counterparty: `seur ${1 + ((i * 13) % 3998)}x` }),
    },
    {
      label: 'exact total, one service (/cpro pages)',
      kind: 'page',
      run: () =>
        listInvoices({
          db,
          principal: clerk,
          side: 'received',
          structure: '20000000000000',
          limit: 50,
          withTotal: true,
        }),
    },
    {
      label: 'status-tag counts, whole recipient',
      kind: 'count',
      run: () => summariseInvoices({ db, principal: whole, side: 'received' }),
    },
    {
      label: 'status-tag counts, one service',
      kind: 'count',
      run: () => summariseInvoices({ db, principal: clerk, side: 'received' }),
    },
    {
      label: 'status-tag counts, busiest supplier',
      kind: 'count',
      run: () => summariseInvoices({ db, principal: supplier, side: 'sent' }),
    },
  ];
  const cases = casesOn(db);

  const ids = Array.from(
    { length: QUERIES },
    (_, i) => `inv_${String(1 + ((i * 7_654_321) % total)).padStart(10, '0')}`,
  );
  for (let i = 0; i < 20; i++) {
    for (const c of cases) if (c.kind !== 'info' || i === 0) await c.run(i);
    await db.selectFrom('invoice').selectAll().where('id', '=', ids[i]!).executeTakeFirst();
  }
  const pk: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    await db.selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    pk.push(performance.now() - t);
  }
  const base = stats(pk);
  console.log(
    `  primary-key lookup (floor):              p50 ${ms(base.p50)}  p95 ${ms(base.p95)}  (${pk.length})`,
  );
  // Per case: the wall time through the use case (this process, the pool, the machine's load
  // included), and the time inside the database of the statements it sends on invoice or the
  // counters (EXPLAIN ANALYZE planning + execution, summed per run): the query's own cost.
  let metClient = true;
  let metInside = true;
  let seqScan = false;
  const plans: string[] = [];
  const insideRuns = Math.min(QUERIES, 50);
  for (const [index, c] of cases.entries()) {
    const rec = recorder(db);
    await casesOn(rec.db)[index]!.run(1);
    // A subquery is compiled on its own too (Kysely runs the plugins on it): keep the outer.
    const all = rec.seen.filter((q) =>
      /from "invoice"|invoice_status_count|invoice_party_name/.test(q.sql),
    );
    const statements = all.filter((q) => !all.some((o) => o !== q && o.sql.includes(q.sql)));
    const samples: number[] = [];
    // The shapes without an index of their own may take seconds each: a few runs tell.
    const runs = c.kind === 'info' ? 5 : QUERIES;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await c.run(i);
      samples.push(performance.now() - t);
    }
    const inside: number[] = [];
    plans.push(`  — ${c.label}`);
    for (let i = 0; i < (c.kind === 'info' ? 3 : insideRuns); i++) {
      let sum = 0;
      for (const q of statements) {
        const { lines, ms: t } = await explain(db, q);
        sum += t;
        if (i > 0) continue;
        const seq = lines.some((l) => /Seq Scan on invoice\b/.test(l));
        if (seq && c.kind !== 'info') seqScan = true;
        const used = [
          ...new Set(
            lines.flatMap(
              (l) =>
                /(?:using (\S+) on invoice\b|Bitmap Index Scan on (invoice_(?!status_count)\S+))/
                  .exec(l)
                  ?.slice(1)
                  .filter(Boolean) ?? [],
            ),
          ),
        ];
        plans.push(
          `      ${seq ? 'SEQ SCAN on invoice' : 'no Seq Scan on invoice'}; index ${used.join(', ') || '—'}`,
          ...lines.slice(0, 8).map((l) => `        ${l}`),
        );
      }
      inside.push(sum);
    }
    const s = stats(samples);
    const d = stats(inside);
    const target = c.kind === 'count' ? COUNT_TARGET_MS : PAGE_TARGET_MS;
    if (c.kind !== 'info') {
      metClient &&= s.p95 < target;
      metInside &&= d.p95 < target;
    }
    console.log(
      `  ${c.label.padEnd(42)} client p50 ${ms(s.p50)} p95 ${ms(s.p95)} (${(s.p95 / base.p95).toFixed(1)}× pk) | inside db p50 ${ms(d.p50)} p95 ${ms(d.p95)}  ${c.kind === 'info' ? '(no target)' : `target < ${target} ms: client ${s.p95 < target ? 'met' : 'NOT met'}, inside ${d.p95 < target ? 'met' : 'NOT met'}`}`,
    );
  }
  console.log(
    '\n  Plans (EXPLAIN ANALYZE of the SQL each use case sends on invoice / the counters):',
  );
  for (const line of plans) console.log(line);

  // The exact aggregate the counters replace, a few times (it reads every row of the
  // structure): what the status tags would cost without them.
  const exact: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    await sql`select status, currency, count(*), sum(coalesce(total_with_vat, 0)) from invoice
      where recipient_structure_id = 'str_r0000' and made_available_at is not null
      group by status, currency`.execute(db);
    exact.push(performance.now() - t);
  }
  const e = stats(exact);
  console.log(
    `\n  exact group-by count over the busiest recipient (what the counters replace): p50 ${ms(e.p50)}  max ${ms(e.max)} (3 runs)`,
  );
  // Part of a name matched on every invoice of the structure, as before migration 0026: the
  // baseline of the name filter, a few times.
  const byRow: number[] = [];
  for (let i = 0; i < 3; i++) {
    const pattern = `%seur ${1000 + i * 777}%`;
    const t = performance.now();
    await sql`select id from invoice
      where recipient_structure_id = 'str_r0000' and made_available_at is not null
        and (supplier_name ilike ${pattern} or exists (select from structure
          where structure.id = invoice.supplier_structure_id and structure.name ilike ${pattern}))
      order by made_available_at desc, id desc limit 51`.execute(db);
    byRow.push(performance.now() - t);
  }
  const r = stats(byRow);
  console.log(
    `  part of a supplier name matched row by row (before migration 0026): p50 ${ms(r.p50)}  max ${ms(r.max)} (3 runs)`,
  );
  const load = loadavg().map((x) => x.toFixed(1));
  console.log(
    `  targets (pages < ${PAGE_TARGET_MS} ms p95, status counts < ${COUNT_TARGET_MS} ms p95, no Seq Scan on invoice): inside the database ${metInside && !seqScan ? 'MET' : 'NOT met'}; at the client ${metClient && !seqScan ? 'MET' : 'NOT met'} (load average ${load.join(' ')} on ${cpus().length} cores)`,
  );
  return metInside && !seqScan;
}

console.log(
  `Invoice search: ${INVOICES.toLocaleString('en')} invoices on PostgreSQL, ${PGLITE_INVOICES.toLocaleString('en')} on PGlite; ten years of deposits; the busiest recipient receives 10 %, the busiest supplier sends 5 %`,
);

const serverUrl = process.env.DATABASE_URL;
let ok = true;
if (serverUrl) {
  const name =
    KEEP || GENERATE_ONLY
      ? `chorale_bench_search_${INVOICES}`
      : `chorale_bench_search_tmp_${process.pid}`;
  const exists = await withClient(
    serverUrl,
    async (c) =>
      (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1,
  );
  if (!exists) await withClient(serverUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  try {
    await withClient(url.toString(), async (c) => {
      await migrateToLatest(database.db);
      await generate(database.db, (text) => c.query(text), INVOICES);
    });
    if (!GENERATE_ONLY)
      ok = await measure(`PostgreSQL (${url.host}, database ${name})`, database, INVOICES);
  } finally {
    await database.close();
    if (!KEEP && !GENERATE_ONLY)
      await withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  }
} else {
  console.log(
    '\nPostgreSQL: skipped (set DATABASE_URL to a server this role may create databases on)',
  );
}
if (!SKIP_PGLITE && !GENERATE_ONLY) {
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    const exec: Exec = async (text) => {
      const r = await sql.raw(text).execute(database.db);
      return { rows: r.rows as Record<string, unknown>[] };
    };
    await migrateToLatest(database.db);
    await generate(database.db, exec, PGLITE_INVOICES);
    ok = (await measure('PGlite (embedded, in memory)', database, PGLITE_INVOICES)) && ok;
  } finally {
    await database.close();
  }
}
process.exitCode = ok ? 0 : 1;
