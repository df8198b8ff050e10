import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Readiness: the process can serve requests only while its database answers. Resolves when a
 * trivial query comes back; rejects with the driver's error otherwise (the caller logs it and
 * answers 503). It acts for no one: load balancers and orchestrators call it unauthenticated.
 */
export async function checkReadiness(options: { db: Kysely<DB> }): Promise<void> {
  await sql`select 1`.execute(options.db);
}
