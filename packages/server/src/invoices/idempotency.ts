/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): a request retried with the same
 * key by the same caller gets the first answer again; the same key with another request is a
 * conflict. Keys are per caller (user or API client id), so one caller cannot replay another's.
 *
 * The answer is written in the same transaction as what it answers: either both exist or
 * neither, so a crash between the two cannot make a retry deposit twice.
 */
import { createHash } from 'node:crypto';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';

export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function principalKey(principal: Principal): string {
  return principal.kind === 'user' ? principal.userId : principal.clientId;
}

/** A stable hash of a request's parts (order of object keys does not matter). */
export function requestHash(parts: unknown): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface StoredAnswer<T> {
  statusCode: number;
  body: T;
}

/** The stored answer for this key, or undefined; CONFLICT if the key served another request. */
export async function findAnswer<T>(
  db: Kysely<DB> | Transaction<DB>,
  options: { principal: Principal; key: string; hash: string },
): Promise<StoredAnswer<T> | undefined> {
  const row = await db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status_code', 'response'])
    .where('principal', '=', principalKey(options.principal))
    .where('key', '=', options.key)
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.request_hash !== options.hash) {
    throw new AppError(
      'CONFLICT',
      'This Idempotency-Key was already used for a different request: use a new key',
    );
  }
  return { statusCode: row.status_code, body: row.response as T };
}

/** The idempotency_key row recording an answer (to insert with what it answers). */
export function answerRow(options: {
  principal: Principal;
  key: string;
  hash: string;
  answer: StoredAnswer<unknown>;
}): Insertable<DB['idempotency_key']> {
  return {
    principal: principalKey(options.principal),
    key: options.key,
    request_hash: options.hash,
    status_code: options.answer.statusCode,
    response: JSON.stringify(options.answer.body),
  };
}
