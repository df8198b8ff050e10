/**
 * The /cpro operations besides the main contract: numbered pages, recycling, group download,
 * the directory (structures, services, recipients, commitments) and the transverse lists.
 */
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PUBLIC_BODY,
  DEMO_SERVICE_A,
  DEMO_SERVICE_B,
  DEMO_SUPPLIER,
} from '../../src/directory/demo-directory.js';
import { seedDirectory } from '../../src/directory/seed-directory.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { cpro, cproCaller, failed, ok, type CproCaller } from './support.js';
import { keyedInvoice } from '../support/invoices.js';
import { depositInvoice } from '../../src/invoices/deposit-invoice.js';

let t: TestApp;
let supplier: CproCaller;
let recipient: CproCaller;
const numbers: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  await seedDirectory({ db: t.database.db });
  supplier = await cproCaller(t, DEMO_SUPPLIER.identifier, ['invoices:send', 'invoices:read']);
  recipient = await cproCaller(t, DEMO_PUBLIC_BODY.identifier, [
    'invoices:read',
    'invoices:process',
  ]);
  // Seven invoices deposited through the native use case, as the supplier's API client.
  const principal = {
    kind: 'client' as const,
    clientId: supplier.clientId,
    structureId: (
      await t.database.db
        .selectFrom('structure')
        .select('id')
        .where('identifier', '=', DEMO_SUPPLIER.identifier)
        .executeTakeFirstOrThrow()
    ).id,
    scopes: ['invoices:send' as const, 'invoices:read' as const],
  };
  for (let i = 1; i <= 7; i++) {
    const number = `OPS-${process.pid}-${i}`;
    numbers.push(number);
    await depositInvoice({
      db: t.database.db,
      principal,
      invoice: undefined,
      keyed: keyedInvoice({
        number,
        serviceCode: i % 2 ? DEMO_SERVICE_A.code : DEMO_SERVICE_B.code,
      }),
      attachments: [],
      metadata: { framework: 'A1_FACTURE_FOURNISSEUR' },
    });
  }
});
afterAll(async () => {
  await t.close();
});

const pagination = (page: number, size: number) => ({
  nbResultatsParPage: size,
  pageResultatDemandee: page,
  triColonne: 'DateDepot',
  triSens: 'Ascendant',
});

interface Listed {
  listeFactures: {
    idFacture: number;
    numeroFacture: string;
    statut: string;
    codeServiceExecutant: string;
  }[];
  parametresRetour: {
    nbResultatsParPage: number;
    pageCourante: number;
    pages: number;
    total: number;
  };
}

function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

