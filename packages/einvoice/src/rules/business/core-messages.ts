/**
 * Messages of the core business rules (BR-01 … BR-65, BR-B-01, BR-B-02): what is wrong,
 * which business term, how to fix it, in words a small supplier can act on.
 */
import type { RuleMessage } from '../types.js';

export const CORE_MESSAGES: Record<string, RuleMessage> = {
  'BR-01': {
    terms: ['BT-24'],
    fr: "L'identifiant de spécification (BT-24, « Spécification identifiant ») manque. Indiquez la norme suivie, par exemple « urn:cen.eu:en16931:2017 ».",
    en: 'The specification identifier (BT-24, "Specification identifier") is missing. State the standard the invoice follows, for example "urn:cen.eu:en16931:2017".',
  },
  'BR-02': {
    terms: ['BT-1'],
    fr: 'Le numéro de facture (BT-1, « Numéro de facture ») manque. Donnez à la facture son numéro unique.',
    en: 'The invoice number (BT-1, "Invoice number") is missing. Give the invoice its unique number.',
  },
  'BR-03': {
    terms: ['BT-2'],
    fr: "La date d'émission (BT-2, « Date d'émission de la facture ») manque. Indiquez la date à laquelle la facture est émise.",
    en: 'The issue date (BT-2, "Invoice issue date") is missing. State the date the invoice is issued.',
  },
  'BR-04': {
    terms: ['BT-3'],
    fr: 'Le code de type de facture (BT-3, « Code de type de facture ») manque. Indiquez par exemple 380 pour une facture ou 381 pour un avoir.',
    en: 'The invoice type code (BT-3, "Invoice type code") is missing. Use for example 380 for an invoice or 381 for a credit note.',
  },
  'BR-05': {
    terms: ['BT-5'],
    fr: 'La devise de la facture (BT-5, « Code de devise de la facture ») manque. Indiquez le code ISO 4217 de la devise, par exemple EUR.',
    en: 'The invoice currency (BT-5, "Invoice currency code") is missing. Give the ISO 4217 currency code, for example EUR.',
  },
  'BR-06': {
    terms: ['BG-4', 'BT-27'],
    fr: 'Le nom du vendeur (BT-27, « Nom du vendeur ») manque. Indiquez la raison sociale du vendeur.',
    en: 'The seller\'s name (BT-27, "Seller name") is missing. Give the seller\'s registered name.',
  },
  'BR-07': {
    terms: ['BG-7', 'BT-44'],
    fr: "Le nom de l'acheteur (BT-44, « Nom de l'acheteur ») manque. Indiquez la raison sociale de l'acheteur.",
    en: 'The buyer\'s name (BT-44, "Buyer name") is missing. Give the buyer\'s registered name.',
  },
  'BR-08': {
    terms: ['BG-4', 'BG-5'],
    fr: "L'adresse postale du vendeur (BG-5, « Adresse postale du vendeur ») manque. Ajoutez-la, avec au moins le code pays.",
    en: 'The seller\'s postal address (BG-5, "Seller postal address") is missing. Add it, with at least the country code.',
  },
  'BR-09': {
    terms: ['BG-5', 'BT-40'],
    fr: 'Le code pays du vendeur (BT-40, « Code de pays du vendeur ») manque dans son adresse. Indiquez le code ISO 3166-1 alpha-2, par exemple FR.',
    en: 'The seller\'s country code (BT-40, "Seller country code") is missing from its address. Give the ISO 3166-1 alpha-2 code, for example FR.',
  },
  'BR-10': {
    terms: ['BG-7', 'BG-8'],
    fr: "L'adresse postale de l'acheteur (BG-8, « Adresse postale de l'acheteur ») manque. Ajoutez-la, avec au moins le code pays.",
    en: 'The buyer\'s postal address (BG-8, "Buyer postal address") is missing. Add it, with at least the country code.',
  },
  'BR-11': {
    terms: ['BG-8', 'BT-55'],
    fr: "Le code pays de l'acheteur (BT-55, « Code de pays de l'acheteur ») manque dans son adresse. Indiquez le code ISO 3166-1 alpha-2, par exemple FR.",
    en: 'The buyer\'s country code (BT-55, "Buyer country code") is missing from its address. Give the ISO 3166-1 alpha-2 code, for example FR.',
  },
  'BR-12': {
    terms: ['BG-22', 'BT-106'],
    fr: 'La somme des montants nets des lignes (BT-106, « Somme des montants nets des lignes de facture ») manque dans les totaux. Ajoutez-la.',
    en: 'The sum of invoice line net amounts (BT-106, "Sum of Invoice line net amount") is missing from the totals. Add it.',
  },
  'BR-13': {
    terms: ['BG-22', 'BT-109'],
    fr: 'Le total hors TVA (BT-109, « Montant total de la facture hors TVA ») manque dans les totaux. Ajoutez-le.',
    en: 'The total without VAT (BT-109, "Invoice total amount without VAT") is missing from the totals. Add it.',
  },
  'BR-14': {
    terms: ['BG-22', 'BT-112'],
    fr: 'Le total TVA comprise (BT-112, « Montant total de la facture TVA comprise ») manque dans les totaux. Ajoutez-le.',
    en: 'The total with VAT (BT-112, "Invoice total amount with VAT") is missing from the totals. Add it.',
  },
  'BR-15': {
    terms: ['BG-22', 'BT-115'],
    fr: 'Le montant à payer (BT-115, « Montant à payer ») manque dans les totaux. Ajoutez-le.',
    en: 'The amount due for payment (BT-115, "Amount due for payment") is missing from the totals. Add it.',
  },
  'BR-16': {
    terms: ['BG-25'],
    fr: 'La facture ne contient aucune ligne (BG-25, « Ligne de facture »). Ajoutez au moins une ligne.',
    en: 'The invoice has no line (BG-25, "Invoice line"). Add at least one line.',
  },
  'BR-17': {
    terms: ['BG-10', 'BT-59'],
    fr: "Le bénéficiaire du paiement (BG-10) doit avoir un nom (BT-59, « Nom du bénéficiaire ») et être distinct du vendeur. Indiquez son nom, ou retirez le bénéficiaire s'il s'agit du vendeur lui-même.",
    en: 'The payee (BG-10) must have a name (BT-59, "Payee name") and be someone other than the seller. Give its name, or remove the payee if it is the seller.',
  },
  'BR-18': {
    terms: ['BG-11', 'BT-62'],
    fr: 'Le nom du représentant fiscal du vendeur (BT-62, « Nom du représentant fiscal du vendeur ») manque. Indiquez-le.',
    en: 'The name of the seller\'s tax representative (BT-62, "Seller tax representative name") is missing. Give it.',
  },
  'BR-19': {
    terms: ['BG-11', 'BG-12'],
    fr: "L'adresse postale du représentant fiscal (BG-12, « Adresse postale du représentant fiscal du vendeur ») manque. Ajoutez-la, avec au moins le code pays.",
    en: 'The tax representative\'s postal address (BG-12, "Seller tax representative postal address") is missing. Add it, with at least the country code.',
  },
  'BR-20': {
    terms: ['BG-12', 'BT-69'],
    fr: 'Le code pays du représentant fiscal (BT-69, « Code de pays du représentant fiscal ») manque dans son adresse. Indiquez le code ISO 3166-1 alpha-2.',
    en: 'The tax representative\'s country code (BT-69, "Tax representative country code") is missing from its address. Give the ISO 3166-1 alpha-2 code.',
  },
  'BR-21': {
    terms: ['BG-25', 'BT-126'],
    fr: "Une ligne de facture n'a pas d'identifiant (BT-126, « Identifiant de ligne de facture »). Numérotez chaque ligne.",
    en: 'An invoice line has no identifier (BT-126, "Invoice line identifier"). Number every line.',
  },
  'BR-22': {
    terms: ['BG-25', 'BT-129'],
    fr: "Une ligne de facture n'a pas de quantité (BT-129, « Quantité facturée »). Indiquez la quantité facturée.",
    en: 'An invoice line has no quantity (BT-129, "Invoiced quantity"). Give the quantity invoiced.',
  },
  'BR-23': {
    terms: ['BG-25', 'BT-130'],
    fr: "La quantité d'une ligne n'a pas d'unité de mesure (BT-130, « Code de l'unité de mesure de la quantité facturée »). Indiquez l'unité, par exemple C62 pour « unité » ou HUR pour « heure ».",
    en: 'A line quantity has no unit of measure (BT-130, "Invoiced quantity unit of measure code"). Give the unit, for example C62 for "one" or HUR for "hour".',
  },
  'BR-24': {
    terms: ['BG-25', 'BT-131'],
    fr: "Une ligne de facture n'a pas de montant net (BT-131, « Montant net de ligne de facture »). Indiquez-le : quantité × prix net, moins les remises, plus les frais de la ligne.",
    en: 'An invoice line has no net amount (BT-131, "Invoice line net amount"). Give it: quantity × net price, minus line allowances, plus line charges.',
  },
  'BR-25': {
    terms: ['BG-31', 'BT-153'],
    fr: "Une ligne de facture n'a pas de nom d'article (BT-153, « Nom de l'article »). Indiquez ce qui est vendu.",
    en: 'An invoice line has no item name (BT-153, "Item name"). Say what is sold.',
  },
  'BR-26': {
    terms: ['BG-29', 'BT-146'],
    fr: "Une ligne de facture n'a pas de prix net (BT-146, « Prix net de l'article »). Indiquez le prix unitaire hors TVA.",
    en: 'An invoice line has no net price (BT-146, "Item net price"). Give the unit price without VAT.',
  },
  'BR-27': {
    terms: ['BG-29', 'BT-146'],
    fr: "Le prix net d'un article (BT-146, « Prix net de l'article ») est négatif ou absent. Un prix ne peut pas être négatif : pour une réduction, utilisez une remise ou une quantité négative.",
    en: 'An item net price (BT-146, "Item net price") is negative or missing. A price cannot be negative: for a reduction use an allowance or a negative quantity.',
  },
  'BR-28': {
    terms: ['BG-29', 'BT-148'],
    fr: "Le prix brut d'un article (BT-148, « Prix brut de l'article ») est négatif. Indiquez un prix brut positif ou nul.",
    en: 'An item gross price (BT-148, "Item gross price") is negative. Give a gross price of zero or more.',
  },
  'BR-29': {
    terms: ['BG-14', 'BT-73', 'BT-74'],
    fr: 'La date de fin de période de facturation (BT-74, « Date de fin de période de facturation ») est antérieure à la date de début (BT-73). Corrigez les dates.',
    en: 'The invoicing period end date (BT-74, "Invoicing period end date") is before its start date (BT-73). Correct the dates.',
  },
  'BR-30': {
    terms: ['BG-26', 'BT-134', 'BT-135'],
    fr: "La date de fin de période d'une ligne (BT-135, « Date de fin de période de facturation de ligne ») est antérieure à sa date de début (BT-134). Corrigez les dates.",
    en: 'A line period end date (BT-135, "Invoice line period end date") is before its start date (BT-134). Correct the dates.',
  },
  'BR-31': {
    terms: ['BG-20', 'BT-92'],
    fr: "Une remise au niveau du document n'a pas de montant (BT-92, « Montant de la remise au niveau du document »). Indiquez-le, hors TVA.",
    en: 'A document level allowance has no amount (BT-92, "Document level allowance amount"). Give it, without VAT.',
  },
  'BR-32': {
    terms: ['BG-20', 'BT-95'],
    fr: "Une remise au niveau du document n'a pas de catégorie de TVA (BT-95, « Code de catégorie de TVA de la remise »). Indiquez la catégorie, par exemple S pour le taux normal.",
    en: 'A document level allowance has no VAT category (BT-95, "Document level allowance VAT category code"). Give the category, for example S for standard rate.',
  },
  'BR-33': {
    terms: ['BG-20', 'BT-97', 'BT-98'],
    fr: "Une remise au niveau du document n'a ni motif (BT-97, « Motif de la remise ») ni code de motif (BT-98). Indiquez au moins l'un des deux.",
    en: 'A document level allowance has neither a reason (BT-97, "Document level allowance reason") nor a reason code (BT-98). Give at least one.',
  },
  'BR-36': {
    terms: ['BG-21', 'BT-99'],
    fr: "Des frais au niveau du document n'ont pas de montant (BT-99, « Montant des frais au niveau du document »). Indiquez-le, hors TVA.",
    en: 'A document level charge has no amount (BT-99, "Document level charge amount"). Give it, without VAT.',
  },
  'BR-37': {
    terms: ['BG-21', 'BT-102'],
    fr: "Des frais au niveau du document n'ont pas de catégorie de TVA (BT-102, « Code de catégorie de TVA des frais »). Indiquez la catégorie, par exemple S pour le taux normal.",
    en: 'A document level charge has no VAT category (BT-102, "Document level charge VAT category code"). Give the category, for example S for standard rate.',
  },
  'BR-38': {
    terms: ['BG-21', 'BT-104', 'BT-105'],
    fr: "Des frais au niveau du document n'ont ni motif (BT-104, « Motif des frais ») ni code de motif (BT-105). Indiquez au moins l'un des deux.",
    en: 'A document level charge has neither a reason (BT-104, "Document level charge reason") nor a reason code (BT-105). Give at least one.',
  },
  'BR-41': {
    terms: ['BG-27', 'BT-136'],
    fr: "Une remise sur ligne n'a pas de montant (BT-136, « Montant de la remise sur ligne »). Indiquez-le, hors TVA.",
    en: 'An invoice line allowance has no amount (BT-136, "Invoice line allowance amount"). Give it, without VAT.',
  },
  'BR-42': {
    terms: ['BG-27', 'BT-139', 'BT-140'],
    fr: "Une remise sur ligne n'a ni motif (BT-139, « Motif de la remise sur ligne ») ni code de motif (BT-140). Indiquez au moins l'un des deux.",
    en: 'An invoice line allowance has neither a reason (BT-139, "Invoice line allowance reason") nor a reason code (BT-140). Give at least one.',
  },
  'BR-43': {
    terms: ['BG-28', 'BT-141'],
    fr: "Des frais sur ligne n'ont pas de montant (BT-141, « Montant des frais sur ligne »). Indiquez-le, hors TVA.",
    en: 'An invoice line charge has no amount (BT-141, "Invoice line charge amount"). Give it, without VAT.',
  },
  'BR-44': {
    terms: ['BG-28', 'BT-144', 'BT-145'],
    fr: "Des frais sur ligne n'ont ni motif (BT-144, « Motif des frais sur ligne ») ni code de motif (BT-145). Indiquez au moins l'un des deux.",
    en: 'An invoice line charge has neither a reason (BT-144, "Invoice line charge reason") nor a reason code (BT-145). Give at least one.',
  },
  'BR-45': {
    terms: ['BG-23', 'BT-116'],
    fr: "Une ligne du récapitulatif de TVA n'a pas de base d'imposition (BT-116, « Base d'imposition de la catégorie de TVA »). Indiquez-la.",
    en: 'A VAT breakdown has no taxable amount (BT-116, "VAT category taxable amount"). Give it.',
  },
  'BR-46': {
    terms: ['BG-23', 'BT-117'],
    fr: "Une ligne du récapitulatif de TVA n'a pas de montant de TVA (BT-117, « Montant de la TVA de la catégorie »). Indiquez-le, même s'il vaut 0.",
    en: 'A VAT breakdown has no VAT amount (BT-117, "VAT category tax amount"). Give it, even when it is 0.',
  },
  'BR-47': {
    terms: ['BG-23', 'BT-118'],
    fr: "Une ligne du récapitulatif de TVA n'a pas de catégorie de TVA (BT-118, « Code de catégorie de TVA »). Indiquez-la, par exemple S pour le taux normal.",
    en: 'A VAT breakdown has no VAT category (BT-118, "VAT category code"). Give it, for example S for standard rate.',
  },
  'BR-48': {
    terms: ['BG-23', 'BT-119'],
    fr: "Une ligne du récapitulatif de TVA n'a pas de taux (BT-119, « Taux de la catégorie de TVA »). Indiquez le taux, 0 compris ; seule la catégorie O (hors champ de la TVA) s'en passe.",
    en: 'A VAT breakdown has no rate (BT-119, "VAT category rate"). Give the rate, 0 included; only category O (not subject to VAT) goes without.',
  },
  'BR-49': {
    terms: ['BG-16', 'BT-81'],
    fr: "Les instructions de paiement n'ont pas de code de moyen de paiement (BT-81, « Code de type de moyen de paiement »). Indiquez-le, par exemple 30 ou 58 pour un virement.",
    en: 'The payment instructions have no payment means code (BT-81, "Payment means type code"). Give it, for example 30 or 58 for a credit transfer.',
  },
  'BR-50': {
    terms: ['BG-17', 'BT-84'],
    fr: "Le paiement est un virement mais le compte à créditer (BT-84, « Identifiant du compte de paiement ») est vide. Indiquez l'IBAN ou le numéro de compte.",
    en: 'Payment is by credit transfer but the account to credit (BT-84, "Payment account identifier") is empty. Give the IBAN or account number.',
  },
  'BR-51': {
    terms: ['BG-18', 'BT-87'],
    fr: "Le numéro de carte de paiement (BT-87, « Numéro de compte principal de la carte de paiement ») dépasse 10 caractères. N'indiquez que les 4 à 6 derniers chiffres, jamais le numéro complet.",
    en: 'The payment card number (BT-87, "Payment card primary account number") is longer than 10 characters. Give only the last 4 to 6 digits, never the full number.',
  },
  'BR-52': {
    terms: ['BG-24', 'BT-122'],
    fr: "Un justificatif joint n'a pas de référence (BT-122, « Référence du document justificatif »). Indiquez la référence de chaque document joint.",
    en: 'A supporting document has no reference (BT-122, "Supporting document reference"). Give a reference for each supporting document.',
  },
  'BR-53': {
    terms: ['BT-6', 'BT-111'],
    fr: "Une devise de comptabilisation de la TVA (BT-6) est indiquée, mais pas le total de TVA dans cette devise (BT-111, « Montant total de TVA en devise de comptabilisation »), ou bien cette devise est celle de la facture. Ajoutez le total dans cette devise, ou retirez BT-6 s'il est identique à la devise de la facture.",
    en: 'A VAT accounting currency (BT-6) is given, but not the VAT total in that currency (BT-111, "Invoice total VAT amount in accounting currency"), or that currency is the invoice currency. Add the total in that currency, or remove BT-6 when it equals the invoice currency.',
  },
  'BR-54': {
    terms: ['BG-32', 'BT-160', 'BT-161'],
    fr: "Un attribut d'article (BG-32) doit avoir à la fois un nom (BT-160, « Nom de l'attribut d'article ») et une valeur (BT-161). Complétez l'élément manquant.",
    en: 'An item attribute (BG-32) needs both a name (BT-160, "Item attribute name") and a value (BT-161). Add the missing one.',
  },
  'BR-55': {
    terms: ['BG-3', 'BT-25'],
    fr: "Une référence à une facture antérieure (BG-3) n'a pas de numéro (BT-25, « Référence à une facture antérieure »). Indiquez le numéro de la facture concernée.",
    en: 'A preceding invoice reference (BG-3) has no number (BT-25, "Preceding Invoice reference"). Give the number of the invoice referred to.',
  },
  'BR-56': {
    terms: ['BG-11', 'BT-63'],
    fr: 'Le numéro de TVA du représentant fiscal (BT-63, « Identifiant à la TVA du représentant fiscal du vendeur ») manque. Indiquez-le, préfixé du code pays.',
    en: 'The tax representative\'s VAT number (BT-63, "Seller tax representative VAT identifier") is missing. Give it, with its country prefix.',
  },
  'BR-57': {
    terms: ['BG-15', 'BT-80'],
    fr: "L'adresse de livraison n'a pas de code pays (BT-80, « Code du pays de livraison »). Indiquez le code ISO 3166-1 alpha-2.",
    en: 'The deliver-to address has no country code (BT-80, "Deliver to country code"). Give the ISO 3166-1 alpha-2 code.',
  },
  'BR-61': {
    terms: ['BG-17', 'BT-84', 'BT-81'],
    fr: "Le moyen de paiement est un virement (code 30 ou 58, BT-81) mais aucun compte à créditer n'est indiqué (BT-84, « Identifiant du compte de paiement »). Ajoutez l'IBAN ou le numéro de compte.",
    en: 'The payment means is a credit transfer (code 30 or 58, BT-81) but no account to credit is given (BT-84, "Payment account identifier"). Add the IBAN or account number.',
  },
  'BR-62': {
    terms: ['BT-34', 'BT-34-1'],
    fr: "L'adresse électronique du vendeur (BT-34, « Adresse électronique du vendeur ») n'a pas d'identifiant de schéma (BT-34-1). Indiquez le schéma, par exemple 0009 pour un SIRET ou EM pour une adresse e-mail.",
    en: 'The seller\'s electronic address (BT-34, "Seller electronic address") has no scheme identifier (BT-34-1). Give the scheme, for example 0009 for a SIRET or EM for an e-mail address.',
  },
  'BR-63': {
    terms: ['BT-49', 'BT-49-1'],
    fr: "L'adresse électronique de l'acheteur (BT-49, « Adresse électronique de l'acheteur ») n'a pas d'identifiant de schéma (BT-49-1). Indiquez le schéma, par exemple 0009 pour un SIRET ou EM pour une adresse e-mail.",
    en: 'The buyer\'s electronic address (BT-49, "Buyer electronic address") has no scheme identifier (BT-49-1). Give the scheme, for example 0009 for a SIRET or EM for an e-mail address.',
  },
  'BR-64': {
    terms: ['BT-157', 'BT-157-1'],
    fr: "L'identifiant standard d'un article (BT-157, « Identifiant standard de l'article ») n'a pas d'identifiant de schéma (BT-157-1). Indiquez le schéma, par exemple 0160 pour un GTIN.",
    en: 'An item standard identifier (BT-157, "Item standard identifier") has no scheme identifier (BT-157-1). Give the scheme, for example 0160 for a GTIN.',
  },
  'BR-65': {
    terms: ['BT-158', 'BT-158-1'],
    fr: "Le code de classification d'un article (BT-158, « Identifiant de la classification de l'article ») n'a pas d'identifiant de schéma (BT-158-1). Indiquez la nomenclature, par exemple HS pour le Système harmonisé.",
    en: 'An item classification code (BT-158, "Item classification identifier") has no scheme identifier (BT-158-1). Give the classification scheme, for example HS for the Harmonised System.',
  },
  'BR-B-01': {
    terms: ['BT-118', 'BT-151', 'BT-40', 'BT-55'],
    fr: "La catégorie de TVA B (paiement scindé, « split payment », BT-118 ou BT-151) n'est possible que pour des factures entre parties italiennes, or un code pays de la facture (BT-40, BT-55…) n'est pas IT. Utilisez une autre catégorie de TVA ou vérifiez les codes pays.",
    en: 'VAT category B (split payment, BT-118 or BT-151) is only allowed on invoices between Italian parties, but a country code on the invoice (BT-40, BT-55…) is not IT. Use another VAT category or check the country codes.',
  },
  'BR-B-02': {
    terms: ['BT-118', 'BT-151'],
    fr: 'Une facture avec la catégorie de TVA B (paiement scindé, BT-118 ou BT-151) ne peut pas aussi contenir la catégorie S (taux normal). Émettez deux factures ou utilisez une seule de ces catégories.',
    en: 'An invoice with VAT category B (split payment, BT-118 or BT-151) cannot also contain category S (standard rate). Issue two invoices or use only one of these categories.',
  },
};
