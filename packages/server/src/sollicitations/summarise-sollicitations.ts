/**
 * The dashboard's figures for an inbox (`received` of a structure, or the support's queue): the
 * threads owing an answer, and those among them waiting more than OVERDUE_WORKING_DAYS working
 * days (French calendar, lib/working-days.ts).
 */
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { dateInParis, nthWorkingDayBack, startOfParisDay } from '../lib/working-days.js';
import { scopeOfBox } from './list-sollicitations.js';
import { OPEN_STATUSES, OVERDUE_WORKING_DAYS } from './model.js';

/**
 * The instant before which a wait that began is overdue at `now`: a wait that began on the
 * (n+1)-th working day back or earlier has lasted more than n working days.
 */
export function overdueCutoff(now: Date, days = OVERDUE_WORKING_DAYS): Date {
  return startOfParisDay(nthWorkingDayBack(dateInParis(now), days + 1));
}

export async function summariseSollicitations(options: {
  db: Kysely<DB>;
  actor: UserActor;
  box: 'received' | 'support';
  structure?: string | undefined;
  now?: Date;
}): Promise<{ open: number; overdue: number; overdueAfterWorkingDays: number }> {
  const scope = await scopeOfBox(options);
  const cutoff = overdueCutoff(options.now ?? new Date());
  const row = await scope(
    options.db
      .selectFrom('sollicitation as s')
      .where('s.status', 'in', [...OPEN_STATUSES])
      .select((eb) => [
        eb.fn.countAll<number>().as('open'),
        eb.fn.count<number>('s.id').filterWhere('s.waiting_since', '<', cutoff).as('overdue'),
      ]),
  ).executeTakeFirstOrThrow();
  return {
    open: Number(row.open),
    overdue: Number(row.overdue),
    overdueAfterWorkingDays: OVERDUE_WORKING_DAYS,
  };
}
