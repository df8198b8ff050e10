/**
 * What a client needs to know of flows before depositing one: the syntaxes and their kind of
 * file, the states a flow goes through (and which never change again), and the limits the
 * deposit enforces. Computed from the constants the server enforces (model.ts and
 * archive/limits.ts), never copied: GET /flows/settings answers it, so the portal holds none.
 */
import { FLOW_ARCHIVE_LIMITS } from './archive/limits.js';
import {
  finalFlowStates,
  flowStates,
  MAX_FLOW_BYTES,
  MAX_INVOICE_BYTES,
  statusSyntaxes,
  supportedSyntaxes,
  type EntryForm,
  type FlowState,
  type FlowSyntax,
} from './model.js';

/** The kind of file a syntax's entries are; `statuses`: a recipient's status file. */
export const flowSyntaxKinds = ['ubl', 'cii', 'facturx', 'statuses'] as const;
export type FlowSyntaxKind = (typeof flowSyntaxKinds)[number];

const kindOfForm = {
  UBL: 'ubl',
  CII: 'cii',
  FACTURX: 'facturx',
} as const satisfies Record<EntryForm, FlowSyntaxKind>;

export interface FlowSettings {
  /** The syntaxes integrated here, invoices first (in supportedSyntaxes' order), then statuses. */
  syntaxes: { code: FlowSyntax; kind: FlowSyntaxKind }[];
  /** Every state, in the order a flow goes through them; IN_ inbound, OUT_ outbound. */
  states: { code: FlowState; direction: 'IN' | 'OUT' }[];
  finalStates: FlowState[];
  limits: { maxFlowBytes: number; maxInvoiceBytes: number; maxEntries: number };
}

export function flowSettings(): FlowSettings {
  const invoices = Object.entries(supportedSyntaxes) as [FlowSyntax, EntryForm][];
  return {
    syntaxes: [
      ...invoices.map(([code, form]) => ({ code, kind: kindOfForm[form] })),
      ...statusSyntaxes.map((code) => ({ code, kind: 'statuses' as const })),
    ],
    states: flowStates.map((code) => ({
      code,
      direction: code.startsWith('OUT_') ? ('OUT' as const) : ('IN' as const),
    })),
    finalStates: [...finalFlowStates],
    limits: {
      maxFlowBytes: MAX_FLOW_BYTES,
      maxInvoiceBytes: MAX_INVOICE_BYTES,
      maxEntries: FLOW_ARCHIVE_LIMITS.maxEntries,
    },
  };
}
