import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { createMailer } from '../../src/lib/mailer.js';
import { countHit, sweepRateLimitWindows } from '../../src/lib/rate-limit-hits.js';
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

describe('rate limits shared by the processes of one database (decision 0020)', () => {
  it('counts attempts made through two apps on one database together', async () => {
    // A second app on the same database: another server process behind the load balancer.
    const other = await buildApp({
      deps: {
        db: t.database.db,
        dbKind: t.database.kind,
        config: t.config,
        mailer: createMailer({ smtpUrl: undefined, from: t.config.mailFrom, log: () => {} }),
      },
      cookieSecret: 'test-cookie-secret-test-cookie-secret',
      logger: false,
    });
    try {
      const attempt = (app: typeof other, i: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '192.0.2.77',
          payload: { email: `y${i}@example.test`, password: 'not-the-password' },
        });
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++)
        statuses.push((await attempt(i % 2 ? other : t.app, i)).statusCode);
      // 20 a minute for both together, not 20 each.
      expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429]);
    } finally {
      await other.close();
    }
  });

  it('starts a new window once the last one ended, and sweeps ended windows', async () => {
    const db = t.database.db;
    const key = `test:${Date.now()}`;
    expect((await countHit({ db, key, windowMs: 300 })).hits).toBe(1);
    const second = await countHit({ db, key, windowMs: 300 });
    expect(second.hits).toBe(2);
    expect(second.ttlMs).toBeGreaterThan(0);
    expect(second.ttlMs).toBeLessThanOrEqual(300);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await countHit({ db, key: `${key}:other`, windowMs: 60_000 })).hits).toBe(1);
    expect(await sweepRateLimitWindows({ db })).toBeGreaterThanOrEqual(1);
    const rows = await db
      .selectFrom('rate_limit_window' as never)
      .select('key' as never)
      .execute();
    const keys = rows.map((r) => (r as { key: string }).key);
    expect(keys).not.toContain(key);
    expect(keys).toContain(`${key}:other`);
    expect((await countHit({ db, key, windowMs: 300 })).hits).toBe(1);
  });
});
