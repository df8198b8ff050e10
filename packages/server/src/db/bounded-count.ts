import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { DB } from './schema.js';

/** Lists count their rows exactly up to this; beyond, they say "at least this many". */
export const COUNT_BOUND = 10_000;

/** The number of rows a list's filters select, beside its keyset cursor. */
export interface ListTotal {
  /** Exact when `exact`; otherwise COUNT_BOUND, to be read "10000+". */
  count: number;
  exact: boolean;
}

/**
 * Counts the rows `query` selects (its filters; its selection, order and limit are dropped),
 * reading at most COUNT_BOUND + 1 of them, so a count costs at most that many index entries
 * however large the list.
 */
export async function boundedCount<TB extends keyof DB, O>(
  db: Kysely<DB>,
  query: SelectQueryBuilder<DB, TB, O>,
  bound = COUNT_BOUND,
): Promise<ListTotal> {
  const rows = query
    .clearSelect()
    .clearOrderBy()
    .clearLimit()
    .select(sql<number>`1`.as('one'))
    .limit(bound + 1);
  const { n } = await db
    .selectFrom(rows.as('bounded'))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return listTotalOf(Number(n), bound);
}

/** A list's total from a count of its rows (exact, or past the bound). */
export function listTotalOf(count: number, bound = COUNT_BOUND): ListTotal {
  return count > bound ? { count: bound, exact: false } : { count, exact: true };
}
