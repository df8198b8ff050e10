import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../deps.js';
import { cproFacturesRechercheRoutes } from './factures-recherche.js';
import { cproFacturesSaisieRoutes } from './factures-saisie.js';
import { cproFacturesTraitementRoutes } from './factures-traitement.js';

/** factures/v1 (and ajouter/fichier, which soumettre and completer need). */
export const cproFacturesRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (
  app,
  { deps },
) => {
  await app.register(cproFacturesSaisieRoutes, { deps });
  await app.register(cproFacturesRechercheRoutes, { deps });
  await app.register(cproFacturesTraitementRoutes, { deps });
};
