import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import {
  deposit,
  expectRefusal,
  invoiceCount,
  nextNumber,
  startAppWithPersonas,
  type Deposited,
  type Refusal,
} from '../support/deposit.js';
import { type Personas } from '../support/personas.js';
import { cii, ubl } from '../support/invoices.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => ({ t, p } = await startAppWithPersonas()));
afterAll(() => t.close());

describe('duplicates and retries', () => {
  it('refuses the same supplier, number and year as DOUBLON, another year passes', async () => {
    const number = nextNumber();
    expect((await deposit(t, p.supplierUser, { invoice: ubl({ number }) })).statusCode).toBe(201);
    // Same invoice through another form and another depositor of the same supplier.
    await expectRefusal(
      await deposit(t, p.apiClient, { invoice: cii({ number }) }),
      409,
      'DOUBLON',
    );
    const nextYear = await deposit(t, p.supplierUser, {
      invoice: ubl({ number, issueDate: '2027-01-05' }),
    });
    expect(nextYear.statusCode, nextYear.body).toBe(201);
  });

  it('lets exactly one of concurrent duplicates through', async () => {
    const number = nextNumber();
    const before = await invoiceCount(t);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        deposit(t, i % 2 ? p.apiClient : p.supplierUser, { invoice: ubl({ number }) }),
      ),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) {
      expect(a.json<Refusal>().refusal?.code).toBe('DOUBLON');
    }
    expect(await invoiceCount(t)).toBe(before + 1);
    const orphans = await sql<{ n: string }>`
      select count(*) as n from invoice_file f
      where not exists (select 1 from invoice i where i.id = f.invoice_id)`.execute(t.database.db);
    expect(Number(orphans.rows[0]!.n)).toBe(0);
  });

  it('answers a retried deposit with the first answer (Idempotency-Key)', async () => {
    const number = nextNumber();
    const file = ubl({ number });
    const key = `key-${number}`;
    const first = await deposit(t, p.apiClient, { invoice: file }, { 'idempotency-key': key });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await deposit(t, p.apiClient, { invoice: file }, { 'idempotency-key': key });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const rows = await t.database.db
      .selectFrom('invoice')
      .select('id')
      .where('number', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
    const stored = await t.database.db
      .selectFrom('idempotency_key')
      .select(['status_code', 'response'])
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    expect(stored.status_code).toBe(201);
    expect(stored.response).toEqual(first.json());

    // Same key, another request: conflict. The same key from another caller is its own key.
    const other = await deposit(
      t,
      p.apiClient,
      { invoice: ubl({ number: nextNumber() }) },
      { 'idempotency-key': key },
    );
    expect(other.statusCode).toBe(409);
    expect(other.json<Refusal>().code).toBe('CONFLICT');
    const otherCaller = await deposit(
      t,
      p.supplierUser,
      { invoice: ubl({ number: nextNumber() }) },
      { 'idempotency-key': key },
    );
    expect(otherCaller.statusCode).toBe(201);
    // Without the key, the retry is a duplicate.
    await expectRefusal(await deposit(t, p.apiClient, { invoice: file }), 409, 'DOUBLON');
  });

  it('answers concurrent retries with one invoice and one answer', async () => {
    const number = nextNumber();
    const file = ubl({ number });
    const key = `race-${number}`;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        deposit(t, p.supplierUser, { invoice: file }, { 'idempotency-key': key }),
      ),
    );
    for (const a of answers) expect(a.statusCode, a.body).toBe(201);
    const ids = new Set(answers.map((a) => a.json<Deposited>().id));
    expect(ids.size).toBe(1);
    const rows = await t.database.db
      .selectFrom('invoice')
      .select('id')
      .where('number', '=', number)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
