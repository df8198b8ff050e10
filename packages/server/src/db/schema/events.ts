import type { ColumnType, Generated } from 'kysely';

/** Tables of events, webhooks and notifications (migration 0019_webhooks). */
export interface EventTable {
  id: string;
  type: string;
  structure_id: string;
  audience: string;
  service_id: string | null;
  invoice_id: string | null;
  flow_id: string | null;
  order_key: string;
  seq: number;
  /** JSON text on insert; read back as an object. */
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

export interface WebhookTable {
  id: string;
  structure_id: string;
  url: string;
  events: string[];
  /** The signing secret, AES-256-GCM encrypted (webhooks/secret-box.ts). */
  secret_enc: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface WebhookDeliveryTable {
  id: string;
  webhook_id: string;
  event_id: string;
  order_key: string;
  seq: number;
  state: Generated<'PENDING' | 'DELIVERED' | 'FAILED'>;
  attempts: Generated<number>;
  leased_until: Date | null;
  created_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface WebhookAttemptTable {
  id: string;
  delivery_id: string;
  at: Generated<Date>;
  manual: Generated<boolean>;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  response_excerpt: string | null;
}

export interface NotificationReadTable {
  user_id: string;
  event_id: string;
  read_at: Generated<Date>;
}

export interface NotificationStateTable {
  user_id: string;
  read_before: Date | null;
  digest_until: Date | null;
}

export interface NotificationPreferenceTable {
  user_id: string;
  type: string;
  mode: 'IMMEDIATE' | 'DIGEST' | 'OFF';
}

export interface EventsTables {
  event: EventTable;
  webhook: WebhookTable;
  webhook_delivery: WebhookDeliveryTable;
  webhook_attempt: WebhookAttemptTable;
  notification_read: NotificationReadTable;
  notification_state: NotificationStateTable;
  notification_preference: NotificationPreferenceTable;
}
