/**
 * The explicit moves of a thread (an answer's move is the message's: post-sollicitation-message):
 * - EN_COURS from OUVERTE: the addressee takes it in hand (its wait goes on);
 * - CLOSE from any other status: either side ends it;
 * - EN_COURS from CLOSE: either side reopens it, within REOPEN_DAYS of its closing; it waits
 *   again from now.
 * Anything else, a stale version, or a reopening too late: 409.
 */
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { REOPEN_DAYS, type MessageSide, type SollicitationStatus } from './model.js';
import {
  checkSollicitationVersion,
  loadSollicitationFor,
  type SollicitationRow,
} from './sollicitation-access.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export type SollicitationMove = 'TAKE' | 'CLOSE' | 'REOPEN';

/** The moves a caller holding `sides` may make on `row` now (the API hands them to the portal). */
export function allowedMoves(
  row: Pick<SollicitationRow, 'status' | 'closed_at'>,
  sides: readonly MessageSide[],
  now = new Date(),
): SollicitationMove[] {
  const addressee = sides.some((s) => s !== 'REQUESTER');
  const moves: SollicitationMove[] = [];
  if (row.status === 'OUVERTE' && addressee) moves.push('TAKE');
  if (row.status !== 'CLOSE') moves.push('CLOSE');
  if (row.status === 'CLOSE' && row.closed_at && reopenableUntil(row.closed_at) > now)
    moves.push('REOPEN');
  return moves;
}

export function reopenableUntil(closedAt: Date): Date {
  return new Date(closedAt.getTime() + REOPEN_DAYS * DAY_MS);
}

export async function changeSollicitationStatus(options: {
  db: Kysely<DB>;
  actor: UserActor;
  sollicitationId: string;
  status: Extract<SollicitationStatus, 'EN_COURS' | 'CLOSE'>;
  version: number;
  now?: Date;
}): Promise<{ status: SollicitationStatus; version: number }> {
  const { actor, sollicitationId } = options;
  const now = options.now ?? new Date();
  return options.db.transaction().execute(async (trx) => {
    const { row, sides } = await loadSollicitationFor({
      db: trx,
      actor,
      sollicitationId,
      forUpdate: true,
    });
    checkSollicitationVersion(row, options.version);
    const move: SollicitationMove =
      options.status === 'CLOSE' ? 'CLOSE' : row.status === 'CLOSE' ? 'REOPEN' : 'TAKE';
    if (!allowedMoves(row, sides, now).includes(move)) {
      const late = move === 'REOPEN' && row.status === 'CLOSE';
      throw new AppError(
        'CONFLICT',
        late
          ? `A sollicitation may be reopened for ${REOPEN_DAYS} days after it was closed`
          : `This sollicitation cannot go from ${row.status} to ${options.status} by you`,
        {
          fr: late
            ? `Une sollicitation peut être rouverte pendant ${REOPEN_DAYS} jours après sa clôture`
            : `Cette sollicitation ne peut pas passer de ${row.status} à ${options.status} par vous`,
        },
      );
    }
    const set =
      move === 'CLOSE'
        ? { status: 'CLOSE', closed_at: now, waiting_since: null }
        : move === 'REOPEN'
          ? { status: 'EN_COURS', closed_at: null, waiting_since: now }
          : { status: 'EN_COURS' };
    const updated = await trx
      .updateTable('sollicitation')
      .set({ ...set, updated_at: now, version: row.version + 1 })
      .where('id', '=', sollicitationId)
      .returning(['status', 'version'])
      .executeTakeFirstOrThrow();
    return { status: updated.status as SollicitationStatus, version: updated.version };
  });
}
