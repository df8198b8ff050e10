/**
 * The events Chorale tells about (issue 16): one closed list, shared by webhooks, the portal's
 * bell and the mail preferences. A new type is added here and to the check of the `event` and
 * `notification_preference` tables (a new migration).
 */
export const eventTypes = [
  'invoice.made_available',
  'invoice.status_changed',
  'sollicitation.opened',
  'sollicitation.answered',
  'flow.report_ready',
  'credential.expiring',
] as const;
export type EventType = (typeof eventTypes)[number];

/**
 * Who of the told structure sees the event in the portal: the users holding that space (on the
 * whole structure, or on `serviceId` when one is set), or its managers (GESTIONNAIRE).
 */
export const eventAudiences = [
  'FACTURES_EMISES',
  'FACTURES_RECUES',
  'SOLLICITATIONS',
  'GESTIONNAIRE',
] as const;
export type EventAudience = (typeof eventAudiences)[number];

/** What an invoice event says: the invoice, the move, and its code in the 2026 lifecycle. */
export interface InvoiceEventData {
  invoice: { id: string; number: string };
  oldStatus: string | null;
  newStatus: string;
  /** AFNOR XP Z12-012 code (200–213) of the new status; null for a status without its own. */
  lifecycleCode: number | null;
}

export interface FlowEventData {
  flow: { id: string };
  state: string;
}

export interface CredentialEventData {
  credential: { kind: 'TECHNICAL_ACCOUNT'; id: string; login: string };
  expiresAt: string;
}

/**
 * One event, as a use case records it (recordEvents). `orderKey` groups the events that must
 * reach a receiver in order (an invoice's, a sollicitation's: its id) and `seq` orders them
 * within the group (an invoice's journal seq); an event alone in its group gets its own id and 1.
 */
export interface NewEvent {
  type: EventType;
  /** The structure told: its webhooks and (per `audience`) its users. */
  structureId: string;
  audience: EventAudience;
  serviceId?: string | null;
  invoiceId?: string | null;
  flowId?: string | null;
  orderKey?: string;
  seq?: number;
  /** The event's data, as webhooks receive it (`data`); bounded JSON. */
  data: Record<string, unknown>;
  at?: Date;
}
