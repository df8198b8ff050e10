import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { notFound } from '../lib/errors.js';
import { receptionOf, PORTAL_ONLY, type ReceptionSettings } from './reception.js';

export interface ServiceDetail {
  id: string;
  /** idService of the /cpro surface. */
  cproId: number;
  code: string;
  name: string;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
  commitmentRequired: boolean;
  /** The service's own reception setting; null: it follows its structure's. */
  reception: ReceptionSettings | null;
}

export interface StructureDetail {
  id: string;
  /** idStructureCPP of the /cpro surface. */
  cproId: number;
  identifierType: string;
  identifier: string;
  name: string;
  isPublic: boolean;
  category: string | null;
  active: boolean;
  flags: {
    serviceCodeRequired: boolean;
    commitmentRequired: boolean;
    serviceOrCommitmentRequired: boolean;
    isMoa: boolean;
    isMoaOnly: boolean;
    paymentStatusNotReported: boolean;
    ediReception: boolean;
    ediEmission: boolean;
  };
  /** How invoices reach it (Chorale's setting, by its manager): portal only, or also by flow. */
  reception: ReceptionSettings;
  address: {
    line1: string | null;
    line2: string | null;
    line3: string | null;
    postalCode: string | null;
    town: string | null;
    countryCode: string | null;
    countryName: string | null;
  };
  phone: string | null;
  email: string | null;
  services: ServiceDetail[];
}

/**
 * A structure by its identifier (SIRET, SIREN…), with its services. When the same number
 * exists under several identifier types, `identifierType` picks one (SIRET first otherwise).
 */
export async function getStructure(options: {
  db: Kysely<DB>;
  identifier: string;
  identifierType?: string | undefined;
}): Promise<StructureDetail> {
  const { db } = options;
  let query = db.selectFrom('structure').selectAll().where('identifier', '=', options.identifier);
  if (options.identifierType) query = query.where('identifier_type', '=', options.identifierType);
  const rows = await query.orderBy('identifier_type', 'desc').execute();
  const s = rows.find((r) => r.identifier_type === 'SIRET') ?? rows[0];
  if (!s) throw notFound(`Structure ${options.identifier}`);
  const services = await db
    .selectFrom('service')
    .select([
      'id',
      'cpro_id',
      'code',
      'name',
      'active',
      'valid_from',
      'valid_to',
      'commitment_required',
      'reception_by_flow',
      'reception_format',
      'reception_rendering',
    ])
    .where('structure_id', '=', s.id)
    .orderBy('code')
    .execute();
  return {
    id: s.id,
    cproId: Number(s.cpro_id),
    identifierType: s.identifier_type,
    identifier: s.identifier,
    name: s.name,
    isPublic: s.is_public,
    category: s.category,
    active: s.active,
    flags: {
      serviceCodeRequired: s.service_code_required,
      commitmentRequired: s.commitment_required,
      serviceOrCommitmentRequired: s.service_or_commitment_required,
      isMoa: s.is_moa,
      isMoaOnly: s.is_moa_only,
      paymentStatusNotReported: s.payment_status_not_reported,
      ediReception: s.edi_reception,
      ediEmission: s.edi_emission,
    },
    reception: receptionOf(s) ?? PORTAL_ONLY,
    address: {
      line1: s.address_line1,
      line2: s.address_line2,
      line3: s.address_line3,
      postalCode: s.postal_code,
      town: s.town,
      countryCode: s.country_code,
      countryName: s.country_name,
    },
    phone: s.phone,
    email: s.email,
    services: services.map((v) => ({
      id: v.id,
      cproId: Number(v.cpro_id),
      code: v.code,
      name: v.name,
      active: v.active,
      validFrom: v.valid_from,
      validTo: v.valid_to,
      commitmentRequired: v.commitment_required,
      reception: receptionOf(v) ?? null,
    })),
  };
}
