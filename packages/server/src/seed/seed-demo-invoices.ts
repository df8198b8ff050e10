import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { FileStore } from '../storage/file-store.js';
import type { Principal } from '../accounts/model.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../directory/demo-directory.js';
import { changeInvoiceStatus } from '../invoices/change-invoice-status.js';
import { depositInvoice } from '../invoices/deposit-invoice.js';
import type { KeyedInvoice } from '../invoices/keyed-invoice.js';
import type { InvoiceStatus } from '../invoices/model.js';
import Big from 'big.js';

interface DemoInvoice {
  number: string;
  service: string;
  daysAgo: number;
  lines: { name: string; quantity: string; unitPrice: string }[];
  /** Status changes made by the public body after the deposit, in order. */
  then: { status: InvoiceStatus; reason?: string; mandateNumber?: string; paid?: boolean }[];
}

/** A small, varied history so that a fresh `npm start` shows every screen with content. */
const DEMO_INVOICES: DemoInvoice[] = [
  {
    number: 'DEMO-2026-001',
    service: DEMO_SERVICE_A.code,
    daysAgo: 3,
    lines: [
      { name: 'Remplacement de l’éclairage du gymnase', quantity: '1', unitPrice: '2400.00' },
      { name: 'Main-d’œuvre (heures)', quantity: '12', unitPrice: '45.00' },
    ],
    then: [],
  },
  {
    number: 'DEMO-2026-002',
    service: DEMO_SERVICE_B.code,
    daysAgo: 8,
    lines: [{ name: 'Fournitures scolaires (lot)', quantity: '30', unitPrice: '18.50' }],
    then: [],
  },
  {
    number: 'DEMO-2026-003',
    service: DEMO_SERVICE_A.code,
    daysAgo: 15,
    lines: [{ name: 'Entretien des espaces verts (mois)', quantity: '1', unitPrice: '980.00' }],
    then: [{ status: 'SUSPENDUE', reason: 'Merci de joindre le bon de livraison signé.' }],
  },
  {
    number: 'DEMO-2026-004',
    service: DEMO_SERVICE_A.code,
    daysAgo: 25,
    lines: [
      {
        name: 'Réparation de la toiture de la salle des fêtes',
        quantity: '1',
        unitPrice: '5200.00',
      },
    ],
    then: [{ status: 'SERVICE_FAIT' }],
  },
  {
    number: 'DEMO-2026-005',
    service: DEMO_SERVICE_B.code,
    daysAgo: 40,
    lines: [{ name: 'Transport scolaire (trimestre)', quantity: '1', unitPrice: '3150.00' }],
    then: [{ status: 'SERVICE_FAIT' }, { status: 'MANDATEE', mandateNumber: 'MDT-2026-0117' }],
  },
  {
    number: 'DEMO-2026-006',
    service: DEMO_SERVICE_A.code,
    daysAgo: 55,
    lines: [{ name: 'Curage des fossés', quantity: '2', unitPrice: '640.00' }],
    then: [
      { status: 'SERVICE_FAIT' },
      { status: 'MANDATEE', mandateNumber: 'MDT-2026-0098' },
      { status: 'MISE_EN_PAIEMENT', paid: true },
    ],
  },
];

function isoDaysAgo(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

function keyedOf(demo: DemoInvoice, now: Date): KeyedInvoice {
  const lines = demo.lines.map((l) => {
    const net = new Big(l.quantity).times(l.unitPrice).toFixed(2);
    return {
      name: l.name,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      netAmount: net,
      vatCategory: 'S',
      vatRate: '20',
    };
  });
  const net = lines.reduce((sum, l) => sum.plus(l.netAmount), new Big(0));
  const vat = net.times('0.2');
  const gross = net.plus(vat).toFixed(2);
  return {
    supplier: {
      identifier: DEMO_SUPPLIER.identifier,
      name: DEMO_SUPPLIER.name,
      vatId: 'FR79998877666',
      address: {
        line1: '12 rue des Artisans',
        postCode: '99100',
        city: 'CHORALE-SUR-LOIRE',
        countryCode: 'FR',
      },
    },
    recipient: { identifier: DEMO_PUBLIC_BODY.identifier, name: DEMO_PUBLIC_BODY.name },
    serviceCode: demo.service,
    commitmentNumber: 'EJ-2026-0042',
    number: demo.number,
    issueDate: isoDaysAgo(now, demo.daysAgo),
    dueDate: isoDaysAgo(now, demo.daysAgo - 30),
    type: 'FACTURE',
    currency: 'EUR',
    lines,
    vatBreakdown: [
      { category: 'S', rate: '20', taxableAmount: net.toFixed(2), taxAmount: vat.toFixed(2) },
    ],
    totals: {
      lineNetTotal: net.toFixed(2),
      withoutVat: net.toFixed(2),
      vat: vat.toFixed(2),
      withVat: gross,
      payable: gross,
    },
  } as KeyedInvoice;
}

async function userPrincipal(db: Kysely<DB>, email: string): Promise<Principal> {
  const user = await db
    .selectFrom('app_user')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  // Seeding acts as the demo users directly, without a session.
  return { kind: 'user', userId: user.id };
}

/**
 * Demo invoices from the demo supplier to the demo town hall, deposited and processed through
 * the same use cases as the API (so journal, jobs and checks are the real ones). Call after the
 * demo accounts exist; returns the number of invoices written.
 */
export async function seedDemoInvoices(options: {
  db: Kysely<DB>;
  now?: Date;
  /** Where the originals go, as for any deposit; without one they stay in their rows. */
  files?: FileStore | undefined;
}): Promise<number> {
  const now = options.now ?? new Date();
  const supplier = await userPrincipal(options.db, 'fournisseur@demo.chorale.test');
  const clerk = await userPrincipal(options.db, 'gestionnaire@mairie.demo.chorale.test');
  for (const demo of DEMO_INVOICES) {
    const keyed = keyedOf(demo, now);
    const deposit = await depositInvoice({
      db: options.db,
      principal: supplier,
      invoice: undefined,
      keyed,
      attachments: [],
      metadata: { framework: 'A1_FACTURE_FOURNISSEUR' },
      files: options.files,
    });
    let version = (
      await options.db
        .selectFrom('invoice')
        .select('version')
        .where('id', '=', deposit.id)
        .executeTakeFirstOrThrow()
    ).version;
    for (const step of demo.then) {
      await changeInvoiceStatus({
        db: options.db,
        principal: clerk,
        invoiceId: deposit.id,
        status: step.status,
        version,
        reason: step.reason,
        mandateNumber: step.mandateNumber,
        paymentDate: step.paid ? now.toISOString().slice(0, 10) : undefined,
        paymentAmount: step.paid ? keyed.totals.payable : undefined,
      });
      version += 1;
    }
  }
  return DEMO_INVOICES.length;
}
