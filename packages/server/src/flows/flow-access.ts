/**
 * Who may deposit and read which flows. A flow belongs to the supplier structure it was
 * deposited for: its members holding FACTURES_EMISES, and its API clients (reading needs
 * invoices:read or invoices:send, depositing invoices:send). Another structure's flow is 404,
 * as if it did not exist; a member without the right is 403.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { resolveInvoiceScope } from '../invoices/list-invoices.js';
import { AppError, notFound } from '../lib/errors.js';

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
  purpose: 'deposit' | 'read';
}): Promise<FlowStructure> {
  const scope = await resolveInvoiceScope({
    db: options.db,
    principal: options.principal,
    side: 'sent',
    identifier: options.identifier,
  });
  const p = options.principal;
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
    .select([...options.columns, 'structure_id'])
    .where('id', '=', flowId)
    .executeTakeFirst();
  if (!flow) throw notFound(`Flow ${flowId}`);
  const structureId = flow.structure_id as string;
  if (principal.kind === 'client') {
    if (principal.structureId !== structureId) throw notFound(`Flow ${flowId}`);
    if (!principal.scopes.includes('invoices:read') && !principal.scopes.includes('invoices:send'))
      throw new AppError('FORBIDDEN', 'This API client lacks the invoices:read scope');
    return flow;
  }
  const rights = await db
    .selectFrom('membership')
    .leftJoin('membership_right', (join) =>
      join
        .onRef('membership_right.membership_id', '=', 'membership.id')
        .on('membership_right.space', '=', 'FACTURES_EMISES'),
    )
    .select('membership_right.space')
    .where('membership.user_id', '=', principal.userId)
    .where('membership.structure_id', '=', structureId)
    .execute();
  if (rights.length === 0) throw notFound(`Flow ${flowId}`);
  if (!rights.some((r) => r.space !== null))
    throw new AppError('FORBIDDEN', 'You do not hold the "invoices sent" right on this structure');
  return flow;
}
