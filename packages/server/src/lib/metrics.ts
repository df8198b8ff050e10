/**
 * What operators watch (GET /metrics, Prometheus text format; decision 0020). The counters live
 * in this process's registry: each server or worker process is scraped on its own and
 * Prometheus sums them. What is the same for every process — queue depth, oldest job — is not
 * kept here but read from the database at scrape time (health/render-metrics.ts).
 *
 * Labels are closed sets (route patterns, refusal codes, flow states, channels), never a raw URL
 * nor an id: a label value per invoice would grow the registry without bound.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const metricsRegistry = new Registry();
// Process CPU, memory, event-loop lag, GC: what tells a saturated process from a slow database.
collectDefaultMetrics({ register: metricsRegistry, prefix: 'chorale_' });

export const httpRequests = new Counter({
  name: 'chorale_http_requests_total',
  help: 'HTTP requests answered, by method, route pattern and status code.',
  labelNames: ['method', 'route', 'status'] as const,
  registers: [metricsRegistry],
});

export const httpDuration = new Histogram({
  name: 'chorale_http_request_duration_seconds',
  help: 'Time from receiving a request to sending its answer, by method and route pattern.',
  labelNames: ['method', 'route'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [metricsRegistry],
});

/** Where a deposit came in: the API, the Chorus Pro–compatible surface, or a flow's entry. */
export type DepositChannel = 'api' | 'cpro' | 'flow';

export const deposits = new Counter({
  name: 'chorale_deposits_total',
  help: 'Invoices accepted by a deposit (retries answered from the Idempotency-Key not counted).',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

export const depositRefusals = new Counter({
  name: 'chorale_deposit_refusals_total',
  help: 'Deposits refused, by channel and refusal code.',
  labelNames: ['channel', 'code'] as const,
  registers: [metricsRegistry],
});

export const flowIntegrations = new Counter({
  name: 'chorale_flow_integrations_total',
  help: 'Flow integration runs, by outcome: the final state reached, continued, or error (retried).',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const mailsSent = new Counter({
  name: 'chorale_mails_sent_total',
  help: 'E-mails accepted by the SMTP relay.',
  registers: [metricsRegistry],
});

export const mailFailures = new Counter({
  name: 'chorale_mail_failures_total',
  help: 'E-mails the SMTP relay did not accept (the job retries them).',
  registers: [metricsRegistry],
});

export const jobRuns = new Counter({
  name: 'chorale_jobs_total',
  help: 'Jobs run by this process, by queue and result (completed, failed).',
  labelNames: ['queue', 'result'] as const,
  registers: [metricsRegistry],
});
