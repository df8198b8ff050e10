import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import type { Right } from './model.js';

/**
 * Replaces a membership's rights (set-based: delete then insert, in the caller's transaction).
 * Service codes must be services of the same structure.
 */
export async function replaceRights(
  trx: Kysely<DB>,
  membershipId: string,
  structureId: string,
  rights: Right[],
): Promise<void> {
  const codes = [...new Set(rights.map((r) => r.serviceCode).filter((c): c is string => !!c))];
  const services = codes.length
    ? await trx
        .selectFrom('service')
        .select(['id', 'code'])
        .where('structure_id', '=', structureId)
        .where('code', 'in', codes)
        .execute()
    : [];
  const idOf = new Map(services.map((s) => [s.code, s.id]));
  const unknown = codes.filter((c) => !idOf.has(c));
  if (unknown.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `No such service in this structure: ${unknown.join(', ')}`,
      {
        details: unknown.map((c) => ({
          pointer: 'rights.serviceCode',
          message: `unknown service ${c}`,
        })),
      },
    );
  }
  await trx.deleteFrom('membership_right').where('membership_id', '=', membershipId).execute();
  const unique = new Map(rights.map((r) => [`${r.space}:${r.serviceCode ?? ''}`, r]));
  if (unique.size === 0) return;
  await trx
    .insertInto('membership_right')
    .values(
      [...unique.values()].map((r) => ({
        membership_id: membershipId,
        space: r.space,
        service_id: r.serviceCode ? idOf.get(r.serviceCode)! : null,
      })),
    )
    .execute();
}
