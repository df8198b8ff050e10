import type { Kysely } from 'kysely';
import type { SystemActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { EcbRate } from './payment-terms.js';

/**
 * The recorded ECB rates, oldest first (each applies until the next one's date): the query the
 * CLI's list and the payment terms (forecast, one invoice) read the rates with.
 */
export async function loadEcbRates(db: Kysely<DB>): Promise<EcbRate[]> {
  const rows = await db
    .selectFrom('ecb_rate')
    .select(['valid_from', 'rate'])
    .orderBy('valid_from')
    .execute();
  return rows.map((r) => ({ validFrom: r.valid_from, rate: r.rate }));
}

/** The recorded ECB rates, oldest first, for the system (CLI). */
export async function listEcbRates(options: {
  db: Kysely<DB>;
  actor: SystemActor;
}): Promise<EcbRate[]> {
  return loadEcbRates(options.db);
}
