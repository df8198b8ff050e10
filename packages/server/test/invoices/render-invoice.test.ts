import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStructure } from '../../src/accounts/structure-access.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { renderInvoice } from '../../src/invoices/render-invoice.js';
import { AppError } from '../../src/lib/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { depositBody, ubl } from '../support/invoices.js';
import {
  call,
  createMember,
  login,
  setUpPersonas,
  type Caller,
  type Personas,
} from '../support/personas.js';

/**
 * GET /invoices/{id}/rendering: the readable invoice, from the stored model, with the same
 * access as the invoice itself, and an HTML page the portal can frame but nothing can script.
 */
let t: TestApp;
let p: Personas;
let stranger: Caller;
let invoiceId = '';
let hostileId = '';

async function deposit(number: string, extra: Record<string, unknown> = {}): Promise<string> {
  const body = depositBody({ invoice: ubl({ number, ...extra }) });
  const res = await call(t, p.supplierGestionnaire, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  // A member of a structure that has nothing to do with the invoice.
  const s = (await findStructure(t.database.db, DEMO_SUPPLIER.identifier))!;
  const otherStructure = await t.database.db
    .selectFrom('structure')
    .select('identifier')
    .where('id', '!=', s.id)
    .where('identifier', '!=', '21990042000015')
    .orderBy('identifier')
    .limit(1)
    .executeTakeFirstOrThrow();
  await createMember(t, {
    email: 'autre@structure.test',
    password: 'autre-structure-mdp',
    identifier: otherStructure.identifier,
    role: 'GESTIONNAIRE_PRINCIPAL',
    rights: [{ space: 'FACTURES_EMISES' }, { space: 'FACTURES_RECUES' }],
  });
  stranger = await login(t, 'autre@structure.test', 'autre-structure-mdp', 'stranger');
  invoiceId = await deposit('REND-2026-001');
  hostileId = await deposit('REND-<b>2</b>', {
    lines: [
      {
        name: '<script>alert(1)</script><img src=x onerror=alert(2)>',
        quantity: '1',
        unitPrice: '1250.00',
        netAmount: '1250.00',
        vatCategory: 'S',
        vatRate: '20',
      },
    ],
  });
});
afterAll(async () => {
  await t.close();
});

const get = (who: Caller, id: string, query = '') =>
  call(t, who, { method: 'GET', url: `/api/v1/invoices/${id}/rendering${query}` });

describe('GET /invoices/{id}/rendering', () => {
  it('renders the stored model as a standalone HTML page in French, framable by the portal only', async () => {
    for (const who of [p.supplierGestionnaire, p.clerkA, p.apiClient]) {
      const res = await get(who, invoiceId);
      expect(res.statusCode, `${who.name}: ${res.body.slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'self'");
      expect(csp).not.toContain('script-src');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['cache-control']).toBe('private, no-store');
      expect(res.body).toMatch(/^<!DOCTYPE html><html lang="fr">/);
      expect(res.body).toContain('REND-2026-001');
      expect(res.body).toContain('Atelier Démo des Faubourgs SARL');
      expect(res.body).not.toMatch(/<script/i);
    }
  });

  it('shows the due date written on the invoice, the one the detail gives as invoiceDueDate', async () => {
    const detail = await call(t, p.clerkA, { method: 'GET', url: `/api/v1/invoices/${invoiceId}` });
    expect(detail.statusCode).toBe(200);
    const { invoiceDueDate, terms } = detail.json() as {
      invoiceDueDate: string | null;
      terms: { dueDate: string | null };
    };
    expect(invoiceDueDate).toBe('2026-12-20');
    const html = (await get(p.clerkA, invoiceId)).body;
    // The rendering writes dates the French way: 20/12/2026.
    expect(html).toContain('20/12/2026');
    // The legal deadline is another date, named otherwise on the detail page.
    expect(terms.dueDate).not.toBe(invoiceDueDate);
  });

  it('renders in English and as a PDF', async () => {
    const en = await get(p.clerkA, invoiceId, '?lang=en');
    expect(en.statusCode).toBe(200);
    expect(en.body).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(en.body).toContain('Invoice');
    const pdf = await get(p.clerkA, invoiceId, '?format=pdf&lang=fr');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('facture-REND-2026-001.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(1000);
  });

  it('escapes hostile values from the invoice', async () => {
    const res = await get(p.clerkA, hostileId);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/<script|<img|<b>2/i);
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('REND-&lt;b&gt;2&lt;/b&gt;');
    const pdf = await get(p.clerkA, hostileId, '?format=pdf');
    // Markup characters never reach the file name (runs of them become one underscore).
    expect(pdf.headers['content-disposition']).toContain('filename="facture-REND-_b_2_b_.pdf"');
  });

  it('has the access of the invoice: another structure 404, a clerk of another service 403, anonymous 401', async () => {
    expect((await get(stranger, invoiceId)).statusCode).toBe(404);
    expect((await get(p.clerkB, invoiceId)).statusCode).toBe(403);
    expect((await get(p.anonymous, invoiceId)).statusCode).toBe(401);
    expect((await get(p.clerkA, 'inv_00000000000000000000000000')).statusCode).toBe(404);
    const bad = await get(p.clerkA, invoiceId, '?format=docx');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('is not a download: the recipient stays "not yet downloaded"', async () => {
    await get(p.clerkA, invoiceId);
    await get(p.clerkA, invoiceId, '?format=pdf');
    const row = await t.database.db
      .selectFrom('invoice')
      .select('first_downloaded_at')
      .where('id', '=', invoiceId)
      .executeTakeFirstOrThrow();
    expect(row.first_downloaded_at).toBeNull();
  });

  it('the use case refuses an invoice with no stored model', async () => {
    await t.database.db
      .updateTable('invoice')
      .set({ model: JSON.stringify(null) })
      .where('id', '=', hostileId)
      .execute();
    const user = await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'agent.technique@mairie.demo.chorale.test')
      .executeTakeFirstOrThrow();
    const error = await renderInvoice({
      db: t.database.db,
      principal: { kind: 'user', userId: user.id },
      invoiceId: hostileId,
      format: 'html',
      lang: 'fr',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
  });
});
