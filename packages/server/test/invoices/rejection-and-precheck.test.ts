import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { verifyJournal } from '../../src/invoices/journal.js';
import { rejectionReasons } from '../../src/invoices/model.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { routingBody } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

/**
 * Issue 15 on the server: a rejection's reason code (stored, journaled, returned), the upload's
 * routing pre-check (the deposit's own checks, nothing written) and the deposit threshold the
 * portal reads.
 */

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp({ config: { depositConfirmAbove: '2500.50' } });
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t?.close();
});

const reject = (id: string, version: number, body: Record<string, unknown>) =>
  call(t, p.clerkA, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/status`,
    payload: { status: 'REJETEE', version, ...body },
  });

describe('rejection reasons', () => {
  it('stores the code on the invoice and in the journal, and returns it to both sides', async () => {
    const inv = await insertInvoice(t.database.db);
    const res = await reject(inv.id, inv.version, {
      rejectionReason: 'PIECE_JOINTE_MANQUANTE',
      reason: 'Le bon de commande signé manque.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.database.db
      .selectFrom('invoice')
      .select(['status', 'rejection_reason'])
      .where('id', '=', inv.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'REJETEE', rejection_reason: 'PIECE_JOINTE_MANQUANTE' });
    for (const who of [p.clerkA, p.supplierUser]) {
      const detail = await call(t, who, { method: 'GET', url: `/api/v1/invoices/${inv.id}` });
      expect(detail.json().rejection).toEqual({
        reason: 'PIECE_JOINTE_MANQUANTE',
        comment: 'Le bon de commande signé manque.',
      });
    }
    const history = await call(t, p.supplierUser, {
      method: 'GET',
      url: `/api/v1/invoices/${inv.id}/history`,
    });
    const last = history.json().entries.at(-1);
    expect([last.toStatus, last.reason, last.data.rejectionReason]).toEqual([
      'REJETEE',
      'Le bon de commande signé manque.',
      'PIECE_JOINTE_MANQUANTE',
    ]);
    expect((await verifyJournal({ db: t.database.db })).problems).toEqual([]);
  });

  it('takes a code without words, but AUTRE (or no code) needs them, in the portal’s words', async () => {
    const a = await insertInvoice(t.database.db);
    const ok = await reject(a.id, a.version, { rejectionReason: 'DOUBLON' });
    expect(ok.statusCode, ok.body).toBe(200);
    const detail = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${a.id}` });
    expect(detail.json().rejection).toEqual({ reason: 'DOUBLON', comment: null });

    const b = await insertInvoice(t.database.db);
    for (const body of [{ rejectionReason: 'AUTRE' }, { rejectionReason: 'AUTRE', reason: '  ' }]) {
      const res = await reject(b.id, b.version, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().detailFr).toBe(
        'Précisez le motif du rejet : le fournisseur doit savoir quoi corriger.',
      );
    }
    const none = await reject(b.id, b.version, {});
    expect(none.statusCode).toBe(400);
    expect(none.json().detailFr).toBe(
      'Précisez le motif du rejet : le fournisseur doit savoir quoi corriger.',
    );
    const long = await reject(b.id, b.version, {
      rejectionReason: 'DOUBLON',
      reason: 'x'.repeat(255) + 'y',
    });
    expect(long.statusCode).toBe(400);
    expect(
      (await reject(b.id, b.version, { rejectionReason: 'INCONNU', reason: 'x' })).statusCode,
    ).toBe(400);
    // Words alone: recorded as AUTRE (API clients of before, /cpro's motif).
    const words = await reject(b.id, b.version, { reason: 'Facture en double' });
    expect(words.statusCode, words.body).toBe(200);
    const row = await t.database.db
      .selectFrom('invoice')
      .select('rejection_reason')
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    expect(row.rejection_reason).toBe('AUTRE');
  });

  it('refuses a code on another move, and gives no rejection on other invoices', async () => {
    const inv = await insertInvoice(t.database.db);
    const res = await call(t, p.clerkA, {
      method: 'POST',
      url: `/api/v1/invoices/${inv.id}/status`,
      payload: {
        status: 'SUSPENDUE',
        version: inv.version,
        reason: 'Il manque le bon',
        rejectionReason: 'DOUBLON',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().detailFr).toBe('Un motif de rejet ne va qu’avec le statut REJETEE.');
    const detail = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${inv.id}` });
    expect(detail.json().rejection).toBeNull();
  });

  it('the database keeps only the closed list', async () => {
    const inv = await insertInvoice(t.database.db);
    await expect(
      t.database.db
        .updateTable('invoice')
        .set({ rejection_reason: 'PAS_DANS_LA_LISTE' })
        .where('id', '=', inv.id)
        .execute(),
    ).rejects.toThrow();
    for (const code of rejectionReasons) {
      await t.database.db
        .updateTable('invoice')
        .set({ rejection_reason: code })
        .where('id', '=', inv.id)
        .execute();
    }
  });
});

describe('routing pre-check', () => {
  const routing = routingBody;
  const check = (body: Record<string, unknown>) =>
    call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/invoices/routing-check',
      payload: body,
    });

  it('names the invoice, the recipient and the service when the routing passes', async () => {
    const before = await t.database.db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await check(routing());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      number: 'F-PRE-1',
      issueDate: '2026-11-20',
      supplier: { identifier: DEMO_SUPPLIER.identifier, name: DEMO_SUPPLIER.name },
      recipient: { identifier: DEMO_PUBLIC_BODY.identifier, name: DEMO_PUBLIC_BODY.name },
      service: { code: DEMO_SERVICE_A.code },
    });
    const after = await t.database.db
      .selectFrom('invoice')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });

  it('refuses as the deposit does: unknown recipient, unknown service, missing number', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { buyer: { identifier: { value: '11111111111111', scheme: '0009' } } },
        'DESTINATAIRE_INCONNU',
      ],
      [{ buyerReference: 'PAS-UN-SERVICE' }, 'SERVICE_INCONNU'],
      [{ id: undefined }, 'DONNEES_INCOMPLETES'],
      [{ typeCode: '999' }, 'TYPE_NON_SUPPORTE'],
    ];
    for (const [over, code] of cases) {
      const res = await check(routing(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      expect(res.json().refusal.code).toBe(code);
      expect(res.json().refusal.message.fr).toMatch(/\S/);
    }
    // Somebody without the right on the supplier learns nothing about the recipient.
    const clerk = await call(t, p.clerkA, {
      method: 'POST',
      url: '/api/v1/invoices/routing-check',
      payload: routing({ buyerReference: 'PAS-UN-SERVICE' }),
    });
    expect(clerk.statusCode).toBe(403);
    expect(clerk.json().refusal.code).toBe('DROIT_MANQUANT');
    // Bounded input.
    expect((await check(routing({ id: 'x'.repeat(201) }))).statusCode).toBe(400);
  });
});

describe('deposit threshold', () => {
  it('is read from the configuration and given to the portal', async () => {
    const res = await call(t, p.supplierUser, {
      method: 'GET',
      url: '/api/v1/invoices/deposit-settings',
    });
    expect(res.json()).toEqual({ confirmAbove: '2500.50' });
    expect(loadConfig({}).depositConfirmAbove).toBe('100000');
    expect(loadConfig({ DEPOSIT_CONFIRM_ABOVE: '0' }).depositConfirmAbove).toBe('0');
    expect(() => loadConfig({ DEPOSIT_CONFIRM_ABOVE: '1e6' })).toThrow(/DEPOSIT_CONFIRM_ABOVE/);
    expect(() => loadConfig({ DEPOSIT_CONFIRM_ABOVE: '-5' })).toThrow(/DEPOSIT_CONFIRM_ABOVE/);
  });
});
