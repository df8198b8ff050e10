/**
 * Searching, reading and processing invoices through the /cpro surface:
 * factures/v1/rechercher/fournisseur and …/recipiendaire (listInvoices, numbered pages with
 * `parametresRetour`), consulter/fournisseur and …/recipiendaire (getInvoice),
 * consulter/historique (getInvoiceHistory) and traiter/recue (changeInvoiceStatus).
 *
 * Filters with no equivalent yet (modeDepot, numeroMarche, cadreFacturation,
 * factureTelechargeeParDestinataire, the TTC and amount-due bounds) are accepted and not
 * applied; the help page lists them.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUnknown, idOfCproId } from '../../cpro/cpro-ids.js';
import {
  invoiceWireFacts,
  modeDepotOf,
  serviceCodeOf,
  structureFactsOf,
  structureIdentifierOf,
} from '../../cpro/invoice-wire.js';
import {
  given,
  pageOf,
  parametresRetour,
  wireAmount,
  wireDate,
  wireDay,
  wireTimestamp,
} from '../../cpro/wire.js';
import { getInvoice, type InvoiceDetail } from '../../invoices/get-invoice.js';
import { listInvoices, type ListInvoicesFilters } from '../../invoices/list-invoices.js';
import {
  invoiceStatuses,
  invoiceTypes,
  type InvoiceStatus,
  type InvoiceType,
} from '../../invoices/model.js';
import { AppError } from '../../lib/errors.js';
import { clientOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { failures, LIBELLE_OK, Retour } from './answer.js';
import { Pagination, PaginationHolder, paginationOf, ParametresRetour } from './pagination.js';
import { CPRO_SECURITY, CPRO_TAG } from './tag.js';

/** statutCourant as clients send it: a code, a list of codes, or of {statut…} objects. */
const Statuts = z
  .union([z.string(), z.array(z.union([z.string(), z.record(z.string(), z.unknown())]))])
  .nullish();

function statusesOf(value: z.infer<typeof Statuts>): InvoiceStatus[] | undefined {
  const v = given(value);
  if (v === undefined) return undefined;
  const list = (Array.isArray(v) ? v : [v])
    .map((v) => (typeof v === 'string' ? v : Object.values(v).find((x) => typeof x === 'string')))
    .filter((v): v is string => typeof v === 'string' && v !== '');
  if (list.length === 0) return undefined;
  const unknown = list.filter((s) => !(invoiceStatuses as readonly string[]).includes(s));
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', `statutCourant ${unknown.join(', ')} is unknown`, {
      details: [{ pointer: 'statutCourant', message: `one of ${invoiceStatuses.join(', ')}` }],
    });
  return list as InvoiceStatus[];
}

const ListeFacturesFournisseur = z.array(
  z.object({
    identifiantFactureCPP: z.number().int(),
    idFacture: z.number().int(),
    numeroFacture: z.string(),
    statut: z.string(),
    dateDepot: z.string(),
    dateFacture: z.string(),
    dateHeureEtatCourant: z.string(),
    commentaireEtatCourant: z.string(),
    idDestinataire: z.number().int(),
    codeDestinataire: z.string(),
    designationDestinataire: z.string(),
    idServiceExecutant: z.number().int().nullable(),
    codeServiceExecutant: z.string(),
    nomServiceExecutant: z.string(),
    montantHT: z.number().nullable(),
    montantTTC: z.number().nullable(),
    montantAPayer: z.number().nullable(),
    devise: z.string(),
    numeroFluxDepot: z.string(),
    modeDepot: z.string(),
    typeFacture: z.string(),
    typeDemandePaiement: z.string(),
  }),
);

const ListeFacturesRecipiendaire = z.array(
  z.object({
    idFacture: z.number().int(),
    idDestinataire: z.number().int(),
    codeDestinataire: z.string(),
    designationDestinataire: z.string(),
    numeroFacture: z.string(),
    statut: z.string(),
    dateDepot: z.string(),
    dateFacture: z.string(),
    dateHeureEtatCourant: z.string(),
    idFournisseur: z.number().int(),
    codeFournisseur: z.string(),
    designationFournisseur: z.string(),
    idServiceExecutant: z.number().int().nullable(),
    codeServiceExecutant: z.string(),
    nomServiceExecutant: z.string(),
    montantHT: z.number().nullable(),
    montantTTC: z.number().nullable(),
    montantAPayer: z.number().nullable(),
    devise: z.string(),
    numeroBonCommande: z.string(),
    factureTelechargeeParDestinataire: z.boolean(),
    typeFacture: z.string(),
    typeDemandePaiement: z.string(),
  }),
);

/** Amounts go out as JSON numbers, as the real service sends them (display only). */
const amount = (v: string | null) => (v === null ? null : Number(v));

