/**
 * The /cpro contract: the operations driven with bodies shaped as the real service's public
 * clients send them (every field present, zero values for those unused, base64 files,
 * pagination objects), from the token to the deposit, the report, the search, the recipient's
 * processing and the payment status, with the database checked after each step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_BODY, DEMO_SUPPLIER } from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { plainPdf, ubl } from '../support/invoices.js';
import { integrate } from '../flows/support.js';
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
    'directory:read',
  ]);
});
afterAll(async () => {
  await t.close();
});

const db = () => t.database.db;

/** rechercher/fournisseur as clients send it: every filter present, zero-valued. */
function searchSent(overrides: Record<string, unknown> = {}, page = 1, size = 10) {
  return {
    numeroFluxDepot: '',
    numeroFacture: '',
    statutCourant: [],
    typeFacture: '',
    modeDepot: '',
    periodeDateDepotDu: '',
    periodeDateDepotAu: '',
    periodeDateFactureDu: '',
    periodeDateFactureAu: '',
    listeDestinataire: [],
    numeroMarche: '',
    numeroBonCommande: '',
    rechercheFactureParFournisseur: {
      pagination: {
        nbResultatsParPage: size,
        pageResultatDemandee: page,
        triColonne: 'DateDepot',
        triSens: 'Descendant',
      },
    },
    ...overrides,
  };
}

function searchReceived(overrides: Record<string, unknown> = {}) {
  return {
    idDestinataire: 0,
    idServiceExecutant: 0,
    listeFournisseurs: [],
    statutCourant: '',
    cadreFacturation: '',
    listeTypeFacture: [],
    periodeDateDepotDu: '',
    periodeDateDepotAu: '',
    montantHTMin: 0,
    montantHTMax: 0,
    factureTelechargeeParDestinataire: false,
    paramRecherche: {
      pagination: {
        nbResultatsParPage: 10,
        pageResultatDemandee: 1,
        triColonne: '',
        triSens: 'Descendant',
      },
    },
    ...overrides,
  };
}

interface Listed {
  listeFactures: {
    identifiantFactureCPP?: number;
    idFacture: number;
    numeroFacture: string;
    statut: string;
    dateDepot: string;
    numeroFluxDepot?: string;
    codeDestinataire?: string;
    codeFournisseur?: string;
    montantTTC: number | null;
  }[];
  parametresRetour: {
    nbResultatsParPage: number;
    pageCourante: number;
    pages: number;
    total: number;
  };
}

