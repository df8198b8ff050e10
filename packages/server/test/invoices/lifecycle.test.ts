import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR, type Principal } from '../../src/accounts/model.js';
import { findStructure } from '../../src/accounts/structure-access.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { changeInvoiceStatus } from '../../src/invoices/change-invoice-status.js';
import { loadInvoiceFor } from '../../src/invoices/invoice-access.js';
import { verifyJournal } from '../../src/invoices/journal.js';
import { applyTransition, findTransition, transitions } from '../../src/invoices/lifecycle.js';
import { invoiceStatuses, type InvoiceStatus } from '../../src/invoices/model.js';
import { AppError } from '../../src/lib/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, setUpPersonas, type Caller, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

let t: TestApp;
let p: Personas;
const principals: Record<string, Principal> = {};
let other = { supplier: '', recipient: '' };

const user = (userId: string): Principal => ({
  kind: 'user',
  userId,
});

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  const db = t.database.db;
  const s = (await findStructure(db, DEMO_SUPPLIER.identifier))!;
  const pub = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!;
  for (const name of [
    'supplierUser',
    'supplierGestionnaire',
    'clerkA',
    'clerkB',
    'publicGestionnaire',
  ] as const) {
    principals[name] = user(p[name].userId!);
  }
  const supplierClient = await createApiClient({
    db,
    actor: SYSTEM_ACTOR,
    identifier: s.identifier,
    name: 'supplier ERP',
    scopes: ['invoices:send', 'invoices:read'],
  });
  principals.supplierClient = {
    kind: 'client',
    clientId: supplierClient.clientId,
    structureId: s.id,
    scopes: ['invoices:send', 'invoices:read'],
  };
  const recipientClient = await createApiClient({
    db,
    actor: SYSTEM_ACTOR,
    identifier: pub.identifier,
    name: 'recipient ERP',
    scopes: ['invoices:process'],
  });
  principals.recipientClient = {
    kind: 'client',
    clientId: recipientClient.clientId,
    structureId: pub.id,
    scopes: ['invoices:process'],
  };
  principals.readOnlyRecipientClient = {
    kind: 'client',
    clientId: recipientClient.clientId,
    structureId: pub.id,
    scopes: ['invoices:read'],
  };
  // Two structures none of the personas belongs to.
  const plain = await db
    .selectFrom('structure')
    .select('identifier')
    .where('is_public', '=', true)
    .where('active', '=', true)
    .where('service_code_required', '=', false)
    .where('commitment_required', '=', false)
    .where('service_or_commitment_required', '=', false)
    .where('id', 'not in', [s.id, pub.id])
    .orderBy('identifier')
    .limit(2)
    .execute();
  other = { supplier: plain[0]!.identifier, recipient: plain[1]!.identifier };
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;
const row = (id: string) =>
  db().selectFrom('invoice').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const codeOf = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};
const everything = {
  reason: 'Motif',
  mandateNumber: 'M-2026-001',
  paymentDate: '2026-12-01',
  paymentAmount: '1200.00',
};

