/**
 * Reading flows: a structure's list (newest first, keyset-paged on the time-ordered id,
 * optionally by state) and one flow. Who may read what is flow-access.ts's rule.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { FlowTable } from '../db/schema/flows.js';
import { AppError } from '../lib/errors.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { boundedCount, type ListTotal } from '../db/bounded-count.js';
import { flowStructureFor, loadFlowFor } from './flow-access.js';
import type { FlowState } from './model.js';

export interface FlowSummary {
  id: string;
  numeroFluxDepot: string;
  etat: FlowState;
  syntaxeFlux: string;
  nomFichier: string;
  /** ISO 8601 */
  dateDepot: string;
  size: number;
  sha256: string;
  /** Entries found (null until the flow has been read to the end). */
  entries: number | null;
  accepted: number;
  refused: number;
  /** ISO 8601 timestamps of each state reached. */
  dates: {
    received: string;
    waiting: string | null;
    processing: string | null;
    finished: string | null;
  };
  /** Why the whole flow was refused or failed. */
  error: { code: string; message: { fr: string; en: string } } | null;
}

export const flowColumns = [
  'id',
  'number',
  'state',
  'syntax',
  'file_name',
  'size',
  'sha256',
  'entry_count',
  'accepted_count',
  'refused_count',
  'received_at',
  'waiting_at',
  'processing_at',
  'finished_at',
  'error',
] as const;

type FlowRow = Pick<Selectable<FlowTable>, (typeof flowColumns)[number]>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function summaryOf(row: FlowRow): FlowSummary {
  return {
    id: row.id,
    numeroFluxDepot: row.number,
    etat: row.state as FlowState,
    syntaxeFlux: row.syntax,
    nomFichier: row.file_name,
    dateDepot: row.received_at.toISOString(),
    size: Number(row.size),
    sha256: row.sha256,
    entries: row.entry_count,
    accepted: row.accepted_count,
    refused: row.refused_count,
    dates: {
      received: row.received_at.toISOString(),
      waiting: iso(row.waiting_at),
      processing: iso(row.processing_at),
      finished: iso(row.finished_at),
    },
    error: row.error,
  };
}

export const MAX_FLOW_PAGE = 200;

export interface FlowPage {
  structure: { identifier: string; name: string };
  items: FlowSummary[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many flows the filters select, all pages together (exact up to 10,000). */
  total: ListTotal;
}

const FLOW_ID = /^flw_[0-9a-z]{26}$/;

/**
 * The flow id a page cursor carries (the last id of the previous page), for the lists of inbound
 * and outbound flows alike; 400 when the cursor carries none.
 */
export function flowCursorAfter(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const [after] = decodeCursor('flows', cursor, 1) as [string];
  if (!FLOW_ID.test(after))
    throw new AppError(
      'BAD_REQUEST',
      'This cursor is not valid: pass the nextCursor of the previous page',
    );
  return after;
}

/** A page of flows from rows read with `limit + 1` (newest first): the page, and the next cursor. */
export function flowPageOf<R extends { id: string }>(
  rows: readonly R[],
  limit: number,
): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return {
    page,
    nextCursor: rows.length > limit ? encodeCursor('flows', [page.at(-1)!.id]) : null,
  };
}

export async function listFlows(options: {
  db: Kysely<DB>;
  principal: Principal;
  structureIdentifier?: string | undefined;
  states?: readonly FlowState[] | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}): Promise<FlowPage> {
  const { db } = options;
  const structure = await flowStructureFor({
    db,
    principal: options.principal,
    identifier: options.structureIdentifier,
    purpose: 'read',
  });
  const after = flowCursorAfter(options.cursor);
  const limit = Math.min(options.limit ?? 50, MAX_FLOW_PAGE);
  let q = db
    .selectFrom('flow')
    .select(flowColumns)
    .where('structure_id', '=', structure.id)
    .where('direction', '=', 'IN');
  if (options.states && options.states.length > 0) q = q.where('state', 'in', options.states);
  const counted = q;
  if (after) q = q.where('id', '<', after);
  // Ids are time-ordered: newest first, and the id alone is a total order for the keyset.
  const rows = await q
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const { page, nextCursor } = flowPageOf(rows, limit);
  return {
    structure: { identifier: structure.identifier, name: structure.name },
    items: page.map(summaryOf),
    nextCursor,
    total: await boundedCount(db, counted),
  };
}

export async function getFlow(options: {
  db: Kysely<DB>;
  principal: Principal;
  flowId: string;
}): Promise<FlowSummary> {
  const row = await loadFlowFor({ ...options, columns: flowColumns });
  return summaryOf(row);
}
