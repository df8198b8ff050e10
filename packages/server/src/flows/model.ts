/**
 * Closed vocabularies of inbound flows (dépôts de flux), named as the real service names them
 * (../shared/reference/chorus-pro-api.md, "Flows"): declared syntax codes, flow states, and the
 * refusal codes a flow or one of its entries adds to the deposit's own (invoices/model.ts).
 */

/** Every `syntaxeFlux` the service defines; only `supportedSyntaxes` are integrated here. */
export const flowSyntaxes = [
  'IN_DP_E1_UBL_INVOICE',
  'IN_DP_E1_CII_16B',
  'IN_DP_E2_CII_FACTURX',
  'IN_DP_E2_UBL_INVOICE_MIN',
  'IN_DP_E2_CII_MIN_16B',
  'IN_DP_E2_CPP_FACTURE_MIN',
  'IN_DP_E3_UBL_INVOICE',
  // Ours, not Chorus Pro codes: status updates sent back by a recipient's system
  // (docs/lifecycle.md, "Status files"); integrated by flows/status-file/, not as invoices.
  'IN_STATUTS_CSV',
  'IN_STATUTS_JSON',
] as const;
export type FlowSyntax = (typeof flowSyntaxes)[number];

/** What an entry of each supported syntax must be. */
export const supportedSyntaxes = {
  IN_DP_E1_UBL_INVOICE: 'UBL',
  IN_DP_E1_CII_16B: 'CII',
  IN_DP_E2_CII_FACTURX: 'FACTURX',
} as const satisfies Partial<Record<FlowSyntax, string>>;
export type SupportedSyntax = keyof typeof supportedSyntaxes;
export type EntryForm = (typeof supportedSyntaxes)[SupportedSyntax];

export function isSupportedSyntax(s: string): s is SupportedSyntax {
  return Object.hasOwn(supportedSyntaxes, s);
}

/** Status-file syntaxes (ours): each line moves one invoice through the lifecycle use cases. */
export const statusSyntaxes = ['IN_STATUTS_CSV', 'IN_STATUTS_JSON'] as const;
export type StatusSyntax = (typeof statusSyntaxes)[number];

export function isStatusSyntax(s: string): s is StatusSyntax {
  return (statusSyntaxes as readonly string[]).includes(s);
}

/** Why an unsupported syntax is refused, in plain words (both languages). */
export function unsupportedSyntaxReason(s: FlowSyntax): { fr: string; en: string } {
  if (s === 'IN_DP_E3_UBL_INVOICE') {
    return {
      fr: 'Les mémoires de frais de justice (IN_DP_E3_UBL_INVOICE) ne sont pas encore acceptés : déposez des factures IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B ou IN_DP_E2_CII_FACTURX.',
      en: 'Justice-cost memoranda (IN_DP_E3_UBL_INVOICE) are not accepted yet: send IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B or IN_DP_E2_CII_FACTURX invoices.',
    };
  }
  return {
    fr: `La syntaxe ${s} (données minimales accompagnées d’un PDF) n’est pas acceptée : Chorale n’intègre que des factures structurées complètes (IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B) ou Factur-X (IN_DP_E2_CII_FACTURX).`,
    en: `Syntax ${s} (minimal data with a PDF) is not accepted: Chorale only integrates complete structured invoices (IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B) or Factur-X (IN_DP_E2_CII_FACTURX).`,
  };
}

/** `etatCourantDepotFlux`: the states a flow goes through. */
export const flowStates = [
  'IN_RECU',
  'IN_EN_ATTENTE_TRAITEMENT_CPP',
  'IN_EN_COURS_TRAITEMENT_CPP',
  'IN_INTEGRE',
  'IN_INTEGRE_PARTIEL',
  'IN_REJETE',
  'IN_INCIDENTE',
  // Outbound flows (flows/outbound/): produced and waiting for the recipient's system, then
  // picked up (downloaded over HTTP, or read to the end or removed over SFTP).
  'OUT_A_RECUPERER',
  'OUT_RECUPERE',
] as const;
export type FlowState = (typeof flowStates)[number];

export const finalFlowStates: readonly FlowState[] = [
  'IN_INTEGRE',
  'IN_INTEGRE_PARTIEL',
  'IN_REJETE',
  'IN_INCIDENTE',
];

/** How a flow was deposited: the HTTP API (or the portal through it), or SFTP. */
export const flowChannels = ['API', 'SFTP'] as const;
export type FlowChannel = (typeof flowChannels)[number];

export const flowDirections = ['IN', 'OUT'] as const;
export type FlowDirection = (typeof flowDirections)[number];

/**
 * Refusals a flow adds to the deposit's refusal codes: the declared syntax is not what the
 * entry holds, the declared syntax is not integrated here, or the file cannot be opened as a
 * flow (an archive reader's own codes pass through as they are).
 */
export const flowRefusalCodes = [
  'SYNTAXE_NON_CONFORME',
  'SYNTAXE_NON_SUPPORTEE',
  'FLUX_ILLISIBLE',
] as const;

/** One problem of a refused entry, as the report shows it. */
export interface EntryError {
  /** A deposit refusal code (DESTINATAIRE_INCONNU, REGLES_EN16931…) or a flow one. */
  refusalCode: string;
  /** The EN 16931 rule (BR-CO-10, UBL-SR-12…) when one decided it. */
  ruleId: string | null;
  /** A plain sentence naming the field, in both languages. */
  message: { fr: string; en: string };
  /** Business terms concerned (BT-46, BG-23…), comma-separated. */
  field: string | null;
  /** Where in the entry (an XPath-like location) — always with the message, never alone. */
  path: string | null;
  /** 1-based line in the entry, when known. */
  line: number | null;
}

export type EntryOutcome = 'ACCEPTED' | 'REFUSED';

/** Largest single-file flow (one invoice) and largest flow file of any kind. */
export const MAX_INVOICE_BYTES = 10 * 1024 * 1024;
export const MAX_FLOW_BYTES = 1024 * 1024 * 1024;
