/**
 * Bearer tokens recently found valid, by token hash. An API client sends the same token with
 * every request for up to 15 minutes, and looking it up was one database round trip per request
 * (about a ninth of a deposit's CPU, server and database together: decision 0009).
 *
 * An entry is believed for TOKEN_CACHE_MS at most, and never past the token's own expiry.
 * Whatever in this process makes a client's tokens invalid (rotating its secret, deactivating
 * it) calls forgetClientTokens once that is committed, so in this process revocation is
 * immediate. Another process sharing the database (a second server) may still accept a revoked
 * token for up to TOKEN_CACHE_MS. Only valid tokens are kept: an unknown token is looked up every
 * time, so a new token works as soon as it is issued.
 */
import type { Scope } from './model.js';

export interface TokenClient {
  clientId: string;
  structureId: string;
  scopes: Scope[];
}

export const TOKEN_CACHE_MS = 5_000;
/** Bounds memory whatever the number of clients; the oldest entry goes first. */
const TOKEN_CACHE_MAX = 10_000;

interface Entry {
  /** The database the token was found in: tests run several in one process. */
  db: object;
  client: TokenClient;
  until: number;
}

const entries = new Map<string, Entry>();
/**
 * Counts forgetClientTokens calls: a lookup under way while a client is forgotten may have read
 * a token revoked meanwhile, so its answer serves that one request but is not kept.
 */
let forgotten = 0;

/** The cached client of a token hash, when the entry is from this database and still fresh. */
export function cachedToken(db: object, hash: string, now: number): TokenClient | undefined {
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (entry.db === db && entry.until > now) return entry.client;
  entries.delete(hash);
  return undefined;
}

/** To take before a lookup whose answer will be given to rememberToken. */
export function tokenCacheEpoch(): number {
  return forgotten;
}

/** Keeps a token found valid (unless a client was forgotten since `epoch`); returns its client. */
export function rememberToken(options: {
  db: object;
  hash: string;
  epoch: number;
  expiresAt: number;
  client: TokenClient;
}): TokenClient {
  // One object serves every request of the entry's life: nobody may change it.
  const client = Object.freeze({
    ...options.client,
    scopes: Object.freeze([...options.client.scopes]) as Scope[],
  });
  if (options.epoch !== forgotten) return client;
  if (entries.size >= TOKEN_CACHE_MAX) entries.delete(entries.keys().next().value!);
  entries.set(options.hash, {
    db: options.db,
    client,
    until: Math.min(Date.now() + TOKEN_CACHE_MS, options.expiresAt),
  });
  return client;
}

/**
 * Drops every cached token of a client. Call it once the client's tokens have stopped being
 * valid in the database (after the commit).
 */
export function forgetClientTokens(clientId: string): void {
  forgotten += 1;
  for (const [hash, entry] of entries) {
    if (entry.client.clientId === clientId) entries.delete(hash);
  }
}
