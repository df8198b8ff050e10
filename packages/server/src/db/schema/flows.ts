import type { ColumnType, Generated } from 'kysely';
import type { EntryError } from '../../flows/model.js';

type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;
type Json<T> = ColumnType<T, string, string>;

/** One inbound flow (migration 0010_flows). Its bytes are in the file store, under storage_key. */
export interface FlowTable {
  id: string; // flw_…
  /** Stable integer id of the /cpro surface (migration 0014). */
  cpro_id: Generated<number>;
  /** numeroFluxDepot: 'FLX' + year + 12 digits. */
  number: string;
  direction: string; // FlowDirection
  structure_id: string;
  depositor_user_id: string | null;
  depositor_client_id: string | null;
  syntax: string; // FlowSyntax, as declared
  framework: string; // BillingFramework given to each invoice
  file_name: string;
  size: number;
  sha256: string;
  storage_key: string;
  state: string; // FlowState
  /** Entries found (known once the flow has been read to the end). */
  entry_count: number | null;
  accepted_count: Generated<number>;
  refused_count: Generated<number>;
  /** Why the whole flow was refused or failed: {code, message: {fr, en}}. */
  error: ColumnType<
    { code: string; message: { fr: string; en: string } } | null,
    string | null | undefined,
    string | null
  >;
  received_at: Generated<Date>;
  waiting_at: NullableTimestamp;
  processing_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  lease_owner: string | null;
  lease_until: NullableTimestamp;
  failed_runs: Generated<number>;
  created_at: Generated<Date>;
  /** Outbound flows (0013): the invoice carried, in which form, and its rendering. */
  invoice_id: ColumnType<string | null, string | null | undefined, string | null>;
  out_format: ColumnType<string | null, string | null | undefined, string | null>;
  /** Why the original was sent instead of the form asked: {code, message: {fr, en}}. */
  fallback: ColumnType<
    { code: string; message: { fr: string; en: string } } | null,
    string | null | undefined,
    string | null
  >;
  rendering_key: ColumnType<string | null, string | null | undefined, string | null>;
  rendering_size: ColumnType<number | null, number | null | undefined, number | null>;
  rendering_sha256: ColumnType<string | null, string | null | undefined, string | null>;
  picked_up_at: NullableTimestamp;
  /** How the flow came (migration 0012): 'API' or 'SFTP' (FlowChannel). */
  channel: Generated<string>;
  /** When its report was written to the depositor's SFTP out/ (SFTP flows only). */
  report_delivered_at: NullableTimestamp;
}

export interface FlowEntryTable {
  flow_id: string;
  /** 0-based position of the entry in the flow. */
  index: number;
  name: string;
  invoice_number: string | null;
  outcome: string; // EntryOutcome
  invoice_id: string | null;
  refusal_code: string | null;
  errors: Json<EntryError[]>;
  recorded_at: Generated<Date>;
}

export interface FlowsTables {
  flow: FlowTable;
  flow_entry: FlowEntryTable;
}
