/**
 * Fixed identifiers of the demo directory, shared by the directory seed (which creates these
 * structures and services) and the accounts seed (which creates their demo users). Fictitious
 * numbers with a valid Luhn key (department 99 does not exist for a commune).
 */
export const DEMO_SUPPLIER = {
  identifierType: 'SIRET',
  identifier: '99887766600011',
  name: 'Atelier Démo des Faubourgs SARL',
} as const;

/** A public body (commune) with two services; it is also a supplier of other bodies. */
export const DEMO_PUBLIC_BODY = {
  identifierType: 'SIRET',
  identifier: '21990042000015',
  name: 'Mairie de Chorale-sur-Loire',
} as const;

export const DEMO_SERVICE_A = { code: 'SERV-TECH', name: 'Services techniques' } as const;
export const DEMO_SERVICE_B = { code: 'SERV-ECOLES', name: 'Affaires scolaires' } as const;
