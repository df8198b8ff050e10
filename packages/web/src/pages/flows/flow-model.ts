/**
 * The flows API as the portal sees it (types from the generated OpenAPI document) and the
 * server's closed vocabularies and limits that the pages state. The server keeps its own
 * (packages/server/src/flows/model.ts and archive/limits.ts); the API refuses what breaks them,
 * these copies only let the page say so before a long upload.
 */
import type { paths } from '../../api/schema';

export type FlowList =
  paths['/api/v1/flows']['get']['responses'][200]['content']['application/json'];
export type FlowSummary = FlowList['items'][number];
export type FlowState = FlowSummary['etat'];
export type FlowReport =
  paths['/api/v1/flows/{id}/report']['get']['responses'][200]['content']['application/json'];
export type ReportEntry = FlowReport['entries'][number];
export type EntryError = ReportEntry['errors'][number];
export type FlowDeposited =
  paths['/api/v1/flows']['post']['responses'][202]['content']['application/json'];

/** In the order a flow goes through them (model.ts flowStates). */
export const FLOW_STATES: readonly FlowState[] = [
  'IN_RECU',
  'IN_EN_ATTENTE_TRAITEMENT_CPP',
  'IN_EN_COURS_TRAITEMENT_CPP',
  'IN_INTEGRE',
  'IN_INTEGRE_PARTIEL',
  'IN_REJETE',
  'IN_INCIDENTE',
];

const FINAL: ReadonlySet<FlowState> = new Set([
  'IN_INTEGRE',
  'IN_INTEGRE_PARTIEL',
  'IN_REJETE',
  'IN_INCIDENTE',
]);

/** A final state never changes again: the page stops asking. */
export function isFinal(state: FlowState): boolean {
  return FINAL.has(state);
}

/** How often a page asks again while a flow it shows is still being integrated. */
export const LIVE_INTERVAL_MS = 3000;

/** The syntaxes the server integrates (model.ts supportedSyntaxes), each with its file kind. */
export const FLOW_SYNTAXES = [
  { code: 'IN_DP_E1_UBL_INVOICE', kind: 'ubl' },
  { code: 'IN_DP_E1_CII_16B', kind: 'cii' },
  { code: 'IN_DP_E2_CII_FACTURX', kind: 'facturx' },
] as const;
export type FlowSyntaxKind = (typeof FLOW_SYNTAXES)[number]['kind'];

const MiB = 1024 * 1024;
/** model.ts MAX_FLOW_BYTES, MAX_INVOICE_BYTES; archive/limits.ts maxEntries. */
export const FLOW_LIMITS = {
  maxFlowBytes: 1024 * MiB,
  maxInvoiceBytes: 10 * MiB,
  maxEntries: 10_000,
} as const;

export type FileKind = 'archive' | 'xml' | 'pdf' | 'other';

/** What the file's name says it is (the server judges by content; this only guides). */
export function fileKindOf(name: string): FileKind {
  const n = name.toLowerCase();
  if (n.endsWith('.zip') || n.endsWith('.tar.gz') || n.endsWith('.tgz')) return 'archive';
  if (n.endsWith('.xml')) return 'xml';
  if (n.endsWith('.pdf')) return 'pdf';
  return 'other';
}

export type FileProblem = 'tooLarge' | 'invoiceTooLarge' | 'pdfNotFacturX' | 'xmlIsFacturX';

/**
 * Why the server would refuse this file with this syntax before reading a single invoice, so
 * that nobody waits for a long upload to learn it: a file over 1 GB, a lone invoice over 10 MB,
 * or a lone file whose kind contradicts the syntax (the server's SYNTAXE_NON_CONFORME).
 */
export function fileProblem(file: { name: string; size: number }, syntax: FlowSyntaxKind) {
  const kind = fileKindOf(file.name);
  if (file.size > FLOW_LIMITS.maxFlowBytes) return 'tooLarge';
  if (kind !== 'archive' && file.size > FLOW_LIMITS.maxInvoiceBytes) return 'invoiceTooLarge';
  if (kind === 'pdf' && syntax !== 'facturx') return 'pdfNotFacturX';
  if (kind === 'xml' && syntax === 'facturx') return 'xmlIsFacturX';
  return undefined;
}

/** A Factur-X flow is made of PDFs: choosing a .pdf suggests the syntax. */
export function suggestedSyntax(name: string): FlowSyntaxKind | undefined {
  return fileKindOf(name) === 'pdf' ? 'facturx' : undefined;
}
