import { rmSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('HTTP base', () => {
  it('answers liveness and readiness, readiness after a real query', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ok',
      database: t.database.kind,
      checks: { database: 'ok', storage: 'ok', queue: 'ok' },
    });
  });

  it('reports readiness 503 when the database is gone, naming it', async () => {
    const other = await createTestApp();
    await other.database.close();
    const ready = await other.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      status: 'unavailable',
      checks: { database: 'down', queue: 'down', storage: 'ok' },
    });
    // Liveness says only that the process answers: a load balancer must not restart it for this.
    const live = await other.app.inject({ method: 'GET', url: '/health/live' });
    expect(live.statusCode).toBe(200);
    await other.app.close();
    if (other.database.kind === 'postgres') await other.database.destroy().catch(() => undefined);
  });

  it('reports readiness 503 naming the file store when it cannot be written', async () => {
    const other = await createTestApp();
    try {
      // The files folder replaced by a plain file: nothing can be stored under it.
      rmSync(other.config.filesDir, { recursive: true, force: true });
      writeFileSync(other.config.filesDir, 'not a folder');
      const ready = await other.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        status: 'unavailable',
        checks: { database: 'ok', queue: 'ok', storage: 'down' },
      });
    } finally {
      await other.close();
    }
  });

  it('reports readiness 503 naming the queue when its tables are missing', async () => {
    const other = await createTestApp();
    try {
      await sql`alter table pgboss.version rename to version_away`.execute(other.database.db);
      const ready = await other.app.inject({ method: 'GET', url: '/health/ready' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        checks: { database: 'ok', queue: 'down', storage: 'ok' },
      });
    } finally {
      await other.close();
    }
  });

  it('answers unknown routes with an RFC 9457 problem and a request id', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe('abc-123');
    const body = res.json();
    expect(body).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      requestId: 'abc-123',
      instance: '/api/v1/nothing-here',
    });
    expect(typeof body.type).toBe('string');
    expect(typeof body.title).toBe('string');
  });

  it('replaces an incoming request id that is not sane with its own', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/nothing-here',
      headers: { 'x-request-id': 'two words\u0007' + 'x'.repeat(80) },
    });
    const own = res.headers['x-request-id'] as string;
    expect(own).toMatch(/^req_[A-Za-z0-9]+$/);
    expect(res.json()).toMatchObject({ requestId: own });
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health/live' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('publishes an OpenAPI 3.1 document and interactive docs', async () => {
    const spec = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/health/ready');
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });

  it('serves the portal page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="fr"');
    expect(res.body).toContain('<div id="root">');
  });
});
