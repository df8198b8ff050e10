/**
 * Recording an event: in the caller's transaction (or statement), the event row(s), one
 * delivery row per webhook of the told structure subscribed to the type, and one
 * `deliver-webhook` job per delivery — so a change, its events and their deliveries commit or
 * vanish together, and a delivery never runs inside the change (decision 0019).
 *
 * The webhooks are found by the same statement (a join on the inserted events), not by a read
 * beforehand: a deposit, written in one statement (decision 0009), takes its events with it at
 * no extra round trip, and a structure without webhooks costs one empty index probe.
 */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { jobsFromSelectSql } from '../jobs/queue.js';
import { newId } from '../lib/ids.js';
import { eventTypes, type NewEvent } from './model.js';

/** Largest event data kept (JSON text): events name things, they do not carry documents. */
export const MAX_EVENT_DATA = 8 * 1024;

/**
 * The CTEs writing `events` with their deliveries and jobs, for a caller's `with … select`:
 * values go through `param` (placeholders of the caller's statement). Names start with `ev_`.
 * Returns no CTE for no events.
 */
export function eventsInsertCtes(
  events: readonly NewEvent[],
  param: (value: unknown) => string,
): string[] {
  if (events.length === 0) return [];
  const rows = events.map((e) => {
    if (!(eventTypes as readonly string[]).includes(e.type)) {
      throw new Error(`recordEvents: unknown event type ${e.type}`);
    }
    const data = JSON.stringify(e.data);
    if (data.length > MAX_EVENT_DATA) throw new Error(`recordEvents: ${e.type} data too large`);
    const id = newId('event');
    const values = [
      id,
      e.type,
      e.structureId,
      e.audience,
      e.serviceId ?? null,
      e.invoiceId ?? null,
      e.flowId ?? null,
      e.orderKey ?? id,
      e.seq ?? 1,
      data,
      e.at ?? new Date(),
    ];
    return `(${values.map((v) => param(v)).join(', ')})`;
  });
  return [
    `ev_rows as (insert into event (id, type, structure_id, audience, service_id, invoice_id,
        flow_id, order_key, seq, payload, created_at)
      values ${rows.join(', ')}
      returning id, type, structure_id, order_key, seq)`,
    // A delivery's id derives from (webhook, event): written once even if a caller retried.
    `ev_deliveries as (insert into webhook_delivery (id, webhook_id, event_id, order_key, seq)
      select 'whd_' || substr(md5(w.id || ':' || e.id), 1, 26), w.id, e.id, e.order_key, e.seq
      from ev_rows e join webhook w on w.structure_id = e.structure_id and e.type = any (w.events)
      on conflict do nothing
      returning id)`,
    `ev_jobs as (${jobsFromSelectSql(
      'deliver-webhook',
      `select md5('deliver-webhook:' || d.id)::uuid, jsonb_build_object('v', 1, 'deliveryId', d.id),
        d.id from ev_deliveries d`,
      param,
    )})`,
  ];
}

/**
 * Records events inside `trx` (the change's transaction): any use case calls this with the
 * events its change causes. One statement whatever the number of events and webhooks.
 */
export async function recordEvents(
  trx: Transaction<DB> | Kysely<DB>,
  events: readonly NewEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const values: unknown[] = [];
  const ctes = eventsInsertCtes(events, (value) => {
    values.push(value);
    return `$${values.length}`;
  });
  await trx.executeQuery(CompiledQuery.raw(`with ${ctes.join(',\n')}\nselect 1`, values));
}

/** One event: `recordEvents` with one. */
export function recordEvent(trx: Transaction<DB>, event: NewEvent): Promise<void> {
  return recordEvents(trx, [event]);
}
