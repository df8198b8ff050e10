import type { Kysely } from 'kysely';
import { findStructure } from '../../src/accounts/structure-access.js';
import type { DB } from '../../src/db/schema.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { appendJournal } from '../../src/invoices/journal.js';
import type { InvoiceStatus } from '../../src/invoices/model.js';
import { newId } from '../../src/lib/ids.js';

let counter = 0;

/**
 * An invoice of the demo supplier to the demo public body (service A unless told), inserted
 * directly with its journal (the deposit use case is not needed to test the lifecycle).
 */
export async function insertInvoice(
  db: Kysely<DB>,
  options: {
    status?: InvoiceStatus;
    serviceCode?: string | null;
    supplierIdentifier?: string;
    recipientIdentifier?: string;
    madeAvailableAt?: Date;
  } = {},
): Promise<{ id: string; version: number }> {
  const supplier = (await findStructure(
    db,
    options.supplierIdentifier ?? DEMO_SUPPLIER.identifier,
  ))!;
  const recipient = (await findStructure(
    db,
    options.recipientIdentifier ?? DEMO_PUBLIC_BODY.identifier,
  ))!;
  const serviceCode = options.serviceCode === undefined ? DEMO_SERVICE_A.code : options.serviceCode;
  const service = serviceCode
    ? await db
        .selectFrom('service')
        .select('id')
        .where('structure_id', '=', recipient.id)
        .where('code', '=', serviceCode)
        .executeTakeFirstOrThrow()
    : null;
  const status = options.status ?? 'MISE_A_DISPOSITION';
  const id = newId('invoice');
  const number = `F-${Date.now().toString(36)}-${counter++}`;
  const available = status !== 'DEPOSEE' && status !== 'EN_COURS_ACHEMINEMENT';
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('invoice')
      .values({
        id,
        number,
        issue_date: '2026-11-02',
        issue_year: 2026,
        type: 'FACTURE',
        type_code: '380',
        framework: 'A1_FACTURE_FOURNISSEUR',
        currency: 'EUR',
        format: 'SAISIE',
        supplier_structure_id: supplier.id,
        recipient_structure_id: recipient.id,
        recipient_service_id: service?.id ?? null,
        service_code: serviceCode,
        commitment_number: null,
        supplier_name: supplier.name,
        recipient_name: recipient.name,
        total_without_vat: '1000.00',
        total_vat: '200.00',
        total_with_vat: '1200.00',
        amount_due: '1200.00',
        status,
        journal_head: '',
        journal_length: 0,
        deposited_at: new Date(),
        made_available_at: available ? (options.madeAvailableAt ?? new Date()) : null,
        model: JSON.stringify({ number }),
        warnings: '[]',
      })
      .execute();
    await appendJournal(trx, {
      invoiceId: id,
      event: 'DEPOSITED',
      actor: { kind: 'SYSTEM' },
      fromStatus: null,
      toStatus: 'DEPOSEE',
      data: { number },
    });
    if (status !== 'DEPOSEE') {
      await appendJournal(trx, {
        invoiceId: id,
        event: 'STATUS_CHANGED',
        actor: { kind: 'SYSTEM' },
        fromStatus: 'DEPOSEE',
        toStatus: status,
        data: { fixture: true },
      });
    }
  });
  return { id, version: 1 };
}