describe('/cpro numbered pages', () => {
  it('pages the supplier’s invoices with total and pages, without repeats or gaps', async () => {
    const seen: string[] = [];
    for (let page = 1; page <= 3; page++) {
      const res = await ok<Listed>(
        cpro(t, supplier, 'factures/v1/rechercher/fournisseur', {
          numeroFluxDepot: '',
          numeroFacture: `OPS-${process.pid}-`,
          statutCourant: [],
          typeFacture: '',
          listeDestinataire: [],
          // The pagination fields directly in the object, as the Python and Go clients send them.
          rechercheFactureParFournisseur: pagination(page, 3),
        }),
      );
      expect(res.parametresRetour).toEqual({
        nbResultatsParPage: 3,
        pageCourante: page,
        pages: 3,
        total: 7,
      });
      seen.push(...res.listeFactures.map((f) => f.numeroFacture));
    }
    expect(seen).toEqual(numbers);
  });

  it('takes a body with every field zero-valued or null, as a Go client sends it', async () => {
    const res = await ok<Listed>(
      cpro(t, supplier, 'factures/v1/rechercher/fournisseur', {
        cadreFacturation: {
          codeCadreFacturation: '',
          codeServiceValideur: '',
          codeStructureValideur: '',
        },
        coordonneeBancaire: 0,
        idFournisseur: 0,
        idServiceFournisseur: 0,
        idStructureValideur: 0,
        idUtilisateurCourant: 0,
        idUtilisateurCreateur: null,
        listeDestinataire: null,
        modeDepot: '',
        montantApayerMax: 0,
        montantApayerMin: 0,
        montantHTMax: 0,
        montantHTMin: 0,
        montantTTCMax: 0,
        montantTTCMin: 0,
        numeroBonCommande: '',
        numeroFacture: '',
        numeroFactureOrigine: '',
        numeroFluxDepot: '',
        numeroMarche: '',
        periodeDateDepotAu: '',
        periodeDateDepotDu: '',
        periodeDateFactureAu: null,
        periodeDateFactureDu: null,
        periodeDateHeureEtatCourantAu: null,
        periodeDateHeureEtatCourantDu: null,
        rechercheFactureParFournisseur: null,
        rechercheSirenDestinataire: false,
        recupererTaille: false,
        rejetTraite: false,
        statutCourant: null,
        typeFacture: '',
      }),
    );
    const mine = await t.database.db
      .selectFrom('invoice')
      .innerJoin('structure', 'structure.id', 'invoice.supplier_structure_id')
      .select('invoice.id')
      .where('structure.identifier', '=', DEMO_SUPPLIER.identifier)
      .execute();
    expect(res.parametresRetour.total).toBe(mine.length);
    expect(res.parametresRetour.nbResultatsParPage).toBe(10);
  });

  it('filters on numeroBonCommande, the invoice dates and the amounts without VAT', async () => {
    const search = (extra: Record<string, unknown>) =>
      ok<Listed>(
        cpro(t, supplier, 'factures/v1/rechercher/fournisseur', {
          numeroFacture: `OPS-${process.pid}-`,
          rechercheFactureParFournisseur: pagination(1, 50),
          ...extra,
        }),
      );
    expect((await search({ numeroBonCommande: 'EJ-2026-0042' })).parametresRetour.total).toBe(7);
    expect((await search({ numeroBonCommande: 'EJ-AUTRE' })).parametresRetour.total).toBe(0);
    // The fixtures are dated 2026-11-20 and total 1 250.00 without VAT.
    expect(
      (await search({ periodeDateFactureDu: '2026-11-20', periodeDateFactureAu: '2026-11-20' }))
        .parametresRetour.total,
    ).toBe(7);
    expect((await search({ periodeDateFactureDu: '2026-11-21' })).parametresRetour.total).toBe(0);
    expect(
      (await search({ montantHTMin: 1250, montantHTMax: 1250.0 })).parametresRetour.total,
    ).toBe(7);
    expect((await search({ montantHTMin: 1250.01 })).parametresRetour.total).toBe(0);
    const received = await ok<Listed>(
      cpro(t, recipient, 'factures/v1/rechercher/recipiendaire', {
        montantHTMax: 1000,
        paramRecherche: pagination(1, 50),
      }),
    );
    expect(received.parametresRetour.total).toBe(0);
    // A date that is not one is refused with the field's name, not a server error.
    const bad = await failed(
      cpro(t, supplier, 'factures/v1/rechercher/fournisseur', {
        periodeDateFactureDu: '20-11-2026',
      }),
      400,
      20000,
    );
    expect(bad.listeErreurs).toEqual([
      { champ: 'periodeDateFactureDu', libelleErreur: 'a date YYYY-MM-DD' },
    ]);
  });

  it('filters the recipient’s inbox by idServiceExecutant', async () => {
    const structure = await t.database.db
      .selectFrom('structure')
      .select('id')
      .where('identifier', '=', DEMO_PUBLIC_BODY.identifier)
      .executeTakeFirstOrThrow();
    const service = await t.database.db
      .selectFrom('service')
      .select('cpro_id')
      .where('structure_id', '=', structure.id)
      .where('code', '=', DEMO_SERVICE_B.code)
      .executeTakeFirstOrThrow();
    const res = await ok<Listed>(
      cpro(t, recipient, 'factures/v1/rechercher/recipiendaire', {
        idDestinataire: 0,
        idServiceExecutant: Number(service.cpro_id),
        listeFournisseurs: [],
        statutCourant: '',
        listeTypeFacture: [],
        montantHTMin: 0,
        montantHTMax: 0,
        factureTelechargeeParDestinataire: false,
        paramRecherche: pagination(1, 50),
      }),
    );
    expect(res.parametresRetour.total).toBe(3);
    // Also at the top, where the Go client reads them.
    expect(res).toMatchObject({ total: 3, pages: 1, pageCourante: 1, nbResultatsParPage: 50 });
    expect(new Set(res.listeFactures.map((f) => f.codeServiceExecutant))).toEqual(
      new Set([DEMO_SERVICE_B.code]),
    );
  });
});

