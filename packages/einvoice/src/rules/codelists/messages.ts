/**
 * Messages of the code list rules (BR-CL-*). `{code}` is the value found (possibly empty).
 */
import type { RuleMessage } from '../types.js';

export const CODELIST_MESSAGES: Record<string, RuleMessage> = {
  'BR-CL-01': {
    terms: ['BT-3'],
    fr: "Le code de type de facture (BT-3) « {code} » n'est pas un code UNTDID 1001 admis. Utilisez par exemple 380 pour une facture, 381 pour un avoir, 384 pour une facture rectificative, 386 pour une facture d'acompte (en UBL, un avoir CreditNote n'accepte que les codes d'avoir, comme 381).",
    en: 'The invoice type code (BT-3) "{code}" is not an accepted UNTDID 1001 code. Use for example 380 for an invoice, 381 for a credit note, 384 for a corrected invoice, 386 for a prepayment invoice (in UBL, a CreditNote document only accepts credit note codes such as 381).',
  },
  'BR-CL-03': {
    terms: ['BT-5', 'BT-6'],
    fr: "La devise « {code} » indiquée sur un montant (attribut currencyID) n'est pas un code ISO 4217 valide. Indiquez sur chaque montant le code à trois lettres de la devise de la facture (BT-5), par exemple EUR, ou celui de la devise de comptabilisation de la TVA (BT-6) pour le total de TVA dans cette devise.",
    en: 'The currency "{code}" given on an amount (currencyID attribute) is not a valid ISO 4217 code. Give on each amount the three-letter code of the invoice currency (BT-5), for example EUR, or that of the VAT accounting currency (BT-6) for the VAT total in that currency.',
  },
  'BR-CL-04': {
    terms: ['BT-5'],
    fr: "Le code de devise de la facture (BT-5) « {code} » n'est pas un code ISO 4217 valide. Indiquez le code à trois lettres en majuscules, par exemple EUR.",
    en: 'The invoice currency code (BT-5) "{code}" is not a valid ISO 4217 code. Give the three-letter code in capitals, for example EUR.',
  },
  'BR-CL-05': {
    terms: ['BT-6'],
    fr: "Le code de devise de comptabilisation de la TVA (BT-6) « {code} » n'est pas un code ISO 4217 valide. Indiquez le code à trois lettres en majuscules, par exemple EUR, ou retirez-le si la TVA est comptabilisée dans la devise de la facture.",
    en: 'The VAT accounting currency code (BT-6) "{code}" is not a valid ISO 4217 code. Give the three-letter code in capitals, for example EUR, or remove it if VAT is accounted in the invoice currency.',
  },
  'BR-CL-06': {
    terms: ['BT-8'],
    fr: "Le code de date d'exigibilité de la TVA (BT-8) « {code} » n'est pas admis. En UBL, utilisez 3 (date de facture), 35 (date de livraison) ou 432 (date de paiement) ; en CII, 5 (date de facture), 29 (date de livraison) ou 72 (date de paiement).",
    en: 'The value added tax point date code (BT-8) "{code}" is not accepted. In UBL use 3 (invoice date), 35 (delivery date) or 432 (payment date); in CII use 5 (invoice date), 29 (delivery date) or 72 (payment date).',
  },
  'BR-CL-07': {
    terms: ['BT-18-1', 'BT-128-1'],
    fr: "Le schéma d'identification « {code} » de l'objet facturé (BT-18-1 ou BT-128-1) n'est pas un qualifiant de référence UNTDID 1153. Utilisez un code de cette liste (par exemple AAG, AUU, ABZ) ou omettez le schéma.",
    en: 'The scheme "{code}" of the invoiced object identifier (BT-18-1 or BT-128-1) is not a UNTDID 1153 reference qualifier. Use a code from that list (for example AAG, AUU, ABZ) or leave the scheme out.',
  },
  'BR-CL-08': {
    terms: ['BT-21'],
    fr: "Le code de sujet de la note (BT-21) « {code} » n'est pas un code UNTDID 4451. Utilisez un code de cette liste (par exemple AAI informations générales, REG informations réglementaires, PMT paiement) ou retirez le code de la note.",
    en: 'The invoice note subject code (BT-21) "{code}" is not a UNTDID 4451 code. Use a code from that list (for example AAI general information, REG regulatory information, PMT payment) or remove the code from the note.',
  },
  'BR-CL-10': {
    terms: ['BT-29-1', 'BT-46-1', 'BT-60-1'],
    fr: "Le schéma « {code} » d'un identifiant de partie (vendeur BT-29-1, acheteur BT-46-1 ou bénéficiaire BT-60-1) n'est pas un code ISO 6523 (ICD) admis. Utilisez un code à quatre chiffres de cette liste, par exemple 0009 pour un SIRET ou 0088 pour un GLN ; SEPA n'est admis que pour le vendeur et le bénéficiaire.",
    en: 'The scheme "{code}" of a party identifier (seller BT-29-1, buyer BT-46-1 or payee BT-60-1) is not an accepted ISO 6523 (ICD) code. Use a four-digit code from that list, for example 0009 for a French SIRET or 0088 for a GLN; SEPA is only accepted for the seller and the payee.',
  },
  'BR-CL-11': {
    terms: ['BT-30-1', 'BT-47-1', 'BT-61-1'],
    fr: "Le schéma « {code} » d'un identifiant d'immatriculation légale (vendeur BT-30-1, acheteur BT-47-1 ou bénéficiaire BT-61-1) n'est pas un code ISO 6523 (ICD) admis. Utilisez un code à quatre chiffres de cette liste, par exemple 0002 pour un SIREN, ou omettez le schéma.",
    en: 'The scheme "{code}" of a legal registration identifier (seller BT-30-1, buyer BT-47-1 or payee BT-61-1) is not an accepted ISO 6523 (ICD) code. Use a four-digit code from that list, for example 0002 for a French SIREN, or leave the scheme out.',
  },
  'BR-CL-13': {
    terms: ['BT-158-1'],
    fr: "Le schéma de classification d'article (BT-158-1) « {code} » n'est pas un code UNTDID 7143. Utilisez un code de cette liste, par exemple STI, CV (CPV) ou HS.",
    en: 'The item classification scheme (BT-158-1) "{code}" is not a UNTDID 7143 code. Use a code from that list, for example STI, CV (CPV) or HS.',
  },
  'BR-CL-14': {
    terms: ['BT-40', 'BT-55', 'BT-69', 'BT-80'],
    fr: "Le code pays « {code} » d'une adresse (vendeur BT-40, acheteur BT-55, représentant fiscal BT-69, livraison BT-80) n'est pas un code ISO 3166-1 alpha-2. Indiquez le code à deux lettres en majuscules, par exemple FR.",
    en: 'The country code "{code}" of an address (seller BT-40, buyer BT-55, tax representative BT-69, delivery BT-80) is not an ISO 3166-1 alpha-2 code. Give the two-letter code in capitals, for example FR.',
  },
  'BR-CL-15': {
    terms: ['BT-159'],
    fr: "Le pays d'origine de l'article (BT-159) « {code} » n'est pas un code ISO 3166-1 alpha-2. Indiquez le code à deux lettres en majuscules, par exemple FR.",
    en: 'The item country of origin (BT-159) "{code}" is not an ISO 3166-1 alpha-2 code. Give the two-letter code in capitals, for example FR.',
  },
  'BR-CL-16': {
    terms: ['BT-81'],
    fr: "Le code du moyen de paiement (BT-81) « {code} » n'est pas un code UNTDID 4461. Utilisez par exemple 30 (virement), 58 (virement SEPA), 59 (prélèvement SEPA), 48 (carte bancaire) ou 10 (espèces).",
    en: 'The payment means type code (BT-81) "{code}" is not a UNTDID 4461 code. Use for example 30 (credit transfer), 58 (SEPA credit transfer), 59 (SEPA direct debit), 48 (bank card) or 10 (cash).',
  },
  'BR-CL-17': {
    terms: ['BT-95', 'BT-102', 'BT-118'],
    fr: "Le code de catégorie de TVA « {code} » (d'une remise BT-95, d'une charge BT-102 ou d'une ventilation de TVA BT-118) n'est pas admis. Utilisez S, Z, E, AE, K, G, O, L, M ou B (par exemple S pour le taux normal).",
    en: 'The VAT category code "{code}" (of an allowance BT-95, a charge BT-102 or a VAT breakdown BT-118) is not accepted. Use S, Z, E, AE, K, G, O, L, M or B (for example S for the standard rate).',
  },
  'BR-CL-18': {
    terms: ['BT-151', 'BT-118'],
    fr: "Le code de catégorie de TVA « {code} » (de l'article facturé BT-151, ou en CII d'une ventilation de TVA BT-118) n'est pas admis. Utilisez S, Z, E, AE, K, G, O, L, M ou B (par exemple S pour le taux normal).",
    en: 'The VAT category code "{code}" (of the invoiced item BT-151, or in CII of a VAT breakdown BT-118) is not accepted. Use S, Z, E, AE, K, G, O, L, M or B (for example S for the standard rate).',
  },
  'BR-CL-19': {
    terms: ['BT-98', 'BT-140'],
    fr: "Le code de motif de remise « {code} » (BT-98 au niveau document, BT-140 sur une ligne) n'est pas un code UNTDID 5189 admis. Utilisez par exemple 95 (remise), 100 (remise spéciale) ou 41 (bonus), ou décrivez le motif en texte seulement.",
    en: 'The allowance reason code "{code}" (BT-98 on the document, BT-140 on a line) is not an accepted UNTDID 5189 code. Use for example 95 (discount), 100 (special rebate) or 41 (bonus), or give the reason as text only.',
  },
  'BR-CL-20': {
    terms: ['BT-105', 'BT-145'],
    fr: "Le code de motif de charge « {code} » (BT-105 au niveau document, BT-145 sur une ligne) n'est pas un code UNTDID 7161. Utilisez par exemple FC (fret), ABL (emballage) ou SAA (expédition et manutention), ou décrivez le motif en texte seulement.",
    en: 'The charge reason code "{code}" (BT-105 on the document, BT-145 on a line) is not a UNTDID 7161 code. Use for example FC (freight), ABL (packaging) or SAA (shipping and handling), or give the reason as text only.',
  },
  'BR-CL-21': {
    terms: ['BT-157-1'],
    fr: "Le schéma de l'identifiant standard de l'article (BT-157-1) « {code} » n'est pas un code ISO 6523 (ICD) admis. Utilisez par exemple 0160 pour un code GTIN (EAN).",
    en: 'The scheme of the item standard identifier (BT-157-1) "{code}" is not an accepted ISO 6523 (ICD) code. Use for example 0160 for a GTIN (EAN) code.',
  },
  'BR-CL-22': {
    terms: ['BT-121'],
    fr: "Le code de motif d'exonération de TVA (BT-121) « {code} » n'est pas un code VATEX. Utilisez un code de la liste VATEX, par exemple VATEX-EU-AE pour l'autoliquidation ou VATEX-EU-IC pour une livraison intracommunautaire, ou donnez le motif en texte (BT-120).",
    en: 'The VAT exemption reason code (BT-121) "{code}" is not a VATEX code. Use a code from the VATEX list, for example VATEX-EU-AE for reverse charge or VATEX-EU-IC for an intra-community supply, or give the reason as text (BT-120).',
  },
  'BR-CL-23': {
    terms: ['BT-130', 'BT-150'],
    fr: "Le code d'unité de mesure « {code} » (de la quantité facturée BT-130 ou de la quantité de base du prix BT-150) n'est pas un code des recommandations 20 ou 21 de la CEE-ONU. Utilisez par exemple C62 (unité), H87 (pièce), HUR (heure), DAY (jour), KGM (kilogramme) ou LTR (litre).",
    en: 'The unit of measure code "{code}" (of the invoiced quantity BT-130 or the price base quantity BT-150) is not a UNECE Recommendation 20 or 21 code. Use for example C62 (one), H87 (piece), HUR (hour), DAY (day), KGM (kilogram) or LTR (litre).',
  },
  'BR-CL-24': {
    terms: ['BT-125-1'],
    fr: "Le type MIME « {code} » d'une pièce jointe (BT-125-1) n'est pas admis. Seuls sont admis application/pdf, image/png, image/jpeg, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (Excel) et application/vnd.oasis.opendocument.spreadsheet (tableur ODS), écrits exactement ainsi.",
    en: 'The MIME type "{code}" of an attached document (BT-125-1) is not accepted. Only application/pdf, image/png, image/jpeg, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet (Excel) and application/vnd.oasis.opendocument.spreadsheet (ODS spreadsheet) are accepted, written exactly so.',
  },
  'BR-CL-25': {
    terms: ['BT-34-1', 'BT-49-1'],
    fr: "Le schéma « {code} » d'une adresse électronique (vendeur BT-34-1 ou acheteur BT-49-1) n'est pas un code EAS admis. Utilisez un code de la liste EAS, par exemple 0009 (SIRET), 0225 (annuaire français de facturation électronique), 0088 (GLN) ou EM (adresse e-mail).",
    en: 'The scheme "{code}" of an electronic address (seller BT-34-1 or buyer BT-49-1) is not an accepted EAS code. Use a code from the EAS list, for example 0009 (French SIRET), 0225 (French e-invoicing directory), 0088 (GLN) or EM (e-mail address).',
  },
  'BR-CL-26': {
    terms: ['BT-71-1'],
    fr: "Le schéma de l'identifiant du lieu de livraison (BT-71-1) « {code} » n'est pas un code ISO 6523 (ICD) admis. Utilisez par exemple 0088 pour un GLN, ou omettez le schéma.",
    en: 'The scheme of the deliver-to location identifier (BT-71-1) "{code}" is not an accepted ISO 6523 (ICD) code. Use for example 0088 for a GLN, or leave the scheme out.',
  },
};
