import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../lib/ids.js';
import type { IdentifierType, PublicCategory } from './model.js';
import { searchKey } from './model.js';

export interface StructureInput {
  identifierType: IdentifierType;
  identifier: string;
  name: string;
  isPublic: boolean;
  /** null or undefined keeps the category already stored (the official export has none). */
  category?: PublicCategory | null;
  active: boolean;
  serviceCodeRequired: boolean;
  commitmentRequired: boolean;
  serviceOrCommitmentRequired: boolean;
  isMoa: boolean;
  isMoaOnly: boolean;
  paymentStatusNotReported: boolean;
  ediReception: boolean;
  ediEmission: boolean;
  addressLine1?: string | null;
  addressLine2?: string | null;
  addressLine3?: string | null;
  postalCode?: string | null;
  town?: string | null;
  countryCode?: string | null;
  countryName?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

/**
 * Inserts or updates a batch of structures in one statement, keyed on (identifier type,
 * identifier): re-running with the same rows changes nothing but updated_at, never
 * duplicates. Within a batch the last row for a key wins (PostgreSQL refuses to update one row
 * twice in a statement).
 */
export async function upsertStructures(options: {
  db: Kysely<DB>;
  rows: StructureInput[];
}): Promise<UpsertCounts> {
  const byKey = new Map<string, StructureInput>();
  for (const row of options.rows) byKey.set(`${row.identifierType}:${row.identifier}`, row);
  if (byKey.size === 0) return { inserted: 0, updated: 0 };
  const values = [...byKey.values()].map((r) => ({
    id: newId('structure'),
    identifier_type: r.identifierType,
    identifier: r.identifier,
    name: r.name,
    is_public: r.isPublic,
    category: r.category ?? null,
    active: r.active,
    service_code_required: r.serviceCodeRequired,
    commitment_required: r.commitmentRequired,
    service_or_commitment_required: r.serviceOrCommitmentRequired,
    is_moa: r.isMoa,
    is_moa_only: r.isMoaOnly,
    payment_status_not_reported: r.paymentStatusNotReported,
    edi_reception: r.ediReception,
    edi_emission: r.ediEmission,
    address_line1: r.addressLine1 ?? null,
    address_line2: r.addressLine2 ?? null,
    address_line3: r.addressLine3 ?? null,
    postal_code: r.postalCode ?? null,
    town: r.town ?? null,
    country_code: r.countryCode ?? null,
    country_name: r.countryName ?? null,
    phone: r.phone ?? null,
    email: r.email ?? null,
    name_key: searchKey(r.name),
    search_text: searchKey([r.name, r.identifier, r.postalCode ?? '', r.town ?? ''].join(' ')),
  }));
  const rows = await options.db
    .insertInto('structure')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['identifier_type', 'identifier']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        is_public: eb.ref('excluded.is_public'),
        // The official export carries no category: an import must not erase a known one.
        category: sql<string | null>`coalesce(excluded.category, structure.category)`,
        active: eb.ref('excluded.active'),
        service_code_required: eb.ref('excluded.service_code_required'),
        commitment_required: eb.ref('excluded.commitment_required'),
        service_or_commitment_required: eb.ref('excluded.service_or_commitment_required'),
        is_moa: eb.ref('excluded.is_moa'),
        is_moa_only: eb.ref('excluded.is_moa_only'),
        payment_status_not_reported: eb.ref('excluded.payment_status_not_reported'),
        edi_reception: eb.ref('excluded.edi_reception'),
        edi_emission: eb.ref('excluded.edi_emission'),
        address_line1: eb.ref('excluded.address_line1'),
        address_line2: eb.ref('excluded.address_line2'),
        address_line3: eb.ref('excluded.address_line3'),
        postal_code: eb.ref('excluded.postal_code'),
        town: eb.ref('excluded.town'),
        country_code: eb.ref('excluded.country_code'),
        country_name: eb.ref('excluded.country_name'),
        phone: eb.ref('excluded.phone'),
        email: eb.ref('excluded.email'),
        name_key: eb.ref('excluded.name_key'),
        search_text: eb.ref('excluded.search_text'),
        updated_at: sql<Date>`now()`,
      })),
    )
    // xmax is 0 for a freshly inserted row version and non-zero for an updated one.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

export interface ServiceInput {
  identifierType: IdentifierType;
  identifier: string;
  code: string;
  name: string;
  active: boolean;
  validFrom?: string | null;
  validTo?: string | null;
  commitmentRequired: boolean;
}

/**
 * Inserts or updates a batch of services, keyed on (structure, code). Rows whose structure is
 * unknown are returned (not written) so the caller can report them.
 */
export async function upsertServices(options: {
  db: Kysely<DB>;
  rows: ServiceInput[];
}): Promise<UpsertCounts & { unknownStructure: ServiceInput[] }> {
  const { db, rows } = options;
  if (rows.length === 0) return { inserted: 0, updated: 0, unknownStructure: [] };
  const identifiers = [...new Set(rows.map((r) => r.identifier))];
  const structures = await db
    .selectFrom('structure')
    .select(['id', 'identifier_type', 'identifier'])
    .where('identifier', 'in', identifiers)
    .execute();
  const idOf = new Map(structures.map((s) => [`${s.identifier_type}:${s.identifier}`, s.id]));
  const unknownStructure: ServiceInput[] = [];
  const byKey = new Map<string, ServiceInput & { structureId: string }>();
  for (const row of rows) {
    const structureId = idOf.get(`${row.identifierType}:${row.identifier}`);
    if (!structureId) unknownStructure.push(row);
    else byKey.set(`${structureId}:${row.code}`, { ...row, structureId });
  }
  if (byKey.size === 0) return { inserted: 0, updated: 0, unknownStructure };
  const result = await db
    .insertInto('service')
    .values(
      [...byKey.values()].map((r) => ({
        id: newId('service'),
        structure_id: r.structureId,
        code: r.code,
        name: r.name,
        active: r.active,
        valid_from: r.validFrom ?? null,
        valid_to: r.validTo ?? null,
        commitment_required: r.commitmentRequired,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['structure_id', 'code']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        active: eb.ref('excluded.active'),
        valid_from: eb.ref('excluded.valid_from'),
        valid_to: eb.ref('excluded.valid_to'),
        commitment_required: eb.ref('excluded.commitment_required'),
        updated_at: sql<Date>`now()`,
      })),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
  const inserted = result.filter((r) => r.inserted).length;
  return { inserted, updated: result.length - inserted, unknownStructure };
}
