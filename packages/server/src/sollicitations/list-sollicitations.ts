/**
 * The lists of threads, keyset-paged (signed cursors, lib/cursor.ts):
 * - `sent`: a structure's questions (members holding FACTURES_EMISES), newest first;
 * - `received`: a structure's inbox (members holding SOLLICITATIONS: all of it with a right on
 *   the whole structure, else the threads of their services);
 * - `support`: the threads addressed to the platform (platform support users).
 * `open` lists the threads owing an answer, the longest wait first; `all` every thread, newest
 * first.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { UserActor } from '../accounts/model.js';
import { structureForMember } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { AppError } from '../lib/errors.js';
import { OPEN_STATUSES } from './model.js';
import { isPlatformSupport } from './sollicitation-access.js';
import { summaryQuery, toSummary, type SollicitationSummary } from './views.js';

export const boxes = ['sent', 'received', 'support'] as const;
export type Box = (typeof boxes)[number];
export type ListState = 'open' | 'all';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 100;

const forbidden = (en: string, fr: string) => new AppError('FORBIDDEN', en, { fr });

/** Narrows a query on `sollicitation as s` to what the caller sees in `box`. */
export async function scopeOfBox(options: {
  db: Kysely<DB>;
  actor: UserActor;
  box: Box;
  structure?: string | undefined;
}): Promise<<O>(q: SelectQueryBuilder<DB & { s: DB['sollicitation'] }, 's', O>) => typeof q> {
  const { db, actor, box } = options;
  if (box === 'support') {
    if (!(await isPlatformSupport(db, actor.userId)))
      throw forbidden(
        'Only the platform support sees its queue',
        'Réservé au support de la plateforme',
      );
    return (q) => q.where('s.addressee', '=', 'PLATFORM');
  }
  if (!options.structure)
    throw new AppError('BAD_REQUEST', 'Name the structure (structure=…)', {
      fr: 'Indiquez la structure (structure=…)',
    });
  const member = await structureForMember({
    db,
    userId: actor.userId,
    identifier: options.structure,
  });
  const space = box === 'sent' ? 'FACTURES_EMISES' : 'SOLLICITATIONS';
  const rights = await db
    .selectFrom('membership_right')
    .select('service_id')
    .where('membership_id', '=', member.membershipId)
    .where('space', '=', space)
    .execute();
  if (rights.length === 0)
    throw forbidden(
      `This list needs the ${space} right in this structure`,
      `Cette liste demande le droit ${space} dans cette structure`,
    );
  if (box === 'sent') return (q) => q.where('s.requester_structure_id', '=', member.id);
  const whole = rights.some((r) => r.service_id === null);
  const services = rights.flatMap((r) => (r.service_id ? [r.service_id] : []));
  return (q) => {
    const mine = q
      .where('s.addressee', '=', 'STRUCTURE')
      .where('s.recipient_structure_id', '=', member.id);
    return whole ? mine : mine.where('s.recipient_service_id', 'in', services);
  };
}

export async function listSollicitations(options: {
  db: Kysely<DB>;
  actor: UserActor;
  box: Box;
  structure?: string | undefined;
  state?: ListState | undefined;
  /** Only the threads about this invoice. */
  invoiceId?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
  now?: Date;
}): Promise<{ items: SollicitationSummary[]; nextCursor: string | null }> {
  const state = options.state ?? (options.box === 'sent' ? 'all' : 'open');
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const scope = await scopeOfBox(options);
  const kind = `sollicitations:${options.box}:${state}`;
  const after = options.cursor ? decodeCursor(kind, options.cursor, 2) : undefined;
  let q = scope(summaryQuery(options.db));
  if (options.invoiceId) q = q.where('s.invoice_id', '=', options.invoiceId);
  if (state === 'open') {
    q = q.where('s.status', 'in', [...OPEN_STATUSES]);
    if (after) {
      const at = new Date(after[0]!);
      q = q.where((eb) =>
        eb.or([
          eb('s.waiting_since', '>', at),
          eb.and([eb('s.waiting_since', '=', at), eb('s.id', '>', after[1]!)]),
        ]),
      );
    }
    q = q.orderBy('s.waiting_since').orderBy('s.id');
  } else {
    if (after) {
      const at = new Date(after[0]!);
      q = q.where((eb) =>
        eb.or([
          eb('s.opened_at', '<', at),
          eb.and([eb('s.opened_at', '=', at), eb('s.id', '<', after[1]!)]),
        ]),
      );
    }
    q = q.orderBy('s.opened_at', 'desc').orderBy('s.id', 'desc');
  }
  const rows = await q.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const key = (r: (typeof rows)[number]) =>
    (state === 'open' ? r.waiting_since! : r.opened_at).toISOString();
  return {
    items: page.map((r) => toSummary(r, options.now)),
    nextCursor: rows.length > limit && last ? encodeCursor(kind, [key(last), last.id]) : null,
  };
}
