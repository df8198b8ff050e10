/**
 * transverses/v1 operations of the /cpro surface besides the flow reports (flux.ts): the flow
 * syntaxes, the statuses a recipient may set, and the recipients' directory.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exportRecipients } from '../../cpro/export-recipients.js';
import { given, pageOf, parametresRetour } from '../../cpro/wire.js';
import { searchStructures } from '../../directory/search-structures.js';
import { flowSettings } from '../../flows/flow-settings.js';
import { transitionsFor } from '../../invoices/lifecycle.js';
import { invoiceStatuses } from '../../invoices/model.js';
import type { AppDeps } from '../deps.js';
import { failures, LIBELLE_OK, Retour } from './answer.js';
import { PaginationHolder, paginationOf, ParametresRetour } from './pagination.js';
import { CPRO_SECURITY, CPRO_TAG } from './tag.js';

export const cproTransversesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;

  app.post(
    '/transverses/v1/rechercher/destinataire',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Search the public recipients (active public structures)',
        description:
          'Native: GET /api/v1/structures. identifiant is exact (SIRET); nomVilleCodePostal matches every word in the name, town or postal code.',
        body: z.looseObject({
          identifiant: z.string().nullish(),
          nomVilleCodePostal: z.string().nullish(),
          typeStructure: z.string().nullish(),
          parametresRecherche: PaginationHolder,
        }),
        response: {
          200: z.object({
            ...Retour,
            listeDestinataires: z.array(
              z.object({
                idStructureCPP: z.number().int(),
                siret: z.string(),
                nomDestinataire: z.string(),
                adresseCodePostal: z.string(),
                adresseVille: z.string(),
              }),
            ),
            parametresRetour: ParametresRetour,
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const b = request.body;
      const p = pageOf(paginationOf(b.parametresRecherche));
      const result = await searchStructures({
        db,
        q: given(b.nomVilleCodePostal) ?? undefined,
        identifier: given(b.identifiant) ?? undefined,
        limit: p.size,
        offset: p.offset,
        withTotal: true,
      });
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        listeDestinataires: result.items.map((s) => ({
          idStructureCPP: s.cproId,
          siret: s.identifier,
          nomDestinataire: s.name,
          adresseCodePostal: s.postalCode ?? '',
          adresseVille: s.town ?? '',
        })),
        parametresRetour: parametresRetour(result.total ?? 0, p.size, p.page),
      };
    },
  );

  app.post(
    '/transverses/v1/telecharger/annuaire/destinataire',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'The public recipients’ directory as a ZIP holding one CSV (base64)',
        description:
          'Columns: idStructureCPP;siret;nomDestinataire;codePostal;ville;codeServiceDoitEtreRenseigne;numeroEJDoitEtreRenseigne;idService;codeService;nomService (UTF-8, `;`).',
        body: z.looseObject({}).nullish(),
        response: { 200: z.object({ ...Retour, fichierResultat: z.string() }), ...failures },
      },
    },
    async () => ({
      codeRetour: 0,
      libelle: LIBELLE_OK.generic,
      fichierResultat: Buffer.from(await exportRecipients({ db })).toString('base64'),
    }),
  );

  app.post(
    '/transverses/v1/recuperer/formatflux',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
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
        security: CPRO_SECURITY,
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
      listeStatutsPossiblesPourTraitement: transitionsFor(request.body.statutCourant, ['RECIPIENT'])
        .filter((tr) => tr.via === 'status')
        .map((tr) => ({ statut: tr.to })),
    }),
  );
};