describe('/cpro contract: from a flow to its payment', () => {
  let numeroFluxDepot: string;
  let idFacture: number;
  const number = `CPRO-FLX-${process.pid}`;

  it('deposits a flow (base64 UBL) and answers a receipt only', async () => {
    const res = await ok<{ numeroFluxDepot: string; dateDepot: string; syntaxeFlux: string }>(
      cpro(t, supplier, 'factures/v1/deposer/flux', {
        fichierFlux: b64(ubl({ number }).bytes),
        nomFichier: `${number}.xml`,
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        avecSignature: false,
        idUtilisateurCourant: 0,
      }),
    );
    expect(res.libelle).toBe('GCU_MSG_01_000');
    expect(res.syntaxeFlux).toBe('IN_DP_E1_UBL_INVOICE');
    expect(res.dateDepot).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    numeroFluxDepot = res.numeroFluxDepot;
    const flow = await db()
      .selectFrom('flow')
      .select(['id', 'state', 'cpro_id', 'depositor_client_id', 'file_name'])
      .where('number', '=', numeroFluxDepot)
      .executeTakeFirstOrThrow();
    expect(flow).toMatchObject({
      state: 'IN_RECU',
      depositor_client_id: supplier.clientId,
      file_name: `${number}.xml`,
    });
    expect(Number(flow.cpro_id)).toBeGreaterThan(0);
  });

  it('reports the flow before and after integration (consulterCRDetaille, consulterCR)', async () => {
    const before = await ok<{ etatCourantDepotFlux: string }>(
      cpro(t, supplier, 'transverses/v1/consulterCRDetaille', {
        numeroFluxDepot,
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
      }),
    );
    expect(before.etatCourantDepotFlux).toBe('IN_RECU');
    const flow = await db()
      .selectFrom('flow')
      .select('id')
      .where('number', '=', numeroFluxDepot)
      .executeTakeFirstOrThrow();
    expect(await integrate(t, flow.id)).toMatchObject({ state: 'IN_INTEGRE' });

    const detail = await ok<{
      libelle: string;
      etatCourantDepotFlux: string;
      dateDepotFlux: string;
      dateHeureEtatCourantFlux: string;
      nomFichier: string;
      listeErreurDP: unknown[];
      listeErreurTechnique: unknown[];
    }>(
      cpro(t, supplier, 'transverses/v1/consulterCRDetaille', { numeroFluxDepot, syntaxeFlux: '' }),
    );
    expect(detail).toMatchObject({
      libelle: 'TRA_MSG_00.000',
      etatCourantDepotFlux: 'IN_INTEGRE',
      nomFichier: `${number}.xml`,
      listeErreurDP: [],
      listeErreurTechnique: [],
    });
    expect(detail.dateDepotFlux).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2}$/,
    );
    expect(detail.dateHeureEtatCourantFlux).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0[12]:00$/,
    );

    const cr = await ok<{ etatCourantFlux: string; fichierCR: string; nomFichierFlux: string }>(
      cpro(t, supplier, 'transverses/v1/consulterCR', {
        numeroFluxDepot,
        dateDepot: '',
        syntaxeFlux: '',
      }),
    );
    expect(cr.etatCourantFlux).toBe('IN_INTEGRE');
    expect(Buffer.from(cr.fichierCR, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('finds the flow’s invoice with rechercher/fournisseur on numeroFluxDepot', async () => {
    const found = await ok<Listed>(
      cpro(t, supplier, 'factures/v1/rechercher/fournisseur', searchSent({ numeroFluxDepot })),
    );
    expect(found.listeFactures).toHaveLength(1);
    const item = found.listeFactures[0]!;
    expect(item).toMatchObject({
      numeroFacture: number,
      statut: 'MISE_A_DISPOSITION',
      numeroFluxDepot,
      codeDestinataire: DEMO_PUBLIC_BODY.identifier,
      montantTTC: 1500,
    });
    expect(found.parametresRetour).toEqual({
      nbResultatsParPage: 10,
      pageCourante: 1,
      pages: 1,
      total: 1,
    });
    idFacture = item.identifiantFactureCPP!;
    expect(Number.isInteger(idFacture)).toBe(true);
    const row = await invoiceByCproId(t, idFacture);
    expect(row.number).toBe(number);

    const sheet = await ok<{
      facture: {
        numeroFacture: string;
        statutFacture: string;
        modeDepot: string;
        montantTotal: { montantTtcTotal: number };
      };
    }>(
      cpro(t, supplier, 'factures/v1/consulter/fournisseur', {
        identifiantFactureCPP: idFacture,
        codeLangue: 'FR',
      }),
    );
    expect(sheet.facture).toMatchObject({
      numeroFacture: number,
      statutFacture: 'MISE_A_DISPOSITION',
      modeDepot: 'FLUX',
      montantTotal: { montantTtcTotal: 1500 },
    });
  });

  it('lets the recipient find it, suspend it; the supplier completes it with a file', async () => {
    const inbox = await ok<Listed>(
      cpro(
        t,
        recipient,
        'factures/v1/rechercher/recipiendaire',
        searchReceived({ statutCourant: 'MISE_A_DISPOSITION' }),
      ),
    );
    expect(inbox.listeFactures.map((f) => f.idFacture)).toContain(idFacture);
    const mine = inbox.listeFactures.find((f) => f.idFacture === idFacture)!;
    expect(mine.codeFournisseur).toBe(DEMO_SUPPLIER.identifier);

    const sheet = await ok<{ facture: { statutFacture: string } }>(
      cpro(t, recipient, 'factures/v1/consulter/recipiendaire', { idFacture, codeLangue: 'FR' }),
    );
    expect(sheet.facture.statutFacture).toBe('MISE_A_DISPOSITION');

    const suspended = await ok<{ nouveauStatut: string; dateTraitement: string }>(
      cpro(t, recipient, 'factures/v1/traiter/recue', {
        idFacture,
        nouveauStatut: 'SUSPENDUE',
        motif: 'Bon de livraison manquant',
        numeroDPMandat: '',
      }),
    );
    expect(suspended.nouveauStatut).toBe('SUSPENDUE');
    expect(suspended.dateTraitement).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await invoiceByCproId(t, idFacture)).status).toBe('SUSPENDUE');

    const upload = await ok<{ pieceJointeId: number }>(
      cpro(t, supplier, 'transverses/v1/ajouter/fichier', {
        pieceJointeFichier: b64(plainPdf('Bon de livraison')),
        pieceJointeNom: 'bon-livraison',
        pieceJointeTypeMime: 'application/pdf',
        pieceJointeExtension: 'PDF',
      }),
    );
    expect(upload.pieceJointeId).toBeGreaterThan(0);
    await ok(
      cpro(t, supplier, 'factures/v1/completer', {
        identifiantFactureCPP: idFacture,
        commentaire: 'Bon de livraison joint',
        pieceJointeComplementaire: [
          {
            pieceJointeComplementaireDesignation: 'Bon de livraison',
            pieceJointeComplementaireId: upload.pieceJointeId,
            pieceJointeComplementaireIdLiaison: 0,
            pieceJointeComplementaireNumeroLigneFacture: 0,
            pieceJointeComplementaireType: 'PIECE_JOINTE',
          },
        ],
      }),
    );
    const row = await invoiceByCproId(t, idFacture);
    expect(row.status).toBe('COMPLETEE');
    const files = await db()
      .selectFrom('invoice_file')
      .select(['kind', 'name'])
      .where('invoice_id', '=', row.id)
      .where('kind', '=', 'COMPLEMENT')
      .execute();
    expect(files).toEqual([{ kind: 'COMPLEMENT', name: 'bon-livraison.PDF' }]);
  });

  it('takes it to payment (SERVICE_FAIT, MANDATEE, MISE_EN_PAIEMENT) and shows the history', async () => {
    for (const step of [
      { nouveauStatut: 'SERVICE_FAIT', motif: '', numeroDPMandat: '' },
      { nouveauStatut: 'MANDATEE', motif: '', numeroDPMandat: 'MDT-2026-77' },
      { nouveauStatut: 'MISE_EN_PAIEMENT', motif: '', numeroDPMandat: '' },
    ]) {
      const res = await ok<{ nouveauStatut: string }>(
        cpro(t, recipient, 'factures/v1/traiter/recue', { idFacture, ...step }),
      );
      expect(res.nouveauStatut).toBe(step.nouveauStatut);
      expect((await invoiceByCproId(t, idFacture)).status).toBe(step.nouveauStatut);
    }
    const row = await invoiceByCproId(t, idFacture);
    expect(row.mandate_number).toBe('MDT-2026-77');
    expect(row.payment_amount).toBe('1500.00');

    const history = await ok<{
      statutCourantCode: string;
      historiquesDesStatuts: {
        histoStatut: {
          histoStatutCode: string;
          histoStatutDatePassage: string;
          histoStatutCommentaire: string;
        }[];
      };
    }>(cpro(t, supplier, 'factures/v1/consulter/historique', { idFacture }));
    expect(history.statutCourantCode).toBe('MISE_EN_PAIEMENT');
    const codes = history.historiquesDesStatuts.histoStatut.map((h) => h.histoStatutCode);
    expect(codes).toEqual([
      'DEPOSEE',
      'MISE_A_DISPOSITION',
      'SUSPENDUE',
      'COMPLETEE',
      'SERVICE_FAIT',
      'MANDATEE',
      'MISE_EN_PAIEMENT',
    ]);
    for (const h of history.historiquesDesStatuts.histoStatut)
      expect(h.histoStatutDatePassage).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(history.historiquesDesStatuts.histoStatut[2]!.histoStatutCommentaire).toBe(
      'Bon de livraison manquant',
    );
    const events = await db()
      .selectFrom('invoice_event')
      .select('event')
      .where('invoice_id', '=', row.id)
      .execute();
    expect(events.length).toBe(history.historiquesDesStatuts.histoStatut.length);
  });

  it('refuses an illegal transition with codeRetour 20003 and leaves the invoice as it was', async () => {
    const res = await failed(
      cpro(t, recipient, 'factures/v1/traiter/recue', {
        idFacture,
        nouveauStatut: 'SUSPENDUE',
        motif: 'trop tard',
        numeroDPMandat: '',
      }),
      400,
      20003,
    );
    expect(res.libelle).toMatch(/MISE_EN_PAIEMENT|SUSPENDUE/);
    expect((await invoiceByCproId(t, idFacture)).status).toBe('MISE_EN_PAIEMENT');
  });

  it('answers the same for another structure’s invoice as for an unknown one', async () => {
    // The public body is not this invoice's supplier: consulter/fournisseur is "unknown".
    const notMine = await failed(
      cpro(t, recipient, 'factures/v1/consulter/fournisseur', { identifiantFactureCPP: idFacture }),
      400,
      20002,
    );
    const unknown = await failed(
      cpro(t, recipient, 'factures/v1/consulter/fournisseur', { identifiantFactureCPP: 987654321 }),
      400,
      20002,
    );
    expect(notMine.libelle).toBe(unknown.libelle.replace('987654321', String(idFacture)));
    // A structure with no part in the invoice at all: its API client sees nothing either.
    const other = await db()
      .selectFrom('structure')
      .select('identifier')
      .where('is_public', '=', true)
      .where('identifier', 'not in', [DEMO_PUBLIC_BODY.identifier, DEMO_SUPPLIER.identifier])
      .orderBy('identifier')
      .executeTakeFirstOrThrow();
    const stranger = await cproCaller(t, other.identifier, ['invoices:read', 'invoices:process']);
    const res = await failed(
      cpro(t, stranger, 'factures/v1/consulter/recipiendaire', { idFacture }),
      400,
      20002,
    );
    expect(res.libelle.replace(/\d+/g, '')).toBe(unknown.libelle.replace(/\d+/g, ''));
  });
});

