/**
 * Lists of invoices: a supplier's sent invoices and a recipient's received ones, filtered,
 * sorted and paged by keyset.
 *
 * Invariants:
 * - who sees what is decided once, in `resolveInvoiceScope`, and every query is bounded by it:
 *   a supplier structure's invoices for its members holding FACTURES_EMISES (or its API client
 *   reading); a recipient structure's invoices restricted to the services the caller holds
 *   FACTURES_RECUES on (a right on the whole structure sees them all). Not a member (or
 *   another structure's API client) → NOT_FOUND, as if the structure did not exist; a member
 *   without the right → FORBIDDEN.
 * - A recipient only sees an invoice once it has been made available to it.
 * - Pages are cut by keyset on (sort key, id): the cursor carries the exact text of the last
 *   sort key (timestamps keep their microseconds), so pages never repeat nor skip a row even
 *   when many invoices share a date or an amount. The queries follow the indexes of
 *   migrations 0004 and 0021 (decision 0024): each list shape — structure, one service, one
 *   status, both, a date range, a number prefix — has one in its own order, so a first or a
 *   deep page reads about one page of index entries whatever the table's size.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import type { PublicCategory } from '../directory/model.js';
import { AppError, notFound } from '../lib/errors.js';
import { decodeCursor, encodeCursor } from '../lib/cursor.js';
import type { InvoiceSide } from './invoice-access.js';
import { allowedActions, type AllowedAction } from './lifecycle.js';
import { boundedCount, listTotalOf, type ListTotal } from '../db/bounded-count.js';
import { countersAnswer, countFromCounters } from './status-counts.js';
import type { InvoiceStatus, InvoiceType } from './model.js';

export const listSides = ['sent', 'received'] as const;
export type ListSide = (typeof listSides)[number];
export const listSorts = ['date', 'amount', 'number'] as const;
export type ListSort = (typeof listSorts)[number];
export const listOrders = ['asc', 'desc'] as const;
export type ListOrder = (typeof listOrders)[number];

export const MAX_PAGE = 200;
export const DEFAULT_PAGE = 50;

export interface InvoiceScope {
  side: ListSide;
  structure: { id: string; identifier: string; name: string; category: PublicCategory | null };
  /** Received side: the recipient services the caller may see; null = the whole structure. */
  serviceIds: string[] | null;
  /** Whether the caller may act on the listed invoices (an API client may only read). */
  mayAct: boolean;
}

/**
 * Which invoices of which structure the principal may list. `identifier` may be omitted by an
 * API client (its own structure) and by a user holding the right in exactly one structure.
 */