/** The detail of one invoice in the real service's blocks. */
function factureOf(d: InvoiceDetail, facts: Awaited<ReturnType<typeof invoiceWireFacts>>) {
  const f = facts.get(d.id)!;
  return {
    idFacture: f.cproId,
    identifiantFactureCPP: f.cproId,
    numeroFacture: d.number,
    dateFacture: d.issueDate,
    dateDepot: wireDate(d.depositedAt),
    statutFacture: d.status,
    statut: d.status,
    modeDepot: modeDepotOf(d.format, f.flowNumber),
    numeroFluxDepot: f.flowNumber ?? '',
    commentaire: '',
    cadreDeFacturation: { codeCadreFacturation: d.framework },
    destinataire: {
      idDestinataire: f.recipientCproId,
      codeDestinataire: d.recipient.identifier,
      libelleDestinataire: d.recipient.name,
      idServiceExecutant: f.serviceCproId,
      codeServiceExecutant: d.service?.code ?? d.serviceCode ?? '',
      libelleServiceExecutant: d.service?.name ?? '',
    },
    fournisseur: {
      idFournisseur: f.supplierCproId,
      codeFournisseur: d.supplier.identifier,
      raisonSociale: d.supplier.name,
    },
    references: {
      deviseFacture: d.currency,
      typeFacture: d.type,
      numeroBonCommande: d.commitmentNumber ?? '',
      numeroMandat: d.mandateNumber ?? '',
    },
    montantTotal: {
      montantHtTotal: amount(d.amounts.totalWithoutVat),
      montantTVA: amount(d.amounts.totalVat),
      montantTtcTotal: amount(d.amounts.totalWithVat),
      montantAPayer: amount(d.amounts.amountDue),
    },
    pieceJointePrincipale: d.files
      .filter((x) => x.kind === 'ORIGINAL')
      .map((x) => ({
        pieceJointePrincipaleDesignation: x.name,
        pieceJointePrincipaleType: x.mediaType,
      })),
    listeDesPiecesJointes: d.files
      .filter((x) => x.kind !== 'ORIGINAL')
      .map((x) => ({
        pieceJointeDesignation: x.name,
        pieceJointeTypeMime: x.mediaType,
        pieceJointeTaille: x.size,
        pieceJointeType: x.kind === 'COMPLEMENT' ? 'COMPLEMENT' : 'PIECE_JOINTE',
      })),
    paiement: { datePaiement: d.payment.date ?? '', montantPaiement: amount(d.payment.amount) },
  };
}

const FactureSchema = z.looseObject({ idFacture: z.number().int(), statutFacture: z.string() });

