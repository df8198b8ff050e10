import { useCallback } from 'react';
import { defineMessages, useT } from '../../app/i18n';

/** Directory vocabularies in plain words (the API returns stable codes). */
const messages = defineMessages({
  fr: {
    ETAT: 'Service de l’État',
    ETABLISSEMENT_PUBLIC_NATIONAL: 'Établissement public national',
    REGION: 'Région',
    DEPARTEMENT: 'Département',
    COMMUNE: 'Commune',
    EPCI: 'Intercommunalité (EPCI)',
    SYNDICAT_MIXTE: 'Syndicat mixte',
    ETABLISSEMENT_PUBLIC_LOCAL: 'Établissement public local',
    EPLE: 'Collège ou lycée (EPLE)',
    ETABLISSEMENT_SOCIAL_MEDICO_SOCIAL: 'Établissement social ou médico-social',
    REGIE: 'Régie',
    OFFICE_PUBLIC_HABITAT: 'Office public de l’habitat',
    CCAS_CIAS: 'Centre d’action sociale (CCAS, CIAS)',
    CAISSE_DES_ECOLES: 'Caisse des écoles',
    EPCC: 'Établissement public de coopération culturelle',
    SDIS: 'Service d’incendie et de secours (SDIS)',
    CENTRE_DE_GESTION: 'Centre de gestion',
    ETABLISSEMENT_PUBLIC_SANTE: 'Établissement public de santé',
    ENTREPRISE_PUBLIQUE: 'Entreprise publique',
    private: 'Entreprise ou organisme privé',
    SIRET: 'SIRET',
    SIREN: 'SIREN',
    UE_HORS_FRANCE: 'Identifiant européen (hors France)',
    HORS_UE: 'Identifiant hors Union européenne',
    RIDET: 'RIDET (Nouvelle-Calédonie)',
    TAHITI: 'Numéro Tahiti (Polynésie française)',
    AUTRE: 'Autre identifiant',
    PARTICULIER: 'Particulier',
  },
  en: {
    ETAT: 'State service',
    ETABLISSEMENT_PUBLIC_NATIONAL: 'National public body',
    REGION: 'Region',
    DEPARTEMENT: 'Department',
    COMMUNE: 'Municipality',
    EPCI: 'Inter-municipal body (EPCI)',
    SYNDICAT_MIXTE: 'Joint syndicate',
    ETABLISSEMENT_PUBLIC_LOCAL: 'Local public body',
    EPLE: 'Secondary school (EPLE)',
    ETABLISSEMENT_SOCIAL_MEDICO_SOCIAL: 'Social or medico-social institution',
    REGIE: 'Public utility (régie)',
    OFFICE_PUBLIC_HABITAT: 'Public housing office',
    CCAS_CIAS: 'Social action centre (CCAS, CIAS)',
    CAISSE_DES_ECOLES: 'School fund (caisse des écoles)',
    EPCC: 'Public cultural cooperation body',
    SDIS: 'Fire and rescue service (SDIS)',
    CENTRE_DE_GESTION: 'Management centre',
    ETABLISSEMENT_PUBLIC_SANTE: 'Public health institution',
    ENTREPRISE_PUBLIQUE: 'Public company',
    private: 'Private company or organisation',
    SIRET: 'SIRET',
    SIREN: 'SIREN',
    UE_HORS_FRANCE: 'European identifier (outside France)',
    HORS_UE: 'Identifier outside the European Union',
    RIDET: 'RIDET (New Caledonia)',
    TAHITI: 'Tahiti number (French Polynesia)',
    AUTRE: 'Other identifier',
    PARTICULIER: 'Private individual',
  },
});

type Key = keyof (typeof messages)['fr'];

export function useDirectoryLabels() {
  const t = useT(messages);
  const category = useCallback(
    (s: { category: string | null; isPublic: boolean }) =>
      s.category && s.category in messages.fr
        ? t(s.category as Key)
        : s.isPublic
          ? '—'
          : t('private'),
    [t],
  );
  const identifierType = useCallback(
    (type: string) => (type in messages.fr ? t(type as Key) : type),
    [t],
  );
  return { category, identifierType };
}
