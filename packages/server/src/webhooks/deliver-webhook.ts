/**
 * The `deliver-webhook` job: POST an event to a webhook, signed, and log the attempt.
 *
 * Order per subject (decision 0019): the deliveries of one webhook and one `order_key` (an
 * invoice, a flow) go out one at a time in (seq, event id) order. A job does not send its own
 * delivery: it sends the subject's earliest pending one (its "head"), then the next, until the
 * subject has none left — so a later event never overtakes an earlier one that failed, and the
 * first job to run after an outage sends the whole backlog in order. The head is leased
 * (`leased_until`) for the time of one request, not held by a transaction: the database is never
 * held while a receiver answers (the embedded database is a single session). A job that finds
 * the head leased by another job, or whose request failed, throws: pg-boss retries it with
 * backoff (5 s doubling, at most an hour apart). A delivery still failing 24 h after its event
 * is given up (FAILED) and the subject's next one goes; "resend" can still send it.
 *
 * A request waits at most WEBHOOK_TIMEOUT_MS for the whole answer, follows no redirect, and
 * keeps the first RESPONSE_EXCERPT characters of the answer. At-least-once: a crash between the
 * receiver's 2xx and our mark sends the event again; receivers drop it by its event id.
 */
import type { Kysely } from 'kysely';
import type { WebhookSettings } from '../config.js';
import type { DB } from '../db/schema.js';
import { jobSchemas } from '../jobs/queue.js';
import { newId } from '../lib/ids.js';
import { DELIVERY_WINDOW_MS, RESPONSE_EXCERPT } from './model.js';
import { openSecret, webhookKeyFor } from './secret-box.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signPayload, TIMESTAMP_HEADER } from './signature.js';

export interface WebhookJobContext {
  db: Kysely<DB>;
  webhooks: WebhookSettings;
}

/** A job stops taking further heads of its subject after this long (the rest on retry). */
const RUN_BUDGET_MS = 50_000;

export async function deliverWebhookJob(
  ctx: WebhookJobContext,
  job: { id: string; data: unknown },
): Promise<void> {
  const data = jobSchemas['deliver-webhook'].parse(job.data);
  const { db } = ctx;
  const mine = await db
    .selectFrom('webhook_delivery')
    .select(['id', 'webhook_id', 'order_key', 'state'])
    .where('id', '=', data.deliveryId)
    .executeTakeFirst();
  // Its webhook was deleted (deliveries go with it): nothing left to do.
  if (!mine) return;
  if (data.manual) {
    await attempt(ctx, mine.id, true);
    return;
  }
  const started = Date.now();
  for (;;) {
    const head = await db
      .selectFrom('webhook_delivery')
      .select(['id', 'created_at'])
      .where('webhook_id', '=', mine.webhook_id)
      .where('order_key', '=', mine.order_key)
      .where('state', '=', 'PENDING')
      .orderBy('seq')
      .orderBy('event_id')
      .limit(1)
      .executeTakeFirst();
    if (!head) return;
    if (Date.now() - started > RUN_BUDGET_MS) {
      const still = await stateOf(db, mine.id);
      if (still !== 'PENDING') return;
      throw new Error('webhook: run budget spent before this delivery; retried later');
    }
    const leased = await db
      .updateTable('webhook_delivery')
      .set({ leased_until: new Date(Date.now() + ctx.webhooks.timeoutMs + 30_000) })
      .where('id', '=', head.id)
      .where('state', '=', 'PENDING')
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', new Date())]))
      .returning('id')
      .executeTakeFirst();
    if (!leased) {
      throw new Error('webhook: an earlier delivery of this subject is being sent; retried later');
    }
    const outcome = await attempt(ctx, head.id, false);
    if (outcome.ok) continue;
    if (Date.now() - head.created_at.getTime() > DELIVERY_WINDOW_MS) {
      // Tried for 24 h: given up, so that the subject's later events are not held forever.
      await db
        .updateTable('webhook_delivery')
        .set({ state: 'FAILED' })
        .where('id', '=', head.id)
        .where('state', '=', 'PENDING')
        .execute();
      continue;
    }
    throw new Error(`webhook delivery ${head.id} failed: ${outcome.summary}; retried later`);
  }
}

