/**
 * Who may see or act on a sollicitation (decision 0018).
 *
 * Invariants:
 * - REQUESTER: a member of the asking structure holding FACTURES_EMISES;
 * - RECIPIENT: a thread addressed to a structure, and a member of it holding SOLLICITATIONS on
 *   the whole structure or on the thread's service (a thread without a service: the whole
 *   structure only);
 * - SUPPORT: a thread addressed to the platform, and a platform support user;
 * - nobody else sees it: without any membership in either structure it does not exist
 *   (NOT_FOUND, as an unknown id); a member of one of them without the right gets FORBIDDEN
 *   (a clerk of another service).
 */
import type { Kysely, Selectable } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { SollicitationTable } from '../db/schema/sollicitations.js';
import { AppError, notFound } from '../lib/errors.js';
import type { MessageSide } from './model.js';

export type SollicitationRow = Selectable<SollicitationTable>;

export async function isPlatformSupport(db: Kysely<DB>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('platform_support')
    .select('user_id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The sides a user holds on a thread, and whether they are tied to it at all. */
export async function sidesOnSollicitation(
  db: Kysely<DB>,
  actor: UserActor,
  row: Pick<
    SollicitationRow,
    'requester_structure_id' | 'recipient_structure_id' | 'recipient_service_id' | 'addressee'
  >,
): Promise<{ sides: MessageSide[]; related: boolean }> {
  const structures = [row.requester_structure_id];
  if (row.recipient_structure_id) structures.push(row.recipient_structure_id);
  const rights = await db
    .selectFrom('membership')
    .leftJoin('membership_right', 'membership_right.membership_id', 'membership.id')
    .select(['membership.structure_id', 'membership_right.space', 'membership_right.service_id'])
    .where('membership.user_id', '=', actor.userId)
    .where('membership.structure_id', 'in', structures)
    .execute();
  const sides: MessageSide[] = [];
  if (
    rights.some(
      (r) => r.structure_id === row.requester_structure_id && r.space === 'FACTURES_EMISES',
    )
  )
    sides.push('REQUESTER');
  if (
    row.addressee === 'STRUCTURE' &&
    rights.some(
      (r) =>
        r.structure_id === row.recipient_structure_id &&
        r.space === 'SOLLICITATIONS' &&
        (r.service_id === null ||
          (row.recipient_service_id !== null && r.service_id === row.recipient_service_id)),
    )
  )
    sides.push('RECIPIENT');
  if (row.addressee === 'PLATFORM' && (await isPlatformSupport(db, actor.userId)))
    sides.push('SUPPORT');
  return { sides, related: rights.length > 0 || sides.length > 0 };
}

/**
 * The thread and the caller's sides: NOT_FOUND for an unknown id or a caller with no tie to
 * it, FORBIDDEN for a member of one of its structures without the right.
 */
export async function loadSollicitationFor(options: {
  db: Kysely<DB>;
  actor: UserActor;
  sollicitationId: string;
  /** Locks the row (inside a transaction that changes it). */
  forUpdate?: boolean;
}): Promise<{ row: SollicitationRow; sides: MessageSide[] }> {
  let query = options.db
    .selectFrom('sollicitation')
    .selectAll()
    .where('id', '=', options.sollicitationId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  const missing = () => notFound(`Sollicitation ${options.sollicitationId}`);
  if (!row) throw missing();
  const { sides, related } = await sidesOnSollicitation(options.db, options.actor, row);
  if (sides.length === 0) {
    if (!related) throw missing();
    throw new AppError('FORBIDDEN', 'You have no right on this sollicitation', {
      fr: 'Vous n’avez pas de droit sur cette sollicitation',
    });
  }
  return { row, sides };
}

/**
 * The side a caller writes as: the addressee's side when they hold it (a user of both
 * structures answers rather than asks), unless they are the one who asked.
 */
export function writingSide(
  row: Pick<SollicitationRow, 'requester_user_id'>,
  actor: UserActor,
  sides: readonly MessageSide[],
): MessageSide {
  if (sides.includes('REQUESTER') && row.requester_user_id === actor.userId) return 'REQUESTER';
  return sides.find((s) => s !== 'REQUESTER') ?? 'REQUESTER';
}

/** The version check of every change: a stale version is a 409. */
export function checkSollicitationVersion(row: { version: number }, version: number): void {
  if (row.version !== version) {
    throw new AppError(
      'CONFLICT',
      `This sollicitation is at version ${row.version}, not ${version}: reload it and try again`,
      { fr: 'La sollicitation a changé entre-temps : rechargez-la et recommencez' },
    );
  }
}