describe('/cpro recycling and group download', () => {
  it('recycles an invoice A_RECYCLER to another service; the number stays', async () => {
    const inbox = await ok<Listed>(
      cpro(t, recipient, 'factures/v1/rechercher/recipiendaire', {
        statutCourant: 'MISE_A_DISPOSITION',
        paramRecherche: { pagination: pagination(1, 50) },
      }),
    );
    const target = inbox.listeFactures.find((f) => f.numeroFacture === numbers[0])!;
    await ok(
      cpro(t, recipient, 'factures/v1/traiter/recue', {
        idFacture: target.idFacture,
        nouveauStatut: 'A_RECYCLER',
        motif: 'Mauvais service',
        numeroDPMandat: '',
      }),
    );
    // Recycling is the supplier's: the recipient, who sees the invoice, may not do it.
    await failed(
      cpro(t, recipient, 'factures/v1/recycler', {
        identifiantFactureCPP: target.idFacture,
        destinataire: {
          codeDestinataire: DEMO_PUBLIC_BODY.identifier,
          codeServiceExecutant: DEMO_SERVICE_B.code,
        },
      }),
      403,
      10011,
    );
    const res = await ok<{ statutFacture: string; numeroFacture: string }>(
      cpro(t, supplier, 'factures/v1/recycler', {
        identifiantFactureCPP: target.idFacture,
        commentaire: 'Service corrigé',
        destinataire: {
          codeDestinataire: DEMO_PUBLIC_BODY.identifier,
          codeServiceExecutant: DEMO_SERVICE_B.code,
        },
        references: { numeroBonCommande: 'EJ-2026-0042', numeroMarche: '' },
      }),
    );
    expect(res).toMatchObject({ statutFacture: 'MISE_A_DISPOSITION', numeroFacture: numbers[0] });
    const row = await t.database.db
      .selectFrom('invoice')
      .select(['status', 'service_code', 'number'])
      .where('cpro_id', '=', target.idFacture)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'MISE_A_DISPOSITION',
      service_code: DEMO_SERVICE_B.code,
      number: numbers[0],
    });
  });

  it('gives several invoices in one ZIP, PIVOT and PDF, and records the recipient’s download', async () => {
    const inbox = await ok<Listed>(
      cpro(t, recipient, 'factures/v1/rechercher/recipiendaire', {
        paramRecherche: { pagination: pagination(1, 2) },
      }),
    );
    const ids = inbox.listeFactures.map((f) => f.idFacture);
    const pivot = await ok<{ fichierResultat: string }>(
      cpro(t, recipient, 'factures/v1/telecharger/groupe', {
        listeFacture: ids.map((idFacture) => ({ idFacture })),
        format: 'PIVOT',
        avecPiecesJointesComplementaires: false,
      }),
    );
    const files = await unzip(Buffer.from(pivot.fichierResultat, 'base64'));
    expect([...files.keys()].map((k) => k.split('/')[0]).sort()).toEqual(ids.map(String).sort());
    const rows = await t.database.db
      .selectFrom('invoice')
      .select(['cpro_id', 'first_downloaded_at'])
      .where('cpro_id', 'in', ids)
      .execute();
    expect(rows.every((r) => r.first_downloaded_at !== null)).toBe(true);

    const pdf = await ok<{ fichierResultat: string }>(
      cpro(t, recipient, 'factures/v1/telecharger/groupe', {
        listeFacture: [{ idFacture: ids[0] }],
        format: 'PDF',
        avecPiecesJointesComplementaires: true,
      }),
    );
    const pdfFiles = await unzip(Buffer.from(pdf.fichierResultat, 'base64'));
    const [first] = [...pdfFiles.values()];
    expect(first!.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a group holding another structure’s invoice as unknown', async () => {
    const other = await cproCaller(
      t,
      (
        await t.database.db
          .selectFrom('structure')
          .select('identifier')
          .where('is_public', '=', true)
          .where('identifier', 'not in', [DEMO_PUBLIC_BODY.identifier, DEMO_SUPPLIER.identifier])
          .orderBy('identifier')
          .executeTakeFirstOrThrow()
      ).identifier,
      ['invoices:read'],
    );
    const row = await t.database.db
      .selectFrom('invoice')
      .select('cpro_id')
      .executeTakeFirstOrThrow();
    await failed(
      cpro(t, other, 'factures/v1/telecharger/groupe', {
        listeFacture: [{ idFacture: Number(row.cpro_id) }],
        format: 'PIVOT',
      }),
      400,
      20002,
    );
  });
});