async function stateOf(db: Kysely<DB>, id: string) {
  const row = await db
    .selectFrom('webhook_delivery')
    .select('state')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.state;
}

/** The JSON body a receiver gets (docs/webhooks.md). */
export function deliveryBody(row: {
  event_id: string;
  type: string;
  created_at: Date;
  structure_id: string;
  identifier: string;
  order_key: string;
  seq: number;
  payload: Record<string, unknown>;
}): string {
  return JSON.stringify({
    id: row.event_id,
    type: row.type,
    createdAt: row.created_at.toISOString(),
    structure: { id: row.structure_id, identifier: row.identifier },
    orderKey: row.order_key,
    sequence: Number(row.seq),
    data: row.payload,
  });
}

/** One POST of a delivery, logged; the delivery is marked DELIVERED on a 2xx. */
async function attempt(
  ctx: WebhookJobContext,
  deliveryId: string,
  manual: boolean,
): Promise<{ ok: boolean; summary: string }> {
  const { db } = ctx;
  const row = await db
    .selectFrom('webhook_delivery as d')
    .innerJoin('event as e', 'e.id', 'd.event_id')
    .innerJoin('webhook as w', 'w.id', 'd.webhook_id')
    .innerJoin('structure as s', 's.id', 'e.structure_id')
    .select([
      'd.event_id',
      'e.type',
      'e.created_at',
      'e.structure_id',
      's.identifier',
      'd.order_key',
      'd.seq',
      'e.payload',
      'w.url',
      'w.secret_enc',
    ])
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (!row) return { ok: true, summary: 'webhook deleted' };
  const body = deliveryBody(row);
  const secret = openSecret(await webhookKeyFor(db, ctx.webhooks.secretKey), row.secret_enc);
  const timestamp = Math.floor(Date.now() / 1000);
  const started = performance.now();
  let status: number | null = null;
  let error: string | null = null;
  let excerpt: string | null = null;
  try {
    const response = await fetch(row.url, {
      method: 'POST',
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(ctx.webhooks.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Chorale-Webhooks/1',
        [EVENT_ID_HEADER]: row.event_id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
      },
    });
    status = response.status;
    excerpt = await readExcerpt(response);
  } catch (e) {
    const err = e as Error;
    error =
      err.name === 'TimeoutError'
        ? `no answer within ${ctx.webhooks.timeoutMs} ms`
        : `${err.message}${err.cause instanceof Error ? `: ${err.cause.message}` : ''}`.slice(
            0,
            300,
          );
  }
  const durationMs = Math.round(performance.now() - started);
  const ok = status !== null && status >= 200 && status < 300;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempt')
      .values({
        id: newId('webhookAttempt'),
        delivery_id: deliveryId,
        manual,
        status_code: status,
        duration_ms: durationMs,
        error,
        response_excerpt: excerpt,
      })
      .execute();
    await trx
      .updateTable('webhook_delivery')
      .set((eb) => ({
        attempts: eb('attempts', '+', 1),
        leased_until: null,
        ...(ok ? { state: 'DELIVERED' as const, delivered_at: new Date() } : {}),
      }))
      .where('id', '=', deliveryId)
      .execute();
  });
  return { ok, summary: error ?? `HTTP ${status}` };
}

/** The answer's first characters (a receiver's body may be anything, of any length). */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  // Control characters of an arbitrary answer are not kept (the log is shown in the portal).
  let text = '';
  for (const ch of Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_EXCERPT)) {
    const code = ch.charCodeAt(0);
    text += (code < 0x20 && ch !== '\n' && ch !== '\t') || code === 0x7f ? ' ' : ch;
  }
  return text || null;
}
