/**
 * The history and the recipient's processing through the /cpro surface:
 * factures/v1/consulter/historique (getInvoiceHistory) and factures/v1/traiter/recue
 * (changeInvoiceStatus, the one transition table).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asUnknown, idOfCproId } from '../../cpro/cpro-ids.js';
import { given, wireAmount, wireDate, wireDay, wireMinute } from '../../cpro/wire.js';
import { changeInvoiceStatus } from '../../invoices/change-invoice-status.js';
import { getInvoiceHistory } from '../../invoices/get-invoice-history.js';
import { getInvoice } from '../../invoices/get-invoice.js';
import { invoiceStatuses } from '../../invoices/model.js';
import { AppError } from '../../lib/errors.js';
import { clientOf } from '../auth.js';
import type { AppDeps } from '../deps.js';
import { failures, LIBELLE_OK, Retour } from './answer.js';
import { CPRO_SECURITY, CPRO_TAG } from './tag.js';

export const cproFacturesTraitementRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;

  app.post(
    '/factures/v1/consulter/historique',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'An invoice’s statuses and actions, oldest first',
        description: 'Native: GET /api/v1/invoices/{id}/history (the hash-chained journal).',
        body: z.looseObject({ idFacture: z.number().int(), codeLangue: z.string().nullish() }),
        response: {
          200: z.object({
            ...Retour,
            idFacture: z.number().int(),
            statutCourantCode: z.string(),
            historiquesDesStatuts: z.object({
              histoStatut: z.array(
                z.object({
                  histoStatutId: z.number().int(),
                  histoStatutCode: z.string(),
                  histoStatutDatePassage: z.string(),
                  histoStatutCommentaire: z.string(),
                  histoStatutUtilisateurNom: z.string(),
                  histoStatutUtilisateurPrenom: z.string(),
                  histoStatutUtilisateurEmail: z.string(),
                }),
              ),
            }),
            historiquesDesActionsUtilisateurs: z.object({
              histoAction: z.array(
                z.object({
                  histoActionId: z.number().int(),
                  histoActionCode: z.string(),
                  histoActionDateHeure: z.string(),
                  histoActionUtilisateurNom: z.string(),
                }),
              ),
            }),
          }),
          ...failures,
        },
      },
    },
    async (request) =>
      asUnknown('Invoice', request.body.idFacture, async () => {
        const principal = clientOf(request);
        const invoiceId = await idOfCproId(db, 'invoice', request.body.idFacture, 'Invoice');
        const detail = await getInvoice({ db, principal, invoiceId });
        const history = await getInvoiceHistory({ db, principal, invoiceId });
        return {
          codeRetour: 0,
          libelle: LIBELLE_OK.generic,
          idFacture: request.body.idFacture,
          statutCourantCode: detail.status,
          historiquesDesStatuts: {
            histoStatut: history.entries
              .filter((e) => e.toStatus !== null)
              .map((e) => ({
                histoStatutId: e.seq,
                histoStatutCode: e.toStatus!,
                histoStatutDatePassage: wireMinute(e.at),
                histoStatutCommentaire: e.reason ?? '',
                histoStatutUtilisateurNom: e.actor.name ?? e.actor.kind,
                histoStatutUtilisateurPrenom: '',
                histoStatutUtilisateurEmail: '',
              })),
          },
          historiquesDesActionsUtilisateurs: {
            histoAction: history.entries.map((e) => ({
              histoActionId: e.seq,
              histoActionCode: e.event,
              histoActionDateHeure: wireMinute(e.at),
              histoActionUtilisateurNom: e.actor.name ?? e.actor.kind,
            })),
          },
        };
      }),
  );

  app.post(
    '/factures/v1/traiter/recue',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'The recipient sets a status (motif required for REJETEE and SUSPENDUE)',
        description:
          'Native: POST /api/v1/invoices/{id}/status. MISE_EN_PAIEMENT takes datePaiement and montantPaiement when given, else today and the amount due.',
        body: z.looseObject({
          idFacture: z.number().int(),
          nouveauStatut: z.enum(invoiceStatuses),
          motif: z.string().nullish(),
          numeroDPMandat: z.string().nullish(),
          datePaiement: z.string().nullish(),
          montantPaiement: z.union([z.number(), z.string()]).nullish(),
        }),
        response: {
          200: z.object({
            ...Retour,
            dateTraitement: z.string(),
            idFacture: z.number().int(),
            numeroFacture: z.string(),
            nouveauStatut: z.string(),
          }),
          ...failures,
        },
      },
    },
    async (request) =>
      asUnknown('Invoice', request.body.idFacture, async () => {
        const principal = clientOf(request);
        const b = request.body;
        const invoiceId = await idOfCproId(db, 'invoice', b.idFacture, 'Invoice');
        const current = await getInvoice({ db, principal, invoiceId });
        if (!current.sides.includes('RECIPIENT'))
          throw new AppError('NOT_FOUND', 'Invoice not found');
        const now = new Date();
        const paying = b.nouveauStatut === 'MISE_EN_PAIEMENT';
        const moved = await changeInvoiceStatus({
          db,
          principal,
          invoiceId,
          version: current.version,
          status: b.nouveauStatut,
          reason: given(b.motif) ?? undefined,
          mandateNumber: given(b.numeroDPMandat) ?? undefined,
          paymentDate: paying
            ? (wireDay(b.datePaiement, 'datePaiement') ?? wireDate(now))
            : undefined,
          paymentAmount: paying
            ? (wireAmount(b.montantPaiement, 'montantPaiement') ??
              current.amounts.amountDue ??
              undefined)
            : undefined,
          now,
        });
        return {
          codeRetour: 0,
          libelle: LIBELLE_OK.generic,
          dateTraitement: wireDate(now),
          idFacture: b.idFacture,
          numeroFacture: current.number,
          nouveauStatut: moved.status,
        };
      }),
  );
};
