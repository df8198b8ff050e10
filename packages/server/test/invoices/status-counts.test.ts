import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/accounts/model.js';
import type { DB } from '../../src/db/schema.js';
import { listInvoices, type ListInvoicesFilters } from '../../src/invoices/list-invoices.js';
import { COMPACT_AFTER, summariseInvoices } from '../../src/invoices/summarise-invoices.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { generateInvoices, generateParties, type Exec } from '../support/invoice-volume.js';

// The per-status counters (migration 0021, decision 0024) stay exactly the aggregate over the
// invoices through every kind of change the trigger sees: inserts, status moves, being made
// available, a service or amount or currency changed, deletes, truncation, compaction.

let database: TestDatabase;
let db: Kysely<DB>;
const exec: Exec = async (text) => ({
  rows: (await sql.raw(text).execute(db)).rows as Record<string, unknown>[],
});

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  await generateParties(exec);
  // Through the trigger, row by row (no bulk-load shortcut here).
  await generateInvoices(exec, 1, 3_000, 3_000);
}, 300_000);
afterAll(async () => {
  await database?.destroy();
});

/** The counters' sums, and the same aggregate computed from the invoices, as sorted lines. */
async function bothSides(): Promise<{ counters: string[]; invoices: string[] }> {
  const line = (r: Record<string, unknown>) =>
    [
      r.structure_id,
      r.side,
      r.service_id ?? '-',
      r.status,
      r.currency,
      Number(r.n),
      String(r.total),
      String(r.due),
      Number(r.pn),
      String(r.pa),
    ].join('|');
  const counters = await exec(`
    select structure_id, side, service_id, status, currency, sum(invoices) as n,
      sum(total_with_vat)::numeric(20,2) as total, sum(amount_due)::numeric(20,2) as due,
      sum(payable_invoices) as pn, sum(payable_amount)::numeric(20,2) as pa
    from invoice_status_count group by 1, 2, 3, 4, 5 having sum(invoices) <> 0`);
  const invoices = await exec(`
    select structure_id, side, service_id, status, currency, count(*) as n,
      sum(total)::numeric(20,2) as total, sum(due)::numeric(20,2) as due,
      sum(payable) as pn, sum(payable * due)::numeric(20,2) as pa
    from (
      select supplier_structure_id as structure_id, 'sent' as side, null::text as service_id,
        status, currency, coalesce(total_with_vat, 0) as total,
        coalesce(amount_due, total_with_vat, 0) as due,
        case when type <> 'AVOIR' and framework <> 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE'
          and made_available_at is not null then 1 else 0 end as payable
      from invoice
      union all
      select recipient_structure_id, 'received', recipient_service_id, status, currency,
        coalesce(total_with_vat, 0), coalesce(amount_due, total_with_vat, 0),
        case when type <> 'AVOIR' and framework <> 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE'
          then 1 else 0 end
      from invoice where made_available_at is not null) c
    group by 1, 2, 3, 4, 5`);
  return {
    counters: counters.rows.map(line).sort(),
    invoices: invoices.rows.map(line).sort(),
  };
}

async function expectExact(): Promise<void> {
  const { counters, invoices } = await bothSides();
  expect(invoices.length).toBeGreaterThan(0);
  expect(counters).toEqual(invoices);
}

const whole: Principal = { kind: 'user', userId: 'usr_whole' };

