import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('rate limiting of sign-in', () => {
  it('answers 429 as a problem after 20 attempts a minute from one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `x${i}@example.test`, password: 'not-the-password' },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.headers['content-type']).toMatch(/problem\+json/);
        expect(res.json()).toMatchObject({ code: 'RATE_LIMITED' });
      }
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Unlimited routes are not affected.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/structures' })).statusCode).toBe(200);
  });
});
