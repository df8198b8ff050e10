/**
 * Deposits and the supplier's moves through the /cpro surface: factures/v1/soumettre (keyed
 * invoice, SAISIE_API or DEPOT_PDF_API), transverses/v1/ajouter/fichier, factures/v1/completer
 * and factures/v1/recycler. Each calls the native use case; nothing is judged here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addUpload, takeUploads } from '../../cpro/add-upload.js';
import { downloadInvoices } from '../../cpro/download-invoices.js';
import { asUnknown, idOfCproId } from '../../cpro/cpro-ids.js';
import { SoumettreSchema } from '../../cpro/soumettre-keyed.js';
import { submitInvoice } from '../../cpro/submit-invoice.js';
import { wireDate } from '../../cpro/wire.js';
import { completeInvoice } from '../../invoices/complete-invoice.js';
import { getInvoice } from '../../invoices/get-invoice.js';
import { MAX_ATTACHMENT_BYTES } from '../../invoices/model.js';
import { recycleInvoice } from '../../invoices/recycle-invoice.js';
import { clientOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { localFileStore } from '../../storage/local-file-store.js';
import { failures, LIBELLE_OK, Retour } from './answer.js';
import { decodeBase64File } from './base64.js';
import { CPRO_SECURITY, CPRO_TAG } from './tag.js';

const AjouterFichier = z.looseObject({
  pieceJointeFichier: z.string().min(1).describe('The file, base64'),
  pieceJointeNom: z.string().min(1).max(255),
  pieceJointeTypeMime: z.string().max(255).nullish(),
  pieceJointeExtension: z.string().max(20).nullish(),
  idUtilisateurCourant: z.number().int().nullish(),
});

const PieceComplementaire = z.looseObject({
  pieceJointeComplementaireId: z.number().int().nullish(),
  pieceJointeComplementaireDesignation: z.string().nullish(),
});

export const cproFacturesSaisieRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;
  const store = deps.files ?? localFileStore(deps.config.filesDir);

  app.post(
    '/transverses/v1/ajouter/fichier',
    {
      bodyLimit: Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Upload a file ahead of soumettre or completer (gives pieceJointeId)',
        description:
          'Native: the `attachments` parts of POST /api/v1/invoices (same rules: 10 MB, 50-character name, office/image/archive extensions).',
        body: AjouterFichier,
        response: { 200: z.object({ ...Retour, pieceJointeId: z.number().int() }), ...failures },
      },
    },
    async (request) => {
      const b = request.body;
      const bytes = decodeBase64File(
        b.pieceJointeFichier,
        'pieceJointeFichier',
        MAX_ATTACHMENT_BYTES,
      );
      const ext = b.pieceJointeExtension?.replace(/^\./, '');
      const filename =
        ext && !b.pieceJointeNom.toLowerCase().endsWith(`.${ext.toLowerCase()}`)
          ? `${b.pieceJointeNom}.${ext}`
          : b.pieceJointeNom;
      const { pieceJointeId } = await addUpload({
        db,
        files: store,
        principal: clientOf(request),
        file: {
          bytes,
          filename,
          mediaType: b.pieceJointeTypeMime || 'application/octet-stream',
        },
      });
      return { codeRetour: 0, libelle: LIBELLE_OK.generic, pieceJointeId };
    },
  );

  app.post(
    '/factures/v1/soumettre',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Deposit an invoice keyed in (SAISIE_API) or a PDF with its data (DEPOT_PDF_API)',
        description:
          'Native: POST /api/v1/invoices (JSON keyed invoice, or multipart with the PDF and `keyed`). The supplier is the caller’s structure; numeroBonCommande is the commitment number (BT-13); files are named by the pieceJointeId of transverses/v1/ajouter/fichier.',
        body: SoumettreSchema,
        response: {
          200: z.object({
            ...Retour,
            identifiantFactureCPP: z.number().int(),
            numeroFacture: z.string(),
            identifiantStructure: z.string(),
            statutFacture: z.string(),
            dateDepot: z.string(),
            empreinteCertificatDepot: z.string(),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const result = await submitInvoice({
        db,
        files: store,
        principal: clientOf(request),
        body: request.body,
      });
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.deposit,
        identifiantFactureCPP: result.cproId,
        numeroFacture: result.number,
        identifiantStructure: result.supplierIdentifier,
        statutFacture: result.status,
        dateDepot: wireDate(result.depositedAt),
        empreinteCertificatDepot: result.sha256,
      };
    },
  );

  app.post(
    '/factures/v1/completer',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Complete a suspended invoice (comment and/or files)',
        description: 'Native: POST /api/v1/invoices/{id}/complete. Only from SUSPENDUE.',
        body: z.looseObject({
          identifiantFactureCPP: z.number().int(),
          commentaire: z.string().max(2000).nullish(),
          pieceJointeComplementaire: z.array(PieceComplementaire).nullish(),
        }),
        response: {
          200: z.object({
            ...Retour,
            dateTraitement: z.string(),
            identifiantFactureCPP: z.number().int(),
            numeroFacture: z.string(),
          }),
          ...failures,
        },
      },
    },
    async (request) =>
      asUnknown('Invoice', request.body.identifiantFactureCPP, async () => {
        const principal = clientOf(request);
        const body = request.body;
        const invoiceId = await idOfCproId(db, 'invoice', body.identifiantFactureCPP, 'Invoice');
        const current = await getInvoice({ db, principal, invoiceId });
        const files = await takeUploads({
          db,
          files: store,
          principal,
          ids: (body.pieceJointeComplementaire ?? [])
            .map((p) => p.pieceJointeComplementaireId)
            .filter((id): id is number => typeof id === 'number' && id > 0),
        });
        await completeInvoice({
          db,
          files: store,
          principal,
          invoiceId,
          version: current.version,
          comment: body.commentaire ?? undefined,
          attachments: files,
        });
        return {
          codeRetour: 0,
          libelle: LIBELLE_OK.generic,
          dateTraitement: wireDate(new Date()),
          identifiantFactureCPP: body.identifiantFactureCPP,
          numeroFacture: current.number,
        };
      }),
  );

  app.post(
    '/factures/v1/telecharger/groupe',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Several invoices in one ZIP (base64): PDF or PIVOT (the original)',
        description:
          'Native: GET /api/v1/invoices/{id}/original, /rendering?format=pdf and /attachments/{fileId}. Entries are named <idFacture>/<file>; attachments under <idFacture>/pj/. A recipient’s download is recorded as with the native routes.',
        body: z.looseObject({
          listeFacture: z.array(z.looseObject({ idFacture: z.number().int() })),
          format: z.enum(['PDF', 'PIVOT']).nullish(),
          avecPiecesJointesComplementaires: z.boolean().nullish(),
        }),
        response: { 200: z.object({ ...Retour, fichierResultat: z.string() }), ...failures },
      },
    },
    async (request) => {
      const principal = clientOf(request);
      const b = request.body;
      const invoices = [];
      for (const item of b.listeFacture) {
        invoices.push({
          id: await idOfCproId(db, 'invoice', item.idFacture, 'Invoice'),
          cproId: item.idFacture,
        });
      }
      const zip = await downloadInvoices({
        db,
        files: store,
        principal,
        invoices,
        format: b.format ?? 'PDF',
        withAttachments: b.avecPiecesJointesComplementaires ?? false,
      });
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        fichierResultat: Buffer.from(zip).toString('base64'),
      };
    },
  );

  app.post(
    '/factures/v1/recycler',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Send an invoice A_RECYCLER to a corrected recipient, service or commitment',
        description:
          'Native: POST /api/v1/invoices/{id}/recycle. Only from A_RECYCLER; the invoice number does not change. numeroBonCommande (in references) is the commitment number.',
        body: z.looseObject({
          identifiantFactureCPP: z.number().int(),
          commentaire: z.string().nullish(),
          destinataire: z.looseObject({
            codeDestinataire: z.string().min(1),
            codeServiceExecutant: z.string().nullish(),
          }),
          references: z
            .looseObject({
              numeroBonCommande: z.string().nullish(),
              numeroMarche: z.string().nullish(),
            })
            .nullish(),
        }),
        response: {
          200: z.object({
            ...Retour,
            identifiantFactureCPP: z.number().int(),
            numeroFacture: z.string(),
            statutFacture: z.string(),
            dateDepot: z.string(),
          }),
          ...failures,
        },
      },
    },
    async (request) =>
      asUnknown('Invoice', request.body.identifiantFactureCPP, async () => {
        const principal = clientOf(request);
        const body = request.body;
        const invoiceId = await idOfCproId(db, 'invoice', body.identifiantFactureCPP, 'Invoice');
        const current = await getInvoice({ db, principal, invoiceId });
        const moved = await recycleInvoice({
          db,
          principal,
          invoiceId,
          version: current.version,
          recipientIdentifier: body.destinataire.codeDestinataire,
          serviceCode: body.destinataire.codeServiceExecutant || null,
          commitmentNumber: body.references?.numeroBonCommande || null,
        });
        return {
          codeRetour: 0,
          libelle: LIBELLE_OK.generic,
          identifiantFactureCPP: body.identifiantFactureCPP,
          numeroFacture: current.number,
          statutFacture: moved.status,
          dateDepot: wireDate(current.depositedAt),
        };
      }),
  );
};