export async function resolveInvoiceScope(options: {
  db: Kysely<DB>;
  principal: Principal;
  side: ListSide;
  identifier?: string | undefined;
}): Promise<InvoiceScope> {
  const { db, principal, side } = options;
  const space = side === 'sent' ? 'FACTURES_EMISES' : 'FACTURES_RECUES';
  // An API client has no membership: '' matches no user.
  const userId = principal.kind === 'user' ? principal.userId : '';

  let identifier = options.identifier;
  if (identifier === undefined && principal.kind === 'user') {
    const candidates = await db
      .selectFrom('membership')
      .innerJoin('membership_right', 'membership_right.membership_id', 'membership.id')
      .innerJoin('structure', 'structure.id', 'membership.structure_id')
      .select('structure.identifier')
      .distinct()
      .where('membership.user_id', '=', principal.userId)
      .where('membership_right.space', '=', space)
      .execute();
    if (candidates.length !== 1)
      throw new AppError(
        'BAD_REQUEST',
        candidates.length === 0
          ? `You hold no ${space} right in any structure`
          : 'Name the structure (structure=<identifier>): you hold this right in several',
      );
    identifier = candidates[0]!.identifier;
  }

  // One round trip: the structure and, for a user, its membership and rights there (this runs
  // before every list and forecast, so it stays a single indexed query).
  let query = db
    .selectFrom('structure')
    .leftJoin('membership', (join) =>
      join
        .onRef('membership.structure_id', '=', 'structure.id')
        .on('membership.user_id', '=', userId),
    )
    .leftJoin('membership_right', 'membership_right.membership_id', 'membership.id')
    .select([
      'structure.id',
      'structure.identifier',
      'structure.identifier_type',
      'structure.name',
      'structure.category',
      'membership.id as membership_id',
      'membership_right.space',
      'membership_right.service_id',
    ]);
  query =
    identifier === undefined && principal.kind === 'client'
      ? query.where('structure.id', '=', principal.structureId)
      : query.where('structure.identifier', '=', identifier ?? '');
  const rows = await query.execute();
  // The same number may exist under several identifier types: SIRET first, as findStructure.
  const chosen = rows.find((r) => r.identifier_type === 'SIRET') ?? rows[0];
  if (!chosen) throw notFound(`Structure ${identifier ?? ''}`.trim());
  const mine = rows.filter((r) => r.id === chosen.id);
  const structure = {
    id: chosen.id,
    identifier: chosen.identifier,
    name: chosen.name,
    category: chosen.category as PublicCategory | null,
  };

  if (principal.kind === 'client') {
    if (structure.id !== principal.structureId) throw notFound(`Structure ${identifier ?? ''}`);
    const act = side === 'sent' ? 'invoices:send' : 'invoices:process';
    if (!principal.scopes.includes('invoices:read') && !principal.scopes.includes(act))
      throw new AppError('FORBIDDEN', 'This API client lacks the invoices:read scope');
    return { side, structure, serviceIds: null, mayAct: principal.scopes.includes(act) };
  }
  if (!mine.some((r) => r.membership_id !== null))
    throw notFound(`Structure ${identifier ?? ''}`.trim());
  const rights = mine.filter((r) => r.space === space);
  if (rights.length === 0)
    throw new AppError(
      'FORBIDDEN',
      side === 'sent'
        ? 'You do not hold the "invoices sent" right on this structure'
        : 'You do not hold the "invoices received" right on this structure',
    );
  const whole = side === 'sent' || rights.some((r) => r.service_id === null);
  return {
    side,
    structure,
    serviceIds: whole ? null : rights.map((r) => r.service_id!),
    mayAct: true,
  };
}

export interface ListInvoicesFilters {
  /** Recipient service code (received) or the service code the invoice names (sent). */
  service?: string | undefined;
  status?: readonly InvoiceStatus[] | undefined;
  /** First and last calendar day (Europe/Paris) of deposit (sent) or of availability (received). */
  from?: string | undefined;
  to?: string | undefined;
  /** Bounds on the total with VAT (BT-112), inclusive, decimal strings. */
  minAmount?: string | undefined;
  maxAmount?: string | undefined;
  /** Invoice number (BT-1): case-insensitive prefix. */
  number?: string | undefined;
  /** The other party: its exact identifier (SIRET…) or part of its name. */
  counterparty?: string | undefined;
  /** Only invoices the recipient has not downloaded yet. */
  notDownloaded?: boolean | undefined;
  /** Only invoices of these kinds. */
  types?: readonly InvoiceType[] | undefined;
  /** Only invoices integrated from the inbound flow of this numeroFluxDepot. */
  flowNumber?: string | undefined;
  /** Commitment number (BT-13), exact. */
  commitmentNumber?: string | undefined;
  /** First and last issue date (BT-2), YYYY-MM-DD. */
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  /** Bounds on the total without VAT (BT-109), inclusive, decimal strings. */
  minAmountWithoutVat?: string | undefined;
  maxAmountWithoutVat?: string | undefined;
}

export interface InvoiceSummary {
  id: string;
  /** The stable integer id of the /cpro surface (idFacture). */
  cproId: number;
  number: string;
  issueDate: string;
  type: InvoiceType;
  status: InvoiceStatus;
  version: number;
  currency: string;
  format: string;
  supplierName: string;
  recipientName: string;
  serviceCode: string | null;
  commitmentNumber: string | null;
  totalWithoutVat: string | null;
  totalWithVat: string | null;
  amountDue: string | null;
  depositedAt: string;
  madeAvailableAt: string | null;
  firstDownloadedAt: string | null;
  /** The moves the caller may make now (the portal offers only these). */
  allowedActions: AllowedAction[];
}

export interface InvoicePage {
  structure: { identifier: string; name: string };
  items: InvoiceSummary[];
  /** Pass it back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** How many invoices the filters select, all pages together (exact up to 10,000). */
  total: ListTotal;
  /** The exact count, when asked for (`withTotal`: the /cpro surface pages by number). */
  exactTotal?: number;
}

