/**
 * transverses/v1 operations of the /cpro surface besides the flow reports (flux.ts): the flow
 * syntaxes, the statuses a recipient may set, and the recipients' directory.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { flowSettings } from '../../flows/flow-settings.js';
import { transitionsFor } from '../../invoices/lifecycle.js';
import { invoiceStatuses } from '../../invoices/model.js';
import type { AppDeps } from '../deps.js';
import { failures, LIBELLE_OK, Retour } from './answer.js';
import { CPRO_TAG } from './tag.js';

export const cproTransversesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app) => {
  app.post(
    '/transverses/v1/recuperer/formatflux',
    {
      schema: {
        tags: [CPRO_TAG],
        summary: 'The flow syntaxes (syntaxeFlux) this platform integrates',
        description: 'Native: GET /api/v1/flows/settings.',
        body: z.looseObject({}).nullish(),
        response: {
          200: z.object({
            ...Retour,
            listeFormatFlux: z.array(z.object({ formatFlux: z.string() })),
          }),
          ...failures,
        },
      },
    },
    async () => ({
      codeRetour: 0,
      libelle: LIBELLE_OK.generic,
      listeFormatFlux: flowSettings().syntaxes.map((s) => ({ formatFlux: s.code })),
    }),
  );

  app.post(
    '/transverses/v1/recuperer/etats/traitement',
    {
      schema: {
        tags: [CPRO_TAG],
        summary: 'The statuses a recipient may set on an invoice in a given status',
        description:
          'Native: the `actions` of GET /api/v1/invoices/{id} (the one transition table, lifecycle.ts). Statuses reached by completer or recycler are the supplier’s and are not listed.',
        body: z.looseObject({ statutCourant: z.enum(invoiceStatuses) }),
        response: {
          200: z.object({
            ...Retour,
            listeStatutsPossiblesPourTraitement: z.array(z.object({ statut: z.string() })),
          }),
          ...failures,
        },
      },
    },
    async (request) => ({
      codeRetour: 0,
      libelle: LIBELLE_OK.generic,
      listeStatutsPossiblesPourTraitement: transitionsFor(request.body.statutCourant, [
        'RECIPIENT',
      ])
        .filter((tr) => tr.via === 'status')
        .map((tr) => ({ statut: tr.to })),
    }),
  );
};