export const cproFacturesRechercheRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;

  app.post(
    '/factures/v1/rechercher/fournisseur',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'The caller’s sent invoices (filter numeroFluxDepot to find a flow’s invoices)',
        description: 'Native: GET /api/v1/invoices?side=sent.',
        body: z.looseObject({
          numeroFluxDepot: z.string().nullish(),
          numeroFacture: z.string().nullish(),
          statutCourant: Statuts,
          typeFacture: z.string().nullish(),
          periodeDateDepotDu: z.string().nullish(),
          periodeDateDepotAu: z.string().nullish(),
          periodeDateFactureDu: z.string().nullish(),
          periodeDateFactureAu: z.string().nullish(),
          numeroBonCommande: z.string().nullish(),
          montantHTMin: z.union([z.number(), z.string()]).nullish(),
          montantHTMax: z.union([z.number(), z.string()]).nullish(),
          listeDestinataire: z
            .array(
              z.looseObject({
                idDestinataire: z.number().int().nullish(),
                listeIdServiceExecutant: z.array(z.number().int()).nullish(),
              }),
            )
            .nullish(),
          rechercheFactureParFournisseur: PaginationHolder,
        }),
        response: {
          200: z.object({
            ...Retour,
            listeFactures: ListeFacturesFournisseur,
            parametresRetour: ParametresRetour,
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const principal = clientOf(request);
      const b = request.body;
      const p = pageOf(paginationOf(b.rechercheFactureParFournisseur));
      const filters: ListInvoicesFilters = {
        flowNumber: given(b.numeroFluxDepot) ?? undefined,
        number: given(b.numeroFacture) ?? undefined,
        status: statusesOf(b.statutCourant),
        types: given(b.typeFacture) ? typesOf(b.typeFacture!) : undefined,
        from: wireDay(b.periodeDateDepotDu, 'periodeDateDepotDu'),
        to: wireDay(b.periodeDateDepotAu, 'periodeDateDepotAu'),
        issuedFrom: wireDay(b.periodeDateFactureDu, 'periodeDateFactureDu'),
        issuedTo: wireDay(b.periodeDateFactureAu, 'periodeDateFactureAu'),
        commitmentNumber: given(b.numeroBonCommande) ?? undefined,
        minAmountWithoutVat: wireAmount(b.montantHTMin, 'montantHTMin'),
        maxAmountWithoutVat: wireAmount(b.montantHTMax, 'montantHTMax'),
      };
      const dest = (b.listeDestinataire ?? []).find((d) => given(d.idDestinataire));
      if (dest) {
        const identifier = await structureIdentifierOf(db, dest.idDestinataire!);
        if (!identifier) return emptyPage(p);
        filters.counterparty = identifier;
        const svc = (dest.listeIdServiceExecutant ?? []).find((x) => given(x));
        if (svc) {
          const code = await serviceCodeOf(db, svc);
          if (!code) return emptyPage(p);
          filters.service = code;
        }
      }
      const page = await listInvoices({
        db,
        principal,
        side: 'sent',
        filters,
        order: p.order,
        limit: p.size,
        offset: p.offset,
        withTotal: true,
      });
      const facts = await invoiceWireFacts(
        db,
        page.items.map((i) => i.id),
      );
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        listeFactures: page.items.map((i) => {
          const f = facts.get(i.id)!;
          return {
            identifiantFactureCPP: i.cproId,
            idFacture: i.cproId,
            numeroFacture: i.number,
            statut: i.status,
            dateDepot: wireDate(i.depositedAt),
            dateFacture: i.issueDate,
            dateHeureEtatCourant: wireTimestamp(i.depositedAt),
            commentaireEtatCourant: '',
            idDestinataire: f.recipientCproId,
            codeDestinataire: f.recipientIdentifier,
            designationDestinataire: i.recipientName,
            idServiceExecutant: f.serviceCproId,
            codeServiceExecutant: i.serviceCode ?? '',
            nomServiceExecutant: f.serviceName ?? '',
            montantHT: amount(i.totalWithoutVat),
            montantTTC: amount(i.totalWithVat),
            montantAPayer: amount(i.amountDue),
            devise: i.currency,
            numeroFluxDepot: f.flowNumber ?? '',
            modeDepot: modeDepotOf(i.format, f.flowNumber),
            typeFacture: i.type,
            typeDemandePaiement: 'FACTURE',
          };
        }),
        parametresRetour: parametresRetour(page.exactTotal ?? 0, p.size, p.page),
      };
    },
  );

  app.post(
    '/factures/v1/rechercher/recipiendaire',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'The invoices the caller’s structure received (made available to it)',
        description: 'Native: GET /api/v1/invoices?side=received.',
        body: z.looseObject({
          idDestinataire: z.number().int().nullish(),
          idServiceExecutant: z.number().int().nullish(),
          listeFournisseurs: z
            .array(z.looseObject({ idFournisseur: z.number().int().nullish() }))
            .nullish(),
          statutCourant: Statuts,
          listeTypeFacture: z.array(z.string()).nullish(),
          periodeDateDepotDu: z.string().nullish(),
          periodeDateDepotAu: z.string().nullish(),
          periodeDateFactureDu: z.string().nullish(),
          periodeDateFactureAu: z.string().nullish(),
          numeroFacture: z.string().nullish(),
          numeroBonCommande: z.string().nullish(),
          montantHTMin: z.union([z.number(), z.string()]).nullish(),
          montantHTMax: z.union([z.number(), z.string()]).nullish(),
          paramRecherche: PaginationHolder,
          pagination: Pagination,
        }),
        response: {
          200: z.object({
            ...Retour,
            listeFactures: ListeFacturesRecipiendaire,
            parametresRetour: ParametresRetour,
            ...ParametresRetour.shape,
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const principal = clientOf(request);
      const b = request.body;
      const p = pageOf(b.paramRecherche ? paginationOf(b.paramRecherche) : b.pagination);
      const filters: ListInvoicesFilters = {
        status: statusesOf(b.statutCourant),
        types: given(b.listeTypeFacture) ? b.listeTypeFacture!.flatMap(typesOf) : undefined,
        from: wireDay(b.periodeDateDepotDu, 'periodeDateDepotDu'),
        to: wireDay(b.periodeDateDepotAu, 'periodeDateDepotAu'),
        issuedFrom: wireDay(b.periodeDateFactureDu, 'periodeDateFactureDu'),
        issuedTo: wireDay(b.periodeDateFactureAu, 'periodeDateFactureAu'),
        number: given(b.numeroFacture) ?? undefined,
        commitmentNumber: given(b.numeroBonCommande) ?? undefined,
        minAmountWithoutVat: wireAmount(b.montantHTMin, 'montantHTMin'),
        maxAmountWithoutVat: wireAmount(b.montantHTMax, 'montantHTMax'),
      };
      if (given(b.idDestinataire)) {
        const own = await structureFactsOf(db, principal.structureId);
        if (own.cproId !== b.idDestinataire)
          return { ...emptyPage(p), ...parametresRetour(0, p.size, p.page) };
      }
      if (given(b.idServiceExecutant)) {
        const code = await serviceCodeOf(db, b.idServiceExecutant!);
        if (!code) return { ...emptyPage(p), ...parametresRetour(0, p.size, p.page) };
        filters.service = code;
      }
      const supplier = (b.listeFournisseurs ?? []).find((f) => given(f.idFournisseur));
      if (supplier) {
        const identifier = await structureIdentifierOf(db, supplier.idFournisseur!);
        if (!identifier) return { ...emptyPage(p), ...parametresRetour(0, p.size, p.page) };
        filters.counterparty = identifier;
      }
      const page = await listInvoices({
        db,
        principal,
        side: 'received',
        filters,
        order: p.order,
        limit: p.size,
        offset: p.offset,
        withTotal: true,
      });
      const facts = await invoiceWireFacts(
        db,
        page.items.map((i) => i.id),
      );
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        listeFactures: page.items.map((i) => {
          const f = facts.get(i.id)!;
          return {
            idFacture: i.cproId,
            idDestinataire: f.recipientCproId,
            codeDestinataire: f.recipientIdentifier,
            designationDestinataire: i.recipientName,
            numeroFacture: i.number,
            statut: i.status,
            dateDepot: wireDate(i.depositedAt),
            dateFacture: i.issueDate,
            dateHeureEtatCourant: wireTimestamp(i.madeAvailableAt ?? i.depositedAt),
            idFournisseur: f.supplierCproId,
            codeFournisseur: f.supplierIdentifier,
            designationFournisseur: i.supplierName,
            idServiceExecutant: f.serviceCproId,
            codeServiceExecutant: i.serviceCode ?? '',
            nomServiceExecutant: f.serviceName ?? '',
            montantHT: amount(i.totalWithoutVat),
            montantTTC: amount(i.totalWithVat),
            montantAPayer: amount(i.amountDue),
            devise: i.currency,
            numeroBonCommande: i.commitmentNumber ?? '',
            factureTelechargeeParDestinataire: i.firstDownloadedAt !== null,
            typeFacture: i.type,
            typeDemandePaiement: 'FACTURE',
          };
        }),
        ...pages(parametresRetour(page.exactTotal ?? 0, p.size, p.page)),
      };
    },
  );

  for (const side of ['fournisseur', 'recipiendaire'] as const) {
    app.post(
      `/factures/v1/consulter/${side}`,
      {
        schema: {
          tags: [CPRO_TAG],
          security: CPRO_SECURITY,
          summary:
            side === 'fournisseur'
              ? 'One sent invoice (identifiantFactureCPP)'
              : 'One received invoice (idFacture)',
          description: 'Native: GET /api/v1/invoices/{id}.',
          body: z.looseObject({
            identifiantFactureCPP: z.number().int().nullish(),
            idFacture: z.number().int().nullish(),
            codeLangue: z.string().nullish(),
          }),
          response: { 200: z.object({ ...Retour, facture: FactureSchema }), ...failures },
        },
      },
      async (request) => {
        const principal = clientOf(request);
        const cproId = request.body.identifiantFactureCPP || request.body.idFacture || 0;
        return asUnknown('Invoice', cproId, async () => {
          const invoiceId = await idOfCproId(db, 'invoice', cproId, 'Invoice');
          const detail = await getInvoice({ db, principal, invoiceId });
          // Each side reads its own invoices here: the other side's is "not found", like any.
          const wanted = side === 'fournisseur' ? 'SUPPLIER' : 'RECIPIENT';
          if (!detail.sides.includes(wanted)) throw new AppError('NOT_FOUND', 'Invoice not found');
          const facts = await invoiceWireFacts(db, [invoiceId]);
          return { codeRetour: 0, libelle: LIBELLE_OK.generic, facture: factureOf(detail, facts) };
        });
      },
    );
  }
};

function typesOf(code: string): InvoiceType[] {
  if ((invoiceTypes as readonly string[]).includes(code)) return [code as InvoiceType];
  throw new AppError('VALIDATION_FAILED', `typeFacture ${code} is unknown`, {
    details: [{ pointer: 'typeFacture', message: `one of ${invoiceTypes.join(', ')}` }],
  });
}

/** parametresRetour, and the same four members at the top (where some clients read them). */
function pages(r: ReturnType<typeof parametresRetour>) {
  return { parametresRetour: r, ...r };
}

function emptyPage(p: { size: number; page: number }) {
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK.generic,
    listeFactures: [],
    parametresRetour: parametresRetour(0, p.size, p.page),
  };
}
