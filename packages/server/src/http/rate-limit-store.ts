import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { countHit, sweepRateLimitWindows } from '../lib/rate-limit-hits.js';

/** One hit in this many also sweeps ended windows (a few rows), so the table never grows. */
const SWEEP_EVERY = 200;

/**
 * @fastify/rate-limit's store, kept in the database (lib/rate-limit-hits.ts) instead of each
 * process's memory: the per-route limits (sign-in, OAuth token, /cpro) then hold across every
 * server process sharing the PostgreSQL (decision 0020). Each route's store prefixes its keys
 * with the route (method + URL pattern), as the plugin's own stores do.
 */
export function databaseRateLimitStore(db: Kysely<DB>): FastifyRateLimitStoreCtor {
  let hits = 0;
  const storeFor = (prefix: string): FastifyRateLimitStore => ({
    incr(key, callback, timeWindow) {
      countHit({ db, key: `${prefix}${key}`, windowMs: timeWindow }).then(
        (counted) => callback(null, { current: counted.hits, ttl: counted.ttlMs }),
        (error: unknown) => callback(error as Error),
      );
      if (++hits % SWEEP_EVERY === 0) {
        // Best effort: a failed sweep is retried at the next turn.
        sweepRateLimitWindows({ db, limit: 500 }).catch(() => undefined);
      }
    },
    child(routeOptions) {
      // The plugin hands the route as `routeInfo` (its own Redis store reads it there too).
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return storeFor(`${String(route?.method)}:${String(route?.url)}:`);
    },
  });
  // The plugin calls `new store(options)`: a function returning an object serves as one.
  return function globalStore() {
    return storeFor('global:');
  } as unknown as FastifyRateLimitStoreCtor;
}
