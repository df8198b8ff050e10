/**
 * Recycling and depositing judge routing with one piece of code (deposit-checks.ts): for each
 * routing case below, a deposit (UBL) and the recycling of an invoice sent back for
 * wrong routing give the same refusal code — or both go through. On PGlite, and on PostgreSQL
 * when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findStructure } from '../../src/accounts/structure-access.js';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { newId } from '../../src/lib/ids.js';
import type { RefusalCode } from '../../src/invoices/model.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { depositBody, ubl } from '../support/invoices.js';
import { call, setUpPersonas, type Personas } from '../support/personas.js';
import { insertInvoice } from '../jobs/invoice-fixtures.js';

let t: TestApp;
let p: Personas;
/** The invoice date of the fixture invoices recycled below (insertInvoice writes it). */
const ISSUE_DATE = '2026-11-02';

/** Public structures with each routing requirement, and services in each state. */
const S = {
  inactive: '21990042100011',
  needsService: '21990042200019',
  needsServiceOrCommitment: '21990042300017',
  needsCommitment: '21990042400015',
  // Two establishments of one SIREN, and a SIREN with one establishment.
  twinA: '21990043000012',
  twinB: '21990043000020',
  single: '21990044000011',
};
const SERVICE = {
  inactive: 'SVC-OFF',
  notYet: 'SVC-2027',
  needsCommitment: 'SVC-EJ',
};

beforeAll(async () => {
  t = await createTestApp();
  p = await setUpPersonas(t);
  const db = t.database.db;
  const structure = (identifier: string, flags: Record<string, boolean> = {}) => ({
    id: newId('structure'),
    identifier_type: 'SIRET',
    identifier,
    name: `Structure ${identifier}`,
    is_public: true,
    category: null,
    active: true,
    service_code_required: false,
    commitment_required: false,
    service_or_commitment_required: false,
    is_moa: false,
    is_moa_only: false,
    payment_status_not_reported: false,
    edi_reception: false,
    edi_emission: false,
    address_line1: null,
    address_line2: null,
    address_line3: null,
    postal_code: null,
    town: null,
    country_code: 'FR',
    country_name: null,
    phone: null,
    email: null,
    name_key: `structure ${identifier}`,
    search_text: `structure ${identifier}`,
    ...flags,
  });
  await db
    .insertInto('structure')
    .values([
      structure(S.inactive, { active: false }),
      structure(S.needsService, { service_code_required: true }),
      structure(S.needsServiceOrCommitment, { service_or_commitment_required: true }),
      structure(S.needsCommitment, { commitment_required: true }),
      structure(S.twinA),
      structure(S.twinB),
      structure(S.single),
    ])
    .execute();
  const body = (await findStructure(db, DEMO_PUBLIC_BODY.identifier))!;
  const service = (code: string, extra: Record<string, unknown>) => ({
    id: newId('service'),
    structure_id: body.id,
    code,
    name: code,
    active: true,
    ...extra,
  });
  await db
    .insertInto('service')
    .values([
      service(SERVICE.inactive, { active: false }),
      service(SERVICE.notYet, { valid_from: '2027-01-01' }),
      service(SERVICE.needsCommitment, { commitment_required: true }),
    ])
    .execute();
});
afterAll(async () => {
  await t.close();
});

interface Routing {
  recipient: string;
  serviceCode?: string;
  commitmentNumber?: string;
}

/** The refusal code of a deposit (UBL) with this routing, or 'ACCEPTED'. */
async function depositOutcome(routing: Routing): Promise<string> {
  const body = depositBody({
    invoice: ubl({
      number: `R-${newId('invoice').slice(-12)}`,
      issueDate: ISSUE_DATE,
      recipient: { identifier: routing.recipient },
      serviceCode: routing.serviceCode,
      commitmentNumber: routing.commitmentNumber,
    }),
  });
  const res = await call(t, p.supplierUser, {
    method: 'POST',
    url: '/api/v1/invoices',
    payload: body.payload,
    headers: body.headers,
  });
  if (res.statusCode === 201) return 'ACCEPTED';
  return res.json<{ refusal?: { code: string } }>().refusal?.code ?? `HTTP ${res.statusCode}`;
}

