import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { startAppWithPersonas } from '../support/deposit.js';
import { call, type Personas } from '../support/personas.js';
import { depositBody, multipart, ubl, ublInvoice } from '../support/invoices.js';

// Requests a client gets wrong, by mistake or on purpose: each is a 4xx problem document,
// never a 500.

let t: TestApp;
let p: Personas;
beforeAll(async () => {
  ({ t, p } = await startAppWithPersonas());
});
afterAll(async () => {
  await t.close();
});

function expectProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
) {
  expect(res.statusCode, res.body).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as { status: number; code: string };
  expect(body.status).toBe(status);
  return body;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('malformed requests', () => {
  it('a truncated multipart deposit is a 400', async () => {
    const body = depositBody({ invoice: ubl() });
    const cut = body.payload.subarray(0, body.payload.length - 60);
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: cut,
      headers: body.headers,
    });
    expectProblem(res, 400);
  });

  it('a truncated multipart flow is a 400', async () => {
    const body = multipart([
      { name: 'syntaxeFlux', value: 'IN_DP_E1_UBL_INVOICE' },
      { name: 'nomFichier', value: 'f.xml' },
      { name: 'flow', filename: 'f.xml', contentType: 'application/xml', value: ublInvoice() },
    ]);
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/flows',
      payload: body.payload.subarray(0, body.payload.length - 200),
      headers: body.headers,
    });
    expectProblem(res, 400);
  });

  it('a truncated multipart completion is a 400', async () => {
    const body = multipart([
      { name: 'version', value: '1' },
      {
        name: 'attachments',
        filename: 'a.pdf',
        contentType: 'application/pdf',
        value: ublInvoice(),
      },
    ]);
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices/inv_01m97hc75gtv8qyqevmkez72wm/complete',
      payload: body.payload.subarray(0, body.payload.length - 200),
      headers: body.headers,
    });
    expectProblem(res, 400);
  });

  it('a text/plain deposit is a 415', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expectProblem(res, 415);
  });

  it('bad JSON is a 400 problem', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices',
      payload: '{"metadata":',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 400);
  });

  const forged = [
    b64(['sent', 'date', 'desc', 'not a date', 'inv_x']),
    b64(['sent', 'date', 'desc', '2026-02-30 10:00:00+00', 'inv_x']),
    b64(['sent', 'amount', 'desc', '12abc', 'inv_x']),
    b64(['sent', 'number', 'desc', 'a\u0000b', 'inv_x']),
    b64({ k: 'a\u0000b', id: 'x' }),
    'not-base64!!',
  ];
  it.each(forged)('a forged invoice list cursor %s is a 400', async (cursor) => {
    for (const sort of ['date', 'amount', 'number']) {
      const res = await call(t, p.supplierGestionnaire, {
        method: 'GET',
        url: `/api/v1/invoices?side=sent&sort=${sort}&cursor=${encodeURIComponent(cursor)}`,
      });
      expectProblem(res, 400);
    }
  });

  it.each(forged)('a forged directory cursor %s is a 400', async (cursor) => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: `/api/v1/structures?q=mairie&cursor=${encodeURIComponent(cursor)}`,
    });
    expectProblem(res, 400);
  });

  it.each(forged)('a forged flow list cursor %s is a 400', async (cursor) => {
    for (const direction of ['in', 'out']) {
      const res = await call(
        t,
        direction === 'in' ? p.supplierGestionnaire : p.publicGestionnaire,
        {
          method: 'GET',
          url: `/api/v1/flows?direction=${direction}&cursor=${encodeURIComponent(cursor)}`,
        },
      );
      expectProblem(res, 400);
    }
  });
});

/** Sends raw bytes to the listening app and reads the answer until the server closes. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.setTimeout(10_000, () => reject(new Error('no answer')));
    socket.write(request);
  });
}

function rawProblem(answer: string, status: number) {
  const [head, body] = answer.split('\r\n\r\n');
  expect(head, answer).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
  expect(head!.toLowerCase()).toContain('content-type: application/problem+json');
  const problem = JSON.parse(body!) as { status: number; code: string };
  expect(problem.status).toBe(status);
  return problem;
}

describe('errors raised before our handlers', () => {
  let port: number;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as net.AddressInfo).port;
  });

  it('headers over 16 KB are a 431 problem', async () => {
    const answer = await rawExchange(
      port,
      `GET /api/v1/invoices HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(rawProblem(answer, 431).code).toBe('HEADERS_TOO_LARGE');
  });

  it('a request line that is not HTTP is a 400 problem', async () => {
    const answer = await rawExchange(port, 'HELLO\r\n\r\n');
    expect(rawProblem(answer, 400).code).toBe('BAD_REQUEST');
  });

  it('a JSON body over the route limit is a 413 problem', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'POST',
      url: '/api/v1/invoices/inv_01m97hc75gtv8qyqevmkez72wm/acknowledge',
      payload: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(res, 413);
  });

  it('a URL that is not valid percent-encoding is a 400 problem', async () => {
    const res = await call(t, p.supplierGestionnaire, {
      method: 'GET',
      url: '/api/v1/invoices/%E0%A4%A',
    });
    expectProblem(res, 400);
  });
});
