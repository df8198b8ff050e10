/**
 * Invoices in the real service's words: the facts a /cpro answer needs beside what the native
 * use cases give (integer ids, both parties' identifiers, the flow an invoice came in), read
 * for a page of invoices at once, and the mapping of our deposit formats to `modeDepot`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface InvoiceWireFacts {
  cproId: number;
  supplierIdentifier: string;
  supplierCproId: number;
  recipientIdentifier: string;
  recipientCproId: number;
  serviceName: string | null;
  serviceCproId: number | null;
  flowNumber: string | null;
}

/** The facts of these invoices (ids the caller was already allowed to see). */
export async function invoiceWireFacts(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, InvoiceWireFacts>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('invoice as i')
    .innerJoin('structure as s', 's.id', 'i.supplier_structure_id')
    .innerJoin('structure as r', 'r.id', 'i.recipient_structure_id')
    .leftJoin('service as v', 'v.id', 'i.recipient_service_id')
    .select((eb) => [
      'i.id',
      'i.cpro_id',
      's.identifier as supplier_identifier',
      's.cpro_id as supplier_cpro_id',
      'r.identifier as recipient_identifier',
      'r.cpro_id as recipient_cpro_id',
      'v.name as service_name',
      'v.cpro_id as service_cpro_id',
      eb
        .selectFrom('flow_entry as e')
        .innerJoin('flow as f', 'f.id', 'e.flow_id')
        .select('f.number')
        .whereRef('e.invoice_id', '=', 'i.id')
        .limit(1)
        .as('flow_number'),
    ])
    .where('i.id', 'in', [...new Set(ids)])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        cproId: Number(r.cpro_id),
        supplierIdentifier: r.supplier_identifier,
        supplierCproId: Number(r.supplier_cpro_id),
        recipientIdentifier: r.recipient_identifier,
        recipientCproId: Number(r.recipient_cpro_id),
        serviceName: r.service_name,
        serviceCproId: r.service_cpro_id === null ? null : Number(r.service_cpro_id),
        flowNumber: r.flow_number ?? null,
      },
    ]),
  );
}

/** modeDepot of a deposit format: keyed (SAISIE_API), PDF (DEPOT_PDF_API), or a flow. */
export function modeDepotOf(format: string, flowNumber: string | null): string {
  if (flowNumber) return 'FLUX';
  if (format === 'SAISIE') return 'SAISIE_API';
  if (format === 'PDF') return 'DEPOT_PDF_API';
  return 'DEPOT_API';
}

/** A structure's identifier by its idStructureCPP (undefined when unknown). */
export async function structureIdentifierOf(
  db: Kysely<DB>,
  cproId: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('structure')
    .select('identifier')
    .where('cpro_id', '=', cproId)
    .executeTakeFirst();
  return row?.identifier;
}

/** A service's code by its idService (undefined when unknown). */
export async function serviceCodeOf(db: Kysely<DB>, cproId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('service')
    .select('code')
    .where('cpro_id', '=', cproId)
    .executeTakeFirst();
  return row?.code;
}

/** The identifier and integer id of a structure by our id. */
export async function structureFactsOf(
  db: Kysely<DB>,
  structureId: string,
): Promise<{ identifier: string; cproId: number }> {
  const row = await db
    .selectFrom('structure')
    .select(['identifier', 'cpro_id'])
    .where('id', '=', structureId)
    .executeTakeFirstOrThrow();
  return { identifier: row.identifier, cproId: Number(row.cpro_id) };
}
