import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { startAppWithPersonas } from '../support/deposit.js';
import { call, type Personas } from '../support/personas.js';

// Every route reads a body no larger than it needs: a move or a form is a few KB, so 100 KB is
// refused before it is read; only deposits, completions and flows take more, each its own
// documented limit.

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
});
afterAll(async () => {
  await t.close();
});

/** Routes with a larger limit of their own (the API description states each). */
const LARGE = new Set([
  'POST /api/v1/invoices',
  'POST /api/v1/invoices/:id/complete',
  'POST /api/v1/flows',
  // A sollicitation's question or answer carries its files (base64 JSON, 16 MB).
  'POST /api/v1/sollicitations',
  'POST /api/v1/sollicitations/:id/messages',
]);

const concrete = (url: string) =>
  url.replace(':identifier', '99887766600011').replace(/:(\w+)/g, (_m, name: string) => `x${name}`);

describe('body limits', () => {
  it('every route but deposits, completions and flows refuses a 100 KB JSON body (413)', async () => {
    const withBody = t.app.registeredRoutes.filter(
      (r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.url.startsWith('/api/'),
    );
    expect(withBody.length).toBeGreaterThan(20);
    const payload = JSON.stringify({ pad: 'x'.repeat(100 * 1024) });
    for (const route of withBody) {
      if (LARGE.has(`${route.method} ${route.url}`)) continue;
      const who = route.access === 'client' ? p.apiClient : p.supplierGestionnaire;
      const res = await call(t, who, {
        method: route.method as 'POST',
        url: concrete(route.url),
        payload,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.statusCode, `${route.method} ${route.url}: ${res.body}`).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('a completion refuses JSON over 16 MB (413), not 170 MB', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices/inv_01m97hc75gtv8qyqevmkez72wm/complete',
      payload: JSON.stringify({ version: 1, pad: 'x'.repeat(17 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('a keyed deposit refuses JSON over 4 MB (413)', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: JSON.stringify({ pad: 'x'.repeat(5 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode, res.body).toBe(413);
  });
});
