/**
 * Messages of the Factur-X profile rules (our own ids: the Factur-X Schematron expresses these
 * constraints through the profile XSD and cardinalities, with no rule id of its own).
 */
import type { RuleMessage } from '../rules/types.js';

export const PROFILE_MESSAGES: Record<string, RuleMessage> = {
  'FX-PROFILE-NO-LINES': {
    terms: ['BT-24', 'BG-25'],
    fr: "Une facture au profil Factur-X {profile} ne contient pas de lignes de facture (BG-25) : ce profil ne porte que les données d'en-tête et les totaux. Retirez les {count} ligne(s), ou déclarez un profil qui les accepte (BASIC, EN 16931) dans l'identifiant de spécification (BT-24).",
    en: 'A Factur-X {profile} invoice has no invoice lines (BG-25): this profile carries only the header data and the totals. Remove the {count} line(s), or declare a profile that accepts lines (BASIC, EN 16931) in the specification identifier (BT-24).',
  },
  'FX-MIN-NOT-IN-PROFILE': {
    terms: ['BT-24'],
    fr: "L'information {term} ({nameFr}) ne fait pas partie du profil Factur-X MINIMUM : le destinataire l'ignorera. Retirez-la, ou déclarez le profil BASIC WL ou supérieur dans l'identifiant de spécification (BT-24).",
    en: 'The term {term} ({nameEn}) is not part of the Factur-X MINIMUM profile: the recipient will ignore it. Remove it, or declare the BASIC WL profile or above in the specification identifier (BT-24).',
  },
  'FX-BASICWL-VAT-CATEGORY': {
    terms: ['BG-23', 'BT-118', 'BT-95', 'BT-102'],
    fr: 'Une remise ou des frais au niveau du document sont soumis à la catégorie de TVA « {category} »{rate}, mais la facture ne contient aucune ventilation de TVA (BG-23) de cette catégorie. Ajoutez la ventilation correspondante (base BT-116, montant BT-117, catégorie BT-118, taux BT-119).',
    en: 'A document level allowance or charge is in VAT category "{category}"{rate}, but the invoice has no VAT breakdown (BG-23) of that category. Add the matching VAT breakdown (taxable amount BT-116, VAT amount BT-117, category BT-118, rate BT-119).',
  },
  'FX-BASICWL-VAT-SINGLE': {
    terms: ['BG-23', 'BT-118'],
    fr: 'La facture contient {count} ventilations de TVA (BG-23) de la catégorie « {category} », qui ne doit en avoir qu’une. Regroupez-les en une seule ventilation (bases BT-116 et montants BT-117 additionnés).',
    en: 'The invoice has {count} VAT breakdowns (BG-23) of category "{category}", which must have exactly one. Merge them into a single breakdown (adding up the taxable amounts BT-116 and VAT amounts BT-117).',
  },
  'FX-BASICWL-VAT-BASE': {
    terms: ['BT-109', 'BT-116'],
    fr: 'La somme des bases d’imposition des ventilations de TVA (BT-116), {sum}, n’est pas égale au montant total hors TVA de la facture (BT-109), {total}. Sans lignes de facture, chaque montant hors TVA doit figurer dans une ventilation : corrigez les bases ou le total.',
    en: 'The sum of the VAT breakdown taxable amounts (BT-116), {sum}, is not the invoice total amount without VAT (BT-109), {total}. With no invoice lines, every amount without VAT must be in one breakdown: correct the taxable amounts or the total.',
  },
};

/** The message of a profile rule, or undefined for an id that is not one. */
export function profileRuleMessage(id: string): RuleMessage | undefined {
  return PROFILE_MESSAGES[id];
}
