/**
 * The integer ids of the /cpro surface (cpro_id, migration 0014) and our prefixed ids, both
 * ways. A lookup only translates: whether the caller may see the object stays the use case's
 * rule (an invoice of another structure is then "not found", like an unknown one).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError, notFound } from '../lib/errors.js';

type Numbered = 'invoice' | 'flow' | 'structure' | 'service';

const valid = (n: number | undefined | null): n is number =>
  typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

/** The prefixed id of an object by its integer id; NOT_FOUND when there is none. */
export async function idOfCproId(
  db: Kysely<DB>,
  table: Numbered,
  cproId: number | undefined | null,
  what: string,
): Promise<string> {
  if (!valid(cproId)) throw notFound(`${what} ${String(cproId ?? '')}`.trim());
  const row = await db
    .selectFrom(table)
    .select('id')
    .where('cpro_id', '=', cproId)
    .executeTakeFirst();
  if (!row) throw notFound(`${what} ${cproId}`);
  return row.id;
}

/**
 * Runs `work` on an object named by its integer id; whatever "not found" it meets (another
 * structure's object is one) is answered as the integer id unknown, word for word, so the
 * answer tells nothing of objects the caller may not see (nor our prefixed ids).
 */
export async function asUnknown<T>(
  what: string,
  cproId: number,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw notFound(`${what} ${cproId}`);
    throw error;
  }
}

/** The integer ids of objects by their prefixed ids. */
export async function cproIdsOf(
  db: Kysely<DB>,
  table: Numbered,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom(table)
    .select(['id', 'cpro_id'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, Number(r.cpro_id)]));
}

/**
 * The inbound flow of this numeroFluxDepot deposited for the caller's structure; another
 * structure's flow is not found, like an unknown number. The report use cases check it again.
 */
export async function flowIdOfNumber(options: {
  db: Kysely<DB>;
  principal: Extract<Principal, { kind: 'client' }>;
  numeroFluxDepot: string;
}): Promise<string> {
  const row = await options.db
    .selectFrom('flow')
    .select('id')
    .where('number', '=', options.numeroFluxDepot)
    .where('direction', '=', 'IN')
    .where('structure_id', '=', options.principal.structureId)
    .executeTakeFirst();
  if (!row) throw notFound(`Flow ${options.numeroFluxDepot}`);
  return row.id;
}
