import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import { DEMO_PUBLIC_BODY } from '../../src/directory/demo-directory.js';
import { invoiceStatuses, type InvoiceStatus } from '../../src/invoices/model.js';
import type { TestApp } from '../support/app.js';
import { startAppWithPersonas } from '../support/deposit.js';
import { call, type Caller, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

// The invoice API says which moves the caller may make now; what it offers succeeds and what it
// does not offer is refused, so a client (the portal) needs no copy of the transition table.

let t: TestApp;
let p: Personas;
let readOnly: Caller;
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
  const client = await createApiClient({
    db: t.database.db,
    actor: SYSTEM_ACTOR,
    identifier: DEMO_PUBLIC_BODY.identifier,
    name: 'lecture seule',
    scopes: ['invoices:read'],
  });
  const token = await t.app.inject({
    method: 'POST',
    url: '/api/v1/oauth/token',
    payload: `grant_type=client_credentials&client_id=${client.clientId}&client_secret=${client.clientSecret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  readOnly = {
    name: 'read-only client',
    headers: { authorization: `Bearer ${token.json<{ access_token: string }>().access_token}` },
  };
});
afterAll(async () => {
  await t.close();
});

interface Action {
  action: string;
  to: InvoiceStatus | null;
  needs: string[];
}

async function actionsOf(who: Caller, id: string): Promise<Action[]> {
  const res = await call(t, who, { method: 'GET', url: `/api/v1/invoices/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ allowedActions: Action[] }>().allowedActions;
}

const fields = {
  reason: { reason: 'Motif' },
  mandateNumber: { mandateNumber: 'M-1' },
  payment: { paymentDate: '2026-12-01', paymentAmount: '1200.00' },
} as Record<string, Record<string, string>>;

describe('allowed actions', () => {
  const from: InvoiceStatus[] = ['MISE_A_DISPOSITION', 'SUSPENDUE', 'SERVICE_FAIT', 'MANDATEE'];
  it.each(from)(
    'from %s, exactly the status moves offered to the recipient succeed',
    async (status) => {
      const { id } = await insertInvoice(t.database.db, { status });
      const offered = (await actionsOf(p.clerkA, id)).filter((a) => a.action === 'status');
      expect(offered.length).toBeGreaterThan(0);
      for (const to of invoiceStatuses) {
        // A fresh invoice in the same status for each attempt.
        const fresh = await insertInvoice(t.database.db, { status });
        const move = offered.find((a) => a.to === to);
        const body = Object.assign(
          { status: to, version: 1 },
          ...Object.values(fields), // every field a move may need; unneeded ones are ignored
        );
        const res = await call(t, p.clerkA, {
          method: 'POST',
          url: `/api/v1/invoices/${fresh.id}/status`,
          payload: body,
        });
        if (move) expect(res.statusCode, `${status} → ${to}: ${res.body}`).toBe(200);
        else expect(res.statusCode, `${status} → ${to}: ${res.body}`).toBeGreaterThanOrEqual(400);
      }
    },
  );

  it('the supplier is offered its own moves; a read-only client none', async () => {
    const suspended = await insertInvoice(t.database.db, { status: 'SUSPENDUE' });
    expect(await actionsOf(p.supplierGestionnaire, suspended.id)).toEqual([
      { action: 'complete', to: 'COMPLETEE', needs: ['complement'] },
    ]);
    const refused = await insertInvoice(t.database.db, { status: 'REJETEE' });
    expect(await actionsOf(p.supplierGestionnaire, refused.id)).toEqual([
      { action: 'acknowledge', to: null, needs: [] },
    ]);
    expect(await actionsOf(p.clerkA, refused.id)).toEqual([]);
    const available = await insertInvoice(t.database.db, {});
    expect(await actionsOf(readOnly, available.id)).toEqual([]);
    expect((await actionsOf(p.clerkA, available.id)).length).toBeGreaterThan(0);
  });

  it('list items carry them too', async () => {
    const res = await call(t, p.clerkA, {
      method: 'GET',
      url: '/api/v1/invoices?side=received&status=SUSPENDUE&limit=5',
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { allowedActions: Action[] }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      expect(item.allowedActions).toEqual([{ action: 'status', to: 'REJETEE', needs: ['reason'] }]);
    }
    const client = await call(t, readOnly, {
      method: 'GET',
      url: '/api/v1/invoices?side=received&limit=5',
    });
    expect(client.statusCode, client.body).toBe(200);
    for (const item of client.json<{ items: { allowedActions: Action[] }[] }>().items) {
      expect(item.allowedActions).toEqual([]);
    }
  });
});
