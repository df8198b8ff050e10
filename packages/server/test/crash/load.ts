/**
 * A write load for the fault tests: the demo directory with one supplier API client, its
 * bearer token, and deposits over HTTP whose answers are kept, so that the database can be
 * checked afterwards against what the server promised (201: stored exactly once).
 */
import { expect } from 'vitest';
import {
  createApiClient,
  type ApiClientCredentials,
} from '../../src/accounts/create-api-client.js';
import { SYSTEM_ACTOR } from '../../src/accounts/model.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { depositBody, ubl } from '../support/invoices.js';
import type { Location } from './harness.js';

/** Migrates, seeds the demo data and creates the supplier's API client (server not running). */
export async function seedForDeposits(location: Location): Promise<ApiClientCredentials> {
  const database = await location.open();
  try {
    await migrateToLatest(database.db);
    await seedDemo({ db: database.db });
    return await createApiClient({
      db: database.db,
      actor: SYSTEM_ACTOR,
      identifier: DEMO_SUPPLIER.identifier,
      name: 'fault test: supplier',
      scopes: ['invoices:send', 'invoices:read'],
    });
  } finally {
    await database.close();
  }
}

export async function tokenFor(base: string, client: ApiClientCredentials): Promise<string> {
  const res = await fetch(`${base}/api/v1/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
    signal: AbortSignal.timeout(30_000),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** What one deposit got: a status and body, or a network failure (the server went away). */
export type DepositOutcome =
  | { kind: 'answered'; status: number; body: string; contentType: string; ms: number }
  | { kind: 'failed'; error: string; ms: number };

/** Deposits invoice `number` once; never throws. */
export async function deposit(
  base: string,
  token: string,
  number: string,
  timeoutMs = 60_000,
): Promise<DepositOutcome> {
  const body = depositBody({ invoice: ubl({ number }) });
  const started = Date.now();
  try {
    const res = await fetch(`${base}/api/v1/invoices`, {
      method: 'POST',
      headers: { ...body.headers, authorization: `Bearer ${token}` },
      body: body.payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return {
      kind: 'answered',
      status: res.status,
      body: await res.text(),
      contentType: res.headers.get('content-type') ?? '',
      ms: Date.now() - started,
    };
  } catch (error) {
    return { kind: 'failed', error: String(error), ms: Date.now() - started };
  }
}

/**
 * Every deposit answered 201 is stored exactly once under the id it was answered with, and
 * no invoice is half-written (its original file and its first two journal events are there).
 */
export async function expectStoredOnce(
  database: Database,
  answered: Map<string, string>,
): Promise<number> {
  const db = database.db;
  const rows = await db.selectFrom('invoice').select(['id', 'number']).execute();
  const byNumber = new Map<string, string[]>();
  for (const r of rows) byNumber.set(r.number, [...(byNumber.get(r.number) ?? []), r.id]);
  const missing = [...answered].filter(([number, id]) => {
    const ids = byNumber.get(number);
    return !ids || ids.length !== 1 || ids[0] !== id;
  });
  expect(missing).toEqual([]);
  expect([...byNumber].filter(([, ids]) => ids.length !== 1)).toEqual([]);
  const originals = await db
    .selectFrom('invoice_file')
    .select(['invoice_id'])
    .where('kind', '=', 'ORIGINAL')
    .execute();
  const withOriginal = new Set(originals.map((f) => f.invoice_id));
  expect(rows.filter((r) => !withOriginal.has(r.id)).map((r) => r.number)).toEqual([]);
  const events = await db
    .selectFrom('invoice_event')
    .select(['invoice_id', 'event'])
    .where('seq', '<=', 2)
    .orderBy('invoice_id')
    .orderBy('seq')
    .execute();
  const firstTwo = new Map<string, string[]>();
  for (const e of events)
    firstTwo.set(e.invoice_id, [...(firstTwo.get(e.invoice_id) ?? []), e.event]);
  expect(
    rows
      .filter((r) => firstTwo.get(r.id)?.join() !== 'DEPOSITED,MADE_AVAILABLE')
      .map((r) => r.number),
  ).toEqual([]);
  return rows.length;
}
