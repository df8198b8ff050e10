import { CompiledQuery, sql, type Kysely, type KyselyPlugin, type Transaction } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/accounts/model.js';
import type { DB } from '../../src/db/schema.js';
import {
  listInvoices,
  type ListInvoicesFilters,
  type ListSide,
} from '../../src/invoices/list-invoices.js';
import { summariseInvoices } from '../../src/invoices/summarise-invoices.js';
import { encodeCursor } from '../../src/lib/cursor.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateInvoices, generateParties, type Exec } from '../support/invoice-volume.js';

// The plans of the hot list queries (decision 0024), on PostgreSQL (the production database;
// vitest.config.ts runs this file there only). 200,000 invoices over ten years, the busiest
// recipient with 20,000 of them: enough that a wrong plan (a Seq Scan, a sort of a whole
// structure's rows, another structure-wide index filtered row by row) is what the planner picks
// when the intended index is missing — the last test drops one and sees the check fail.

const INVOICES = 200_000;
let database: TestDatabase;
let db: Kysely<DB>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await db.transaction().execute(async (trx) => {
    const exec: Exec = async (text) => ({
      rows: (await sql.raw(text).execute(trx)).rows as Record<string, unknown>[],
    });
    // Consistent by construction: no foreign-key checks nor counter or name triggers row by
    // row; the counters and the counterparties' names are rebuilt in one statement each below.
    await exec('set local session_replication_role = replica');
    await generateParties(exec);
    await generateInvoices(exec, 1, INVOICES, INVOICES);
  });
  await sql`select invoice_status_count_rebuild()`.execute(db);
  await sql`select invoice_party_name_rebuild()`.execute(db);
  await sql`vacuum (analyze) invoice`.execute(db);
  await sql`analyze invoice_party_name`.execute(db);
  // Vacuum, not only analyze: the directory rows wait in the trigram index's pending list
  // (GIN fastupdate) until a vacuum, as autovacuum does on a live instance.
  await sql`vacuum (analyze) structure`.execute(db);
}, 600_000);
afterAll(async () => {
  await database?.destroy();
});

const user = (userId: string): Principal => ({
  kind: 'user',
  userId,
});
const whole = user('usr_whole');
const clerk = user('usr_service');
const supplier = user('usr_supplier');

/** The statements a use case sends, compiled, in order. */
async function recorded(
  run: (d: Kysely<DB>) => Promise<unknown>,
  on: Kysely<DB> = db,
): Promise<CompiledQuery[]> {
  const seen: CompiledQuery[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      seen.push(on.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await run(on.withPlugin(plugin));
  return seen;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
const nodesOf = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodesOf)];

async function planOf(on: Kysely<DB>, q: CompiledQuery): Promise<PlanNode[]> {
  const res = await on.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]),
  );
  const raw = res.rows[0]!['QUERY PLAN'];
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
  return nodesOf(doc[0]!.Plan);
}

const list =
  (principal: Principal, side: ListSide, filters: ListInvoicesFilters = {}, cursor?: string) =>
  (d: Kysely<DB>) =>
    listInvoices({
      db: d,
      principal,
      side,
      structure: side === 'sent' ? '80000000000000' : '20000000000000',
      filters,
      limit: 50,
      cursor,
    });

/**
 * What the page query and its count read on `invoice`. The count is the counters' (no
 * statement on invoice) for the filters they answer, else the bounded count on invoice.
 */