describe('invoice status counters', () => {
  it('count the generated invoices exactly (inserted through the trigger)', async () => {
    await expectExact();
  });

  it('follow status moves, availability, services, amounts, currencies and kinds', async () => {
    const moves = [
      `update invoice set status = 'SUSPENDUE' where hashtext(id) % 5 = 0`,
      `update invoice set status = 'MANDATEE', version = version + 1 where hashtext(id) % 7 = 1`,
      `update invoice set made_available_at = null, status = 'DEPOSEE' where hashtext(id) % 11 = 2`,
      `update invoice set made_available_at = deposited_at where made_available_at is null and hashtext(id) % 2 = 0`,
      `update invoice set recipient_service_id = null where hashtext(id) % 13 = 3`,
      `update invoice set recipient_service_id = 'svc_r0000_4', recipient_structure_id = 'str_r0000' where hashtext(id) % 17 = 4`,
      `update invoice set total_with_vat = null where hashtext(id) % 19 = 5`,
      `update invoice set amount_due = total_with_vat / 3 where hashtext(id) % 23 = 6`,
      `update invoice set currency = 'USD' where hashtext(id) % 29 = 7`,
      `update invoice set type = 'AVOIR' where hashtext(id) % 31 = 8`,
      `update invoice set framework = 'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE' where hashtext(id) % 37 = 9`,
      `update invoice set supplier_structure_id = 'str_s0000' where hashtext(id) % 41 = 10`,
      // Columns the counters do not read: no delta row at all.
      `update invoice set journal_length = journal_length + 1, first_downloaded_at = now()`,
      `delete from invoice where hashtext(id) % 43 = 11`,
    ];
    for (const move of moves) {
      await exec(move);
      await expectExact();
    }
  });

  it('add no row when no column they read changes', async () => {
    const before = Number(
      (await exec('select count(*) as n from invoice_status_count')).rows[0]!.n,
    );
    await exec(`update invoice set journal_head = 'x', updated_at = now()`);
    await exec(`update invoice set status = status`);
    const after = Number((await exec('select count(*) as n from invoice_status_count')).rows[0]!.n);
    expect(after).toBe(before);
  });

  it('fold deltas without changing a sum, and the summary folds past its threshold', async () => {
    const rows = async () =>
      Number(
        (
          await exec(
            `select count(*) as n from invoice_status_count where structure_id = 'str_r0000' and side = 'received'`,
          )
        ).rows[0]!.n,
      );
    expect(await rows()).toBeGreaterThan(COMPACT_AFTER);
    const before = await summariseInvoices({ db, principal: whole, side: 'received' });
    // The summary read them all, then folded them (one row per service, status and currency).
    const afterFold = await rows();
    expect(afterFold).toBeLessThan(COMPACT_AFTER);
    expect(await summariseInvoices({ db, principal: whole, side: 'received' })).toEqual(before);
    await exec(`select invoice_status_count_compact('str_s0000', 'sent')`);
    await expectExact();
    // The summary is the aggregate over the invoices it stands for.
    const direct = await exec(`
      select status, currency, count(*) as n, sum(coalesce(total_with_vat, 0))::numeric(20,2) as total
      from invoice where recipient_structure_id = 'str_r0000' and made_available_at is not null
      group by 1, 2`);
    expect(
      before.statuses.map((s) => `${s.status}|${s.currency}|${s.count}|${s.totalWithVat}`).sort(),
    ).toEqual(
      direct.rows.map((r) => `${r.status}|${r.currency}|${Number(r.n)}|${String(r.total)}`).sort(),
    );
  });

  it('give the lists their exact totals (scope, service, status)', async () => {
    const clerk: Principal = { kind: 'user', userId: 'usr_service' };
    const supplier: Principal = { kind: 'user', userId: 'usr_supplier' };
    const cases: [Principal, 'sent' | 'received', ListInvoicesFilters, string][] = [
      [whole, 'received', {}, `recipient_structure_id = 'str_r0000'`],
      [
        whole,
        'received',
        { status: ['SUSPENDUE', 'MANDATEE'] },
        `recipient_structure_id = 'str_r0000' and status in ('SUSPENDUE', 'MANDATEE')`,
      ],
      [whole, 'received', { service: 'SERV-4' }, `recipient_service_id = 'svc_r0000_4'`],
      [clerk, 'received', {}, `recipient_service_id = 'svc_r0000_1'`],
      [clerk, 'received', { service: 'SERV-4' }, 'false'],
      [
        clerk,
        'received',
        { status: ['SUSPENDUE'] },
        `recipient_service_id = 'svc_r0000_1' and status = 'SUSPENDUE'`,
      ],
      [supplier, 'sent', {}, `supplier_structure_id = 'str_s0000'`],
      [
        supplier,
        'sent',
        { status: ['MANDATEE'] },
        `supplier_structure_id = 'str_s0000' and status = 'MANDATEE'`,
      ],
    ];
    for (const [principal, side, filters, where] of cases) {
      const page = await listInvoices({
        db,
        principal,
        side,
        structure: side === 'sent' ? '80000000000000' : '20000000000000',
        filters,
        limit: 5,
        withTotal: true,
      });
      const available = side === 'received' ? 'and made_available_at is not null' : '';
      const direct = await exec(`select count(*) as n from invoice where ${where} ${available}`);
      expect(page.exactTotal, where).toBe(Number(direct.rows[0]!.n));
      expect(page.total).toEqual({ count: Number(direct.rows[0]!.n), exact: true });
    }
  });

  it('rebuild from the invoices, and empty with a truncated invoice table', async () => {
    await exec(`delete from invoice_status_count where structure_id = 'str_s0000'`);
    expect((await bothSides()).counters).not.toEqual((await bothSides()).invoices);
    await exec(`select invoice_status_count_rebuild()`);
    await expectExact();
    await exec(`truncate invoice cascade`);
    const left = await exec('select count(*) as n from invoice_status_count');
    expect(Number(left.rows[0]!.n)).toBe(0);
  });
});
