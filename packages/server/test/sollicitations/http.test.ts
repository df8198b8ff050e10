import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { addPlatformSupport } from '../../src/sollicitations/add-platform-support.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { deposit, nextNumber } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import { call, login, setUpPersonas, type Caller, type Personas } from '../support/personas.js';

// The sollicitation routes end to end over HTTP: files as base64 JSON (checked by the invoice
// attachment rules, downloaded byte for byte), the thread's moves, and the support's queue.

let t: TestApp;
let p: Personas;
let support: Caller;
let invoiceId: string;
const S = DEMO_SUPPLIER.identifier;
const P = DEMO_PUBLIC_BODY.identifier;
const b64 = (text: string) => Buffer.from(text).toString('base64');

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  await addPlatformSupport({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    email: 'support@chorale.test',
    password: 'support-de-la-plateforme',
  });
  support = await login(t, 'support@chorale.test', 'support-de-la-plateforme');
  const res = await deposit(t, p.supplierGestionnaire, { invoice: ubl({ number: nextNumber() }) });
  expect(res.statusCode, res.body).toBe(201);
  invoiceId = (res.json() as { id: string }).id;
});
afterAll(async () => {
  await t?.close();
});

describe('sollicitations over HTTP', () => {
  it('opens a thread with a file, which its parties download byte for byte', async () => {
    const created = await call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/sollicitations',
      payload: {
        structure: S,
        subject: 'Numéro d’engagement',
        category: 'ENGAGEMENT',
        subcategory: 'NUMERO_MANQUANT',
        body: 'Quel numéro d’engagement indiquer ?',
        invoiceId,
        attachments: [
          { filename: 'devis.txt', mediaType: 'text/plain', contentBase64: b64('devis n°7') },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const thread = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/sollicitations/${id}` });
    expect(thread.statusCode, thread.body).toBe(200);
    const body = thread.json() as {
      status: string;
      invoice: { id: string };
      allowedActions: string[];
      messages: { files: { id: string }[] }[];
    };
    expect(body).toMatchObject({ status: 'OUVERTE', invoice: { id: invoiceId } });
    expect(body.allowedActions).toContain('TAKE');
    const fileId = body.messages[0]!.files[0]!.id;
    const file = await call(t, p.clerkA, {
      method: 'GET',
      url: `/api/v1/sollicitations/${id}/files/${fileId}`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.body).toBe('devis n°7');
    expect(file.headers['content-disposition']).toContain('devis.txt');
    // The supplier's questions about this invoice, and about another (none).
    const about = (invoice: string) =>
      call(t, p.supplierUser, {
        method: 'GET',
        url: `/api/v1/sollicitations?box=sent&structure=${S}&invoiceId=${invoice}`,
      }).then((r) => (r.json() as { items: { id: string }[] }).items.map((i) => i.id));
    expect(await about(invoiceId)).toEqual([id]);
    expect(await about('inv_00000000000000000000000000')).toEqual([]);
    // The invoice's history shows the question.
    const history = await call(t, p.supplierUser, {
      method: 'GET',
      url: `/api/v1/invoices/${invoiceId}/history`,
    });
    expect(history.body).toContain('SOLLICITATION_OPENED');
  });

  it('refuses a file the invoice rules refuse, and a sub-category of another category', async () => {
    const base = {
      structure: S,
      subject: 'x',
      category: 'AUTRE',
      subcategory: 'AUTRE',
      body: 'x',
      recipientIdentifier: P,
    };
    const exe = await call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/sollicitations',
      payload: { ...base, attachments: [{ filename: 'a.exe', contentBase64: b64('MZ') }] },
    });
    expect(exe.statusCode).toBeGreaterThanOrEqual(400);
    expect(exe.statusCode).toBeLessThan(500);
    expect((exe.json() as { refusal?: { code: string } }).refusal?.code).toBe(
      'PIECE_JOINTE_REFUSEE',
    );
    const wrong = await call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/sollicitations',
      payload: { ...base, subcategory: 'RETARD' },
    });
    expect(wrong.statusCode).toBe(400);
    const none = await call(t, p.supplierUser, {
      method: 'POST',
      url: '/api/v1/sollicitations',
      payload: { ...base, recipientIdentifier: undefined },
    });
    expect(none.statusCode).toBe(400);
    expect(
      await t.database.db
        .selectFrom('sollicitation')
        .select('id')
        .where('subject', '=', 'x')
        .execute(),
    ).toEqual([]);
  });

  it('puts a question to the platform in the support queue, which reassigns it', async () => {
    const created = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/sollicitations',
      payload: {
        structure: S,
        subject: 'Accès API',
        category: 'TECHNIQUE_API',
        subcategory: 'API',
        body: 'Mon jeton est refusé.',
        toPlatform: true,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as { id: string };
    const queue = await call(t, support, {
      method: 'GET',
      url: '/api/v1/sollicitations?box=support',
    });
    expect(queue.statusCode, queue.body).toBe(200);
    expect(
      (queue.json() as { items: { id: string; waitingWorkingDays: number }[] }).items.map(
        (i) => i.id,
      ),
    ).toEqual([id]);
    const figures = await call(t, support, {
      method: 'GET',
      url: '/api/v1/sollicitations/summary?box=support',
    });
    expect(figures.json()).toEqual({ open: 1, overdue: 0, overdueAfterWorkingDays: 5 });
    const taken = await call(t, support, {
      method: 'POST',
      url: `/api/v1/sollicitations/${id}/status`,
      payload: { status: 'EN_COURS', version: 1 },
    });
    expect(taken.json()).toEqual({ status: 'EN_COURS', version: 2 });
    const moved = await call(t, support, {
      method: 'POST',
      url: `/api/v1/sollicitations/${id}/reassign`,
      payload: { recipientIdentifier: P, version: 2 },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(
      (await call(t, support, { method: 'GET', url: `/api/v1/sollicitations/${id}` })).statusCode,
    ).toBe(404);
    // Addressed to P as a whole: its gestionnaire (whole-structure right) sees it, not clerk A.
    const inbox = await call(t, p.publicGestionnaire, {
      method: 'GET',
      url: `/api/v1/sollicitations?box=received&structure=${P}`,
    });
    expect((inbox.json() as { items: { id: string }[] }).items.map((i) => i.id)).toContain(id);
    expect(
      (await call(t, p.clerkA, { method: 'GET', url: `/api/v1/sollicitations/${id}` })).statusCode,
    ).toBe(403);
  });
});
