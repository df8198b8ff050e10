import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/model.js';
import { findStructure } from '../accounts/structure-access.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../lib/errors.js';
import { checkVersion } from './change-invoice-status.js';
import { loadInvoiceFor } from './invoice-access.js';
import { actorOf, applyTransition, checkTransition, type AppliedTransition } from './lifecycle.js';
import type { InvoiceStatus, RefusalCode } from './model.js';

function refuse(code: RefusalCode, pointer: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, {
    details: [{ pointer, message: `${code}: ${message}` }],
  });
}

export interface Routing {
  recipientStructureId: string;
  recipientName: string;
  serviceId: string | null;
  serviceCode: string | null;
  commitmentNumber: string | null;
}

/**
 * New routing checked against the directory as at deposit: the recipient exists, is public
 * and active; the service is known and active (and present when required); the commitment
 * number is present when the structure or the service requires it.
 */
export async function checkRouting(
  db: Kysely<DB>,
  input: {
    recipientIdentifier: string;
    serviceCode?: string | null;
    commitmentNumber?: string | null;
  },
  today = new Date().toISOString().slice(0, 10),
): Promise<Routing> {
  const ref = await findStructure(db, input.recipientIdentifier.trim());
  if (!ref)
    throw refuse('DESTINATAIRE_INCONNU', 'recipientIdentifier', 'No structure has this identifier');
  const s = await db
    .selectFrom('structure')
    .select([
      'id',
      'name',
      'is_public',
      'active',
      'service_code_required',
      'commitment_required',
      'service_or_commitment_required',
    ])
    .where('id', '=', ref.id)
    .executeTakeFirstOrThrow();
  if (!s.is_public)
    throw refuse(
      'DESTINATAIRE_NON_PUBLIC',
      'recipientIdentifier',
      'This structure is not a public body',
    );
  if (!s.active)
    throw refuse('DESTINATAIRE_INACTIF', 'recipientIdentifier', 'This structure is not active');
  const code = input.serviceCode?.trim() || null;
  const commitment = input.commitmentNumber?.trim() || null;
  let service: { id: string; commitment_required: boolean } | null = null;
  if (code) {
    const row = await db
      .selectFrom('service')
      .select(['id', 'active', 'valid_from', 'valid_to', 'commitment_required'])
      .where('structure_id', '=', s.id)
      .where('code', '=', code)
      .executeTakeFirst();
    if (!row)
      throw refuse('SERVICE_INCONNU', 'serviceCode', `No service ${code} in this structure`);
    const inForce =
      (!row.valid_from || row.valid_from <= today) && (!row.valid_to || row.valid_to >= today);
    if (!row.active || !inForce)
      throw refuse('SERVICE_INACTIF', 'serviceCode', `The service ${code} is not active`);
    service = row;
  } else if (s.service_code_required) {
    throw refuse('SERVICE_OBLIGATOIRE', 'serviceCode', 'This structure requires a service code');
  }
  if (!commitment && (s.commitment_required || service?.commitment_required)) {
    throw refuse('ENGAGEMENT_OBLIGATOIRE', 'commitmentNumber', 'A commitment number is required');
  }
  if (!code && !commitment && s.service_or_commitment_required) {
    throw refuse(
      'ENGAGEMENT_OBLIGATOIRE',
      'commitmentNumber',
      'A service code or a commitment number is required',
    );
  }
  return {
    recipientStructureId: s.id,
    recipientName: s.name,
    serviceId: service?.id ?? null,
    serviceCode: code,
    commitmentNumber: commitment,
  };
}

/**
 * The supplier sends an invoice returned for wrong routing (A_RECYCLER) to its right
 * recipient: same number, new recipient/service/commitment → MISE_A_DISPOSITION, and the new
 * recipient service is told. The date first made available is kept (it started the clock).
 */
export async function recycleInvoice(options: {
  db: Kysely<DB>;
  principal: Principal;
  invoiceId: string;
  version: number;
  recipientIdentifier: string;
  serviceCode?: string | null | undefined;
  commitmentNumber?: string | null | undefined;
  now?: Date;
}): Promise<{ id: string } & AppliedTransition> {
  const { invoice, sides } = await loadInvoiceFor({
    db: options.db,
    principal: options.principal,
    invoiceId: options.invoiceId,
    side: 'SUPPLIER',
  });
  checkVersion(invoice, options.version);
  const transition = checkTransition({
    from: invoice.status as InvoiceStatus,
    to: 'MISE_A_DISPOSITION',
    sides,
    via: 'recycle',
  });
  const routing = await checkRouting(options.db, {
    recipientIdentifier: options.recipientIdentifier,
    serviceCode: options.serviceCode ?? null,
    commitmentNumber: options.commitmentNumber ?? null,
  });
  const applied = await options.db.transaction().execute((trx) =>
    applyTransition(trx, {
      invoice,
      version: options.version,
      to: transition.to,
      event: transition.event,
      actor: actorOf(options.principal),
      data: {
        previous: {
          recipientStructureId: invoice.recipient_structure_id,
          serviceCode: invoice.service_code,
          commitmentNumber: invoice.commitment_number,
        },
        recipientStructureId: routing.recipientStructureId,
        serviceCode: routing.serviceCode,
        commitmentNumber: routing.commitmentNumber,
      },
      columns: {
        recipient_structure_id: routing.recipientStructureId,
        recipient_service_id: routing.serviceId,
        service_code: routing.serviceCode,
        commitment_number: routing.commitmentNumber,
        recipient_name: routing.recipientName,
      },
      ...(options.now ? { now: options.now } : {}),
    }),
  );
  return { id: invoice.id, ...applied };
}