describe('/cpro contract: flows refused, wrong syntax, oversized files', () => {
  it('lists each refused invoice with the rule id and the field in libelleErreurDP', async () => {
    const number = `CPRO-REF-${process.pid}`;
    // A total that does not add up: BR-CO-15 (BT-112 = BT-109 + BT-110).
    const bytes = ubl({
      number,
      totals: {
        lineNetTotal: '1250.00',
        withoutVat: '1250.00',
        vat: '250.00',
        withVat: '1600.00',
        payable: '1600.00',
      },
    }).bytes;
    const dep = await ok<{ numeroFluxDepot: string }>(
      cpro(t, supplier, 'factures/v1/deposer/flux', {
        fichierFlux: b64(bytes),
        nomFichier: `${number}.xml`,
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        avecSignature: false,
      }),
    );
    const flow = await db()
      .selectFrom('flow')
      .select('id')
      .where('number', '=', dep.numeroFluxDepot)
      .executeTakeFirstOrThrow();
    await integrate(t, flow.id);
    const detail = await ok<{
      etatCourantDepotFlux: string;
      listeErreurDP: {
        numeroDP: string;
        identifiantFournisseur: string;
        codeErreur: string;
        libelleErreurDP: string;
      }[];
    }>(
      cpro(t, supplier, 'transverses/v1/consulterCRDetaille', {
        numeroFluxDepot: dep.numeroFluxDepot,
      }),
    );
    expect(detail.etatCourantDepotFlux).toBe('IN_REJETE');
    expect(detail.listeErreurDP.length).toBeGreaterThan(0);
    const e = detail.listeErreurDP.find((x) => x.libelleErreurDP.startsWith('BR-CO-15'))!;
    expect(e).toMatchObject({
      numeroDP: number,
      identifiantFournisseur: DEMO_SUPPLIER.identifier,
      codeErreur: 'REGLES_EN16931',
    });
    expect(e.libelleErreurDP).toMatch(/^BR-CO-15 \(BT-112[^)]*\) : \S/);
    // The English label when asked for.
    const en = await ok<{ listeErreurDP: { libelleErreurDP: string }[] }>(
      cpro(t, supplier, 'transverses/v1/consulterCRDetaille', {
        numeroFluxDepot: dep.numeroFluxDepot,
        codeLangue: 'en',
      }),
    );
    expect(en.listeErreurDP[0]!.libelleErreurDP).not.toBe(detail.listeErreurDP[0]!.libelleErreurDP);
  });

  it('refuses an unknown syntaxeFlux and an unsupported one, storing nothing', async () => {
    const before = await db().selectFrom('flow').select('id').execute();
    const unknown = await failed(
      cpro(t, supplier, 'factures/v1/deposer/flux', {
        fichierFlux: b64(ubl({ number: 'X' }).bytes),
        nomFichier: 'x.xml',
        syntaxeFlux: 'IN_DP_E9_INCONNU',
        avecSignature: false,
      }),
      400,
      20000,
    );
    expect(unknown.libelle).toContain('IN_DP_E9_INCONNU');
    const unsupported = await failed(
      cpro(t, supplier, 'factures/v1/deposer/flux', {
        fichierFlux: b64(ubl({ number: 'Y' }).bytes),
        nomFichier: 'y.xml',
        syntaxeFlux: 'IN_DP_E2_CPP_FACTURE_MIN',
        avecSignature: false,
      }),
      400,
      20000,
    );
    expect(unsupported.listeErreurs?.some((x) => x.champ === 'syntaxeFlux')).toBe(true);
    expect(await db().selectFrom('flow').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a file over the limit with codeRetour 20001', async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(65);
    const res = await failed(
      cpro(t, supplier, 'transverses/v1/ajouter/fichier', {
        pieceJointeFichier: b64(big),
        pieceJointeNom: 'gros.pdf',
        pieceJointeTypeMime: 'application/pdf',
        pieceJointeExtension: 'pdf',
      }),
      400,
      20001,
    );
    expect(res.libelle).toContain('GDP_MSG_11.022');
    expect(
      await db().selectFrom('cpro_upload').select('id').where('name', '=', 'gros.pdf').execute(),
    ).toEqual([]);
  });

  it('refuses a flow over 30 MB with codeRetour 20001, storing nothing', async () => {
    const before = await db().selectFrom('flow').select('id').execute();
    const big = Buffer.alloc(30 * 1024 * 1024 + 3, 0x3c);
    const res = await failed(
      cpro(t, supplier, 'factures/v1/deposer/flux', {
        fichierFlux: big.toString('base64'),
        nomFichier: 'lot.zip',
        syntaxeFlux: 'IN_DP_E1_UBL_INVOICE',
        avecSignature: false,
      }),
      400,
      20001,
    );
    expect(res.libelle).toContain('GDP_MSG_11.022');
    expect(res.listeErreurs).toEqual([{ champ: 'fichierFlux', libelleErreur: 'file too large' }]);
    expect(await db().selectFrom('flow').select('id').execute()).toHaveLength(before.length);
  });

  it('refuses a report of another structure’s flow as an unknown flow', async () => {
    const mine = await db()
      .selectFrom('flow')
      .select('number')
      .where('direction', '=', 'IN')
      .executeTakeFirstOrThrow();
    const other = await failed(
      cpro(t, recipient, 'transverses/v1/consulterCR', { numeroFluxDepot: mine.number }),
      400,
      20002,
    );
    const unknown = await failed(
      cpro(t, recipient, 'transverses/v1/consulterCR', { numeroFluxDepot: 'FLX2026999999999999' }),
      400,
      20002,
    );
    expect(other.libelle.replace(/FLX\d+/, '')).toBe(unknown.libelle.replace(/FLX\d+/, ''));
  });
});
