/**
 * Closed vocabularies of the directory. Values are stable codes (stored in the database and
 * returned by the API); labels live with the portal.
 */
export const identifierTypes = [
  'SIRET',
  'SIREN',
  'UE_HORS_FRANCE',
  'HORS_UE',
  'RIDET',
  'TAHITI',
  'AUTRE',
  'PARTICULIER',
] as const;
export type IdentifierType = (typeof identifierTypes)[number];

/**
 * Categories of public body, after the bodies the Chorus Pro brochures list as bound to
 * e-invoicing. The legal payment period derives from it (30 days for the State, local
 * authorities and administrative public bodies, 50 days for public hospitals, 60 days for
 * public companies), so categories that differ in that respect are kept apart.
 */
export const publicCategories = [
  'ETAT',
  'ETABLISSEMENT_PUBLIC_NATIONAL',
  'REGION',
  'DEPARTEMENT',
  'COMMUNE',
  'EPCI',
  'SYNDICAT_MIXTE',
  'ETABLISSEMENT_PUBLIC_LOCAL',
  'EPLE',
  'ETABLISSEMENT_SOCIAL_MEDICO_SOCIAL',
  'REGIE',
  'OFFICE_PUBLIC_HABITAT',
  'CCAS_CIAS',
  'CAISSE_DES_ECOLES',
  'EPCC',
  'SDIS',
  'CENTRE_DE_GESTION',
  'ETABLISSEMENT_PUBLIC_SANTE',
  'ENTREPRISE_PUBLIQUE',
] as const;
export type PublicCategory = (typeof publicCategories)[number];

/** Lower-case, accents removed, runs of non-alphanumerics collapsed: what search compares. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
