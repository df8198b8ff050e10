/**
 * How a public structure receives its invoices: in the portal only (the default), or also by
 * flow — each invoice made available to it becomes an outbound flow its systems pick up over
 * SFTP or HTTP (the real service's `recevoirDonneesViaEDI`). A service may have a setting of
 * its own; a service without one follows its structure.
 *
 * This is Chorale's own setting, set by the structure's manager (set-reception.ts); the
 * imported directory flag `edi_reception` is what the official directory says and stays as
 * imported.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** The form the recipient wants: as deposited, or converted to UBL 2.1, CII D16B, Factur-X. */
export const receptionFormats = ['ORIGINAL', 'UBL', 'CII', 'FACTURX'] as const;
export type ReceptionFormat = (typeof receptionFormats)[number];

export interface ReceptionSettings {
  byFlow: boolean;
  format: ReceptionFormat;
  /** A PDF rendering is added beside the invoice (not for a PDF form: it is its own rendering). */
  withRendering: boolean;
}

export const PORTAL_ONLY: ReceptionSettings = {
  byFlow: false,
  format: 'ORIGINAL',
  withRendering: false,
};

interface ReceptionColumns {
  reception_by_flow: boolean | null;
  reception_format: string | null;
  reception_rendering: boolean | null;
}

/** The setting held by a row, or undefined when a service row holds none (follows its structure). */
export function receptionOf(row: ReceptionColumns): ReceptionSettings | undefined {
  if (row.reception_by_flow === null || row.reception_format === null) return undefined;
  return {
    byFlow: row.reception_by_flow,
    format: row.reception_format as ReceptionFormat,
    withRendering: row.reception_rendering ?? false,
  };
}

/** What applies to an invoice for this structure and service: the service's own, else the structure's. */
export async function effectiveReception(
  db: Kysely<DB>,
  structureId: string,
  serviceId: string | null,
): Promise<ReceptionSettings> {
  const structure = await db
    .selectFrom('structure')
    .select(['reception_by_flow', 'reception_format', 'reception_rendering'])
    .where('id', '=', structureId)
    .executeTakeFirst();
  if (!structure) return PORTAL_ONLY;
  if (serviceId !== null) {
    const service = await db
      .selectFrom('service')
      .select(['reception_by_flow', 'reception_format', 'reception_rendering'])
      .where('id', '=', serviceId)
      .where('structure_id', '=', structureId)
      .executeTakeFirst();
    const own = service && receptionOf(service);
    if (own) return own;
  }
  return receptionOf(structure) ?? PORTAL_ONLY;
}
