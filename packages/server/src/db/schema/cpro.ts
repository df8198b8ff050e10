import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

/** A technical account of the /cpro surface: what a client sends in `cpro-account`. */
export interface CproTechnicalAccountTable {
  id: string; // tca_…
  structure_id: string;
  /** TECH_<n>_<random>@cpro.chorale — shaped like the real service's logins. */
  login: string;
  /** SHA-256 of the generated password (high-entropy, shown once). */
  password_hash: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  rotated_by: string | null;
  rotated_at: NullableTimestamp;
  expires_at: Timestamp;
  /** When the expiry reminder was mailed (cleared by a rotation). */
  reminded_at: NullableTimestamp;
}

/** A file sent by `transverses/v1/ajouter/fichier`, until a soumettre or completer names it. */
export interface CproUploadTable {
  /** pieceJointeId */
  id: Generated<number>;
  structure_id: string;
  client_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  /**
   * The bytes of a file uploaded before migration 0025 and not yet moved to the store; null
   * when `storage_key` names them. Updated only by `chorale storage move-from-database`.
   */
  content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, null>;
  /** Where the file store keeps the bytes (cpro-uploads/<structure id>/<id>); null for old rows. */
  storage_key: ColumnType<string | null, string | null | undefined, string>;
  created_at: Generated<Date>;
}

export interface CproTables {
  cpro_technical_account: CproTechnicalAccountTable;
  cpro_upload: CproUploadTable;
}
