import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { findStructure } from '../../src/accounts/structure-access.js';
import type { DB } from '../../src/db/schema.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { newId } from '../../src/lib/ids.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, setUpPersonas, type Caller, type Personas } from '../support/personas.js';

/**
 * Invoices are written straight into the database (the deposit use case is tested on its own):
 * what is under test here is who sees which rows, the filters, the sort orders and the pages.
 */
interface Seeded {
  id: string;
  number: string;
  supplier: string;
  recipient: string;
  serviceId: string | null;
  serviceCode: string | null;
  status: string;
  totalWithVat: string;
  depositedAt: Date;
  madeAvailableAt: Date | null;
  firstDownloadedAt: Date | null;
}

async function insertInvoice(
  db: Kysely<DB>,
  o: Omit<Seeded, 'id'> & { supplierName: string; recipientName: string },
): Promise<Seeded> {
  const id = newId('invoice', o.depositedAt.getTime());
  await db
    .insertInto('invoice')
    .values({
      id,
      number: o.number,
      issue_date: o.depositedAt.toISOString().slice(0, 10),
      issue_year: o.depositedAt.getUTCFullYear(),
      type: 'FACTURE',
      type_code: '380',
      framework: 'A1_FACTURE_FOURNISSEUR',
      currency: 'EUR',
      format: 'UBL',
      supplier_structure_id: o.supplier,
      recipient_structure_id: o.recipient,
      recipient_service_id: o.serviceId,
      service_code: o.serviceCode,
      commitment_number: null,
      supplier_name: o.supplierName,
      recipient_name: o.recipientName,
      total_without_vat: o.totalWithVat,
      total_vat: '0.00',
      total_with_vat: o.totalWithVat,
      amount_due: o.totalWithVat,
      status: o.status,
      journal_head: '',
      journal_length: 0,
      deposited_at: o.depositedAt,
      made_available_at: o.madeAvailableAt,
      first_downloaded_at: o.firstDownloadedAt,
      model: JSON.stringify({ number: o.number }),
      warnings: JSON.stringify([{ id: 'BR-FR-TEST', message: 'a kept warning' }]),
    })
    .execute();
  return { id, ...o };
}

let t: TestApp;
let p: Personas;
let db: Kysely<DB>;
const ids = { supplier: '', body: '', other: '', hospital: '', serviceA: '', serviceB: '' };
let otherIdentifier = '';
let otherName = '';
const all: Seeded[] = [];
const statuses = ['MISE_A_DISPOSITION', 'SUSPENDUE', 'SERVICE_FAIT', 'REJETEE', 'MANDATEE'];

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  db = t.database.db;
  ids.supplier = (await findStructure(db, DEMO_SUPPLIER.identifier))!.id;
  ids.body = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!.id;
  const services = await db
    .selectFrom('service')
    .select(['id', 'code'])
    .where('structure_id', '=', ids.body)
    .execute();
  ids.serviceA = services.find((s) => s.code === DEMO_SERVICE_A.code)!.id;
  ids.serviceB = services.find((s) => s.code === DEMO_SERVICE_B.code)!.id;
  const other = await db
    .selectFrom('structure')
    .select(['id', 'identifier', 'name'])
    .where('is_public', '=', false)
    .where('id', '<>', ids.supplier)
    .orderBy('identifier')
    .executeTakeFirstOrThrow();
  ids.other = other.id;
  otherIdentifier = other.identifier;
  otherName = other.name;
  ids.hospital = (
    await db
      .selectFrom('structure')
      .select('id')
      .where('category', '=', 'ETABLISSEMENT_PUBLIC_SANTE')
      .orderBy('identifier')
      .executeTakeFirstOrThrow()
  ).id;

  const base = Date.parse('2026-03-01T08:00:00Z');
  const hour = 3_600_000;
  const mk = (
    i: number,
    o: Partial<Omit<Seeded, 'id'>> & { supplierName?: string; recipientName?: string },
  ) => ({
    number: `F-2026-${String(i).padStart(4, '0')}`,
    supplier: ids.supplier,
    supplierName: DEMO_SUPPLIER.name,
    recipient: ids.body,
    recipientName: DEMO_PUBLIC_BODY.name,
    serviceId: ids.serviceA,
    serviceCode: DEMO_SERVICE_A.code,
    status: statuses[i % statuses.length]!,
    // Many equal amounts and dates: ties that the keyset must break on the id.
    totalWithVat: `${100 * (1 + (i % 7))}.50`,
    // Three invoices per (rounded) day: identical timestamps.
    depositedAt: new Date(base + Math.floor(i / 3) * 24 * hour),
    madeAvailableAt: new Date(base + Math.floor(i / 3) * 24 * hour + 123),
    firstDownloadedAt: i % 4 === 0 ? new Date(base + 90 * 24 * hour) : null,
    ...o,
  });
  let n = 0;
  // 30 to service A, 10 to service B, 2 not yet made available, 3 to a hospital (no service).
  for (let i = 0; i < 30; i++) all.push(await insertInvoice(db, mk(n++, {})));
  for (let i = 0; i < 10; i++)
    all.push(
      await insertInvoice(
        db,
        mk(n++, { serviceId: ids.serviceB, serviceCode: DEMO_SERVICE_B.code }),
      ),
    );
  for (let i = 0; i < 2; i++)
    all.push(await insertInvoice(db, mk(n++, { status: 'DEPOSEE', madeAvailableAt: null })));
  for (let i = 0; i < 3; i++)
    all.push(
      await insertInvoice(
        db,
        mk(n++, {
          recipient: ids.hospital,
          recipientName: 'Centre hospitalier',
          serviceId: null,
          serviceCode: null,
        }),
      ),
    );
  // Another supplier's invoices to service A of the same public body.
  for (let i = 0; i < 5; i++)
    all.push(
      await insertInvoice(
        db,
        mk(n++, { supplier: ids.other, supplierName: otherName, number: `AUTRE-${i}` }),
      ),
    );
});
afterAll(async () => {
  await t.close();
});

