import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOW_ARCHIVE_LIMITS } from '../../src/flows/archive/limits.js';
import {
  finalFlowStates,
  flowStates,
  MAX_FLOW_BYTES,
  MAX_INVOICE_BYTES,
  statusSyntaxes,
  supportedSyntaxes,
} from '../../src/flows/model.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
});
afterAll(async () => {
  await t.close();
});

interface Settings {
  syntaxes: { code: string; kind: string }[];
  states: { code: string; direction: string }[];
  finalStates: string[];
  limits: { maxFlowBytes: number; maxInvoiceBytes: number; maxEntries: number };
}

describe('GET /api/v1/flows/settings', () => {
  it('answers the constants the server enforces, the same for a user and an API client', async () => {
    const res = await call(t, p.supplierUser, { method: 'GET', url: '/api/v1/flows/settings' });
    expect(res.statusCode, res.body).toBe(200);
    const settings = res.json<Settings>();

    expect(settings.limits).toEqual({
      maxFlowBytes: MAX_FLOW_BYTES,
      maxInvoiceBytes: MAX_INVOICE_BYTES,
      maxEntries: FLOW_ARCHIVE_LIMITS.maxEntries,
    });
    expect(settings.states.map((s) => s.code)).toEqual([...flowStates]);
    for (const s of settings.states) {
      expect(s.direction, s.code).toBe(s.code.startsWith('OUT_') ? 'OUT' : 'IN');
    }
    expect(settings.finalStates).toEqual([...finalFlowStates]);
    expect(settings.syntaxes).toEqual([
      ...Object.entries(supportedSyntaxes).map(([code, form]) => ({
        code,
        kind: form.toLowerCase(),
      })),
      ...statusSyntaxes.map((code) => ({ code, kind: 'statuses' })),
    ]);

    const asClient = await call(t, p.apiClient, { method: 'GET', url: '/api/v1/flows/settings' });
    expect(asClient.statusCode, asClient.body).toBe(200);
    expect(asClient.json()).toEqual(settings);
  });

  it('is not for anonymous callers', async () => {
    const res = await call(t, p.anonymous, { method: 'GET', url: '/api/v1/flows/settings' });
    expect(res.statusCode).toBe(401);
  });
});
