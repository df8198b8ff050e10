import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AppUserTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  /** Base32 TOTP secret; set at enrolment, active once totp_enabled. */
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  /** Last TOTP time step accepted: a code is never accepted twice. */
  totp_last_step: ColumnType<number | null, number | null | undefined, number | null>;
  failed_attempts: Generated<number>;
  locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
}

export interface RecoveryCodeTable {
  user_id: string;
  code_hash: string;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface MembershipTable {
  id: string;
  user_id: string;
  structure_id: string;
  role: string;
  created_at: Generated<Date>;
}

export interface MembershipRightTable {
  membership_id: string;
  space: string;
  /** null: the right covers the whole structure. */
  service_id: string | null;
}

export interface JoinRequestTable {
  id: string;
  user_id: string;
  structure_id: string;
  message: string | null;
  status: string;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: Generated<Date>;
}

export interface UserSessionTable {
  /** SHA-256 of the session id: a stolen database does not yield usable cookies. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  second_factor_pending: boolean;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: string;
  expires_at: Timestamp;
  used_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ApiClientTable {
  id: string;
  structure_id: string;
  name: string;
  secret_hash: string;
  /** Space-separated scopes, OAuth style. */
  scopes: string;
  active: Generated<boolean>;
  created_by: string | null;
  created_at: Generated<Date>;
  secret_rotated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** OpenSSH public key (`<type> <base64>`) for the SFTP endpoint, or null. */
  sftp_public_key: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccessTokenTable {
  token_hash: string;
  client_id: string;
  scopes: string;
  expires_at: Timestamp;
  created_at: Generated<Date>;
}

export interface AuditEventTable {
  id: string;
  at: Generated<Date>;
  event: string;
  actor_user_id: string | null;
  actor_client_id: string | null;
  subject_user_id: string | null;
  structure_id: string | null;
  ip: string | null;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface AccountsTables {
  app_user: AppUserTable;
  recovery_code: RecoveryCodeTable;
  membership: MembershipTable;
  membership_right: MembershipRightTable;
  join_request: JoinRequestTable;
  user_session: UserSessionTable;
  password_reset: PasswordResetTable;
  api_client: ApiClientTable;
  access_token: AccessTokenTable;
  audit_event: AuditEventTable;
}