type Page = {
  items: {
    id: string;
    number: string;
    totalWithVat: string;
    depositedAt: string;
    madeAvailableAt: string;
    status: string;
  }[];
  nextCursor: string | null;
};

async function list(who: Caller, query: string, expected = 200): Promise<Page> {
  const res = await call(t, who, { method: 'GET', url: `/api/v1/invoices?${query}` });
  expect(res.statusCode, res.body).toBe(expected);
  return res.json() as Page;
}

/** Every page, following nextCursor, checking no page is longer than the limit. */
async function allPages(who: Caller, query: string, limit: number): Promise<Page['items']> {
  const out: Page['items'] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page: Page = await list(
      who,
      `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    out.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

const ofIds = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
const sent = () => all.filter((i) => i.supplier === ids.supplier);
const receivedBy = (serviceIds: string[] | null) =>
  all.filter(
    (i) =>
      i.recipient === ids.body &&
      i.madeAvailableAt !== null &&
      (serviceIds === null || serviceIds.includes(i.serviceId!)),
  );

describe('who sees which invoices', () => {
  it('shows a supplier its own sent invoices only, to whichever recipient', async () => {
    for (const who of [p.supplierUser, p.supplierGestionnaire, p.apiClient]) {
      const rows = await allPages(who, 'side=sent', 200);
      expect(ofIds(rows), who.name).toEqual(ofIds(sent()));
    }
    // The API client may name its own structure, not another's.
    await list(p.apiClient, `side=sent&structure=${DEMO_SUPPLIER.identifier}`);
    await list(p.apiClient, `side=sent&structure=${DEMO_PUBLIC_BODY.identifier}`, 404);
  });

  it("shows a clerk of service A service A's available invoices, never service B's", async () => {
    const a = await allPages(
      p.clerkA,
      `side=received&structure=${DEMO_PUBLIC_BODY.identifier}`,
      200,
    );
    expect(ofIds(a)).toEqual(ofIds(receivedBy([ids.serviceA])));
    expect(a.length).toBe(35);
    const b = await allPages(p.clerkB, 'side=received', 200);
    expect(ofIds(b)).toEqual(ofIds(receivedBy([ids.serviceB])));
    // Asking for the other service gives nothing rather than its invoices.
    expect((await list(p.clerkA, `side=received&service=${DEMO_SERVICE_B.code}`)).items).toEqual(
      [],
    );
    expect((await list(p.clerkA, 'side=received&service=NO-SUCH')).items).toEqual([]);
    // A right on the whole structure sees every service.
    const whole = await allPages(
      p.publicGestionnaire,
      `side=received&structure=${DEMO_PUBLIC_BODY.identifier}`,
      200,
    );
    expect(ofIds(whole)).toEqual(ofIds(receivedBy(null)));
  });

  it('answers 401 without credentials, 404 for a structure one is not in, 403 without the right', async () => {
    await list(p.anonymous, 'side=sent', 401);
    await list(p.supplierUser, `side=received&structure=${DEMO_PUBLIC_BODY.identifier}`, 404);
    await list(p.supplierUser, `side=sent&structure=${otherIdentifier}`, 404);
    await list(p.supplierUser, `side=received&structure=${DEMO_SUPPLIER.identifier}`, 403);
    await list(p.clerkA, `side=sent&structure=${DEMO_PUBLIC_BODY.identifier}`, 403);
    await list(p.supplierUser, 'side=received', 400); // no such right anywhere
    await list(p.supplierUser, 'side=sideways', 400);
  });

  it("gives another structure's invoice as 404, and a member without the service right 403", async () => {
    const others = all.find((i) => i.supplier === ids.other)!;
    for (const who of [p.supplierUser, p.apiClient]) {
      const res = await call(t, who, { method: 'GET', url: `/api/v1/invoices/${others.id}` });
      expect(res.statusCode, who.name).toBe(404);
      const h = await call(t, who, {
        method: 'GET',
        url: `/api/v1/invoices/${others.id}/history`,
      });
      expect(h.statusCode, who.name).toBe(404);
    }
    const forA = all.find((i) => i.serviceId === ids.serviceA && i.madeAvailableAt)!;
    const b = await call(t, p.clerkB, { method: 'GET', url: `/api/v1/invoices/${forA.id}` });
    expect(b.statusCode).toBe(403);
    const none = await call(t, p.clerkA, { method: 'GET', url: '/api/v1/invoices/inv_nothing' });
    expect(none.statusCode).toBe(404);
    const anon = await call(t, p.anonymous, { method: 'GET', url: `/api/v1/invoices/${forA.id}` });
    expect(anon.statusCode).toBe(401);
  });
});

describe('filters', () => {
  const q = `side=received&structure=${DEMO_PUBLIC_BODY.identifier}`;
  const g = () => p.publicGestionnaire;

  it('filters by status, one or several', async () => {
    const one = await allPages(g(), `${q}&status=SUSPENDUE`, 200);
    expect(ofIds(one)).toEqual(ofIds(receivedBy(null).filter((i) => i.status === 'SUSPENDUE')));
    expect(one.length).toBeGreaterThan(0);
    const two = await allPages(g(), `${q}&status=SUSPENDUE&status=REJETEE`, 200);
    expect(ofIds(two)).toEqual(
      ofIds(receivedBy(null).filter((i) => ['SUSPENDUE', 'REJETEE'].includes(i.status))),
    );
    await list(g(), `${q}&status=PAYEE`, 400);
  });

  it('filters by service code, on both sides', async () => {
    const b = await allPages(g(), `${q}&service=${DEMO_SERVICE_B.code}`, 200);
    expect(ofIds(b)).toEqual(ofIds(receivedBy([ids.serviceB])));
    const sentB = await allPages(p.supplierUser, `side=sent&service=${DEMO_SERVICE_B.code}`, 200);
    expect(ofIds(sentB)).toEqual(ofIds(sent().filter((i) => i.serviceId === ids.serviceB)));
  });

  it('filters by French calendar days of availability (received) or deposit (sent)', async () => {
    const from = '2026-03-03';
    const to = '2026-03-05';
    const inDays = (d: Date | null) => {
      if (!d) return false;
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(d);
      return day >= from && day <= to;
    };
    const r = await allPages(g(), `${q}&from=${from}&to=${to}`, 200);
    expect(ofIds(r)).toEqual(ofIds(receivedBy(null).filter((i) => inDays(i.madeAvailableAt))));
    expect(r.length).toBe(9);
    const s = await allPages(p.supplierUser, `side=sent&from=${from}`, 200);
    expect(ofIds(s)).toEqual(
      ofIds(sent().filter((i) => i.depositedAt >= new Date('2026-03-02T23:00:00Z'))),
    );
    await list(g(), `${q}&from=2026-13-45`, 400);
  });

  it('filters by amount bounds, number start, counterparty and "not yet downloaded"', async () => {
    const amounts = await allPages(g(), `${q}&minAmount=300.50&maxAmount=500.50`, 200);
    expect(ofIds(amounts)).toEqual(
      ofIds(
        receivedBy(null).filter(
          (i) => Number(i.totalWithVat) >= 300.5 && Number(i.totalWithVat) <= 500.5,
        ),
      ),
    );
    const byNumber = await allPages(g(), `${q}&number=f-2026-001`, 200);
    expect(ofIds(byNumber)).toEqual(
      ofIds(receivedBy(null).filter((i) => i.number.startsWith('F-2026-001'))),
    );
    expect(byNumber.length).toBe(10);
    // A LIKE wildcard in the filter is a plain character.
    expect((await list(g(), `${q}&number=F-2026-00_`)).items).toEqual([]);

    const byIdentifier = await allPages(g(), `${q}&counterparty=${otherIdentifier}`, 200);
    expect(ofIds(byIdentifier)).toEqual(
      ofIds(receivedBy(null).filter((i) => i.supplier === ids.other)),
    );
    const byName = await allPages(
      g(),
      `${q}&counterparty=FAUBOURGS`, // part of the name, case ignored
      200,
    );
    expect(ofIds(byName)).toEqual(
      ofIds(receivedBy(null).filter((i) => i.supplier === ids.supplier)),
    );
    const toHospital = await allPages(p.supplierUser, 'side=sent&counterparty=hospitalier', 200);
    expect(ofIds(toHospital)).toEqual(ofIds(sent().filter((i) => i.recipient === ids.hospital)));

    const fresh = await allPages(g(), `${q}&notDownloaded=true`, 200);
    expect(ofIds(fresh)).toEqual(
      ofIds(receivedBy(null).filter((i) => i.firstDownloadedAt === null)),
    );
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.length).toBeLessThan(receivedBy(null).length);
  });
});

describe('sorting and keyset pagination', () => {
  const cases = [
    ['date', 'desc'],
    ['date', 'asc'],
    ['amount', 'desc'],
    ['amount', 'asc'],
    ['number', 'asc'],
    ['number', 'desc'],
  ] as const;

  for (const [sort, order] of cases) {
    it(`pages by ${sort} ${order} without duplicates or gaps`, async () => {
      for (const [who, query, expected] of [
        [p.publicGestionnaire, 'side=received', receivedBy(null)],
        [p.supplierUser, 'side=sent', sent()],
      ] as const) {
        const full = `${query}&structure=${
          query === 'side=sent' ? DEMO_SUPPLIER.identifier : DEMO_PUBLIC_BODY.identifier
        }&sort=${sort}&order=${order}`;
        const rows = await allPages(who, full, 7);
        expect(rows.length).toBe(expected.length);
        expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
        expect(ofIds(rows)).toEqual(ofIds(expected));
        // Same order as the database's one-shot answer (ties broken on the id).
        const oneShot = await list(who, `${full}&limit=200`);
        expect(rows.map((r) => r.id)).toEqual(oneShot.items.map((r) => r.id));
        const key = (r: Page['items'][number]) =>
          sort === 'amount'
            ? Number(r.totalWithVat)
            : sort === 'number'
              ? r.number
              : Date.parse(query === 'side=sent' ? r.depositedAt : r.madeAvailableAt);
        for (let i = 1; i < rows.length; i++) {
          const [a, b] = [key(rows[i - 1]!), key(rows[i]!)];
          if (order === 'asc') expect(a <= b).toBe(true);
          else expect(a >= b).toBe(true);
          if (a === b) {
            const cmp = rows[i - 1]!.id < rows[i]!.id;
            expect(cmp).toBe(order === 'asc');
          }
        }
      }
    });
  }

  it('refuses a forged cursor or one from another sort', async () => {
    const first = await list(p.publicGestionnaire, 'side=received&sort=date&limit=2');
    expect(first.nextCursor).not.toBeNull();
    await list(
      p.publicGestionnaire,
      `side=received&sort=amount&limit=2&cursor=${first.nextCursor!}`,
      400,
    );
    await list(p.publicGestionnaire, 'side=received&cursor=bm90LWEtY3Vyc29y', 400);
    const second = await list(
      p.publicGestionnaire,
      `side=received&sort=date&limit=2&cursor=${first.nextCursor!}`,
    );
    expect(second.items.map((i) => i.id)).not.toContain(first.items[0]!.id);
  });
});

describe('detail and history', () => {
  it('shows routing, amounts, status, version, warnings, model, files and terms', async () => {
    const inv = all.find((i) => i.serviceId === ids.serviceA && i.status === 'MISE_A_DISPOSITION')!;
    await db
      .insertInto('invoice_file')
      .values({
        id: newId('invoiceFile'),
        invoice_id: inv.id,
        kind: 'ORIGINAL',
        name: 'facture.xml',
        media_type: 'application/xml',
        size: 5,
        sha256: 'ab'.repeat(32),
        content: new TextEncoder().encode('<x/>\n'),
      })
      .execute();
    const res = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${inv.id}` });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Record<string, unknown> & {
      terms: { periodDays: number; dueDate: string; madeAvailableOn: string };
    };
    expect(d).toMatchObject({
      id: inv.id,
      number: inv.number,
      status: 'MISE_A_DISPOSITION',
      version: 1,
      sides: ['RECIPIENT'],
      supplier: { identifier: DEMO_SUPPLIER.identifier, name: DEMO_SUPPLIER.name },
      recipient: { identifier: DEMO_PUBLIC_BODY.identifier },
      service: { code: DEMO_SERVICE_A.code, name: DEMO_SERVICE_A.name },
      amounts: { totalWithVat: inv.totalWithVat, amountDue: inv.totalWithVat },
      warnings: [{ id: 'BR-FR-TEST', message: 'a kept warning' }],
      model: { number: inv.number },
      files: [
        {
          kind: 'ORIGINAL',
          name: 'facture.xml',
          mediaType: 'application/xml',
          size: 5,
          sha256: 'ab'.repeat(32),
        },
      ],
    });
    expect(d.terms.periodDays).toBe(30); // a commune
    expect(d.terms.dueDate).toBe(
      new Date(Date.parse(`${d.terms.madeAvailableOn}T00:00:00Z`) + 30 * 86_400_000)
        .toISOString()
        .slice(0, 10),
    );
    // Reading the detail is not downloading the original.
    const row = await db
      .selectFrom('invoice')
      .select('first_downloaded_at')
      .where('id', '=', inv.id)
      .executeTakeFirstOrThrow();
    expect(row.first_downloaded_at?.toISOString() ?? null).toBe(
      inv.firstDownloadedAt?.toISOString() ?? null,
    );
    // The supplier sees the same invoice from its side.
    const s = await call(t, p.supplierUser, { method: 'GET', url: `/api/v1/invoices/${inv.id}` });
    expect(s.statusCode).toBe(200);
    expect((s.json() as { sides: string[] }).sides).toEqual(['SUPPLIER']);
  });

  it('lists the journal oldest first with who did what', async () => {
    const inv = all.find((i) => i.serviceId === ids.serviceA && i.status === 'SUSPENDUE')!;
    const clerk = p.clerkA.userId!;
    const rows = [
      { event: 'DEPOSITED', kind: 'USER', from: null, to: 'DEPOSEE', user: p.supplierUser.userId },
      {
        event: 'MADE_AVAILABLE',
        kind: 'SYSTEM',
        from: 'DEPOSEE',
        to: 'MISE_A_DISPOSITION',
        user: null,
      },
      {
        event: 'STATUS_CHANGED',
        kind: 'USER',
        from: 'MISE_A_DISPOSITION',
        to: 'SUSPENDUE',
        user: clerk,
      },
    ];
    // Inserted out of order: the history follows seq, not insertion.
    for (const [seq, r] of [
      [3, rows[2]!],
      [1, rows[0]!],
      [2, rows[1]!],
    ] as const) {
      await db
        .insertInto('invoice_event')
        .values({
          id: newId('invoiceEvent'),
          invoice_id: inv.id,
          seq,
          at: new Date(Date.parse('2026-03-10T10:00:00Z') + seq * 60_000),
          event: r.event,
          actor_kind: r.kind,
          actor_user_id: r.user ?? null,
          actor_client_id: null,
          from_status: r.from,
          to_status: r.to,
          reason: r.to === 'SUSPENDUE' ? 'Pièce manquante' : null,
          data: JSON.stringify({}),
          prev_hash: seq === 1 ? '' : `h${seq - 1}`,
          hash: `h${seq}`,
        })
        .execute();
    }
    const res = await call(t, p.clerkA, {
      method: 'GET',
      url: `/api/v1/invoices/${inv.id}/history`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const h = res.json() as {
      entries: {
        seq: number;
        event: string;
        toStatus: string;
        reason: string | null;
        actor: { kind: string; name: string | null };
      }[];
    };
    expect(h.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(h.entries.map((e) => e.event)).toEqual([
      'DEPOSITED',
      'MADE_AVAILABLE',
      'STATUS_CHANGED',
    ]);
    expect(h.entries[2]).toMatchObject({
      toStatus: 'SUSPENDUE',
      reason: 'Pièce manquante',
      actor: { kind: 'USER', name: 'Alex Technicien' },
    });
    expect(h.entries[1]!.actor).toMatchObject({ kind: 'SYSTEM', name: null });
    // The detail now shows the running suspension from the journal: no due date promised.
    const d = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${inv.id}` });
    expect(
      (d.json() as { terms: { dueDate: string | null; suspensions: unknown[] } }).terms,
    ).toMatchObject({ dueDate: null, suspensions: [{ from: '2026-03-10', to: null }] });
  });
});
