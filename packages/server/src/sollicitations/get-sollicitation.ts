/** One thread as its parties see it: summary, messages with their files, the caller's moves. */
import type { Kysely } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import {
  allowedMoves,
  reopenableUntil,
  type SollicitationMove,
} from './change-sollicitation-status.js';
import type { MessageSide } from './model.js';
import { loadSollicitationFor } from './sollicitation-access.js';
import { summaryQuery, toSummary, type SollicitationSummary } from './views.js';

export interface SollicitationThread extends SollicitationSummary {
  /** The caller's sides on this thread. */
  sides: MessageSide[];
  /** What the caller may do now: write (REPLY), the status moves, REASSIGN (support). */
  allowedActions: (SollicitationMove | 'REPLY' | 'REASSIGN')[];
  reopenableUntil: Date | null;
  messages: {
    id: string;
    side: MessageSide;
    authorName: string;
    body: string;
    createdAt: Date;
    files: { id: string; name: string; mediaType: string; size: number }[];
  }[];
}

export async function getSollicitation(options: {
  db: Kysely<DB>;
  actor: UserActor;
  sollicitationId: string;
}): Promise<SollicitationThread> {
  const { db, sollicitationId } = options;
  const { row, sides } = await loadSollicitationFor(options);
  const summary = await summaryQuery(db)
    .where('s.id', '=', sollicitationId)
    .executeTakeFirstOrThrow();
  const messages = await db
    .selectFrom('sollicitation_message as m')
    .innerJoin('app_user as u', 'u.id', 'm.author_user_id')
    .select(['m.id', 'm.side', 'm.body', 'm.created_at', 'u.name'])
    .where('m.sollicitation_id', '=', sollicitationId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
  const files = await db
    .selectFrom('sollicitation_file')
    .select(['id', 'message_id', 'name', 'media_type', 'size'])
    .where('sollicitation_id', '=', sollicitationId)
    .orderBy('id')
    .execute();
  const actions: SollicitationThread['allowedActions'] = [];
  if (row.status !== 'CLOSE') actions.push('REPLY');
  actions.push(...allowedMoves(row, sides));
  if (sides.includes('SUPPORT') && row.status !== 'CLOSE') actions.push('REASSIGN');
  return {
    ...toSummary(summary),
    sides,
    allowedActions: actions,
    reopenableUntil: row.closed_at ? reopenableUntil(row.closed_at) : null,
    messages: messages.map((m) => ({
      id: m.id,
      side: m.side as MessageSide,
      authorName: m.name,
      body: m.body,
      createdAt: m.created_at,
      files: files
        .filter((f) => f.message_id === m.id)
        .map((f) => ({ id: f.id, name: f.name, mediaType: f.media_type, size: Number(f.size) })),
    })),
  };
}
