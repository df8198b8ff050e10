import type { ColumnType, Generated } from 'kysely';

/**
 * Tables of the jobs area (migration 0005_jobs). Used through `db.withTables<JobsTables>()` so
 * the shared DB type needs no edit; the lead may fold it into src/db/schema.ts.
 */
// Type aliases, not interfaces: withTables() needs types with an implicit index signature.
export type NotificationSentTable = {
  /** `<job id>:<addressee>`: one row per e-mail a job sends. */
  key: string;
  job_name: string;
  job_id: string;
  /** The invoice a mail is about, or (migration 0010) the flow: one of the two is set. */
  invoice_id: string | null;
  flow_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Or (migration 0018) the sollicitation. */
  sollicitation_id: ColumnType<string | null, string | null | undefined, string | null>;
  email: string;
  /** SENDING: claimed, outcome unknown (a crash in between); SENT: the relay accepted it. */
  state: 'SENDING' | 'SENT';
  created_at: Generated<Date>;
  sent_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
};

export type JobsTables = {
  notification_sent: NotificationSentTable;
};
