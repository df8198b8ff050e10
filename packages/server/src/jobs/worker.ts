/**
 * The job worker, run inside the server process (started and stopped by runtime.ts). pg-boss
 * polls its queues through our Kysely database, runs each job with `runJob`, completes it, or
 * fails it for a later retry (with backoff, queue options in migration 0009_pgboss_12). Its maintenance fails jobs left active by a crashed process after their
 * expiry (20 s), so they run again — `runJob` is idempotent for that reason.
 *
 * A fetched batch is run job by job — a job that throws is failed alone, not its batch — and
 * the worker starts no further job of a batch once half the jobs' expiry has gone by: the rest
 * go back to the queue as retries. So a slow mail relay never keeps a job past its expiry, where pg-boss
 * would hand it to another run while this one is still sending.
 */
import { sql, type Kysely } from 'kysely';
import { PgBoss } from 'pg-boss';
import type { WebhookSettings } from '../config.js';
import type { DB } from '../db/schema.js';
import { flowJobNames, runFlowJob, type FlowJobContext } from '../flows/flow-jobs.js';
import type { FlowOutbox } from '../flows/deliver-flow-report.js';
import type { FlowEntrySource } from '../flows/entries.js';
import type { Mailer } from '../lib/mailer.js';
import {
  runSollicitationJob,
  sollicitationJobNames,
} from '../sollicitations/notify-sollicitation.js';
import { jobRuns } from '../lib/metrics.js';
import type { FileStore } from '../storage/file-store.js';
import { deliverWebhookJob } from '../webhooks/deliver-webhook.js';
import { JobBatch, runJob as runNotifyJob, type QueuedJob } from './notify.js';
import { jobNames, kyselyExecutor } from './queue.js';

