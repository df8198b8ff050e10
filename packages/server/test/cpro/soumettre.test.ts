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
import { b64, cpro, cproCaller, failed, ok, type CproCaller, invoiceByCproId } from './support.js';

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

/** A soumettre body, every block present, as the Python / Odoo clients build it. */
function soumettreBody(number: string, overrides: Record<string, unknown> = {}) {
  return {
    modeDepot: 'SAISIE_API',
    numeroFactureSaisi: number,
    dateFacture: '2026-11-20',
    dateEcheancePaiement: '2026-12-20',
    idUtilisateurCourant: 0,
    cadreDeFacturation: {
      codeCadreFacturation: 'A1_FACTURE_FOURNISSEUR',
      codeServiceValideur: null,
      codeStructureValideur: null,
    },
    destinataire: {
      codeDestinataire: DEMO_PUBLIC_BODY.identifier,
      codeServiceExecutant: DEMO_SERVICE_A.code,
    },
    fournisseur: {
      idFournisseur: 0,
      idServiceFournisseur: null,
      codeCoordonneesBancairesFournisseur: 0,
    },
    references: {
      deviseFacture: 'EUR',
      typeFacture: 'FACTURE',
      typeTva: 'TVA_SUR_DEBIT',
      modePaiement: 'VIREMENT',
      motifExonerationTva: null,
      numeroMarche: null,
      numeroBonCommande: 'EJ-2026-0042',
      numeroFactureOrigine: null,
    },
    lignePoste: [
      {
        lignePosteNumero: 1,
        lignePosteReference: 'R1',
        lignePosteDenomination: 'Réfection du portail',
        lignePosteQuantite: 1,
        lignePosteUnite: 'C62',
        lignePosteMontantUnitaireHT: 1000,
        lignePosteMontantRemiseHT: 0,
        lignePosteTauxTva: 'TVA20',
        lignePosteTauxTvaManuel: 20,
      },
      {
        lignePosteNumero: 2,
        lignePosteReference: 'R2',
        lignePosteDenomination: 'Peinture (heures)',
        lignePosteQuantite: 5,
        lignePosteUnite: 'HUR',
        lignePosteMontantUnitaireHT: 50,
        lignePosteMontantRemiseHT: 0,
        lignePosteTauxTva: 'TVA20',
        lignePosteTauxTvaManuel: null,
      },
    ],
    ligneTva: [
      {
        ligneTvaTaux: 'TVA20',
        ligneTvaTauxManuel: 20,
        ligneTvaMontantBaseHtParTaux: 1250,
        ligneTvaMontantTvaParTaux: 250,
      },
    ],
    montantTotal: {
      montantHtTotal: 1250,
      montantTVA: 250,
      montantTtcTotal: 1500,
      montantRemiseGlobaleTTC: 0,
      motifRemiseGlobaleTTC: '',
      montantAPayer: 1500,
    },
    pieceJointePrincipale: [],
    pieceJointeComplementaire: [],
    commentaire: '',
    ...overrides,
  };
}

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
