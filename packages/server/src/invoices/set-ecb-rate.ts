/**
 * The ECB main refinancing rates the late-payment interest is computed from. They are data the
 * operator keeps up to date (`chorale rates set <date> <rate>`): a rate applies from its date
 * until the next one, so setting a rate for an existing date replaces it.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { SystemActor } from '../accounts/model.js';
import { AppError } from '../lib/errors.js';
import type { EcbRate } from './payment-terms.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATE = /^-?\d{1,2}(\.\d{1,4})?$/;

/** Records the rate in force from a date; only the operator (the platform itself) keeps rates. */
export async function setEcbRate(options: {
  db: Kysely<DB>;
  actor: SystemActor;
  validFrom: string;
  rate: string;
}): Promise<EcbRate> {
  const { validFrom, rate } = options;
  if (
    !DATE.test(validFrom) ||
    Number.isNaN(Date.parse(`${validFrom}T00:00:00Z`)) ||
    new Date(`${validFrom}T00:00:00Z`).toISOString().slice(0, 10) !== validFrom
  )
    throw new AppError('VALIDATION_FAILED', `${validFrom} is not a date (YYYY-MM-DD)`);
  // Percent, as the ECB publishes it; it has been between -0.5 and 15 since 1999.
  if (!RATE.test(rate) || Number(rate) < -5 || Number(rate) > 50)
    throw new AppError('VALIDATION_FAILED', `${rate} is not a rate in percent (e.g. 2.15)`);
  await options.db
    .insertInto('ecb_rate')
    .values({ valid_from: validFrom, rate })
    .onConflict((oc) => oc.column('valid_from').doUpdateSet({ rate }))
    .execute();
  return { validFrom, rate };
}