export interface JobWorker {
  /** Runs every job ready now, in this call (tests, CLI); returns how many ran. */
  drain(): Promise<number>;
  /** Runs the queue's maintenance now (expiry of jobs left active by a crash, archiving). */
  maintain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Jobs taken by one fetch. The jobs of a fetch share their lookups (JobBatch, notify.ts): a
 * flow's deposits come as runs of jobs about one recipient. A batch stops taking jobs past
 * half their expiry, so a slow relay sends the rest back to the queue, whatever this size.
 */
const BATCH_SIZE = 25;

/** A flow integration is a long job of its own: one per fetch, so one expiry budget each. */
const batchSizeOf = (name: string) => (name === 'integrate-flow' ? 1 : BATCH_SIZE);

/**
 * Webhook deliveries wait on receivers, not on us: the jobs of a fetch run side by side, and
 * WEBHOOK_POLLERS fetches run at once, so a receiver that hangs (each request is cut at
 * WEBHOOK_TIMEOUT_MS) holds a few slots while the others' deliveries go on (decision 0019).
 */
const WEBHOOK_QUEUE = 'deliver-webhook';
const WEBHOOK_POLLERS = 2;

type WorkerContext = FlowJobContext & { webhooks: WebhookSettings };

async function runJob(ctx: WorkerContext, job: QueuedJob, batch: JobBatch): Promise<number> {
  try {
    let sent = 0;
    if (job.name === WEBHOOK_QUEUE) await deliverWebhookJob(ctx, job);
    else if (sollicitationJobNames.includes(job.name as never)) {
      sent = await runSollicitationJob(ctx, job);
    } else if (flowJobNames.includes(job.name as never)) sent = await runFlowJob(ctx, job);
    else sent = await runNotifyJob(ctx, job, batch);
    jobRuns.inc({ queue: job.name, result: 'completed' });
    return sent;
  } catch (error) {
    jobRuns.inc({ queue: job.name, result: 'failed' });
    throw error;
  }
}

/** Defaults for a worker started without webhook settings (tests of other queues). */
const DEFAULT_WEBHOOKS: WebhookSettings = {
  timeoutMs: 10_000,
  allowLoopbackHttp: false,
  secretKey: undefined,
};

export async function startWorker(options: {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  log: (error: unknown, message: string) => void;
  /** Where flow files are, and the archive reader (flow jobs). */
  files?: FileStore | undefined;
  archives?: FlowEntrySource | undefined;
  /** SFTP accounts' root (SFTP_ROOT), where outbound flows are written too. */
  sftpRoot?: string | undefined;
  /** The SFTP accounts' out/ folders, where SFTP flows' reports are delivered. */
  outbox?: FlowOutbox | undefined;
  /** Webhook deliveries: timeout, loopback, secret key (config.webhooks). */
  webhooks?: WebhookSettings | undefined;
  /** How often each queue is polled; 0 = no polling (only `drain`). */
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
}): Promise<JobWorker> {
  const ctx: WorkerContext = {
    webhooks: options.webhooks ?? DEFAULT_WEBHOOKS,
    db: options.db,
    mailer: options.mailer,
    publicUrl: options.publicUrl,
    files: options.files,
    archives: options.archives,
    sftpRoot: options.sftpRoot,
    outbox: options.outbox,
  };
  const polling = options.pollingIntervalSeconds ?? 1;
  const maintenance = options.maintenanceIntervalSeconds ?? 15;
  const boss = new PgBoss({
    db: kyselyExecutor(options.db),
    schema: 'pgboss',
    // The schema comes with our migrations; pg-boss only checks its version.
    migrate: false,
    supervise: polling > 0,
    schedule: false,
    // pg-boss 12 splits what version 10 did every maintenance interval: the supervisor's pass,
    // and in it each queue's monitor (which fails expired jobs) and maintenance (deletion), each
    // at most once per its own interval. All three at ours keep a crashed job's retry within an
    // interval of its expiry, as before (defaults: a minute each, an hour for deletion).
    superviseIntervalSeconds: maintenance,
    monitorIntervalSeconds: maintenance,
    maintenanceIntervalSeconds: maintenance,
    // Queue statistics and warnings kept in tables, the instance registry: pg-boss 12 extras we
    // do not read. Off, so the embedded database's single session is not spent on them.
    persistQueueStats: false,
    persistWarnings: false,
    registerInstance: false,
  });
  boss.on('error', (error) => options.log(error, 'job queue error'));
  await boss.start();
  if (polling > 0) {
    for (const name of jobNames) {
      if (name === WEBHOOK_QUEUE) continue;
      // Batches: one poll fetches up to BATCH_SIZE jobs. pg-boss waits a whole polling interval
      // after each fetch; a full batch says a backlog is waiting, so the handler asks for the
      // next fetch at once (notifyWorker) and a backlog drains as fast as mails can be sent, not
      // BATCH_SIZE a second (decision 0009: deposits arrive at hundreds a second).
      let workerId = '';
      workerId = await boss.work<unknown>(
        name,
        { pollingIntervalSeconds: polling, batchSize: batchSizeOf(name) },
        async (jobs) => {
          if (jobs.length === batchSizeOf(name)) boss.notifyWorker(workerId);
          const started = Date.now();
          // expire_in comes back as numeric, which our drivers give as text: Number() it.
          const expiry = Math.min(...jobs.map((j) => Number(j.expireInSeconds)));
          const budgetMs = (expiry * 1000) / 2;
          const done: string[] = [];
          const batch = await JobBatch.of(options.db, jobs);
          for (const job of jobs) {
            // pg-boss 12 aborts a batch's signal once it gave up waiting on the handler (the
            // expiry passed) and failed the batch: its jobs are then another run's to send.
            if (job.signal.aborted) return;
            if (Date.now() - started > budgetMs) {
              // Complete what ran; pg-boss then fails the jobs still active: retried later.
              if (done.length > 0) await boss.complete(name, done);
              throw new Error('batch time budget spent: the remaining jobs go back to the queue');
            }
            try {
              await runJob(ctx, job, batch);
              done.push(job.id);
            } catch (error) {
              // This job alone is retried; pg-boss completes the others (still active) at the end.
              options.log(error, `job ${name} ${job.id} failed`);
              await boss.fail(name, job.id, { message: String(error) });
            }
          }
        },
      );
    }
  }
  if (polling > 0) {
    await boss.work<unknown>(
      WEBHOOK_QUEUE,
      { pollingIntervalSeconds: polling, batchSize: 10, localConcurrency: WEBHOOK_POLLERS },
      async (jobs) => {
        await Promise.all(
          jobs.map(async (job) => {
            try {
              await deliverWebhookJob(ctx, job);
            } catch (error) {
              // Expected while a receiver is down: logged, retried with backoff.
              options.log(error, `job ${WEBHOOK_QUEUE} ${job.id} will be retried`);
              await boss.fail(WEBHOOK_QUEUE, job.id, { message: String(error) });
            }
          }),
        );
      },
    );
  }
  return {
    async drain() {
      let ran = 0;
      for (;;) {
        let found = 0;
        for (const name of jobNames) {
          const jobs = await boss.fetch<unknown>(name, { batchSize: batchSizeOf(name) });
          const batch = await JobBatch.of(options.db, jobs);
          for (const job of jobs) {
            found++;
            try {
              await runJob(ctx, job, batch);
              await boss.complete(name, job.id);
            } catch (error) {
              options.log(error, `job ${name} ${job.id} failed`);
              await boss.fail(name, job.id, { message: String(error) });
            }
          }
        }
        ran += found;
        if (found === 0) return ran;
      }
    },
    async maintain() {
      // Each queue's monitor and maintenance run at most once per interval, stamped on the
      // queue's row; a pass asked for now clears the stamps so that it covers every queue.
      await sql`update pgboss.queue set monitor_claim_on = null, monitor_on = null,
        maintain_on = null`.execute(options.db);
      await boss.supervise();
    },
    async stop() {
      // pg-boss 12's stop waits for running jobs when graceful (its `wait` option is gone).
      await boss.stop({ graceful: true, close: false, timeout: 10_000 });
    },
  };
}
