import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<
  Date | null,
  Date | string | null | undefined,
  Date | string | null
>;

/** Operators of the instance (migration 0018): the "platform support" persona. */
export interface PlatformSupportTable {
  user_id: string;
  created_at: Generated<Date>;
}

/** One sollicitation thread (migration 0018). */
export interface SollicitationTable {
  id: string; // sol_…
  subject: string;
  category: string; // SollicitationCategory
  subcategory: string;
  status: string; // SollicitationStatus
  requester_structure_id: string;
  requester_user_id: string;
  invoice_id: string | null;
  addressee: string; // 'STRUCTURE' | 'PLATFORM'
  recipient_structure_id: string | null;
  recipient_service_id: string | null;
  version: Generated<number>;
  opened_at: Timestamp;
  /** Since when the addressee owes an answer; null once answered or closed. */
  waiting_since: NullableTimestamp;
  closed_at: NullableTimestamp;
  updated_at: Timestamp;
}

export interface SollicitationMessageTable {
  id: string; // som_…
  sollicitation_id: string;
  author_user_id: string;
  side: string; // MessageSide
  body: string;
  created_at: Timestamp;
}

/** A message's file; its bytes are in the file store under storage_key. */
export interface SollicitationFileTable {
  id: string; // sof_…
  sollicitation_id: string;
  message_id: string;
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  created_at: Generated<Date>;
}

export interface SollicitationsTables {
  platform_support: PlatformSupportTable;
  sollicitation: SollicitationTable;
  sollicitation_message: SollicitationMessageTable;
  sollicitation_file: SollicitationFileTable;
}
