/**
 * factures/v1/soumettre through the /cpro surface, with bodies as the Python and Odoo clients
 * build them (every block present, amounts as JSON numbers): SAISIE_API, DEPOT_PDF_API with a
 * file from ajouter/fichier, and refusals carrying the refusal code and a plain message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { plainPdf } from '../support/invoices.js';
import {
  b64,
  cpro,
  cproCaller,
  failed,
  ok,
  soumettreBody,
  type CproCaller,
  invoiceByCproId,
} from './support.js';

let t: TestApp;
let supplier: CproCaller;
let recipient: CproCaller;
beforeAll(async () => {
  t = await createTestApp();
  await seedDirectory({ db: t.database.db });
  supplier = await cproCaller(t, DEMO_SUPPLIER.identifier, ['invoices:send', 'invoices:read']);
  recipient = await cproCaller(t, DEMO_PUBLIC_BODY.identifier, [
    'invoices:read',
    'invoices:process',
  ]);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;

describe('/cpro soumettre', () => {
  it('deposits a keyed invoice (SAISIE_API) with integer id, status and fingerprint', async () => {
    const number = `CPRO-SAI-${process.pid}`;
    const res = await ok<{
      identifiantFactureCPP: number;
      numeroFacture: string;
      identifiantStructure: string;
      statutFacture: string;
      dateDepot: string;
      empreinteCertificatDepot: string;
    }>(cpro(t, supplier, 'factures/v1/soumettre', soumettreBody(number)));
    expect(res).toMatchObject({
      libelle: 'GCU_MSG_01_000',
      numeroFacture: number,
      identifiantStructure: DEMO_SUPPLIER.identifier,
    });
    expect(res.dateDepot).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const row = await invoiceByCproId(t, res.identifiantFactureCPP);
    expect(row).toMatchObject({
      number,
      format: 'SAISIE',
      status: res.statutFacture,
      total_with_vat: '1500.00',
      commitment_number: 'EJ-2026-0042',
      service_code: DEMO_SERVICE_A.code,
    });
  });

  it('deposits a PDF with its data (DEPOT_PDF_API) named by ajouter/fichier', async () => {
    const number = `CPRO-PDF-${process.pid}`;
    const upload = await ok<{ pieceJointeId: number }>(
      cpro(t, supplier, 'transverses/v1/ajouter/fichier', {
        pieceJointeFichier: b64(plainPdf(`Facture ${number}`)),
        pieceJointeNom: `${number}.pdf`,
        pieceJointeTypeMime: 'application/pdf',
        pieceJointeExtension: 'pdf',
      }),
    );
    const res = await ok<{ identifiantFactureCPP: number }>(
      cpro(
        t,
        supplier,
        'factures/v1/soumettre',
        soumettreBody(number, {
          modeDepot: 'DEPOT_PDF_API',
          pieceJointePrincipale: [
            {
              pieceJointePrincipaleDesignation: 'Facture',
              pieceJointePrincipaleId: upload.pieceJointeId,
            },
          ],
        }),
      ),
    );
    const row = await invoiceByCproId(t, res.identifiantFactureCPP);
    expect(row.format).toBe('PDF');
    const original = await db()
      .selectFrom('invoice_file')
      .select(['name', 'media_type'])
      .where('invoice_id', '=', row.id)
      .where('kind', '=', 'ORIGINAL')
      .executeTakeFirstOrThrow();
    expect(original).toEqual({ name: `${number}.pdf`, media_type: 'application/pdf' });
  });

  it('refuses with the refusal code, the rule and a plain message', async () => {
    const number = `CPRO-BAD-${process.pid}`;
    const res = await failed(
      cpro(
        t,
        supplier,
        'factures/v1/soumettre',
        soumettreBody(number, {
          destinataire: {
            codeDestinataire: DEMO_PUBLIC_BODY.identifier,
            codeServiceExecutant: 'NOPE',
          },
        }),
      ),
      400,
      20004,
    );
    expect(res.libelle).toMatch(/^SERVICE_INCONNU : /);
    const count = await db()
      .selectFrom('invoice')
      .select('id')
      .where('number', '=', number)
      .execute();
    expect(count).toEqual([]);
  });

  it('refuses a DEPOT_PDF_API whose file is another structure’s as an unknown file', async () => {
    const upload = await ok<{ pieceJointeId: number }>(
      cpro(t, recipient, 'transverses/v1/ajouter/fichier', {
        pieceJointeFichier: b64(plainPdf('autre')),
        pieceJointeNom: 'autre.pdf',
        pieceJointeTypeMime: 'application/pdf',
        pieceJointeExtension: 'pdf',
      }),
    );
    await failed(
      cpro(
        t,
        supplier,
        'factures/v1/soumettre',
        soumettreBody(`CPRO-OTH-${process.pid}`, {
          modeDepot: 'DEPOT_PDF_API',
          pieceJointePrincipale: [
            {
              pieceJointePrincipaleDesignation: 'Facture',
              pieceJointePrincipaleId: upload.pieceJointeId,
            },
          ],
        }),
      ),
      400,
      20002,
    );
  });
});
