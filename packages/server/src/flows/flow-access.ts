/**
 * Who may deposit and read which flows. A flow belongs to the supplier structure it was
 * deposited for: its members holding FACTURES_EMISES, and its API clients (reading needs
 * invoices:read or invoices:send, depositing invoices:send). Another structure's flow is 404,
 * as if it did not exist; a member without the right is 403.
 *
 * Two kinds of flow belong to a recipient structure instead: status files (IN_STATUTS_*,
 * deposited by who processes received invoices: FACTURES_RECUES, or invoices:process) and
 * outbound flows (direction OUT: the invoice's recipient side, outbound/access.ts).
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { resolveInvoiceScope } from '../invoices/list-invoices.js';
import { AppError, notFound } from '../lib/errors.js';
import { isStatusSyntax } from './model.js';
import { checkOutboundAccess } from './outbound/access.js';

export interface FlowStructure {
  id: string;
  identifier: string;
  name: string;
}

/**
 * The structure the principal deposits or lists flows for: the one named, or the API client's
 * own, or the only one where the user holds FACTURES_EMISES. The same rule as sent invoices.
 */
export async function flowStructureFor(options: {
  db: Kysely<DB>;
  principal: Principal;
  identifier?: string | undefined;
  /** status: depositing a status file, for a structure whose received invoices one processes. */
  purpose: 'deposit' | 'read' | 'status';
}): Promise<FlowStructure> {
  const scope = await resolveInvoiceScope({
    db: options.db,
    principal: options.principal,
    side: options.purpose === 'status' ? 'received' : 'sent',
    identifier: options.identifier,
  });
  const p = options.principal;
  if (
    options.purpose === 'status' &&
    p.kind === 'client' &&
    !p.scopes.includes('invoices:process')
  ) {
    throw new AppError('FORBIDDEN', 'This API client lacks the invoices:process scope');
  }
  if (options.purpose === 'deposit' && p.kind === 'client' && !p.scopes.includes('invoices:send')) {
    throw new AppError('FORBIDDEN', 'This API client lacks the invoices:send scope');
  }
  const { id, identifier, name } = scope.structure;
  return { id, identifier, name };
}

/** A flow the principal may read, or 404 / 403. */
export async function loadFlowFor<K extends keyof DB['flow'] & string>(options: {
  db: Kysely<DB>;
  principal: Principal;
  flowId: string;
  columns: readonly K[];
}) {
  const { db, principal, flowId } = options;
  const flow = await db
    .selectFrom('flow')
    .select([...options.columns, 'structure_id', 'direction', 'syntax', 'invoice_id'])
    .where('id', '=', flowId)
    .executeTakeFirst();
  if (!flow) throw notFound(`Flow ${flowId}`);
  const structureId = flow.structure_id as string;
  if (flow.direction === 'OUT') {
    await checkOutboundAccess({
      db,
      principal,
      flow: { id: flowId, structure_id: structureId, invoice_id: flow.invoice_id as string | null },
    });
    return flow;
  }
  const recipientSide = isStatusSyntax(flow.syntax as string);
  if (principal.kind === 'client') {
    if (principal.structureId !== structureId) throw notFound(`Flow ${flowId}`);
    const may = recipientSide
      ? ['invoices:read', 'invoices:process']
      : ['invoices:read', 'invoices:send'];
    if (!principal.scopes.some((s) => may.includes(s)))
      throw new AppError('FORBIDDEN', 'This API client lacks the invoices:read scope');
    return flow;
  }
  const space = recipientSide ? 'FACTURES_RECUES' : 'FACTURES_EMISES';
  const rights = await db
    .selectFrom('membership')
    .leftJoin('membership_right', (join) =>
      join
        .onRef('membership_right.membership_id', '=', 'membership.id')
        .on('membership_right.space', '=', space),
    )
    .select('membership_right.space')
    .where('membership.user_id', '=', principal.userId)
    .where('membership.structure_id', '=', structureId)
    .execute();
  if (rights.length === 0) throw notFound(`Flow ${flowId}`);
  if (!rights.some((r) => r.space !== null))
    throw new AppError(
      'FORBIDDEN',
      `You do not hold the "invoices ${recipientSide ? 'received' : 'sent'}" right on this structure`,
    );
  return flow;
}