/** The refusal code of recycling an invoice to this routing, or 'ACCEPTED'. */
async function recycleOutcome(routing: Routing): Promise<string> {
  const { id } = await insertInvoice(t.database.db, { status: 'A_RECYCLER' });
  const res = await call(t, p.supplierUser, {
    method: 'POST',
    url: `/api/v1/invoices/${id}/recycle`,
    payload: {
      version: 1,
      recipientIdentifier: routing.recipient,
      serviceCode: routing.serviceCode ?? null,
      commitmentNumber: routing.commitmentNumber ?? null,
    },
  });
  if (res.statusCode === 200) return 'ACCEPTED';
  expect(res.statusCode, res.body).toBe(400);
  // The refusal code leads the first error, as for a deposit ({pointer: 'refusal', message}).
  const errors = res.json<{ errors: { pointer: string; message: string }[] }>().errors;
  expect(errors[0]!.pointer).toBe('refusal');
  return errors[0]!.message;
}

const cases: [string, Routing, RefusalCode | 'ACCEPTED'][] = [
  ['unknown recipient', { recipient: '12345678900017' }, 'DESTINATAIRE_INCONNU'],
  ['private recipient', { recipient: DEMO_SUPPLIER.identifier }, 'DESTINATAIRE_NON_PUBLIC'],
  ['inactive recipient', { recipient: S.inactive }, 'DESTINATAIRE_INACTIF'],
  [
    'SIREN of two establishments',
    { recipient: S.twinA.slice(0, 9), commitmentNumber: 'EJ-1' },
    'DESTINATAIRE_INCONNU',
  ],
  ['SIREN of one establishment', { recipient: S.single.slice(0, 9) }, 'ACCEPTED'],
  [
    'unknown service',
    { recipient: DEMO_PUBLIC_BODY.identifier, serviceCode: 'NO-SUCH' },
    'SERVICE_INCONNU',
  ],
  [
    'inactive service',
    { recipient: DEMO_PUBLIC_BODY.identifier, serviceCode: SERVICE.inactive },
    'SERVICE_INACTIF',
  ],
  [
    'service not yet in force at the invoice date',
    { recipient: DEMO_PUBLIC_BODY.identifier, serviceCode: SERVICE.notYet },
    'SERVICE_INACTIF',
  ],
  ['service code required', { recipient: S.needsService }, 'SERVICE_OBLIGATOIRE'],
  [
    'service code or commitment required, neither given',
    { recipient: S.needsServiceOrCommitment },
    'SERVICE_OBLIGATOIRE',
  ],
  [
    'service code or commitment required, commitment given',
    { recipient: S.needsServiceOrCommitment, commitmentNumber: 'EJ-2' },
    'ACCEPTED',
  ],
  [
    'commitment required by the structure',
    { recipient: S.needsCommitment },
    'ENGAGEMENT_OBLIGATOIRE',
  ],
  [
    'commitment required by the service',
    { recipient: DEMO_PUBLIC_BODY.identifier, serviceCode: SERVICE.needsCommitment },
    'ENGAGEMENT_OBLIGATOIRE',
  ],
  [
    'service with its commitment',
    {
      recipient: DEMO_PUBLIC_BODY.identifier,
      serviceCode: SERVICE.needsCommitment,
      commitmentNumber: 'EJ-3',
    },
    'ACCEPTED',
  ],
  [
    'another service of the same body',
    { recipient: DEMO_PUBLIC_BODY.identifier, serviceCode: DEMO_SERVICE_B.code },
    'ACCEPTED',
  ],
];

describe('routing checks: deposit and recycling agree', () => {
  it.each(cases)('%s', async (_label, routing, expected) => {
    expect(await depositOutcome(routing)).toBe(expected);
    expect(await recycleOutcome(routing)).toBe(expected);
  });

  it('recycles with spaces in the identifier and a trimmed service code', async () => {
    const spaced = DEMO_PUBLIC_BODY.identifier.replace(/^(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 ');
    expect(
      await recycleOutcome({ recipient: spaced, serviceCode: ` ${DEMO_SERVICE_A.code} ` }),
    ).toBe('ACCEPTED');
  });
});
