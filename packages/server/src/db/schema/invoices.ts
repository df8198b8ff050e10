import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
/** numeric columns come back as strings on both databases: money never becomes a float. */
type Numeric = ColumnType<string, string, string>;
type NullableNumeric = ColumnType<string | null, string | null | undefined, string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface InvoiceTable {
  id: string; // inv_…
  /** Stable integer id of the /cpro surface (idFacture, identifiantFactureCPP; migration 0014). */
  cpro_id: Generated<number>;
  /** BT-1 */
  number: string;
  /** BT-2, YYYY-MM-DD */
  issue_date: string;
  /** Year of the issue date: with supplier and number, what makes a duplicate. */
  issue_year: number;
  type: string; // InvoiceType
  type_code: string | null; // BT-3
  framework: string; // BillingFramework
  currency: string; // BT-5
  format: string; // DepositFormat
  supplier_structure_id: string;
  recipient_structure_id: string;
  recipient_service_id: string | null;
  /** BT-10 as given (service code). */
  service_code: string | null;
  /** BT-13 (commitment number, numéro d'engagement). */
  commitment_number: string | null;
  supplier_name: string;
  recipient_name: string;
  total_without_vat: NullableNumeric; // BT-109
  total_vat: NullableNumeric; // BT-110
  total_with_vat: NullableNumeric; // BT-112
  amount_due: NullableNumeric; // BT-115
  status: string; // InvoiceStatus
  /** Optimistic concurrency: every change names the version it saw and bumps it. */
  version: Generated<number>;
  /** Hash of the last journal row of this invoice: deleting trailing rows is detected. */
  journal_head: string;
  journal_length: number;
  deposited_by_user_id: string | null;
  deposited_by_client_id: string | null;
  deposited_at: Timestamp;
  /** When it was made available to the recipient: starts the legal payment period. */
  made_available_at: NullableTimestamp;
  /** First download by the recipient ("not yet downloaded" filter). */
  first_downloaded_at: NullableTimestamp;
  /** Days the payment clock was stopped (suspensions), for the forecast. */
  suspended_days: Generated<number>;
  suspended_since: NullableTimestamp;
  mandate_number: string | null;
  payment_date: string | null;
  payment_amount: NullableNumeric;
  /** Why it was rejected (RejectionReason; migration 0022); null unless REJETEE. */
  rejection_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The EN 16931 model, normalised (amounts as strings), for display and search. */
  model: Json<unknown>;
  /** EN 16931 warnings found at deposit: [{id, message, path, line}]. */
  warnings: Json<unknown[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InvoiceFileTable {
  id: string; // fil_…
  invoice_id: string;
  kind: string; // FileKind
  name: string;
  media_type: string;
  size: number;
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /**
   * The bytes of a file deposited before migration 0024 and not yet moved to the store; null
   * when `storage_key` names them. Updated only by `chorale storage move-from-database`.
   */
  content: ColumnType<Uint8Array | null, Uint8Array | null | undefined, null>;
  /** Where the file store keeps the bytes (invoices/<invoice id>/<file id>); null for old rows. */
  storage_key: ColumnType<string | null, string | null | undefined, string>;
  created_at: Generated<Date>;
}

/** Journal: append-only (triggers refuse update and delete), hash-chained per invoice. */
export interface InvoiceEventTable {
  id: string; // evt_…
  invoice_id: string;
  /** 1, 2, 3… per invoice: a reordered or missing row breaks the sequence. */
  seq: number;
  at: Timestamp;
  event: string; // JournalEvent
  actor_kind: string; // ActorKind
  actor_user_id: string | null;
  actor_client_id: string | null;
  from_status: string | null;
  to_status: string | null;
  reason: string | null;
  data: Json<Record<string, unknown>>;
  /** Hash of the previous row of the same invoice ('' for the first). */
  prev_hash: string;
  /** SHA-256 over prev_hash and this row's canonical content. */
  hash: string;
}

/** Answers given to a request carrying an Idempotency-Key, replayed on retries. */
export interface IdempotencyKeyTable {
  /** user or client id: keys are per caller. */
  principal: string;
  key: string;
  /** SHA-256 of the request: the same key with another request is a conflict. */
  request_hash: string;
  status_code: number;
  response: Json<unknown>;
  created_at: Generated<Date>;
}

/** ECB main refinancing rate in force from a date (late-payment interest = rate + 8 points). */
export interface EcbRateTable {
  valid_from: string;
  rate: Numeric;
}

/**
 * Per-status counters of the summaries (migration 0021): delta rows written by a trigger on
 * invoice; a key's value is the sum of its rows. Bigint sums come back as strings.
 */
export interface InvoiceStatusCountTable {
  structure_id: string;
  side: 'sent' | 'received';
  service_id: string | null;
  status: string;
  currency: string;
  invoices: ColumnType<string, never, never>;
  total_with_vat: ColumnType<string, never, never>;
  amount_due: ColumnType<string, never, never>;
  payable_invoices: ColumnType<string, never, never>;
  payable_amount: ColumnType<string, never, never>;
}

/**
 * The names each structure's counterparties go by on their invoices (migration 0026): written
 * by a trigger on invoice, read by the list's name filter.
 */
export interface InvoicePartyNameTable {
  structure_id: string;
  side: 'sent' | 'received';
  other_structure_id: string;
  name: string;
}

export interface InvoicesTables {
  invoice: InvoiceTable;
  invoice_file: InvoiceFileTable;
  invoice_event: InvoiceEventTable;
  idempotency_key: IdempotencyKeyTable;
  ecb_rate: EcbRateTable;
  invoice_status_count: InvoiceStatusCountTable;
  invoice_party_name: InvoicePartyNameTable;
}
