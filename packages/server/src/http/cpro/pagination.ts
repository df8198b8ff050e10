import { z } from 'zod';

const fields = {
  nbResultatsParPage: z.number().int().nullish(),
  pageResultatDemandee: z.number().int().nullish(),
  triColonne: z.string().nullish(),
  triSens: z.string().nullish(),
};

/** A request's pagination object: `{nbResultatsParPage, pageResultatDemandee, triColonne, triSens}`. */
export const Pagination = z.looseObject(fields).nullish();

/**
 * The object a search names its pagination by (rechercheFactureParFournisseur, paramRecherche,
 * parametres…): clients send the pagination fields in it directly, or under `pagination`.
 */
export const PaginationHolder = z.looseObject({ ...fields, pagination: Pagination }).nullish();

/** The pagination of a holder, wherever the client put it. */
export const paginationOf = (holder: z.infer<typeof PaginationHolder>) =>
  holder?.pagination ?? holder;

export const ParametresRetour = z.object({
  nbResultatsParPage: z.number().int(),
  pageCourante: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
});
