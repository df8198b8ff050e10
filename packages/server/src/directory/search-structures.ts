import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { boundedCount, type ListTotal } from '../db/bounded-count.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import { searchKey } from './model.js';

export interface StructureSummary {
  id: string;
  /** idStructureCPP of the /cpro surface. */
  cproId: number;
  identifierType: string;
  identifier: string;
  name: string;
  isPublic: boolean;
  category: string | null;
  active: boolean;
  postalCode: string | null;
  town: string | null;
  serviceCodeRequired: boolean;
  commitmentRequired: boolean;
  serviceOrCommitmentRequired: boolean;
}

export interface SearchStructuresResult {
  items: StructureSummary[];
  /** Opaque cursor of the next page; null on the last page. */
  nextCursor: string | null;
  /** Every structure the search selects, when asked for (`withTotal`). */
  total?: number;
  /** The same, counted up to the lists' bound, when asked for (`withListTotal`). */
  listTotal?: ListTotal;
}

/** The search's maximum length and word count (longer queries are refused, extra words dropped). */
export const SEARCH_MAX_LENGTH = 200;
const SEARCH_MAX_WORDS = 8;

/**
 * Abbreviations as French names are written, looked for as the words they stand for too: "st"
 * finds "Saint-Étienne", "ste" finds "Sainte-Foy". The stored text keeps what the directory
 * says; only the query is widened.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};

/** What one query word may match: itself, and the word it abbreviates. */
export function searchAlternatives(word: string): string[] {
  const full = ABBREVIATIONS[word];
  return full ? [word, full] : [word];
}

/**
 * Public directory search. Every word of `q` must appear (accents and case ignored) in the
 * name, identifier, postal code or town. Results are ordered by name then id, and paged by
 * keyset: the cursor is the last row's (name key, id), so pages never skip or repeat rows even
 * while the directory changes. By default only active public structures are listed.
 */
export async function searchStructures(options: {
  db: Kysely<DB>;
  q?: string | undefined;
  includePrivate?: boolean | undefined;
  includeInactive?: boolean | undefined;
  limit: number;
  cursor?: string | undefined;
  /** Only this identifier (exact). */
  identifier?: string | undefined;
  /** Rows to skip before the page (numbered pages, /cpro); with no cursor only. */
  offset?: number | undefined;
  /** Count every structure the search selects (one more query). */
  withTotal?: boolean | undefined;
  /** Count them up to the lists' bound (one more query, bounded cost). */
  withListTotal?: boolean | undefined;
}): Promise<SearchStructuresResult> {
  const { db, limit } = options;
  let query = db
    .selectFrom('structure')
    .select([
      'id',
      'cpro_id',
      'identifier_type',
      'identifier',
      'name',
      'is_public',
      'category',
      'active',
      'postal_code',
      'town',
      'service_code_required',
      'commitment_required',
      'service_or_commitment_required',
      'name_key',
    ]);
  if (!options.includePrivate) query = query.where('is_public', '=', true);
  if (!options.includeInactive) query = query.where('active', '=', true);
  const words = searchKey(options.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, SEARCH_MAX_WORDS);
  for (const word of words) {
    // The trigram index serves LIKE '%word%' (and an OR of them); escape LIKE's wildcards
    // (searchKey leaves none, but the invariant is cheap to keep).
    const likes = searchAlternatives(word).map((w) => `%${w.replace(/[\\%_]/g, '\\$&')}%`);
    query = query.where((eb) => eb.or(likes.map((like) => eb('search_text', 'like', like))));
  }
  if (options.identifier !== undefined) query = query.where('identifier', '=', options.identifier);
  let total: number | undefined;
  if (options.withTotal) {
    const counted = await db
      .selectFrom(query.as('selected'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    total = Number(counted.n);
  }
  const listTotal = options.withListTotal ? await boundedCount(db, query) : undefined;
  if (options.cursor) {
    const [k, id] = decodeCursor('structures', options.cursor, 2) as [string, string];
    query = query.where((eb) =>
      eb.or([eb('name_key', '>', k), eb.and([eb('name_key', '=', k), eb('id', '>', id)])]),
    );
  }
  const rows = await query
    .orderBy('name_key')
    .orderBy('id')
    .limit(limit + 1)
    .$if(!options.cursor && (options.offset ?? 0) > 0, (q) => q.offset(options.offset!))
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    ...(total === undefined ? {} : { total }),
    ...(listTotal === undefined ? {} : { listTotal }),
    items: page.map((r) => ({
      id: r.id,
      cproId: Number(r.cpro_id),
      identifierType: r.identifier_type,
      identifier: r.identifier,
      name: r.name,
      isPublic: r.is_public,
      category: r.category,
      active: r.active,
      postalCode: r.postal_code,
      town: r.town,
      serviceCodeRequired: r.service_code_required,
      commitmentRequired: r.commitment_required,
      serviceOrCommitmentRequired: r.service_or_commitment_required,
    })),
    nextCursor:
      rows.length > limit && last ? encodeCursor('structures', [last.name_key, last.id]) : null,
  };
}
