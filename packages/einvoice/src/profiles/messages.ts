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
  'FX-PROFILE-SPECIFICATION-ID': {
    terms: ['BT-24'],
    fr: "L'identifiant de spécification (BT-24) « {value} » n'est pas celui du profil Factur-X déclaré, qui admet : {allowed}. Corrigez BT-24, ou déclarez le profil qu'il désigne.",
    en: 'The specification identifier (BT-24) "{value}" is not one of the declared Factur-X profile, which allows: {allowed}. Correct BT-24, or declare the profile it designates.',
  },
  'FX-PROFILE-VAT-CATEGORY': {
    terms: ['BT-95', 'BT-102', 'BT-118', 'BT-151'],
    fr: "Le code de catégorie de TVA « {value} » n'est pas admis par ce profil Factur-X, qui admet : {allowed}.",
    en: 'The VAT category code "{value}" is not allowed by this Factur-X profile, which allows: {allowed}.',
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

/** The VAT category names used in the per-category messages below. */
const CATEGORY_NAMES: Record<string, { fr: string; en: string }> = {
  S: { fr: 'taux normal', en: 'standard rated' },
  Z: { fr: 'taux zéro', en: 'zero rated' },
  E: { fr: 'exonérée', en: 'exempt' },
  AE: { fr: 'autoliquidation', en: 'reverse charge' },
  IC: { fr: 'livraison intracommunautaire', en: 'intra-community supply' },
  G: { fr: 'exportation hors UE', en: 'export outside the EU' },
  O: { fr: 'hors champ de la TVA', en: 'not subject to VAT' },
  AF: { fr: 'IGIC (Canaries)', en: 'IGIC (Canary Islands)' },
  AG: { fr: 'IPSI (Ceuta et Melilla)', en: 'IPSI (Ceuta and Melilla)' },
};

/** Messages of the Factur-X EXTENDED rules and of the profile rules EN 16931 CII lacks. */
const EXTENDED_MESSAGES: Record<string, RuleMessage> = {
  'PEPPOL-EN16931-R008': {
    terms: [],
    fr: 'Un élément est vide : il ne contient ni valeur ni élément. Retirez-le, ou donnez-lui sa valeur.',
    en: 'An element is empty: it holds neither a value nor an element. Remove it, or give it its value.',
  },
  'BR-CO-25': {
    terms: ['BT-115', 'BT-9', 'BT-20'],
    fr: 'Le montant à payer (BT-115) est positif, mais la facture ne donne ni date d’échéance (BT-9) ni conditions de paiement (BT-20). Ajoutez l’une ou l’autre.',
    en: 'The amount due for payment (BT-115) is positive, but the invoice gives neither a payment due date (BT-9) nor payment terms (BT-20). Add one of them.',
  },
  'BR-FXEXT-CO-10': {
    terms: ['BT-106', 'BT-131'],
    fr: 'La somme des montants nets des lignes (BT-106) n’est pas la somme des montants nets des lignes de détail (BT-131, lignes de regroupement et d’information exclues), à 0,01 près par ligne.',
    en: 'The sum of invoice line net amounts (BT-106) is not the sum of the detail lines’ net amounts (BT-131, group and information lines left out), within 0.01 per line.',
  },
  'BR-FXEXT-CO-11': {
    terms: ['BT-107', 'BT-92'],
    fr: 'La somme des remises au niveau du document (BT-107) n’est pas la somme de leurs montants (BT-92), à 0,01 près par remise ; elle est requise dès qu’il y a une remise.',
    en: 'The sum of document level allowances (BT-107) is not the sum of their amounts (BT-92), within 0.01 per allowance; it is required as soon as there is an allowance.',
  },
  'BR-FXEXT-CO-12': {
    terms: ['BT-108', 'BT-99'],
    fr: 'La somme des frais au niveau du document (BT-108) n’est pas la somme de leurs montants (BT-99) et des frais de services logistiques, à 0,01 près par montant ; elle est requise dès qu’il y a des frais.',
    en: 'The sum of document level charges (BT-108) is not the sum of their amounts (BT-99) and of the logistics service charges, within 0.01 per amount; it is required as soon as there is a charge.',
  },
  'BR-FXEXT-CO-13': {
    terms: ['BT-109', 'BT-131', 'BT-92', 'BT-99'],
    fr: 'Le montant total hors TVA (BT-109) n’est pas la somme des lignes de détail, moins les remises, plus les frais et les frais logistiques, à 0,01 près par montant (ou il manque).',
    en: 'The invoice total without VAT (BT-109) is not the sum of the detail lines, less the allowances, plus the charges and logistics charges, within 0.01 per amount (or it is missing).',
  },
  'BR-FXEXT-CO-15': {
    terms: ['BT-112', 'BT-109', 'BT-110'],
    fr: 'Le montant total TTC (BT-112) n’est pas le total hors TVA (BT-109) plus le total de TVA (BT-110), à 0,01 près par montant, ou le total de TVA dans la devise de la facture (BT-5) manque ou est donné plusieurs fois.',
    en: 'The invoice total with VAT (BT-112) is not the total without VAT (BT-109) plus the VAT total (BT-110), within 0.01 per amount, or the VAT total in the invoice currency (BT-5) is missing or given more than once.',
  },
  'BR-FXEXT-CO-16': {
    terms: ['BT-115', 'BT-112', 'BT-113', 'BT-114'],
    fr: 'Le montant à payer (BT-115) n’est pas le total TTC (BT-112), moins le montant déjà payé (BT-113), plus l’arrondi (BT-114) et les ajustements financiers.',
    en: 'The amount due for payment (BT-115) is not the total with VAT (BT-112), less the paid amount (BT-113), plus the rounding amount (BT-114) and the financial adjustments.',
  },
  'BR-FXEXT-BR-24': {
    terms: ['BT-131', 'BG-25'],
    fr: 'Une ligne de détail (sous-type DETAIL ou non précisé) n’a pas de montant net (BT-131).',
    en: 'A detail line (sub-type DETAIL or none) has no net amount (BT-131).',
  },
  'BR-FXEXT-CO-04': {
    terms: ['BT-151', 'BG-25'],
    fr: 'Une ligne de détail (sous-type DETAIL ou non précisé) n’a pas de code de catégorie de TVA (BT-151) sous une taxe de type VAT.',
    en: 'A detail line (sub-type DETAIL or none) has no VAT category code (BT-151) under a tax of type VAT.',
  },
};
EXTENDED_MESSAGES['BR-FXEXT-S-09b'] = {
  terms: ['BT-117', 'BT-116', 'BT-119'],
  fr: 'Le montant de TVA (BT-117) d’une ventilation au taux normal n’est pas sa base (BT-116) multipliée par son taux (BT-119), à 0,01 près par montant de ce taux (ou la base, le taux ou le montant manque).',
  en: 'The VAT amount (BT-117) of a standard rated breakdown is not its taxable amount (BT-116) times its rate (BT-119), within 0.01 per amount at that rate (or the amount, rate or VAT is missing).',
};
Object.assign(EXTENDED_MESSAGES, {
  'BR-FXEXT-BR-22': {
    terms: ['BT-129', 'BG-25'],
    fr: 'Une ligne de détail (sous-type DETAIL ou non précisé) n’a pas de quantité facturée (BT-129).',
    en: 'A detail line (sub-type DETAIL or none) has no invoiced quantity (BT-129).',
  },
  'BR-FXEXT-BR-23': {
    terms: ['BT-130', 'BG-25'],
    fr: 'Une ligne de détail (sous-type DETAIL ou non précisé) n’a pas d’unité de mesure de la quantité facturée (BT-130).',
    en: 'A detail line (sub-type DETAIL or none) has no unit of measure for its invoiced quantity (BT-130).',
  },
  'BR-FXEXT-BR-26': {
    terms: ['BT-146', 'BG-25'],
    fr: 'Une ligne de détail (sous-type DETAIL ou non précisé) n’a pas de prix net de l’article (BT-146).',
    en: 'A detail line (sub-type DETAIL or none) has no item net price (BT-146).',
  },
  'BR-FXEXT-BR-38': {
    terms: ['BT-104', 'BT-105', 'BG-21'],
    fr: 'Des frais au niveau du document (BG-21) n’ont ni motif (BT-104) ni code de motif (BT-105).',
    en: 'A document level charge (BG-21) has neither a reason (BT-104) nor a reason code (BT-105).',
  },
  'BR-FXEXT-BR-44': {
    terms: ['BT-144', 'BT-145', 'BG-28'],
    fr: 'Des frais sur une ligne (BG-28) n’ont ni motif (BT-144) ni code de motif (BT-145).',
    en: 'An invoice line charge (BG-28) has neither a reason (BT-144) nor a reason code (BT-145).',
  },
  'BR-FXEXT-BR-54-1': {
    terms: ['BT-160', 'BG-32'],
    fr: 'Un attribut d’article (BG-32) n’a ni nom (BT-160) ni code.',
    en: 'An item attribute (BG-32) has neither a name (BT-160) nor a code.',
  },
  'BR-FXEXT-BR-54-2': {
    terms: ['BT-161', 'BG-32'],
    fr: 'Un attribut d’article (BG-32) doit avoir soit une valeur (BT-161), soit une valeur mesurée avec son unité, et pas les deux.',
    en: 'An item attribute (BG-32) must have either a value (BT-161) or a measured value with its unit, not both.',
  },
  'BR-FXEXT-01': {
    terms: ['BT-21', 'BT-22', 'BG-1'],
    fr: 'Une note de facture (BG-1) a un code de sujet (BT-21) mais ni texte (BT-22) ni texte codé (BT-X-5) : ajoutez l’un ou l’autre (ou les deux, de même sens).',
    en: 'An invoice note (BG-1) has a subject code (BT-21) but neither a text (BT-22) nor a coded text (BT-X-5): add one of them (or both, with the same meaning).',
  },
  'BR-FXEXT-02': {
    terms: ['BT-X-10', 'BT-127', 'BG-25'],
    fr: 'Une note de ligne a un code de sujet (BT-X-10) mais ni texte (BT-127) ni texte codé (BT-X-9) : ajoutez l’un ou l’autre (ou les deux, de même sens).',
    en: 'An invoice line note has a subject code (BT-X-10) but neither a text (BT-127) nor a coded text (BT-X-9): add one of them (or both, with the same meaning).',
  },
  'BR-FXEXT-03': {
    terms: ['BT-X-66', 'BT-X-161', 'BT-X-223', 'BT-X-242'],
    fr: 'Un identifiant fiscal d’un partenaire autre que le vendeur (livraison, facturé, payeur, bénéficiaire, agent…) n’est pas un numéro de TVA : seul le schéma « VA » est admis ici (schéma donné : « {scheme} »).',
    en: 'A tax registration identifier of a business partner other than the seller (ship-to, invoicee, payer, payee, agent…) is not a VAT identifier: only the scheme "VA" is allowed here (scheme given: "{scheme}").',
  },
  'BR-FXEXT-04': {
    terms: ['BG-32'],
    fr: 'Le code d’attribut d’article « {value} » n’est pas dans la liste UNTDED 6313 + extension Factur-X : le destinataire ne pourra pas le traiter sans accord préalable.',
    en: 'The item attribute code "{value}" is not in the UNTDED 6313 + Factur-X extension code list: the recipient cannot process it without a bilateral agreement.',
  },
  'BR-FXEXT-CII-DT-097a': {
    // The dates CII writes as udt:DateTimeString (the document's; the lines' too).
    terms: ['BT-2', 'BT-7', 'BT-9', 'BT-72', 'BT-73', 'BT-74', 'BT-134', 'BT-135'],
    fr: 'Une date et heure au format 205 (« {value} ») doit s’écrire AAAAMMJJHHMM (année, mois, jour, heure, minute).',
    en: 'A date and time in format 205 ("{value}") must be written CCYYMMDDHHMM (year, month, day, hour, minute).',
  },
  'BR-FXEXT-06': {
    terms: ['BG-25'],
    fr: 'Des lignes sont imbriquées (identifiant de ligne parente, BT-X-304) : chaque ligne parente ou enfant doit avoir un sous-type (DETAIL, GROUP ou INFORMATION, BT-X-8).',
    en: 'Lines are nested (parent line identifier, BT-X-304): every parent or child line must have a sub-type (DETAIL, GROUP or INFORMATION, BT-X-8).',
  },
  'BR-FXEXT-08': {
    terms: ['BT-131', 'BG-25'],
    fr: 'Le montant net d’une ligne de regroupement (GROUP) n’est pas la somme des montants nets (BT-131) de ses lignes enfants DETAIL et GROUP.',
    en: 'The net amount of a group line (GROUP) is not the sum of the net amounts (BT-131) of its DETAIL and GROUP child lines.',
  },
  'BR-FXEXT-11': {
    terms: ['BT-126', 'BG-25'],
    fr: 'L’identifiant de ligne parente (BT-X-304) ne désigne aucune ligne de la facture (BT-126).',
    en: 'The parent line identifier (BT-X-304) designates no line of the invoice (BT-126).',
  },
  'BR-FXEXT-12': {
    terms: ['BT-131', 'BG-25'],
    fr: 'Une ligne de regroupement (GROUP) a un montant net : chacune de ses lignes enfants GROUP doit en avoir un aussi (BT-131).',
    en: 'A group line (GROUP) has a net amount: each of its GROUP child lines must have one too (BT-131).',
  },
} satisfies Record<string, RuleMessage>);
for (const [id, name] of Object.entries(CATEGORY_NAMES)) {
  EXTENDED_MESSAGES[`BR-FXEXT-${id}-01`] = {
    terms: ['BG-23', 'BT-118', 'BT-151'],
    fr: `La catégorie de TVA « {category} » (${name.fr}) est utilisée par une ligne, une remise ou des frais sans ventilation de TVA (BG-23) de cette catégorie, ou l’inverse : ajoutez la ventilation, ou retirez celle qui ne sert à rien.`,
    en: `VAT category "{category}" (${name.en}) is used by a line, an allowance or a charge with no VAT breakdown (BG-23) of that category, or the other way round: add the breakdown, or remove the one nothing uses.`,
  };
  const base = (how: { fr: string; en: string }): RuleMessage => ({
    terms: ['BT-116', 'BT-118', 'BT-119'],
    fr: `La base d’imposition (BT-116) de la ventilation de TVA « {category} » (${name.fr}) n’est pas la somme des lignes de détail, moins les remises, plus les frais et frais logistiques de cette catégorie ${how.fr}, à 0,01 près par montant (ou la base ou le taux manque).`,
    en: `The taxable amount (BT-116) of the "{category}" (${name.en}) VAT breakdown is not the sum of the detail lines, less the allowances, plus the charges and logistics charges of that category ${how.en}, within 0.01 per amount (or the amount or rate is missing).`,
  });
  EXTENDED_MESSAGES[`BR-FXEXT-${id}-08ini`] = base({ fr: 'et de ce taux', en: 'and rate' });
  EXTENDED_MESSAGES[`BR-FXEXT-${id}-08rev`] = base({
    fr: 'de ce taux et de ce motif d’exonération',
    en: 'with that rate and exemption reason',
  });
  EXTENDED_MESSAGES[id === 'S' ? 'BR-FXEXT-S08b' : `BR-FXEXT-${id}-08b`] = base({
    fr: 'ni par taux, ni par taux et motif d’exonération',
    en: 'neither per rate nor per rate and exemption reason',
  });
}
Object.assign(PROFILE_MESSAGES, EXTENDED_MESSAGES);