/** The cursor kind of a list: the cursor of one side, sort and order fits no other. */
const cursorKind = (side: ListSide, sort: ListSort, order: ListOrder) =>
  `invoices:${side}:${sort}:${order}`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listInvoices(options: {
  db: Kysely<DB>;
  principal: Principal;
  side: ListSide;
  structure?: string | undefined;
  filters?: ListInvoicesFilters;
  sort?: ListSort;
  order?: ListOrder;
  cursor?: string | undefined;
  limit?: number;
  /** Rows to skip before the page (numbered pages, /cpro); with no cursor only. */
  offset?: number | undefined;
  /** Count every invoice the filters select (one more query). */
  withTotal?: boolean | undefined;
}): Promise<InvoicePage> {
  const { db } = options;
  const filters = options.filters ?? {};
  const sort = options.sort ?? 'date';
  const order = options.order ?? 'desc';
  const limit = Math.min(Math.max(options.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
  const scope = await resolveInvoiceScope({
    db,
    principal: options.principal,
    side: options.side,
    identifier: options.structure,
  });
  const header = { identifier: scope.structure.identifier, name: scope.structure.name };
  // [the last row's sort key as the database printed it, its id]
  const cursor =
    options.cursor === undefined
      ? undefined
      : decodeCursor(cursorKind(scope.side, sort, order), options.cursor, 2);
  const sent = scope.side === 'sent';

  const dateColumn = sent ? 'invoice.deposited_at' : 'invoice.made_available_at';
  const [sortExpr, sortType] =
    sort === 'date'
      ? [sql.ref(dateColumn), sql.raw('timestamptz')]
      : sort === 'amount'
        ? [sql`coalesce(invoice.total_with_vat, 0)`, sql.raw('numeric')]
        : [sql.ref('invoice.number'), sql.raw('text')];

  let query = db.selectFrom('invoice').select([
    'invoice.id',
    'invoice.cpro_id',
    'invoice.number',
    'invoice.issue_date',
    'invoice.type',
    'invoice.status',
    'invoice.version',
    'invoice.currency',
    'invoice.format',
    // Names as the directory gives them (one name per structure, whatever each invoice's XML
    // says); the invoice's own only for a structure no longer in the directory.
    sql<string>`coalesce((select s.name from structure s where s.id = invoice.supplier_structure_id), invoice.supplier_name)`.as(
      'supplier_name',
    ),
    sql<string>`coalesce((select s.name from structure s where s.id = invoice.recipient_structure_id), invoice.recipient_name)`.as(
      'recipient_name',
    ),
    'invoice.service_code',
    'invoice.commitment_number',
    'invoice.total_without_vat',
    'invoice.total_with_vat',
    'invoice.amount_due',
    'invoice.deposited_at',
    'invoice.made_available_at',
    'invoice.first_downloaded_at',
    sql<string>`cast(${sortExpr} as text)`.as('sort_key'),
  ]);
  if (sent) {
    query = query.where('invoice.supplier_structure_id', '=', scope.structure.id);
    if (filters.service !== undefined)
      query = query.where('invoice.service_code', '=', filters.service);
  } else {
    query = query
      .where('invoice.recipient_structure_id', '=', scope.structure.id)
      .where('invoice.made_available_at', 'is not', null);
    const serviceIds = scope.serviceIds;
    if (serviceIds !== null) {
      query =
        serviceIds.length === 1
          ? query.where('invoice.recipient_service_id', '=', serviceIds[0]!)
          : query.where('invoice.recipient_service_id', 'in', serviceIds);
    }
    // A service the caller may not see, or that does not exist, gives an empty list (never
    // another service's invoices): the rights above and this equality must both hold. The
    // lookup is a subquery so the page stays one round trip.
    if (filters.service !== undefined) {
      const code = filters.service;
      query = query.where('invoice.recipient_service_id', '=', (eb) =>
        eb
          .selectFrom('service')
          .select('service.id')
          .where('service.structure_id', '=', scope.structure.id)
          .where('service.code', '=', code),
      );
    }
  }
  if (filters.status?.length) {
    const statuses = [...new Set(filters.status)];
    query =
      statuses.length === 1
        ? query.where('invoice.status', '=', statuses[0]!)
        : query.where('invoice.status', 'in', statuses);
  }
  // Calendar days are French days: midnight in Paris, whatever the server's time zone.
  if (filters.from !== undefined)
    query = query.where(
      sql.ref(dateColumn),
      '>=',
      sql`(cast(${filters.from} as date))::timestamp at time zone 'Europe/Paris'`,
    );
  if (filters.to !== undefined)
    query = query.where(
      sql.ref(dateColumn),
      '<',
      sql`(cast(${filters.to} as date) + 1)::timestamp at time zone 'Europe/Paris'`,
    );
  if (filters.minAmount !== undefined)
    query = query.where(
      sql`invoice.total_with_vat`,
      '>=',
      sql`cast(${filters.minAmount} as numeric)`,
    );
  if (filters.maxAmount !== undefined)
    query = query.where(
      sql`invoice.total_with_vat`,
      '<=',
      sql`cast(${filters.maxAmount} as numeric)`,
    );
  // Case-insensitive prefix as `lower(number) like 'x%'`: the shape the number indexes of
  // migration 0021 answer as a range (an ilike is never an index range).
  if (filters.number !== undefined)
    query = query.where(
      sql`lower(invoice.number)`,
      'like',
      sql`lower(${escapeLike(filters.number)}) || '%'`,
    );
  if (filters.notDownloaded) query = query.where('invoice.first_downloaded_at', 'is', null);
  if (filters.types?.length) query = query.where('invoice.type', 'in', [...filters.types]);
  if (filters.commitmentNumber !== undefined)
    query = query.where('invoice.commitment_number', '=', filters.commitmentNumber);
  if (filters.issuedFrom !== undefined)
    query = query.where('invoice.issue_date', '>=', filters.issuedFrom);
  if (filters.issuedTo !== undefined)
    query = query.where('invoice.issue_date', '<=', filters.issuedTo);
  if (filters.minAmountWithoutVat !== undefined)
    query = query.where(
      sql`invoice.total_without_vat`,
      '>=',
      sql`cast(${filters.minAmountWithoutVat} as numeric)`,
    );
  if (filters.maxAmountWithoutVat !== undefined)
    query = query.where(
      sql`invoice.total_without_vat`,
      '<=',
      sql`cast(${filters.maxAmountWithoutVat} as numeric)`,
    );
  if (filters.flowNumber !== undefined) {
    const flowNumber = filters.flowNumber;
    query = query.where('invoice.id', 'in', (eb) =>
      eb
        .selectFrom('flow_entry')
        .innerJoin('flow', 'flow.id', 'flow_entry.flow_id')
        .select('flow_entry.invoice_id')
        .where('flow.number', '=', flowNumber)
        .where('flow_entry.invoice_id', 'is not', null)
        .$narrowType<{ invoice_id: string }>(),
    );
  }
  if (filters.counterparty !== undefined) {
    const q = filters.counterparty.trim();
    const [nameColumn, idColumn] = sent
      ? (['invoice.recipient_name', 'invoice.recipient_structure_id'] as const)
      : (['invoice.supplier_name', 'invoice.supplier_structure_id'] as const);
    // An exact identifier (SIRET…) names structures: their invoices, found through the
    // (structure, other party, date) indexes of migration 0021. Otherwise part of a name: the
    // structure's counterparties whose name on an invoice (migration 0026) or in the directory
    // holds it, then their invoices through the same indexes.
    const named = await db
      .selectFrom('structure')
      .select('structure.id')
      .where('structure.identifier', '=', q)
      .execute();
    if (named.length > 0) {
      query = query.where(
        idColumn,
        'in',
        named.map((r) => r.id),
      );
    } else {
      const pattern = `%${escapeLike(q)}%`;
      // Per counterparty: does its directory name hold the text, or every name its invoices
      // bear here? Then all its invoices match, read from the index alone; else (known here by
      // several names, some without the text) each invoice's name is checked. Both lookups
      // read only this structure's counterparties or the directory's trigram index (migration
      // 0027), never every structure, and test each name once: the lookup is most of this
      // filter's time (bench:search).
      const side = sent ? 'sent' : 'received';
      const ours = db
        .selectFrom('invoice_party_name')
        .select('other_structure_id')
        .where('structure_id', '=', scope.structure.id)
        .where('side', '=', side);
      const byDirectory = await db
        .selectFrom('structure')
        .select('structure.id')
        .where('structure.name', 'ilike', pattern)
        .where('structure.id', 'in', ours)
        .execute();
      const directoryIds = new Set(byDirectory.map((r) => r.id));
      const byInvoiceName = await db
        .selectFrom('invoice_party_name as party')
        .select((eb) => [
          'party.other_structure_id as id',
          eb.fn.agg<boolean>('bool_and', [eb('party.name', 'ilike', pattern)]).as('all'),
        ])
        .where('party.structure_id', '=', scope.structure.id)
        .where('party.side', '=', side)
        .where('party.other_structure_id', 'in', ours.where('name', 'ilike', pattern))
        .groupBy('party.other_structure_id')
        .execute();
      const candidates = [
        ...byDirectory.map((r) => ({ id: r.id, all: true })),
        ...byInvoiceName.filter((c) => !directoryIds.has(c.id)),
      ];
      const whole = candidates.filter((c) => c.all).map((c) => c.id);
      const mixed = candidates.filter((c) => !c.all).map((c) => c.id);
      const ownNameMatches = (eb: ExpressionBuilder<DB, 'invoice'>) =>
        eb.or([
          eb(nameColumn, 'ilike', pattern),
          eb.exists(
            eb
              .selectFrom('structure')
              .select('structure.id')
              .whereRef('structure.id', '=', idColumn)
              .where('structure.name', 'ilike', pattern),
          ),
        ]);
      if (mixed.length === 0)
        query =
          whole.length === 0
            ? query.where(sql<SqlBool>`false`)
            : query.where(idColumn, 'in', whole);
      else
        query = query.where((eb) =>
          eb.or([
            ...(whole.length > 0 ? [eb(idColumn, 'in', whole)] : []),
            eb.and([eb(idColumn, 'in', mixed), ownNameMatches(eb)]),
          ]),
        );
    }
  }
  // The count sees the filters, not the cursor: the same on every page.
  const counted = query;
  // One count per page: the exact one when asked for (it gives the bounded one too), else the
  // bounded one.
  let exactTotal: number | undefined;
  let total: ListTotal | undefined;
  if (countersAnswer(scope.side, filters)) {
    // The inbox, its status tags and a clerk's services: the counters count them exactly in a
    // few rows, where even the bounded count reads up to 10,001 index entries per page.
    exactTotal = await countFromCounters(
      db,
      { side: scope.side, structureId: scope.structure.id, serviceIds: scope.serviceIds },
      filters,
    );
    total = listTotalOf(exactTotal);
    if (!options.withTotal) exactTotal = undefined;
  } else if (options.withTotal) {
    const all = await db
      .selectFrom(counted.as('selected'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    exactTotal = Number(all.n);
    total = listTotalOf(exactTotal);
  }
  if (cursor) {
    const after: Expression<SqlBool> =
      order === 'asc'
        ? sql<SqlBool>`(${sortExpr}, invoice.id) > (cast(${cursor[0]} as ${sortType}), ${cursor[1]})`
        : sql<SqlBool>`(${sortExpr}, invoice.id) < (cast(${cursor[0]} as ${sortType}), ${cursor[1]})`;
    query = query.where(after);
  }
  const direction = sql.raw(order);
  const rows = await query
    .orderBy(sql`${sortExpr} ${direction}`)
    .orderBy(sql`invoice.id ${direction}`)
    .limit(limit + 1)
    .$if(!cursor && (options.offset ?? 0) > 0, (q) => q.offset(options.offset!))
    .execute();
  total ??= await boundedCount(db, counted);

  const actingSides: InvoiceSide[] = scope.mayAct ? [sent ? 'SUPPLIER' : 'RECIPIENT'] : [];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    structure: header,
    ...(exactTotal === undefined ? {} : { exactTotal }),
    items: page.map((r) => ({
      id: r.id,
      cproId: Number(r.cpro_id),
      number: r.number,
      issueDate: r.issue_date,
      type: r.type as InvoiceType,
      status: r.status as InvoiceStatus,
      version: r.version,
      currency: r.currency,
      format: r.format,
      supplierName: r.supplier_name,
      recipientName: r.recipient_name,
      serviceCode: r.service_code,
      commitmentNumber: r.commitment_number,
      totalWithoutVat: r.total_without_vat,
      totalWithVat: r.total_with_vat,
      amountDue: r.amount_due,
      depositedAt: r.deposited_at.toISOString(),
      madeAvailableAt: iso(r.made_available_at),
      firstDownloadedAt: iso(r.first_downloaded_at),
      allowedActions: allowedActions(r.status as InvoiceStatus, actingSides),
    })),
    total,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(cursorKind(scope.side, sort, order), [last.sort_key, last.id])
        : null,
  };
}
