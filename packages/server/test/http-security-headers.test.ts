import Fastify from 'fastify';
import helmet from '@fastify/helmet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HELMET } from '../src/http/app.js';
import { createTestApp, type TestApp } from './support/app.js';

// helmet's headers are worked out once at start-up (src/http/security-headers.ts) instead of by
// the plugin on every request: every kind of answer must still carry exactly what it would set.

let t: TestApp;
let expected: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const plugin = Fastify();
  await plugin.register(helmet, HELMET);
  plugin.get('/', async () => '');
  const answer = await plugin.inject({ method: 'GET', url: '/' });
  await plugin.close();
  expected = {};
  for (const [name, value] of Object.entries(answer.headers)) {
    if (!['date', 'connection', 'keep-alive', 'content-type', 'content-length'].includes(name))
      expected[name] = String(value);
  }
});
afterAll(async () => {
  await t.close();
});

describe('security headers', () => {
  it('are those of @fastify/helmet with the app’s options, on every kind of answer', async () => {
    expect(Object.keys(expected)).toEqual(
      expect.arrayContaining([
        'content-security-policy',
        'strict-transport-security',
        'x-content-type-options',
        'x-frame-options',
      ]),
    );
    const answers = [
      await t.app.inject({ method: 'GET', url: '/health/live' }),
      // Refused by authentication (onRequest), a route that does not exist, a bad body.
      await t.app.inject({ method: 'GET', url: '/api/v1/invoices' }),
      await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/oauth/token',
        payload: { grant_type: 'client_credentials' },
      }),
    ];
    for (const answer of answers) {
      for (const [name, value] of Object.entries(expected)) {
        expect(answer.headers[name], `${answer.statusCode} ${name}`).toBe(value);
      }
    }
  });
});
