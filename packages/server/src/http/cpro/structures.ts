/**
 * structures/v1 and engagementsJuridiques/v1 through the /cpro surface: the directory
 * (searchStructures, getStructure) with integer ids and the `parametres` block from our
 * directory flags. The directory holds no commitments: engagementsJuridiques/v1/rechercher
 * answers what it knows (the structure, whether it requires a commitment number).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { given, pageOf, parametresRetour } from '../../cpro/wire.js';
import { structureIdentifierOf } from '../../cpro/invoice-wire.js';
import { getStructure, type StructureDetail } from '../../directory/get-structure.js';
import { searchStructures } from '../../directory/search-structures.js';
import { notFound } from '../../lib/errors.js';
import type { AppDeps } from '../deps.js';
import { failures, LIBELLE_OK, Retour } from './answer.js';
import { PaginationHolder, paginationOf, ParametresRetour } from './pagination.js';
import { CPRO_SECURITY, CPRO_TAG } from './tag.js';

/** The directory's flags as the real service's `parametres` block names them. */
export function parametresOf(s: StructureDetail) {
  return {
    codeServiceDoitEtreRenseigne: s.flags.serviceCodeRequired,
    numeroEJDoitEtreRenseigne: s.flags.commitmentRequired,
    gestionNumeroEJOuCodeService: s.flags.serviceOrCommitmentRequired,
    connexionEDI: s.flags.ediEmission,
    recevoirDonneesViaEDI: s.flags.ediReception,
    statutMiseEnPaiementNestPasRemonte: s.flags.paymentStatusNotReported,
    estMOA: s.flags.isMoa,
    estMOAUniquement: s.flags.isMoaOnly,
    // Ours: the structure takes its invoices as flows (outbound flows of the concentrator).
    recoitFactureParFlux: s.reception.byFlow,
  };
}

async function structureByCproId(deps: AppDeps, cproId: number | null | undefined) {
  const identifier = given(cproId) ? await structureIdentifierOf(deps.db, cproId!) : undefined;
  if (!identifier) throw notFound(`Structure ${cproId ?? ''}`.trim());
  return getStructure({ db: deps.db, identifier });
}

