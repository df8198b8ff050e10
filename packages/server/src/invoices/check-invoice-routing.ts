/**
 * The pre-check of an upload (issue 15): before the portal says "no blocking problem", the
 * routing the file names is judged by the deposit's own checks (deposit-checks.ts: routingOf,
 * then checkParties — supplier and right, recipient known, public and active, service required
 * and in force at the invoice date, commitment number required), so a file the deposit would
 * refuse for its routing is never announced as fine. Reads the directory only; writes nothing.
 * The EN 16931 rules are judged in the browser by the same engine, and again at deposit.
 */
import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import type { DB } from '../db/schema.js';
import { checkParties, checkType, routingOf, type RoutingSource } from './deposit-checks.js';

export interface RoutingVerdict {
  /** BT-1, as the deposit will record it. */
  number: string;
  issueDate: string;
  supplier: { identifier: string; name: string };
  recipient: { identifier: string; name: string };
  service: { code: string } | null;
}

/** Throws the deposit's refusal (DepositRefusal, with its code) when the routing fails. */
export async function checkInvoiceRouting(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoice: RoutingSource;
  supplierIdentifier?: string | undefined;
}): Promise<RoutingVerdict> {
  const routing = routingOf(options.invoice);
  checkType(routing.typeCode, undefined);
  const { supplier, recipient } = await checkParties({
    db: options.db,
    routing,
    principal: options.principal,
    supplierIdentifier: options.supplierIdentifier,
  });
  return {
    number: routing.number,
    issueDate: routing.issueDate,
    supplier: { identifier: supplier.identifier, name: supplier.name },
    recipient: {
      identifier: recipient.structure.identifier,
      name: recipient.structure.name,
    },
    service: recipient.service ? { code: recipient.service.code } : null,
  };
}