describe('loadInvoiceFor', () => {
  it('gives the sides each principal holds; 404 with no tie, 403 for a member without right', async () => {
    const { id } = await insertInvoice(db());
    const sidesOf = async (name: string, purpose?: 'read' | 'act') => {
      try {
        return (
          await loadInvoiceFor({
            db: db(),
            principal: principals[name]!,
            invoiceId: id,
            ...(purpose ? { purpose } : {}),
          })
        ).sides.join(',');
      } catch (error) {
        return (error as AppError).code;
      }
    };
    expect(await sidesOf('supplierUser')).toBe('SUPPLIER');
    expect(await sidesOf('supplierGestionnaire')).toBe('SUPPLIER');
    expect(await sidesOf('supplierClient')).toBe('SUPPLIER');
    expect(await sidesOf('clerkA')).toBe('RECIPIENT');
    expect(await sidesOf('publicGestionnaire')).toBe('RECIPIENT');
    expect(await sidesOf('recipientClient')).toBe('RECIPIENT');
    expect(await sidesOf('clerkB')).toBe('FORBIDDEN');
    expect(await sidesOf('readOnlyRecipientClient')).toBe('FORBIDDEN');
    expect(await sidesOf('readOnlyRecipientClient', 'read')).toBe('RECIPIENT');
    const elsewhere = await insertInvoice(db(), {
      supplierIdentifier: other.supplier,
      recipientIdentifier: other.recipient,
      serviceCode: null,
    });
    for (const name of Object.keys(principals)) {
      await expect(
        loadInvoiceFor({ db: db(), principal: principals[name]!, invoiceId: elsewhere.id }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(
      loadInvoiceFor({ db: db(), principal: principals.clerkA!, invoiceId: 'inv_nope' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      loadInvoiceFor({ db: db(), principal: principals.clerkA!, invoiceId: id, side: 'SUPPLIER' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('transition table', () => {
  it('has the documented shape', () => {
    expect(findTransition('MISE_A_DISPOSITION', 'SERVICE_FAIT')?.by).toBe('RECIPIENT');
    expect(findTransition('MANDATEE', 'MISE_EN_PAIEMENT')?.needs).toEqual(['payment']);
    expect(findTransition('SUSPENDUE', 'COMPLETEE')?.by).toBe('SUPPLIER');
    expect(findTransition('A_RECYCLER', 'MISE_A_DISPOSITION')?.via).toBe('recycle');
    expect(findTransition('DEPOSEE', 'MISE_A_DISPOSITION')?.by).toBe('SYSTEM');
    expect(transitions.filter((x) => x.from === 'REJETEE')).toEqual([]);
    expect(findTransition('REJETEE', 'MISE_A_DISPOSITION')).toBeUndefined();
    for (const x of transitions.filter((x) => x.to === 'REJETEE' || x.to === 'SUSPENDUE')) {
      expect(x.needs).toContain('reason');
    }
  });

  // Every (from, to) pair, by every principal, through the generic status change. What each
  // must get is stated from the rules, not read back from the table: no move → 409; a move of
  // the other side or of the platform → 403; a move with its own request → 400; else 200.
  it('every allowed and forbidden move, for every principal', async () => {
    const sidesOf: Record<string, 'SUPPLIER' | 'RECIPIENT' | null> = {
      supplierUser: 'SUPPLIER',
      supplierGestionnaire: 'SUPPLIER',
      supplierClient: 'SUPPLIER',
      clerkA: 'RECIPIENT',
      publicGestionnaire: 'RECIPIENT',
      recipientClient: 'RECIPIENT',
      clerkB: null,
    };
    const allowed = new Map<string, InvoiceStatus[]>([
      ['MISE_A_DISPOSITION', ['REJETEE', 'SUSPENDUE', 'A_RECYCLER', 'SERVICE_FAIT', 'MANDATEE']],
      ['COMPLETEE', ['REJETEE', 'SUSPENDUE', 'A_RECYCLER', 'SERVICE_FAIT', 'MANDATEE']],
      ['SUSPENDUE', ['REJETEE']],
      ['SERVICE_FAIT', ['MANDATEE']],
      ['MANDATEE', ['MISE_A_DISPOSITION_COMPTABLE', 'MISE_EN_PAIEMENT']],
      ['MISE_A_DISPOSITION_COMPTABLE', ['COMPTABILISEE']],
      ['COMPTABILISEE', ['MISE_EN_PAIEMENT']],
    ]);
    const otherRequest: Record<string, 'SUPPLIER' | 'SYSTEM'> = {
      'SUSPENDUE>COMPLETEE': 'SUPPLIER',
      'A_RECYCLER>MISE_A_DISPOSITION': 'SUPPLIER',
      'DEPOSEE>MISE_A_DISPOSITION': 'SYSTEM',
      'DEPOSEE>EN_COURS_ACHEMINEMENT': 'SYSTEM',
      'EN_COURS_ACHEMINEMENT>MISE_A_DISPOSITION': 'SYSTEM',
    };
    const failures: string[] = [];
    let moves = 0;
    for (const from of invoiceStatuses) {
      for (const to of invoiceStatuses) {
        const { id } = await insertInvoice(db(), { status: from });
        const recipientMove = allowed.get(from)?.includes(to) ?? false;
        const special = otherRequest[`${from}>${to}`];
        let winner: string | undefined;
        for (const [name, side] of Object.entries(sidesOf)) {
          let expected: string;
          if (side === null) expected = 'FORBIDDEN';
          else if (recipientMove) expected = side === 'RECIPIENT' ? 'OK' : 'FORBIDDEN';
          else if (special === 'SYSTEM') expected = 'FORBIDDEN';
          else if (special === 'SUPPLIER')
            expected = side === 'SUPPLIER' ? 'BAD_REQUEST' : 'FORBIDDEN';
          else expected = 'CONFLICT';
          // Only the first allowed principal moves it; the others then see a stale version.
          if (expected === 'OK' && winner) expected = 'CONFLICT';
          const got = await codeOf(
            changeInvoiceStatus({
              db: db(),
              principal: principals[name]!,
              invoiceId: id,
              status: to,
              version: 1,
              ...everything,
            }),
          );
          if (got === 'OK') winner = name;
          if (got !== expected)
            failures.push(`${from}→${to} by ${name}: ${got}, expected ${expected}`);
        }
        const after = await row(id);
        if (winner) {
          moves++;
          expect(after.status).toBe(to);
          expect(after.version).toBe(2);
          expect(after.journal_length).toBe(3);
        } else {
          expect(after.status).toBe(from);
          expect(after.version).toBe(1);
          // The fixture journals DEPOSITED, then a move to `from` unless it is DEPOSEE.
          expect(after.journal_length).toBe(from === 'DEPOSEE' ? 1 : 2);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(moves).toBe(16);
    expect((await verifyJournal({ db: db() })).problems).toEqual([]);
  }, 120_000);

  it('checks what each move needs, and changes nothing when refused', async () => {
    const { id } = await insertInvoice(db());
    const clerk = principals.clerkA!;
    const attempt = (extra: Record<string, string>, status: InvoiceStatus) =>
      codeOf(
        changeInvoiceStatus({
          db: db(),
          principal: clerk,
          invoiceId: id,
          version: 1,
          status,
          ...extra,
        }),
      );
    expect(await attempt({}, 'REJETEE')).toBe('VALIDATION_FAILED');
    expect(await attempt({ reason: '   ' }, 'SUSPENDUE')).toBe('VALIDATION_FAILED');
    expect(await attempt({ reason: 'x'.repeat(256) }, 'REJETEE')).toBe('VALIDATION_FAILED');
    expect(await attempt({}, 'MANDATEE')).toBe('VALIDATION_FAILED');
    expect((await row(id)).version).toBe(1);
    expect(await attempt({ reason: 'x'.repeat(255) }, 'REJETEE')).toBe('OK');
    const paid = await insertInvoice(db(), { status: 'MANDATEE' });
    const pay = (extra: Record<string, string>) =>
      codeOf(
        changeInvoiceStatus({
          db: db(),
          principal: clerk,
          invoiceId: paid.id,
          version: 1,
          status: 'MISE_EN_PAIEMENT',
          ...extra,
        }),
      );
    expect(await pay({ paymentDate: '2026-12-01' })).toBe('VALIDATION_FAILED');
    expect(await pay({ paymentDate: '2026-02-30', paymentAmount: '10.00' })).toBe(
      'VALIDATION_FAILED',
    );
    expect(await pay({ paymentDate: '2026-12-01', paymentAmount: '-3' })).toBe('VALIDATION_FAILED');
    expect(await pay({ paymentDate: '2026-12-01', paymentAmount: '1200.50' })).toBe('OK');
    const after = await row(paid.id);
    expect([after.status, after.payment_date, after.payment_amount]).toEqual([
      'MISE_EN_PAIEMENT',
      '2026-12-01',
      '1200.50',
    ]);
  });

  it('a stale version gets 409; of twenty concurrent changes exactly one wins per version', async () => {
    const { id } = await insertInvoice(db());
    const clerk = principals.clerkA!;
    const race = async (version: number, status: InvoiceStatus) => {
      const codes = await Promise.all(
        Array.from({ length: 20 }, () =>
          codeOf(
            changeInvoiceStatus({
              db: db(),
              principal: clerk,
              invoiceId: id,
              version,
              status,
              ...everything,
            }),
          ),
        ),
      );
      return (
        codes.filter((c) => c === 'OK').length + ':' + codes.filter((c) => c === 'CONFLICT').length
      );
    };
    expect(await race(1, 'SERVICE_FAIT')).toBe('1:19');
    expect(await race(1, 'SERVICE_FAIT')).toBe('0:20');
    expect(await race(2, 'MANDATEE')).toBe('1:19');
    const after = await row(id);
    expect([after.status, after.version, after.journal_length]).toEqual(['MANDATEE', 3, 4]);
    const events = await db()
      .selectFrom('invoice_event')
      .select(['seq', 'to_status'])
      .where('invoice_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.to_status)).toEqual([
      'DEPOSEE',
      'MISE_A_DISPOSITION',
      'SERVICE_FAIT',
      'MANDATEE',
    ]);
    // One status-change job per move, enqueued with it.
    const jobs = await db()
      .withSchema('pgboss')
      .selectFrom('job' as never)
      .select(['name' as never, 'data' as never])
      .execute();
    const mine = (jobs as { name: string; data: { invoiceId: string } }[]).filter(
      (j) => j.data.invoiceId === id,
    );
    expect(mine.map((j) => j.name).sort()).toEqual([
      'notify-status-changed',
      'notify-status-changed',
    ]);
    expect((await verifyJournal({ db: db() })).problems).toEqual([]);
  });

  it('made available: the date is set the first time only; a suspension stops the clock', async () => {
    const { id } = await insertInvoice(db(), { status: 'DEPOSEE' });
    const day = (n: number) => new Date(Date.UTC(2026, 10, 2 + n, 9));
    const invoice = await row(id);
    await db()
      .transaction()
      .execute((trx) =>
        applyTransition(trx, {
          invoice,
          version: 1,
          to: 'MISE_A_DISPOSITION',
          event: 'MADE_AVAILABLE',
          actor: { kind: 'SYSTEM' },
          now: day(0),
        }),
      );
    expect((await row(id)).made_available_at).toEqual(day(0));
    const clerk = principals.clerkA!;
    await changeInvoiceStatus({
      db: db(),
      principal: clerk,
      invoiceId: id,
      version: 2,
      status: 'SUSPENDUE',
      reason: 'Bon de livraison manquant',
      now: day(3),
    });
    let r = await row(id);
    expect([r.suspended_since, r.suspended_days]).toEqual([day(3), 0]);
    const supplier = p.supplierUser;
    const completed = await call(t, supplier, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/complete`,
      payload: { version: 3, comment: 'Bon joint' },
    });
    expect(completed.statusCode, completed.body).toBe(200);
    r = await row(id);
    expect(r.status).toBe('COMPLETEE');
    expect(r.suspended_since).toBeNull();
    // Completed "today": days from day 3 to now.
    expect(r.suspended_days).toBe(
      Math.round(
        (Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()) -
          Date.UTC(2026, 10, 5)) /
          86_400_000,
      ),
    );
    expect(r.made_available_at).toEqual(day(0));
  });
});

describe('HTTP', () => {
  const statusOf = async (who: Caller, id: string, body: Record<string, unknown>) =>
    (
      await call(t, who, {
        method: 'POST',
        url: `/api/v1/invoices/${id}/status`,
        payload: body,
      })
    ).statusCode;

  it('POST /invoices/{id}/status: 401, 403, 404, 409, 200 — and the database says so', async () => {
    const { id } = await insertInvoice(db());
    const body = { status: 'SERVICE_FAIT', version: 1 };
    expect(await statusOf(p.anonymous, id, body)).toBe(401);
    expect(await statusOf(p.supplierUser, id, body)).toBe(403);
    expect(await statusOf(p.supplierGestionnaire, id, body)).toBe(403);
    expect(await statusOf(p.clerkB, id, body)).toBe(403);
    expect(await statusOf(p.apiClient, id, body)).toBe(403);
    expect((await row(id)).status).toBe('MISE_A_DISPOSITION');
    const ok = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/status`,
      payload: body,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ id, status: 'SERVICE_FAIT', version: 2, seq: 3 });
    expect(await statusOf(p.clerkA, id, body)).toBe(409);
    const stale = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/status`,
      payload: { status: 'MANDATEE', version: 1, mandateNumber: 'M1' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'CONFLICT' });
    expect(
      await statusOf(p.clerkA, id, { status: 'REJETEE', version: 2, reason: 'x'.repeat(256) }),
    ).toBe(400);
    const r = await row(id);
    expect([r.status, r.version]).toEqual(['SERVICE_FAIT', 2]);
    const elsewhere = await insertInvoice(db(), {
      supplierIdentifier: other.supplier,
      recipientIdentifier: other.recipient,
      serviceCode: null,
    });
    for (const who of [p.supplierUser, p.supplierGestionnaire, p.clerkA, p.clerkB, p.apiClient]) {
      expect(await statusOf(who, elsewhere.id, body)).toBe(404);
    }
  });

  it('complete: multipart with files (stored as COMPLEMENT), refusals, rights', async () => {
    const { id } = await insertInvoice(db(), { status: 'SUSPENDUE' });
    const form = (files: { name: string; content: string }[], version = 1) => {
      const boundary = '----chorale';
      const parts = [
        `--${boundary}\r\nContent-Disposition: form-data; name="version"\r\n\r\n${version}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nVoici le bon\r\n`,
        ...files.map(
          (f) =>
            `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\nContent-Type: application/pdf\r\n\r\n${f.content}\r\n`,
        ),
        `--${boundary}--\r\n`,
      ];
      return {
        payload: parts.join(''),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    };
    const post = (who: Caller, f: ReturnType<typeof form>) =>
      call(t, who, { method: 'POST', url: `/api/v1/invoices/${id}/complete`, ...f });
    expect((await post(p.anonymous, form([{ name: 'bl.pdf', content: 'x' }]))).statusCode).toBe(
      401,
    );
    expect((await post(p.clerkA, form([{ name: 'bl.pdf', content: 'x' }]))).statusCode).toBe(403);
    const refused = await post(p.supplierUser, form([{ name: 'virus.exe', content: 'x' }]));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('PIECE_JOINTE_REFUSEE');
    const long = await post(
      p.supplierUser,
      form([{ name: `${'n'.repeat(47)}.pdf`, content: 'x' }]),
    );
    expect(long.statusCode).toBe(400);
    const ok = await post(
      p.supplierUser,
      form([{ name: 'bon-livraison.pdf', content: '%PDF-1.7 bon' }]),
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'COMPLETEE', version: 2 });
    const files = await db()
      .selectFrom('invoice_file')
      .select(['kind', 'name', 'size'])
      .where('invoice_id', '=', id)
      .execute();
    expect(files).toEqual([{ kind: 'COMPLEMENT', name: 'bon-livraison.pdf', size: 12 }]);
    const event = await db()
      .selectFrom('invoice_event')
      .select(['event', 'data'])
      .where('invoice_id', '=', id)
      .where('seq', '=', 3)
      .executeTakeFirstOrThrow();
    expect(event.event).toBe('COMPLETED');
    expect(event.data).toMatchObject({ comment: 'Voici le bon' });
    // Completed: the recipient decides again.
    expect(await statusOf(p.clerkA, id, { status: 'SERVICE_FAIT', version: 2 })).toBe(200);
    // JSON form too; not suspended any more → 409.
    const again = await call(t, p.supplierUser, {
      method: 'POST',
      url: `/api/v1/invoices/${id}/complete`,
      payload: { version: 3, comment: 'encore' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('recycle: checked like a deposit, goes to the new service, keeps the first availability date', async () => {
    const first = new Date(Date.UTC(2026, 9, 1));
    const { id } = await insertInvoice(db(), { status: 'A_RECYCLER', madeAvailableAt: first });
    const recycle = (who: Caller, body: Record<string, unknown>) =>
      call(t, who, { method: 'POST', url: `/api/v1/invoices/${id}/recycle`, payload: body });
    const base = { version: 1, recipientIdentifier: DEMO_PUBLIC_BODY.identifier };
    expect(
      (await recycle(p.clerkA, { ...base, serviceCode: DEMO_SERVICE_B.code })).statusCode,
    ).toBe(403);
    const refusal = async (body: Record<string, unknown>) => {
      const res = await recycle(p.supplierUser, body);
      expect(res.statusCode).toBe(400);
      return (res.json() as { errors: { message: string }[] }).errors[0]!.message.split(':')[0];
    };
    expect(await refusal({ ...base, recipientIdentifier: '12345678900017' })).toBe(
      'DESTINATAIRE_INCONNU',
    );
    expect(await refusal({ ...base, recipientIdentifier: DEMO_SUPPLIER.identifier })).toBe(
      'DESTINATAIRE_NON_PUBLIC',
    );
    expect(await refusal({ ...base, serviceCode: 'NO-SUCH' })).toBe('SERVICE_INCONNU');
    expect((await row(id)).version).toBe(1);
    const ok = await recycle(p.apiClient, { ...base, serviceCode: DEMO_SERVICE_B.code });
    expect(ok.statusCode, ok.body).toBe(200);
    const r = await row(id);
    expect([r.status, r.service_code, r.version]).toEqual([
      'MISE_A_DISPOSITION',
      DEMO_SERVICE_B.code,
      2,
    ]);
    expect(r.made_available_at).toEqual(first);
    // Now service B's clerk handles it, service A's no longer may.
    expect(await statusOf(p.clerkA, id, { status: 'SERVICE_FAIT', version: 2 })).toBe(403);
    expect(await statusOf(p.clerkB, id, { status: 'SERVICE_FAIT', version: 2 })).toBe(200);
    const jobs = (await db()
      .withSchema('pgboss')
      .selectFrom('job' as never)
      .select(['name' as never, 'data' as never])
      .execute()) as { name: string; data: { invoiceId: string } }[];
    expect(
      jobs
        .filter((j) => j.data.invoiceId === id)
        .map((j) => j.name)
        .sort(),
    ).toEqual(['notify-invoice-available', 'notify-status-changed', 'notify-status-changed']);
  });

  it('acknowledge a refusal: supplier only, journal only, once', async () => {
    const { id } = await insertInvoice(db(), { status: 'REJETEE' });
    const ack = (who: Caller, invoiceId = id) =>
      call(t, who, { method: 'POST', url: `/api/v1/invoices/${invoiceId}/acknowledge` });
    expect((await ack(p.anonymous)).statusCode).toBe(401);
    expect((await ack(p.clerkA)).statusCode).toBe(403);
    expect((await ack(p.clerkB)).statusCode).toBe(403);
    const first = await ack(p.supplierUser);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ id, acknowledged: true, seq: 3 });
    expect((await ack(p.supplierGestionnaire)).json()).toEqual({ id, acknowledged: true, seq: 3 });
    const r = await row(id);
    expect([r.status, r.version, r.journal_length]).toEqual(['REJETEE', 1, 3]);
    const open = await insertInvoice(db());
    expect((await ack(p.supplierUser, open.id)).statusCode).toBe(409);
  });
});