describe('/cpro directory', () => {
  const publicBody = () =>
    t.database.db
      .selectFrom('structure')
      .selectAll()
      .where('identifier', '=', DEMO_PUBLIC_BODY.identifier)
      .executeTakeFirstOrThrow();

  it('searches structures by identifier and by name, with numbered pages', async () => {
    const row = await publicBody();
    const byId = await ok<{
      listeStructures: {
        idStructureCPP: number;
        identifiantStructure: string;
        designationStructure: string;
        statut: string;
      }[];
      parametresRetour: { total: number };
    }>(
      cpro(t, supplier, 'structures/v1/rechercher', {
        structure: {
          identifiantStructure: DEMO_PUBLIC_BODY.identifier,
          typeIdentifiantStructure: 'SIRET',
          raisonSocialeStructure: '',
        },
        restreindreStructuresPrivees: false,
        parametres: pagination(1, 10),
      }),
    );
    expect(byId.listeStructures).toEqual([
      {
        idStructureCPP: Number(row.cpro_id),
        identifiantStructure: DEMO_PUBLIC_BODY.identifier,
        designationStructure: DEMO_PUBLIC_BODY.name,
        typeIdentifiantStructure: 'SIRET',
        statut: 'ACTIF',
      },
    ]);
    expect(byId.parametresRetour.total).toBe(1);

    const byName = await ok<{
      listeStructures: unknown[];
      parametresRetour: { total: number; pages: number };
    }>(
      cpro(t, supplier, 'structures/v1/rechercher', {
        structure: { identifiantStructure: '', raisonSocialeStructure: 'mairie' },
        parametres: { pagination: pagination(2, 5) },
      }),
    );
    const mairies = await t.database.db
      .selectFrom('structure')
      .select('id')
      .where('search_text', 'like', '%mairie%')
      .execute();
    expect(byName.parametresRetour.total).toBe(mairies.length);
    expect(byName.parametresRetour.pages).toBe(Math.ceil(mairies.length / 5));
    expect(byName.listeStructures).toHaveLength(5);
  });

  it('consults a structure with its parametres from the directory flags, and its services', async () => {
    const row = await publicBody();
    const s = await ok<{
      informationGenerales: { identifiant: string };
      parametres: Record<string, boolean>;
    }>(
      cpro(t, supplier, 'structures/v1/consulter', {
        idStructureCPP: Number(row.cpro_id),
        codeLangue: 'fr',
      }),
    );
    expect(s.informationGenerales.identifiant).toBe(DEMO_PUBLIC_BODY.identifier);
    expect(s.parametres).toMatchObject({
      codeServiceDoitEtreRenseigne: row.service_code_required,
      numeroEJDoitEtreRenseigne: row.commitment_required,
      gestionNumeroEJOuCodeService: row.service_or_commitment_required,
      statutMiseEnPaiementNestPasRemonte: row.payment_status_not_reported,
    });
    const services = await ok<{
      listeServices: { idService: number; codeService: string; estActif: boolean }[];
      parametresRetour: { total: number };
    }>(
      cpro(t, supplier, 'structures/v1/rechercher/services', {
        idStructure: Number(row.cpro_id),
        parametresRechercherServicesStructure: { pagination: pagination(1, 10) },
      }),
    );
    const stored = await t.database.db
      .selectFrom('service')
      .select(['cpro_id', 'code'])
      .where('structure_id', '=', row.id)
      .orderBy('code')
      .execute();
    expect(services.listeServices.map((v) => [v.idService, v.codeService])).toEqual(
      stored.map((v) => [Number(v.cpro_id), v.code]),
    );
    const one = await ok<{ informationsGenerales: { codeService: string } }>(
      cpro(t, supplier, 'structures/v1/consulter/service', {
        idStructure: Number(row.cpro_id),
        idService: services.listeServices[0]!.idService,
      }),
    );
    expect(one.informationsGenerales.codeService).toBe(stored[0]!.code);
    await failed(
      cpro(t, supplier, 'structures/v1/consulter', { idStructureCPP: 999999999 }),
      400,
      20002,
    );
  });

  it('finds recipients, downloads their directory, and answers the commitment check', async () => {
    const row = await publicBody();
    const found = await ok<{ listeDestinataires: { idStructureCPP: number; siret: string }[] }>(
      cpro(t, supplier, 'transverses/v1/rechercher/destinataire', {
        identifiant: DEMO_PUBLIC_BODY.identifier,
        nomVilleCodePostal: '',
        typeStructure: '',
        parametresRecherche: pagination(1, 10),
      }),
    );
    expect(found.listeDestinataires).toEqual([
      expect.objectContaining({
        idStructureCPP: Number(row.cpro_id),
        siret: DEMO_PUBLIC_BODY.identifier,
      }),
    ]);

    const annuaire = await ok<{ fichierResultat: string }>(
      cpro(t, supplier, 'transverses/v1/telecharger/annuaire/destinataire', {}),
    );
    const files = await unzip(Buffer.from(annuaire.fichierResultat, 'base64'));
    const csv = files.get('annuaire-destinataires.csv')!.toString('utf8');
    const lines = csv.replace(/\r\n$/, '').split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFidStructureCPP;siret;nomDestinataire/);
    const active = await t.database.db
      .selectFrom('structure')
      .select('identifier')
      .where('is_public', '=', true)
      .where('active', '=', true)
      .execute();
    const sirets = new Set(lines.slice(1).map((l) => l.split(';')[1]));
    expect(sirets).toEqual(new Set(active.map((a) => a.identifier)));
    expect(lines.some((l) => l.includes(`;${DEMO_SERVICE_A.code};`))).toBe(true);

    const ej = await ok<{
      listeEngagementJuridique: {
        numeroEngagementJuridique: string;
        numeroEJDoitEtreRenseigne: boolean;
      }[];
    }>(
      cpro(t, supplier, 'engagementsJuridiques/v1/rechercher', {
        structureReceptriceEngagementJuridique: DEMO_PUBLIC_BODY.identifier,
        numeroEngagementJuridique: 'EJ-2026-0042',
      }),
    );
    expect(ej.listeEngagementJuridique).toEqual([
      expect.objectContaining({
        numeroEngagementJuridique: 'EJ-2026-0042',
        numeroEJDoitEtreRenseigne: row.commitment_required,
      }),
    ]);
    await failed(
      cpro(t, supplier, 'engagementsJuridiques/v1/rechercher', {
        structureReceptriceEngagementJuridique: '00000000000000',
        numeroEngagementJuridique: 'X',
      }),
      400,
      20002,
    );
  });

  it('lists the flow syntaxes and the statuses a recipient may set', async () => {
    const formats = await ok<{ listeFormatFlux: { formatFlux: string }[] }>(
      cpro(t, supplier, 'transverses/v1/recuperer/formatflux', {}),
    );
    expect(formats.listeFormatFlux.map((f) => f.formatFlux)).toEqual(
      expect.arrayContaining(['IN_DP_E1_UBL_INVOICE', 'IN_DP_E1_CII_16B', 'IN_DP_E2_CII_FACTURX']),
    );
    const etats = await ok<{ listeStatutsPossiblesPourTraitement: { statut: string }[] }>(
      cpro(t, recipient, 'transverses/v1/recuperer/etats/traitement', {
        statutCourant: 'SERVICE_FAIT',
      }),
    );
    expect(etats.listeStatutsPossiblesPourTraitement).toEqual([{ statut: 'MANDATEE' }]);
    const fromAvailable = await ok<{ listeStatutsPossiblesPourTraitement: { statut: string }[] }>(
      cpro(t, recipient, 'transverses/v1/recuperer/etats/traitement', {
        statutCourant: 'MISE_A_DISPOSITION',
      }),
    );
    expect(fromAvailable.listeStatutsPossiblesPourTraitement.map((s) => s.statut)).toEqual(
      expect.arrayContaining(['REJETEE', 'SUSPENDUE', 'SERVICE_FAIT', 'A_RECYCLER', 'MANDATEE']),
    );
  });
});
