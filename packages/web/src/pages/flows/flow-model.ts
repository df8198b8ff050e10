/**
 * The flows API as the portal sees it (types from the generated OpenAPI document) and pure
 * helpers over it. The syntaxes, states and limits are the server's, read from
 * GET /flows/settings (flow-settings.ts) and passed in: the portal holds no copy of them.
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

/** Syntaxes, states and limits of flows, as the server states them (GET /flows/settings). */
export type FlowSettings =
  paths['/api/v1/flows/settings']['get']['responses'][200]['content']['application/json'];
export type FlowSyntax = FlowSettings['syntaxes'][number];
export type FlowSyntaxKind = FlowSyntax['kind'];
export type FlowLimits = FlowSettings['limits'];
/** The kinds of invoice file a supplier deposits (status files are a recipient's). */
export type InvoiceSyntaxKind = Exclude<FlowSyntaxKind, 'statuses'>;
export type InvoiceSyntax = FlowSyntax & { kind: InvoiceSyntaxKind };

/** A final state never changes again: the page stops asking. */
export function isFinal(state: FlowState, finalStates: readonly FlowState[]): boolean {
  return finalStates.includes(state);
}

/** How often a page asks again while a flow it shows is still being integrated. */
export const LIVE_INTERVAL_MS = 3000;

/** The syntaxes a supplier deposits invoices in, in the server's order. */
export function invoiceSyntaxes(settings: FlowSettings): InvoiceSyntax[] {
  return settings.syntaxes.filter((s): s is InvoiceSyntax => s.kind !== 'statuses');
}

/** The states of the flows a structure deposited, in the order a flow goes through them. */
export function inboundStates(settings: FlowSettings): FlowState[] {
  return settings.states.filter((s) => s.direction === 'IN').map((s) => s.code);
}

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
 * that nobody waits for a long upload to learn it: a file over the server's flow limit, a lone
 * invoice over its invoice limit, or a lone file whose kind contradicts the syntax (the
 * server's SYNTAXE_NON_CONFORME).
 */
export function fileProblem(
  file: { name: string; size: number },
  syntax: InvoiceSyntaxKind,
  limits: FlowLimits,
): FileProblem | undefined {
  const kind = fileKindOf(file.name);
  if (file.size > limits.maxFlowBytes) return 'tooLarge';
  if (kind !== 'archive' && file.size > limits.maxInvoiceBytes) return 'invoiceTooLarge';
  if (kind === 'pdf' && syntax !== 'facturx') return 'pdfNotFacturX';
  if (kind === 'xml' && syntax === 'facturx') return 'xmlIsFacturX';
  return undefined;
}

/** A Factur-X flow is made of PDFs: choosing a .pdf suggests the syntax. */
export function suggestedSyntax(name: string): InvoiceSyntaxKind | undefined {
  return fileKindOf(name) === 'pdf' ? 'facturx' : undefined;
}
