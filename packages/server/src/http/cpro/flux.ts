/**
 * Flows through the /cpro surface: factures/v1/deposer/flux (onto the concentrator's flows),
 * transverses/v1/consulterCR (with the PDF report) and consulterCRDetaille.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flowIdOfNumber } from '../../cpro/cpro-ids.js';
import { structureFactsOf } from '../../cpro/invoice-wire.js';
import { currentStateAt, erreursDP } from '../../cpro/flow-wire.js';
import { wireDate, wireTimestamp } from '../../cpro/wire.js';
import { depositFlow } from '../../flows/deposit-flow.js';
import { getFlowReport, openFlowReport } from '../../flows/flow-report.js';
import { renderFlowReportPdf } from '../../flows/flow-report-pdf.js';
import { flowSyntaxes, type FlowSyntax } from '../../flows/model.js';
import { AppError } from '../../lib/errors.js';
import { localFileStore } from '../../storage/local-file-store.js';
import { clientOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { failures, langOf, LIBELLE_OK, Retour } from './answer.js';
import { CPRO_SECURITY, CPRO_TAG } from './tag.js';
import { decodeBase64File } from './base64.js';

/** Largest flow file through /cpro (decoded): the real API's reported 30 MB. */
export const CPRO_MAX_FLOW_BYTES = 30 * 1024 * 1024;

const DeposerFlux = z.looseObject({
  fichierFlux: z.string().min(1).describe('The flow file, base64'),
  nomFichier: z.string().min(1).max(255),
  syntaxeFlux: z.string().min(1).max(64),
  avecSignature: z.boolean().nullish().describe('Accepted; signed flows are not checked here'),
  idUtilisateurCourant: z.number().int().nullish(),
});

const ConsulterCR = z.looseObject({
  numeroFluxDepot: z.string().min(1).max(64),
  dateDepot: z.string().nullish(),
  syntaxeFlux: z.string().nullish(),
  codeLangue: z.string().nullish(),
});

export const cproFluxRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { db } = deps;
  const files = deps.files ?? localFileStore(deps.config.filesDir);

  app.post(
    '/factures/v1/deposer/flux',
    {
      // base64 makes 4 bytes of 3, plus the JSON around it.
      bodyLimit: Math.ceil((CPRO_MAX_FLOW_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Deposit a flow (one invoice, or a zip / tar.gz of several)',
        description:
          'Native: POST /api/v1/flows. The answer is a receipt (numeroFluxDepot); integration runs afterwards: follow it with transverses/v1/consulterCRDetaille, then find each invoice with factures/v1/rechercher/fournisseur filtered on numeroFluxDepot.',
        body: DeposerFlux,
        response: {
          200: z.object({
            ...Retour,
            numeroFluxDepot: z.string(),
            dateDepot: z.string().describe('YYYY-MM-DD'),
            syntaxeFlux: z.string(),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const body = request.body;
      if (!(flowSyntaxes as readonly string[]).includes(body.syntaxeFlux)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `syntaxeFlux "${body.syntaxeFlux}" is unknown: use one of ${flowSyntaxes.join(', ')}`,
          { details: [{ pointer: 'syntaxeFlux', message: 'unknown syntax' }] },
        );
      }
      const content = decodeBase64File(body.fichierFlux, 'fichierFlux', CPRO_MAX_FLOW_BYTES);
      const result = await depositFlow({
        db,
        files,
        principal: clientOf(request),
        syntax: body.syntaxeFlux as FlowSyntax,
        fileName: body.nomFichier,
        content,
      });
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.deposit,
        numeroFluxDepot: result.numeroFluxDepot,
        dateDepot: wireDate(result.dateDepot),
        syntaxeFlux: body.syntaxeFlux,
      };
    },
  );

  app.post(
    '/transverses/v1/consulterCR',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'A flow’s state and its report as a PDF (fichierCR, base64)',
        description: 'Native: GET /api/v1/flows/{id} and GET /api/v1/flows/{id}/report?format=pdf.',
        body: ConsulterCR,
        response: {
          200: z.object({
            ...Retour,
            numeroFluxDepot: z.string(),
            nomFichierFlux: z.string(),
            etatCourantFlux: z.string(),
            dateDepotFlux: z.string(),
            dateHeureEtatCourantFlux: z.string(),
            fichierCR: z.string().describe('The report, PDF, base64'),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const principal = clientOf(request);
      const flowId = await flowIdOfNumber({
        db,
        principal,
        numeroFluxDepot: request.body.numeroFluxDepot,
      });
      const { flow, entries } = await openFlowReport({ db, principal, flowId });
      const pdf = await renderFlowReportPdf(flow, entries);
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.report,
        numeroFluxDepot: flow.numeroFluxDepot,
        nomFichierFlux: flow.nomFichier,
        etatCourantFlux: flow.etat,
        dateDepotFlux: wireTimestamp(flow.dateDepot),
        dateHeureEtatCourantFlux: currentStateAt(flow),
        fichierCR: Buffer.from(pdf).toString('base64'),
      };
    },
  );

  app.post(
    '/transverses/v1/consulterCRDetaille',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'A flow’s state and each refused invoice with our plain-language label',
        description:
          'Native: GET /api/v1/flows/{id}/report. libelleErreurDP is "<rule or refusal code> (<business term>) : <sentence> [<line, path>]".',
        body: ConsulterCR,
        response: {
          200: z.object({
            ...Retour,
            numeroFluxDepot: z.string(),
            etatCourantDepotFlux: z.string(),
            dateDepotFlux: z.string(),
            dateHeureEtatCourantFlux: z.string(),
            codeInterfaceDepotFlux: z.string(),
            nomFichier: z.string(),
            listeErreurDP: z.array(
              z.object({
                numeroDP: z.string(),
                identifiantFournisseur: z.string(),
                identifiantDestinataire: z.string(),
                codeErreur: z.string(),
                libelleErreurDP: z.string(),
              }),
            ),
            listeErreurTechnique: z.array(
              z.object({
                codeErreur: z.string(),
                libelleErreur: z.string(),
                natureErreur: z.string(),
              }),
            ),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const principal = clientOf(request);
      const lang = langOf(request);
      const flowId = await flowIdOfNumber({
        db,
        principal,
        numeroFluxDepot: request.body.numeroFluxDepot,
      });
      const report = await getFlowReport({ db, principal, flowId });
      const flow = report.flow;
      const supplier = await structureFactsOf(db, principal.structureId);
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.report,
        numeroFluxDepot: flow.numeroFluxDepot,
        etatCourantDepotFlux: flow.etat,
        dateDepotFlux: wireTimestamp(flow.dateDepot),
        dateHeureEtatCourantFlux: currentStateAt(flow),
        codeInterfaceDepotFlux: flow.syntaxeFlux,
        nomFichier: flow.nomFichier,
        listeErreurDP: erreursDP(report.entries, supplier.identifier, lang),
        listeErreurTechnique: flow.error
          ? [
              {
                codeErreur: flow.error.code,
                libelleErreur: `${flow.error.code} : ${flow.error.message[lang]}`,
                natureErreur: flow.etat === 'IN_INCIDENTE' ? 'TECHNIQUE' : 'FLUX',
              },
            ]
          : [],
      };
    },
  );
};
