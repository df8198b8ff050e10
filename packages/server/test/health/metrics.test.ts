import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { deposit, nextNumber, startAppWithPersonas } from '../support/deposit.js';
import { ubl } from '../support/invoices.js';
import type { Personas } from '../support/personas.js';

let t: TestApp;
let p: Personas;
beforeAll(async () => ({ t, p } = await startAppWithPersonas()));
afterAll(() => t.close());

async function scrape(headers: Record<string, string> = {}): Promise<string> {
  const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
}

/** The value of one series (name and exact labels as Prometheus prints them), 0 when absent. */
function valueOf(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics', () => {
  it('shows deposits, refusals, requests per route and the queue moving after a deposit', async () => {
    const before = await scrape();
    const number = nextNumber();
    const accepted = await deposit(t, p.supplierUser, { invoice: ubl({ number }) });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const refused = await deposit(t, p.supplierUser, { invoice: ubl({ number }) });
    expect(refused.statusCode).toBe(409);
    const invoiceId = accepted.json<{ id: string }>().id;
    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/invoices/${invoiceId}`,
      headers: p.supplierUser.headers,
    });
    expect(read.statusCode).toBe(200);
    const after = await scrape();

    const delta = (series: string) => valueOf(after, series) - valueOf(before, series);
    expect(delta('chorale_deposits_total{channel="api"}')).toBe(1);
    expect(delta('chorale_deposit_refusals_total{channel="api",code="DOUBLON"}')).toBe(1);
    expect(
      delta('chorale_http_requests_total{method="POST",route="/api/v1/invoices",status="201"}'),
    ).toBe(1);
    expect(
      delta('chorale_http_requests_total{method="POST",route="/api/v1/invoices",status="409"}'),
    ).toBe(1);
    // The route's pattern, never the invoice's URL: one series whatever the id.
    expect(
      delta('chorale_http_requests_total{method="GET",route="/api/v1/invoices/:id",status="200"}'),
    ).toBe(1);
    expect(after).not.toContain(invoiceId);
    expect(
      delta('chorale_http_request_duration_seconds_count{method="POST",route="/api/v1/invoices"}'),
    ).toBe(2);
    // The accepted deposit queued its notification job: waiting, with an age, read at scrape time.
    expect(
      valueOf(after, 'chorale_job_queue_jobs{queue="notify-invoice-available",state="created"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'chorale_job_queue_readable')).toBe(1);
    expect(after).toMatch(
      /^chorale_job_queue_oldest_age_seconds\{queue="notify-invoice-available"\} /m,
    );
    // Process metrics come along (memory, event loop).
    expect(after).toMatch(/^chorale_process_resident_memory_bytes /m);
  });

  it('counts a request that matched no route as unmatched, not by its URL', async () => {
    const before = await scrape();
    await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing-12345' });
    const after = await scrape();
    const series = 'chorale_http_requests_total{method="GET",route="unmatched",status="404"}';
    expect(valueOf(after, series) - valueOf(before, series)).toBe(1);
    expect(after).not.toContain('no-such-thing-12345');
  });

  it('without METRICS_TOKEN, refuses a proxied or remote caller', async () => {
    const proxied = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(proxied.statusCode).toBe(403);
    expect(proxied.json()).toMatchObject({ code: 'FORBIDDEN' });
    const remote = await t.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
    });
    expect(remote.statusCode).toBe(403);
  });

  it('with METRICS_TOKEN, wants the token from anyone, loopback included', async () => {
    const token = 'metrics-token-for-the-test-0123456789';
    t.config.metricsToken = token;
    try {
      const none = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.headers['content-type']).toMatch(/problem\+json/);
      const wrong = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { authorization: `Bearer ${token}x` },
      });
      expect(wrong.statusCode).toBe(401);
      const remote = await t.app.inject({
        method: 'GET',
        url: '/metrics',
        remoteAddress: '10.1.2.3',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(remote.statusCode).toBe(200);
      expect(remote.body).toContain('chorale_deposits_total');
    } finally {
      t.config.metricsToken = undefined;
    }
  });
});
