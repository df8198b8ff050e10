/**
 * Closed vocabularies of sollicitations (decision 0018). The categories are those of issue 16;
 * the sub-categories are ours, each a plain question a supplier meets. Labels are given in
 * French and English here, once: the API hands them to the portal (GET /sollicitations/categories).
 */

export const sollicitationStatuses = ['OUVERTE', 'EN_COURS', 'REPONDUE', 'CLOSE'] as const;
export type SollicitationStatus = (typeof sollicitationStatuses)[number];

/** The statuses in which the addressee owes an answer (an inbox's "open" threads). */
export const OPEN_STATUSES: readonly SollicitationStatus[] = ['OUVERTE', 'EN_COURS'];

/** Who wrote a message: the supplier asking, the recipient structure, or the platform support. */
export const messageSides = ['REQUESTER', 'RECIPIENT', 'SUPPORT'] as const;
export type MessageSide = (typeof messageSides)[number];

export const addressees = ['STRUCTURE', 'PLATFORM'] as const;
export type Addressee = (typeof addressees)[number];

/** A closed thread may be reopened for this many days after it was closed. */
export const REOPEN_DAYS = 30;
/** A thread waiting more working days than this is overdue (the dashboard's count). */
export const OVERDUE_WORKING_DAYS = 5;
export const MAX_SUBJECT = 200;
export const MAX_BODY = 10_000;
/** Files per message (each and all together under the invoice attachment limits). */
export const MAX_FILES_PER_MESSAGE = 5;

interface Label {
  fr: string;
  en: string;
}

/** Each category with its sub-categories, in the order the portal lists them. */
export const sollicitationCategories = {
  STATUT_FACTURE: {
    label: { fr: 'Statut d’une facture', en: 'Invoice status' },
    subcategories: {
      STATUT_INCOMPRIS: { fr: 'Statut incompris', en: 'Status not understood' },
      FACTURE_BLOQUEE: { fr: 'Facture sans évolution', en: 'Invoice not moving' },
      SUSPENSION: { fr: 'Facture suspendue', en: 'Invoice suspended' },
    },
  },
  DELAI_PAIEMENT: {
    label: { fr: 'Délai de paiement', en: 'Payment delay' },
    subcategories: {
      RETARD: { fr: 'Paiement en retard', en: 'Late payment' },
      INTERETS_MORATOIRES: { fr: 'Intérêts moratoires', en: 'Late-payment interest' },
      MONTANT_PAYE: { fr: 'Montant payé différent', en: 'Amount paid differs' },
    },
  },
  ACHEMINEMENT: {
    label: { fr: 'Acheminement / code service', en: 'Routing / service code' },
    subcategories: {
      CODE_SERVICE: { fr: 'Quel code service ?', en: 'Which service code?' },
      MAUVAIS_DESTINATAIRE: { fr: 'Mauvais destinataire', en: 'Wrong recipient' },
    },
  },
  ENGAGEMENT: {
    label: { fr: 'Numéro d’engagement', en: 'Commitment number' },
    subcategories: {
      NUMERO_MANQUANT: { fr: 'Numéro non communiqué', en: 'Number not given' },
      NUMERO_REFUSE: { fr: 'Numéro refusé', en: 'Number refused' },
    },
  },
  REJET: {
    label: { fr: 'Rejet', en: 'Rejection' },
    subcategories: {
      MOTIF_INCOMPRIS: { fr: 'Motif de rejet incompris', en: 'Rejection reason not understood' },
      CONTESTATION: { fr: 'Contestation du rejet', en: 'Disputing the rejection' },
    },
  },
  COMPTE_ACCES: {
    label: { fr: 'Compte et accès', en: 'Account and access' },
    subcategories: {
      CONNEXION: { fr: 'Connexion impossible', en: 'Cannot sign in' },
      DROITS: { fr: 'Droits et rattachement', en: 'Rights and membership' },
    },
  },
  TECHNIQUE_API: {
    label: { fr: 'Technique / API', en: 'Technical / API' },
    subcategories: {
      API: { fr: 'API ou raccordement', en: 'API or connection' },
      FLUX: { fr: 'Flux et dépôts', en: 'Flows and deposits' },
      FORMAT: { fr: 'Format de facture', en: 'Invoice format' },
    },
  },
  AUTRE: {
    label: { fr: 'Autre', en: 'Other' },
    subcategories: {
      AUTRE: { fr: 'Autre question', en: 'Other question' },
    },
  },
} as const satisfies Record<string, { label: Label; subcategories: Record<string, Label> }>;

export type SollicitationCategory = keyof typeof sollicitationCategories;
export const categoryCodes = Object.keys(sollicitationCategories) as SollicitationCategory[];

/** Whether `sub` is one of `category`'s sub-categories. */
export function isSubcategoryOf(category: SollicitationCategory, sub: string): boolean {
  return Object.hasOwn(sollicitationCategories[category].subcategories, sub);
}

/** The categories as the API gives them: code, labels, sub-categories. */
export function categoryList(): {
  code: SollicitationCategory;
  label: Label;
  subcategories: { code: string; label: Label }[];
}[] {
  return categoryCodes.map((code) => ({
    code,
    label: sollicitationCategories[code].label,
    subcategories: Object.entries(sollicitationCategories[code].subcategories).map(
      ([sub, label]) => ({ code: sub, label }),
    ),
  }));
}