export const cproStructuresRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  const { db } = deps;

  app.post(
    '/structures/v1/rechercher',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Search the directory of structures',
        description:
          'Native: GET /api/v1/structures. raisonSocialeStructure matches every word (accents and case ignored); identifiantStructure is exact.',
        body: z.looseObject({
          structure: z
            .looseObject({
              identifiantStructure: z.string().nullish(),
              typeIdentifiantStructure: z.string().nullish(),
              raisonSocialeStructure: z.string().nullish(),
              libelleStructure: z.string().nullish(),
            })
            .nullish(),
          restreindreStructuresPrivees: z.boolean().nullish(),
          parametres: PaginationHolder,
        }),
        response: {
          200: z.object({
            ...Retour,
            listeStructures: z.array(
              z.object({
                idStructureCPP: z.number().int(),
                identifiantStructure: z.string(),
                designationStructure: z.string(),
                typeIdentifiantStructure: z.string(),
                statut: z.string(),
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
      const p = pageOf(paginationOf(b.parametres));
      const name =
        given(b.structure?.raisonSocialeStructure) ?? given(b.structure?.libelleStructure);
      const result = await searchStructures({
        db,
        q: name ?? undefined,
        identifier: given(b.structure?.identifiantStructure) ?? undefined,
        includePrivate: true,
        includeInactive: true,
        limit: p.size,
        offset: p.offset,
        withTotal: true,
      });
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        listeStructures: result.items.map((s) => ({
          idStructureCPP: s.cproId,
          identifiantStructure: s.identifier,
          designationStructure: s.name,
          typeIdentifiantStructure: s.identifierType,
          statut: s.active ? 'ACTIF' : 'INACTIF',
        })),
        parametresRetour: parametresRetour(result.total ?? 0, p.size, p.page),
      };
    },
  );

  app.post(
    '/structures/v1/consulter',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'One structure, with its parametres (service code, commitment number…)',
        description: 'Native: GET /api/v1/structures/{identifier}.',
        body: z.looseObject({ idStructureCPP: z.number().int(), codeLangue: z.string().nullish() }),
        response: {
          200: z.object({
            ...Retour,
            idStructureCPP: z.number().int(),
            informationGenerales: z.object({
              identifiant: z.string(),
              typeIdentifiant: z.string(),
              libelleStructure: z.string(),
              raisonSociale: z.string(),
              estActif: z.boolean(),
              estPublique: z.boolean(),
              categorie: z.string(),
              numeroTelephone: z.string(),
              courriel: z.string(),
            }),
            adressePostaleDuSiege: z.object({
              ligneAdresse1: z.string(),
              ligneAdresse2: z.string(),
              ligneAdresse3: z.string(),
              codePostal: z.string(),
              ville: z.string(),
              codePays: z.string(),
              libellePays: z.string(),
            }),
            parametres: z.object({
              codeServiceDoitEtreRenseigne: z.boolean(),
              numeroEJDoitEtreRenseigne: z.boolean(),
              gestionNumeroEJOuCodeService: z.boolean(),
              connexionEDI: z.boolean(),
              recevoirDonneesViaEDI: z.boolean(),
              statutMiseEnPaiementNestPasRemonte: z.boolean(),
              estMOA: z.boolean(),
              estMOAUniquement: z.boolean(),
              recoitFactureParFlux: z.boolean(),
            }),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const s = await structureByCproId(deps, request.body.idStructureCPP);
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        idStructureCPP: s.cproId,
        informationGenerales: {
          identifiant: s.identifier,
          typeIdentifiant: s.identifierType,
          libelleStructure: s.name,
          raisonSociale: s.name,
          estActif: s.active,
          estPublique: s.isPublic,
          categorie: s.category ?? '',
          numeroTelephone: s.phone ?? '',
          courriel: s.email ?? '',
        },
        adressePostaleDuSiege: {
          ligneAdresse1: s.address.line1 ?? '',
          ligneAdresse2: s.address.line2 ?? '',
          ligneAdresse3: s.address.line3 ?? '',
          codePostal: s.address.postalCode ?? '',
          ville: s.address.town ?? '',
          codePays: s.address.countryCode ?? '',
          libellePays: s.address.countryName ?? '',
        },
        parametres: parametresOf(s),
      };
    },
  );

  app.post(
    '/structures/v1/rechercher/services',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'The services of a structure',
        description: 'Native: the `services` of GET /api/v1/structures/{identifier}.',
        body: z.looseObject({
          idStructure: z.number().int(),
          parametresRechercherServicesStructure: PaginationHolder,
        }),
        response: {
          200: z.object({
            ...Retour,
            listeServices: z.array(
              z.object({
                idService: z.number().int(),
                codeService: z.string(),
                libelleService: z.string(),
                estActif: z.boolean(),
                dateDbtService: z.string(),
                dateFinService: z.string(),
              }),
            ),
            parametresRetour: ParametresRetour,
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const s = await structureByCproId(deps, request.body.idStructure);
      const p = pageOf(paginationOf(request.body.parametresRechercherServicesStructure));
      const page = s.services.slice(p.offset, p.offset + p.size);
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        listeServices: page.map((v) => ({
          idService: v.cproId,
          codeService: v.code,
          libelleService: v.name,
          estActif: v.active,
          dateDbtService: v.validFrom ?? '',
          dateFinService: v.validTo ?? '',
        })),
        parametresRetour: parametresRetour(s.services.length, p.size, p.page),
      };
    },
  );

  app.post(
    '/structures/v1/consulter/service',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'One service of a structure',
        description: 'Native: the `services` of GET /api/v1/structures/{identifier}.',
        body: z.looseObject({ idStructure: z.number().int(), idService: z.number().int() }),
        response: {
          200: z.object({
            ...Retour,
            informationsGenerales: z.object({
              idService: z.number().int(),
              codeService: z.string(),
              nomService: z.string(),
              descriptionService: z.string(),
              estActif: z.boolean(),
            }),
            parametres: z.object({
              numeroEngagement: z.boolean(),
              miseEnPaiement: z.boolean(),
              dateDebutValidite: z.string(),
              dateFinValidite: z.string(),
            }),
          }),
          ...failures,
        },
      },
    },
    async (request) => {
      const s = await structureByCproId(deps, request.body.idStructure);
      const v = s.services.find((x) => x.cproId === request.body.idService);
      if (!v) throw notFound(`Service ${request.body.idService}`);
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        informationsGenerales: {
          idService: v.cproId,
          codeService: v.code,
          nomService: v.name,
          descriptionService: v.name,
          estActif: v.active,
        },
        parametres: {
          numeroEngagement: v.commitmentRequired || s.flags.commitmentRequired,
          miseEnPaiement: !s.flags.paymentStatusNotReported,
          dateDebutValidite: v.validFrom ?? '',
          dateFinValidite: v.validTo ?? '',
        },
      };
    },
  );

  app.post(
    '/engagementsJuridiques/v1/rechercher',
    {
      schema: {
        tags: [CPRO_TAG],
        security: CPRO_SECURITY,
        summary: 'Check a commitment number against what the directory knows',
        description:
          'The directory holds no commitments: the answer echoes the number for a known structure with whether the structure (or the service) requires one; a deposit checks only that a required number is present. Unknown structure: codeRetour 20002.',
        body: z.looseObject({
          structureReceptriceEngagementJuridique: z.union([z.string(), z.number()]),
          numeroEngagementJuridique: z.string().nullish(),
          codeServiceEngagementJuridique: z.string().nullish(),
        }),
        response: {
          200: z.object({
            ...Retour,
            listeEngagementJuridique: z.array(
              z.object({
                numeroEngagementJuridique: z.string(),
                idStructureCPP: z.number().int(),
                identifiantStructure: z.string(),
                designationStructure: z.string(),
                numeroEJDoitEtreRenseigne: z.boolean(),
                controleDansAnnuaire: z.boolean(),
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
      const target = b.structureReceptriceEngagementJuridique;
      const s =
        typeof target === 'number'
          ? await structureByCproId(deps, target)
          : await getStructure({ db, identifier: target });
      const number = given(b.numeroEngagementJuridique);
      const service = given(b.codeServiceEngagementJuridique)
        ? s.services.find((v) => v.code === b.codeServiceEngagementJuridique)
        : undefined;
      const required = s.flags.commitmentRequired || Boolean(service?.commitmentRequired);
      const liste = number
        ? [
            {
              numeroEngagementJuridique: number,
              idStructureCPP: s.cproId,
              identifiantStructure: s.identifier,
              designationStructure: s.name,
              numeroEJDoitEtreRenseigne: required,
              controleDansAnnuaire: false,
            },
          ]
        : [];
      return {
        codeRetour: 0,
        libelle: LIBELLE_OK.generic,
        listeEngagementJuridique: liste,
        parametresRetour: parametresRetour(liste.length, 10, 1),
      };
    },
  );
};
