import type { ColumnType, Generated } from 'kysely';

export interface StructureTable {
  id: string;
  /** idStructureCPP of the /cpro surface (migration 0014). */
  cpro_id: Generated<number>;
  identifier_type: string;
  identifier: string;
  name: string;
  is_public: boolean;
  category: string | null;
  active: boolean;
  service_code_required: boolean;
  commitment_required: boolean;
  /** A service code or a commitment number, at least one of the two. */
  service_or_commitment_required: boolean;
  is_moa: boolean;
  is_moa_only: boolean;
  payment_status_not_reported: boolean;
  edi_reception: boolean;
  edi_emission: boolean;
  /** Chorale's own reception setting (0013), set by the structure's manager; not imported. */
  reception_by_flow: Generated<boolean>;
  reception_format: Generated<string>; // ReceptionFormat
  reception_rendering: Generated<boolean>;
  address_line1: string | null;
  address_line2: string | null;
  address_line3: string | null;
  postal_code: string | null;
  town: string | null;
  country_code: string | null;
  country_name: string | null;
  phone: string | null;
  email: string | null;
  /** searchKey(name): the keyset order of search results. */
  name_key: string;
  /** searchKey of name, identifier, postal code and town: what `q` matches. */
  search_text: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ServiceTable {
  id: string;
  /** idService of the /cpro surface (migration 0014). */
  cpro_id: Generated<number>;
  structure_id: string;
  code: string;
  name: string;
  active: boolean;
  valid_from: ColumnType<string | null, string | null | undefined, string | null>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  commitment_required: Generated<boolean>;
  /** A service's own reception setting: all three null (follows its structure) or all set. */
  reception_by_flow: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  reception_format: ColumnType<string | null, string | null | undefined, string | null>;
  reception_rendering: ColumnType<boolean | null, boolean | null | undefined, boolean | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DirectoryTables {
  structure: StructureTable;
  service: ServiceTable;
}
