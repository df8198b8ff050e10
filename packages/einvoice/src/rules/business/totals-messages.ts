/**
 * Messages of the BR-CO rules (totals.ts). Placeholders: {expected} the value the rule
 * computed, {found} the value in the invoice ('—' when absent), plus those named below.
 */
import type { RuleMessage } from '../types.js';

export const TOTALS_MESSAGES: Record<string, RuleMessage> = {
  'BR-CO-03': {
    terms: ['BT-7', 'BT-8'],
    fr: "La date d'exigibilité de la TVA (BT-7, {date}) et le code de date d'exigibilité (BT-8, {code}) ne peuvent pas figurer ensemble. Gardez l'un ou l'autre.",
    en: 'The VAT point date (BT-7, {date}) and the VAT point date code (BT-8, {code}) cannot both be given. Keep only one of them.',
  },
  'BR-CO-04': {
    terms: ['BG-25', 'BT-151'],
    fr: 'Chaque ligne de facture (BG-25) doit indiquer le code de catégorie de TVA de l’article facturé (BT-151), par exemple S pour le taux normal. Ajoutez-le sur cette ligne.',
    en: 'Every invoice line (BG-25) must give the VAT category code of the invoiced item (BT-151), for example S for the standard rate. Add it to this line.',
  },
  'BR-CO-05': {
    terms: ['BT-97', 'BT-98'],
    fr: 'Le motif de la remise au niveau du document (BT-97) et son code (BT-98) doivent désigner le même motif.',
    en: 'The document level allowance reason (BT-97) and its code (BT-98) must describe the same reason.',
  },
  'BR-CO-06': {
    terms: ['BT-104', 'BT-105'],
    fr: 'Le motif des frais au niveau du document (BT-104) et son code (BT-105) doivent désigner le même motif.',
    en: 'The document level charge reason (BT-104) and its code (BT-105) must describe the same reason.',
  },
  'BR-CO-07': {
    terms: ['BT-139', 'BT-140'],
    fr: 'Le motif de la remise sur la ligne (BT-139) et son code (BT-140) doivent désigner le même motif.',
    en: 'The invoice line allowance reason (BT-139) and its code (BT-140) must describe the same reason.',
  },
  'BR-CO-08': {
    terms: ['BT-144', 'BT-145'],
    fr: 'Le motif des frais sur la ligne (BT-144) et son code (BT-145) doivent désigner le même motif.',
    en: 'The invoice line charge reason (BT-144) and its code (BT-145) must describe the same reason.',
  },
  'BR-CO-09': {
    terms: ['BT-31', 'BT-48', 'BT-63'],
    fr: 'Le numéro de TVA « {value} » doit commencer par le code du pays qui l’a attribué (par exemple FR, DE, EL pour la Grèce) ; « {prefix} » n’en est pas un. Vérifiez le numéro de TVA du vendeur (BT-31), de l’acheteur (BT-48) ou du représentant fiscal (BT-63).',
    en: 'The VAT identifier "{value}" must start with the code of the country that issued it (for example FR, DE, EL for Greece); "{prefix}" is not one. Check the VAT identifier of the seller (BT-31), buyer (BT-48) or tax representative (BT-63).',
  },
  'BR-CO-10': {
    terms: ['BT-106', 'BT-131'],
    fr: 'La somme des montants nets des lignes (BT-106) doit être égale au total des montants nets de chaque ligne (BT-131) : attendu {expected}, trouvé {found}. Corrigez le total ou les lignes.',
    en: 'The sum of invoice line net amounts (BT-106) must equal the total of every line net amount (BT-131): expected {expected}, found {found}. Correct the total or the lines.',
  },
  'BR-CO-11': {
    terms: ['BT-107', 'BT-92'],
    fr: 'Le total des remises au niveau du document (BT-107) doit être égal à la somme des montants de ces remises (BT-92) : attendu {expected}, trouvé {found}. Sans remise, laissez le total vide ou à 0.',
    en: 'The sum of document level allowances (BT-107) must equal the total of those allowance amounts (BT-92): expected {expected}, found {found}. With no allowance, leave the total out or at 0.',
  },
  'BR-CO-12': {
    terms: ['BT-108', 'BT-99'],
    fr: 'Le total des frais au niveau du document (BT-108) doit être égal à la somme des montants de ces frais (BT-99) : attendu {expected}, trouvé {found}. Sans frais, laissez le total vide ou à 0.',
    en: 'The sum of document level charges (BT-108) must equal the total of those charge amounts (BT-99): expected {expected}, found {found}. With no charge, leave the total out or at 0.',
  },
  'BR-CO-13': {
    terms: ['BT-109', 'BT-106', 'BT-107', 'BT-108'],
    fr: 'Le total hors TVA (BT-109) doit valoir la somme des lignes (BT-106) moins les remises (BT-107) plus les frais (BT-108) : attendu {expected}, trouvé {found}.',
    en: 'The invoice total without VAT (BT-109) must be the sum of lines (BT-106) minus allowances (BT-107) plus charges (BT-108): expected {expected}, found {found}.',
  },
  'BR-CO-14': {
    terms: ['BT-110', 'BT-117'],
    fr: 'Le montant total de TVA (BT-110) doit être égal à la somme des montants de TVA de chaque catégorie (BT-117) : attendu {expected}, trouvé {found}.',
    en: 'The invoice total VAT amount (BT-110) must equal the sum of the VAT amounts of each category (BT-117): expected {expected}, found {found}.',
  },
  'BR-CO-15': {
    terms: ['BT-112', 'BT-109', 'BT-110'],
    fr: 'Le total TTC (BT-112) doit valoir le total hors TVA (BT-109) plus le total de TVA (BT-110), ce dernier indiqué une seule fois dans la devise de la facture {currency} (trouvé {count} fois) : attendu {expected}, trouvé {found}.',
    en: 'The invoice total with VAT (BT-112) must be the total without VAT (BT-109) plus the total VAT (BT-110), stated exactly once in the invoice currency {currency} (found {count} times): expected {expected}, found {found}.',
  },
  'BR-CO-16': {
    terms: ['BT-115', 'BT-112', 'BT-113', 'BT-114'],
    fr: 'Le montant à payer (BT-115) doit valoir le total TTC (BT-112) moins le montant déjà payé (BT-113) plus l’arrondi (BT-114) : attendu {expected}, trouvé {found}.',
    en: 'The amount due for payment (BT-115) must be the total with VAT (BT-112) minus the amount already paid (BT-113) plus the rounding amount (BT-114): expected {expected}, found {found}.',
  },
  'BR-CO-17': {
    terms: ['BG-23', 'BT-117', 'BT-116', 'BT-119'],
    fr: 'Le montant de TVA de cette catégorie (BT-117) doit valoir la base imposable (BT-116) multipliée par le taux (BT-119, {rate}) divisé par 100, arrondi à 2 décimales : attendu {expected}, trouvé {found}.',
    en: 'The VAT amount of this category (BT-117) must be the taxable amount (BT-116) times the rate (BT-119, {rate}) divided by 100, rounded to 2 decimals: expected {expected}, found {found}.',
  },
  'BR-CO-18': {
    terms: ['BG-23'],
    fr: 'La facture doit comporter au moins un récapitulatif de TVA (BG-23) : une ventilation par catégorie et taux, avec base imposable et montant de TVA.',
    en: 'The invoice must have at least one VAT breakdown (BG-23): one per category and rate, with its taxable amount and VAT amount.',
  },
  'BR-CO-19': {
    terms: ['BG-14', 'BT-73', 'BT-74'],
    fr: 'Une période de facturation (BG-14) doit indiquer sa date de début (BT-73) ou de fin (BT-74), ou les deux. Ajoutez une date ou supprimez la période.',
    en: 'An invoicing period (BG-14) must give its start date (BT-73), its end date (BT-74) or both. Add a date or remove the period.',
  },
  'BR-CO-20': {
    terms: ['BG-26', 'BT-134', 'BT-135'],
    fr: 'La période d’une ligne (BG-26) doit indiquer sa date de début (BT-134) ou de fin (BT-135), ou les deux. Ajoutez une date ou supprimez la période.',
    en: 'An invoice line period (BG-26) must give its start date (BT-134), its end date (BT-135) or both. Add a date or remove the period.',
  },
  'BR-CO-21': {
    terms: ['BG-20', 'BT-97', 'BT-98'],
    fr: 'Chaque remise au niveau du document (BG-20) doit indiquer son motif en clair (BT-97) ou son code (BT-98).',
    en: 'Every document level allowance (BG-20) must give its reason as text (BT-97) or as a code (BT-98).',
  },
  'BR-CO-22': {
    terms: ['BG-21', 'BT-104', 'BT-105'],
    fr: 'Chaque frais au niveau du document (BG-21) doit indiquer son motif en clair (BT-104) ou son code (BT-105).',
    en: 'Every document level charge (BG-21) must give its reason as text (BT-104) or as a code (BT-105).',
  },
  'BR-CO-23': {
    terms: ['BG-27', 'BT-139', 'BT-140'],
    fr: 'Chaque remise sur une ligne (BG-27) doit indiquer son motif en clair (BT-139) ou son code (BT-140).',
    en: 'Every invoice line allowance (BG-27) must give its reason as text (BT-139) or as a code (BT-140).',
  },
  'BR-CO-24': {
    terms: ['BG-28', 'BT-144', 'BT-145'],
    fr: 'Chaque frais sur une ligne (BG-28) doit indiquer son motif en clair (BT-144) ou son code (BT-145).',
    en: 'Every invoice line charge (BG-28) must give its reason as text (BT-144) or as a code (BT-145).',
  },
  'BR-CO-26': {
    terms: ['BG-4', 'BT-29', 'BT-30', 'BT-31'],
    fr: 'Le vendeur (BG-4) doit être identifié : donnez son identifiant (BT-29, par exemple son SIRET), son numéro d’immatriculation légale (BT-30, par exemple son SIREN) ou son numéro de TVA (BT-31).',
    en: 'The seller (BG-4) must be identified: give its identifier (BT-29), its legal registration identifier (BT-30) or its VAT identifier (BT-31).',
  },
};
