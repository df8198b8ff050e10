/**
 * Outbound flows as the recipient's systems pull them: the list of a recipient structure's
 * flows (`GET /flows?direction=out`, newest first, keyset-paged like inbound flows, limited to
 * the services the caller may see), and one file of a flow, whose download is a pickup
 * (pickup.ts). Access is access.ts's rule.
 */
import type { Readable } from 'node:stream';
import type { Kysely, Selectable } from 'kysely';
import type { Principal } from '../../accounts/model.js';
import type { DB } from '../../db/schema.js';
import { boundedCount } from '../../db/bounded-count.js';
import type { FlowTable } from '../../db/schema/flows.js';
import { resolveInvoiceScope } from '../../invoices/list-invoices.js';
import { actorOf } from '../../invoices/journal.js';
import { AppError, notFound } from '../../lib/errors.js';
import { openVerified, type FileStore } from '../../storage/file-store.js';
import type { FlowState } from '../model.js';
import {
  flowColumns,
  flowCursorAfter,
  flowPageOf,
  summaryOf,
  type FlowPage,
  type FlowSummary,
} from '../read-flows.js';
import { checkOutboundAccess } from './access.js';
import { recordPickup } from './pickup.js';
import { outboundFileNames } from './produce-outbound-flow.js';

export interface OutboundFile {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface OutboundDetail {
  invoiceId: string;
  /** The form the recipient asked for (ORIGINAL, UBL, CII, FACTURX). */
  format: string;
  files: OutboundFile[];
  /** Why the original was sent instead of the asked form. */
  fallback: { code: string; message: { fr: string; en: string } } | null;
  pickedUpAt: string | null;
}

export const outboundColumns = [
  ...flowColumns,
  'structure_id',
  'storage_key',
  'invoice_id',
  'out_format',
  'fallback',
  'rendering_key',
  'rendering_size',
  'rendering_sha256',
  'picked_up_at',
] as const;

type OutboundRow = Pick<Selectable<FlowTable>, (typeof outboundColumns)[number]>;

const mediaTypeOf = (name: string) =>
  name.endsWith('.pdf') ? 'application/pdf' : 'application/xml';

export function outboundSummaryOf(row: OutboundRow): FlowSummary & { outbound: OutboundDetail } {
  const files: OutboundFile[] = [
    {
      name: row.file_name,
      mediaType: mediaTypeOf(row.file_name),
      size: Number(row.size),
      sha256: row.sha256,
    },
  ];
  if (row.rendering_key) {
    files.push({
      name: `${row.invoice_id}.pdf`,
      mediaType: 'application/pdf',
      size: Number(row.rendering_size),
      sha256: row.rendering_sha256 ?? '',
    });
  }
  return {
    ...summaryOf(row),
    outbound: {
      invoiceId: row.invoice_id ?? '',
      format: row.out_format ?? 'ORIGINAL',
      files,
      fallback: row.fallback,
      pickedUpAt: row.picked_up_at ? row.picked_up_at.toISOString() : null,
    },
  };
}

export async function listOutboundFlows(options: {
  db: Kysely<DB>;
  principal: Principal;
  structureIdentifier?: string | undefined;
  states?: readonly FlowState[] | undefined;
  cursor?: string | undefined;
  limit: number;
}): Promise<FlowPage> {
  const { db, principal } = options;
  if (
    principal.kind === 'client' &&
    !principal.scopes.includes('invoices:read') &&
    !principal.scopes.includes('invoices:process')
  ) {
    throw new AppError('FORBIDDEN', 'This API client lacks the invoices:read scope');
  }
  const scope = await resolveInvoiceScope({
    db,
    principal,
    side: 'received',
    identifier: options.structureIdentifier,
  });
  const after = flowCursorAfter(options.cursor);
  let q = db
    .selectFrom('flow')
    .innerJoin('invoice', 'invoice.id', 'flow.invoice_id')
    .select(outboundColumns.map((c) => `flow.${c}` as const))
    .where('flow.structure_id', '=', scope.structure.id)
    .where('flow.direction', '=', 'OUT')
    // A copy stays its recipient's only while the invoice is still addressed to it.
    .where('invoice.recipient_structure_id', '=', scope.structure.id);
  if (scope.serviceIds !== null) {
    q = q.where(
      'invoice.recipient_service_id',
      'in',
      scope.serviceIds.length ? scope.serviceIds : [''],
    );
  }
  if (options.states && options.states.length > 0) q = q.where('flow.state', 'in', options.states);
  const counted = q;
  if (after) q = q.where('flow.id', '<', after);
  const rows = await q
    .orderBy('flow.id', 'desc')
    .limit(options.limit + 1)
    .execute();
  const { page, nextCursor } = flowPageOf(rows, options.limit);
  return {
    structure: { identifier: scope.structure.identifier, name: scope.structure.name },
    items: page.map(outboundSummaryOf),
    nextCursor,
    total: await boundedCount(db, counted),
  };
}

/** One outbound flow the principal may read (404 / 403 otherwise). */
export async function loadOutboundFlowFor(options: {
  db: Kysely<DB>;
  principal: Principal;
  flowId: string;
}): Promise<OutboundRow> {
  const row = await options.db
    .selectFrom('flow')
    .select(outboundColumns)
    .where('id', '=', options.flowId)
    .where('direction', '=', 'OUT')
    .executeTakeFirst();
  if (!row) throw notFound(`Flow ${options.flowId}`);
  await checkOutboundAccess({ db: options.db, principal: options.principal, flow: row });
  return row;
}

/** A file of an outbound flow, streamed from the store; serving it records the pickup. */
export async function openOutboundFile(options: {
  db: Kysely<DB>;
  files: FileStore;
  principal: Principal;
  flowId: string;
  name: string;
}): Promise<{ file: OutboundFile; stream: Readable }> {
  const flow = await loadOutboundFlowFor(options);
  const detail = outboundSummaryOf(flow).outbound;
  const file = detail.files.find((f) => f.name === options.name);
  if (!file || !outboundFileNames(flow).includes(options.name)) {
    throw notFound(`File ${options.name} of flow ${flow.id}`);
  }
  const key = file.name === flow.file_name ? flow.storage_key : flow.rendering_key!;
  // Opened before the pickup is recorded: a store that lost the file records nothing. Checked
  // against the size and SHA-256 recorded as it streams (decision 0020).
  const stream = openVerified(options.files, key, { size: file.size, sha256: file.sha256 });
  await new Promise<void>((resolve, reject) => {
    stream.once('readable', resolve);
    stream.once('error', reject);
  });
  await recordPickup({
    db: options.db,
    flowId: flow.id,
    file: file.name,
    channel: 'HTTP',
    actor: actorOf(options.principal),
  });
  return { file, stream };
}
