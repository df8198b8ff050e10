import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FileStore } from '../storage/file-store.js';

export type DependencyState = 'ok' | 'down';

export interface Readiness {
  ready: boolean;
  /** Each dependency's state; the failing ones' reasons go to the log, never to the caller. */
  checks: { database: DependencyState; storage: DependencyState; queue: DependencyState };
  /** Why each failing dependency failed (for the log). */
  failures: { dependency: string; error: unknown }[];
}

/** A dependency that has not answered by then is down: a probe never hangs a load balancer. */
const CHECK_TIMEOUT_MS = 3_000;

/**
 * Readiness: the process can serve requests only while the database answers, the file store
 * can be written and the job queue's tables can be read (decision 0020). Each is probed at once,
 * in parallel, with a timeout; the answer names which is down. It acts for no one: load
 * balancers and orchestrators call it unauthenticated.
 */
export async function checkReadiness(options: {
  db: Kysely<DB>;
  files?: FileStore | undefined;
}): Promise<Readiness> {
  const probes = {
    database: async () => void (await sql`select 1`.execute(options.db)),
    // The queue lives in the same database (pg-boss's schema): readable, and migrated.
    queue: async () => void (await sql`select version from pgboss.version`.execute(options.db)),
    storage: () => options.files?.check?.() ?? Promise.resolve(),
  };
  const failures: Readiness['failures'] = [];
  const states = await Promise.all(
    Object.entries(probes).map(async ([dependency, probe]) => {
      try {
        await withTimeout(probe(), dependency);
        return [dependency, 'ok'] as const;
      } catch (error) {
        failures.push({ dependency, error });
        return [dependency, 'down'] as const;
      }
    }),
  );
  const checks = Object.fromEntries(states) as Readiness['checks'];
  return { ready: failures.length === 0, checks, failures };
}

async function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