async function invoiceAccess(run: (d: Kysely<DB>) => Promise<unknown>, on: Kysely<DB> = db) {
  const all = await recorded(run, on);
  // Kysely compiles a subquery on its own too: keep the outer statements.
  const outer = all.filter((q) => !all.some((o) => o !== q && o.sql.includes(q.sql)));
  const statements = outer.filter((q) => /from "invoice"/.test(q.sql));
  const [page, count] = statements;
  expect(page!.sql).toMatch(/order by/);
  const pagePlan = await planOf(on, page!);
  const countPlan = count ? await planOf(on, count) : [];
  const onInvoice = (nodes: PlanNode[]) => nodes.filter((n) => n['Relation Name'] === 'invoice');
  return {
    pageIndexes: onInvoice(pagePlan).map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`),
    pageSorts: pagePlan.filter((n) => n['Node Type'] === 'Sort').length,
    /** Every index the page reads (a bitmap scan names its index on a child node). */
    pageIndexNames: pagePlan.flatMap((n) => n['Index Name'] ?? []),
    countNodes: onInvoice(countPlan).map((n) => `${n['Node Type']} ${n['Index Name'] ?? ''}`),
    countedByCounters: outer.some((q) => /invoice_status_count/.test(q.sql)),
  };
}

/**
 * The page comes in index order from `index` (no sort, no Seq Scan); its count from the
 * counters when `counters`, else from an index of invoice.
 */
async function expectServedBy(
  run: (d: Kysely<DB>) => Promise<unknown>,
  index: string,
  on: Kysely<DB> = db,
  counters = true,
) {
  const a = await invoiceAccess(run, on);
  expect(a.pageIndexes).toEqual([
    expect.stringMatching(new RegExp(`^Index (Only )?Scan ${index}$`)),
  ]);
  expect(a.pageSorts).toBe(0);
  expect(a.countedByCounters).toBe(counters);
  if (counters) {
    expect(a.countNodes).toEqual([]);
  } else {
    // The bounded count reads up to 10,001 entries of an index with the structure first (the
    // planner takes the smallest that answers): never the table.
    expect(a.countNodes.length).toBeGreaterThan(0);
    for (const node of a.countNodes) expect(node).toMatch(/^Index (Only )?Scan invoice_/);
  }
}

const deepCursor = (side: ListSide) =>
  encodeCursor(`invoices:${side}:date:desc`, ['2021-06-01 00:00:00+00', 'inv_9999999999']);

describe('the hot list queries take their index (200,000 invoices)', () => {
  it('inbox first page, whole structure: the date index', async () => {
    await expectServedBy(list(whole, 'received'), 'invoice_inbox_date_idx');
  });
  it('inbox first page, a clerk on one service: service + date', async () => {
    await expectServedBy(list(clerk, 'received'), 'invoice_inbox_service_date_idx');
  });
  it('a status tag on the whole structure: status + date', async () => {
    await expectServedBy(
      list(whole, 'received', { status: ['SUSPENDUE'] }),
      'invoice_inbox_status_date_idx',
    );
  });
  it('a status tag for a clerk on one service: service + status + date', async () => {
    await expectServedBy(list(clerk, 'received', { status: ['SUSPENDUE'] }), 'invoice_inbox_idx');
  });
  it('one month: a range of the date index', async () => {
    await expectServedBy(
      list(whole, 'received', { from: '2020-03-01', to: '2020-03-31' }),
      'invoice_inbox_date_idx',
      db,
      false,
    );
  });
  it('a number prefix: the number index', async () => {
    const a = await invoiceAccess(list(whole, 'received', { number: 'f2020-0001' }));
    // Few rows match a prefix: they are found by the number index, then sorted (a few rows).
    expect(a.pageIndexes.join()).toContain('invoice_received_number_idx');
    expect(a.countNodes.join()).toContain('invoice_received_number_idx');
    const s = await invoiceAccess(list(supplier, 'sent', { number: 'F2020-0001' }));
    expect(s.pageIndexes.join()).toContain('invoice_sent_number_idx');
  });
  it('deep keyset pages cost a first page: the same index, from the cursor', async () => {
    await expectServedBy(
      list(whole, 'received', {}, deepCursor('received')),
      'invoice_inbox_date_idx',
    );
    await expectServedBy(
      list(clerk, 'received', { status: ['MISE_EN_PAIEMENT'] }, deepCursor('received')),
      'invoice_inbox_idx',
    );
    await expectServedBy(list(supplier, 'sent', {}, deepCursor('sent')), 'invoice_sent_idx');
  });
  it('a supplier list, and on one status', async () => {
    await expectServedBy(list(supplier, 'sent'), 'invoice_sent_idx');
    await expectServedBy(
      list(supplier, 'sent', { status: ['REJETEE'] }),
      'invoice_sent_status_idx',
    );
  });
  it('the other party by identifier, and an amount range: their indexes', async () => {
    const bySupplier = await invoiceAccess(
      list(whole, 'received', { counterparty: '80000000000037' }),
    );
    expect(bySupplier.pageIndexes).toEqual(['Index Scan invoice_received_supplier_idx']);
    expect(bySupplier.pageSorts).toBe(0);
    const byRecipient = await invoiceAccess(
      list(supplier, 'sent', { counterparty: '20000000000005' }),
    );
    expect(byRecipient.pageIndexes).toEqual(['Index Scan invoice_sent_recipient_idx']);
    const amounts = await invoiceAccess(
      list(whole, 'received', { minAmount: '1000', maxAmount: '1010' }),
    );
    expect(amounts.pageIndexNames).toContain('invoice_received_amount_idx');
    // Migration 0028: the bounded count reads the index alone, for a whole structure and for a
    // clerk's service with a status (the columns it covers), never the table's rows.
    expect(amounts.countNodes).toEqual(['Index Only Scan invoice_received_amount_idx']);
    const clerkAmounts = await invoiceAccess(
      list(clerk, 'received', { minAmount: '1000', maxAmount: '1010', status: ['SUSPENDUE'] }),
    );
    expect(clerkAmounts.countNodes).toEqual(['Index Only Scan invoice_received_amount_idx']);
  });
  it("part of the other party's name: its names first, then its invoices by their index", async () => {
    // One supplier bears the name: its invoices in the inbox, in the order of the index.
    const one = await invoiceAccess(list(whole, 'received', { counterparty: 'seur 3999' }));
    expect(one.pageIndexes).toEqual(['Index Scan invoice_received_supplier_idx']);
    expect(one.pageSorts).toBe(0);
    const rows = await list(whole, 'received', { counterparty: 'seur 3999' })(db);
    expect(rows.items.length).toBeGreaterThan(0);
    for (const r of rows.items) expect(r.supplierName).toBe('Fournisseur 3999');
    // A hundred-odd suppliers (37, 370…379, 3700…3799), or none: never the table read whole.
    for (const counterparty of ['seur 37', 'nobody by that name']) {
      const many = await invoiceAccess(list(whole, 'received', { counterparty }));
      expect(many.pageIndexes.join()).not.toMatch(/Seq Scan/);
      expect(many.countNodes.join()).not.toMatch(/Seq Scan/);
    }
    const byRecipient = await invoiceAccess(list(supplier, 'sent', { counterparty: 'ivité 399' }));
    expect(byRecipient.pageIndexes.join()).toContain('invoice_sent_recipient_idx');
  });
  it('the name lookup reads the directory by its trigram index, never whole (migration 0027)', async () => {
    for (const counterparty of ['seur 3999', 'seur 37', 'nobody by that name']) {
      const all = await recorded(list(whole, 'received', { counterparty }));
      const lookups = all.filter(
        (q) =>
          /from "structure"/.test(q.sql) && /ilike/.test(q.sql) && !/from "invoice"/.test(q.sql),
      );
      expect(lookups).toHaveLength(1);
      const nodes = await planOf(db, lookups[0]!);
      const onStructure = nodes.filter((n) => n['Relation Name'] === 'structure');
      expect(onStructure.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      expect(nodes.map((n) => n['Index Name'])).toContain('structure_name_trgm_idx');
    }
  });
  it('the status-tag counts never read the invoice table', async () => {
    for (const [principal, side] of [
      [whole, 'received'],
      [clerk, 'received'],
      [supplier, 'sent'],
    ] as const) {
      const statements = await recorded((d) => summariseInvoices({ db: d, principal, side }));
      expect(statements.some((q) => /invoice_status_count/.test(q.sql))).toBe(true);
      expect(statements.filter((q) => /"invoice"/.test(q.sql))).toEqual([]);
    }
  });
  it('the check fails when the intended index is missing (dropped in a rolled-back transaction)', async () => {
    const rolledBack = new Error('roll back');
    await expect(
      db.transaction().execute(async (trx: Transaction<DB>) => {
        await sql`drop index invoice_inbox_status_date_idx`.execute(trx);
        await expect(
          expectServedBy(
            list(whole, 'received', { status: ['SUSPENDUE'] }),
            'invoice_inbox_status_date_idx',
            trx,
          ),
        ).rejects.toThrow();
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    await expectServedBy(
      list(whole, 'received', { status: ['SUSPENDUE'] }),
      'invoice_inbox_status_date_idx',
    );
  });

  it('two transactions moving invoices of one structure never wait on a counter row', async () => {
    const pick = (order: 'asc' | 'desc') =>
      sql`update invoice set status = 'SUSPENDUE' where id = (
        select id from invoice where recipient_structure_id = 'str_r0000'
          and recipient_service_id = 'svc_r0000_1' and status = 'MISE_EN_PAIEMENT'
        order by id ${sql.raw(order)} limit 1)`;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let moved!: () => void;
    const firstMoved = new Promise<void>((r) => (moved = r));
    const first = db.transaction().execute(async (trx) => {
      await pick('asc').execute(trx);
      moved();
      await held;
    });
    await firstMoved;
    // Same structure, service, statuses and currency: a counter kept in place would make this
    // one wait for the first transaction (and time out); delta rows let both go.
    try {
      await db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '2s'`.execute(trx);
        const r = await pick('desc').execute(trx);
        expect(Number(r.numAffectedRows)).toBe(1);
      });
    } finally {
      release();
      await first;
    }
  });
});
