/**
 * Messages of the VAT category rules (vat.ts, vat-extra.ts). The nine categories share one
 * pattern of rules, so their messages are built from the same sentences with the category's
 * name, code and requirements. Placeholders: {expected}, {found}, {rate}, {breakdowns},
 * {category} as passed by the rules.
 */
import type { RuleMessage } from '../types.js';

type Parties = 'seller' | 'sellerVat' | 'sellerAndBuyer' | 'sellerVatAndBuyerVat' | 'none';
type Rate = 'positive' | 'zero' | 'nonNegative' | 'absent' | 'igic';

interface Cat {
  prefix: string;
  code: string;
  fr: string;
  en: string;
  rated: boolean;
  parties: Parties;
  rate: Rate;
  exemptionRequired: boolean;
}

const CATS: Cat[] = [
  {
    prefix: 'BR-S',
    code: 'S',
    fr: 'taux normal',
    en: 'standard rate',
    rated: true,
    parties: 'seller',
    rate: 'positive',
    exemptionRequired: false,
  },
  {
    prefix: 'BR-Z',
    code: 'Z',
    fr: 'taux zéro',
    en: 'zero rated',
    rated: false,
    parties: 'seller',
    rate: 'zero',
    exemptionRequired: false,
  },
  {
    prefix: 'BR-E',
    code: 'E',
    fr: 'exonéré de TVA',
    en: 'exempt from VAT',
    rated: false,
    parties: 'seller',
    rate: 'zero',
    exemptionRequired: true,
  },
  {
    prefix: 'BR-AE',
    code: 'AE',
    fr: 'autoliquidation (TVA due par l’acheteur)',
    en: 'reverse charge (VAT due by the buyer)',
    rated: false,
    parties: 'sellerAndBuyer',
    rate: 'zero',
    exemptionRequired: true,
  },
  {
    prefix: 'BR-IC',
    code: 'K',
    fr: 'livraison intracommunautaire exonérée',
    en: 'intra-community supply, VAT exempt',
    rated: false,
    parties: 'sellerVatAndBuyerVat',
    rate: 'zero',
    exemptionRequired: true,
  },
  {
    prefix: 'BR-G',
    code: 'G',
    fr: 'exportation hors de l’UE, exonérée',
    en: 'export outside the EU, VAT exempt',
    rated: false,
    parties: 'sellerVat',
    rate: 'zero',
    exemptionRequired: true,
  },
  {
    prefix: 'BR-O',
    code: 'O',
    fr: 'hors du champ d’application de la TVA',
    en: 'not subject to VAT',
    rated: false,
    parties: 'none',
    rate: 'absent',
    exemptionRequired: true,
  },
  {
    prefix: 'BR-AF',
    code: 'L',
    fr: 'IGIC (impôt des îles Canaries)',
    en: 'IGIC (Canary Islands tax)',
    rated: true,
    parties: 'seller',
    rate: 'igic',
    exemptionRequired: false,
  },
  {
    prefix: 'BR-AG',
    code: 'M',
    fr: 'IPSI (impôt de Ceuta et Melilla)',
    en: 'IPSI (Ceuta and Melilla tax)',
    rated: true,
    parties: 'seller',
    rate: 'nonNegative',
    exemptionRequired: false,
  },
];

const PARTIES: Record<Parties, { terms: string[]; fr: string; en: string }> = {
  seller: {
    terms: ['BT-31', 'BT-32', 'BT-63'],
    fr: 'exige le numéro de TVA du vendeur (BT-31), son identifiant fiscal (BT-32) ou le numéro de TVA de son représentant fiscal (BT-63). Ajoutez-en un.',
    en: "requires the seller's VAT identifier (BT-31), the seller's tax registration identifier (BT-32) or the tax representative's VAT identifier (BT-63). Add one of them.",
  },
  sellerVat: {
    terms: ['BT-31', 'BT-63'],
    fr: 'exige le numéro de TVA du vendeur (BT-31) ou celui de son représentant fiscal (BT-63). Ajoutez-en un.',
    en: "requires the seller's VAT identifier (BT-31) or the tax representative's VAT identifier (BT-63). Add one of them.",
  },
  sellerAndBuyer: {
    terms: ['BT-31', 'BT-32', 'BT-63', 'BT-48', 'BT-47'],
    fr: 'exige, côté vendeur, son numéro de TVA (BT-31), son identifiant fiscal (BT-32) ou le numéro de TVA de son représentant fiscal (BT-63), et côté acheteur son numéro de TVA (BT-48) ou son immatriculation légale (BT-47).',
    en: "requires, for the seller, its VAT identifier (BT-31), tax registration identifier (BT-32) or its tax representative's VAT identifier (BT-63), and for the buyer its VAT identifier (BT-48) or legal registration identifier (BT-47).",
  },
  sellerVatAndBuyerVat: {
    terms: ['BT-31', 'BT-63', 'BT-48'],
    fr: 'exige le numéro de TVA du vendeur (BT-31) ou de son représentant fiscal (BT-63), et le numéro de TVA de l’acheteur (BT-48).',
    en: "requires the seller's VAT identifier (BT-31) or its tax representative's (BT-63), and the buyer's VAT identifier (BT-48).",
  },
  none: {
    terms: ['BT-31', 'BT-63', 'BT-48'],
    fr: 'exclut tout numéro de TVA : ni celui du vendeur (BT-31), ni celui du représentant fiscal (BT-63), ni celui de l’acheteur (BT-48). Retirez-les ou choisissez une autre catégorie.',
    en: "excludes every VAT identifier: neither the seller's (BT-31), the tax representative's (BT-63) nor the buyer's (BT-48). Remove them or choose another category.",
  },
};

const RATES: Record<Rate, { fr: string; en: string }> = {
  positive: { fr: 'doit avoir un taux de TVA supérieur à 0', en: 'must have a VAT rate above 0' },
  zero: { fr: 'doit avoir un taux de TVA égal à 0', en: 'must have a VAT rate of 0' },
  nonNegative: {
    fr: 'doit avoir un taux de TVA de 0 ou plus',
    en: 'must have a VAT rate of 0 or more',
  },
  absent: { fr: 'ne doit pas avoir de taux de TVA', en: 'must not have a VAT rate' },
  igic: {
    fr: 'doit avoir un taux de 0 ou plus (en CII, supérieur à 0)',
    en: 'must have a rate of 0 or more (in CII, above 0)',
  },
};

/** What uses the category: line, document allowance, document charge (rules 02-07). */
const USERS = [
  {
    fr: 'Une ligne de facture (BG-25) de catégorie de TVA',
    en: 'An invoice line (BG-25) with VAT category',
    code: 'BT-151',
    rate: 'BT-152',
  },
  {
    fr: 'Une remise au niveau du document (BG-20) de catégorie de TVA',
    en: 'A document level allowance (BG-20) with VAT category',
    code: 'BT-95',
    rate: 'BT-96',
  },
  {
    fr: 'Un frais au niveau du document (BG-21) de catégorie de TVA',
    en: 'A document level charge (BG-21) with VAT category',
    code: 'BT-102',
    rate: 'BT-103',
  },
];

function messagesOf(c: Cat): Record<string, RuleMessage> {
  const out: Record<string, RuleMessage> = {};
  const fr = `« ${c.fr} » (${c.code})`;
  const en = `"${c.en}" (${c.code})`;
  out[`${c.prefix}-01`] = c.rated
    ? {
        terms: ['BG-23', 'BT-118', 'BT-151', 'BT-95', 'BT-102'],
        fr: `Une facture qui utilise la catégorie de TVA ${fr} sur une ligne, une remise ou des frais doit avoir un récapitulatif de TVA (BG-23) de code ${c.code} (BT-118) pour chaque taux, et un récapitulatif de cette catégorie n’a de sens que si elle est utilisée (récapitulatifs trouvés : {breakdowns}).`,
        en: `An invoice that uses VAT category ${en} on a line, allowance or charge must have a VAT breakdown (BG-23) with code ${c.code} (BT-118) for each rate, and a breakdown of that category only makes sense when it is used (breakdowns found: {breakdowns}).`,
      }
    : {
        terms: ['BG-23', 'BT-118', 'BT-151', 'BT-95', 'BT-102'],
        fr: `Une facture qui utilise la catégorie de TVA ${fr} doit avoir exactement un récapitulatif de TVA (BG-23) de code ${c.code} (BT-118), et ce récapitulatif suppose au moins une ligne, remise ou frais de cette catégorie (récapitulatifs trouvés : {breakdowns}).`,
        en: `An invoice that uses VAT category ${en} must have exactly one VAT breakdown (BG-23) with code ${c.code} (BT-118), and that breakdown needs at least one line, allowance or charge of the category (breakdowns found: {breakdowns}).`,
      };
  const p = PARTIES[c.parties];
  const r = RATES[c.rate];
  USERS.forEach((u, i) => {
    out[`${c.prefix}-0${i + 2}`] = {
      terms: [u.code, ...p.terms],
      fr: `${u.fr} ${fr} (${u.code}) ${p.fr}`,
      en: `${u.en} ${en} (${u.code}) ${p.en}`,
    };
    out[`${c.prefix}-0${i + 5}`] = {
      terms: [u.code, u.rate],
      fr: `${u.fr} ${fr} (${u.code}) ${r.fr} (${u.rate}) ; trouvé : {rate}.`,
      en: `${u.en} ${en} (${u.code}) ${r.en} (${u.rate}); found: {rate}.`,
    };
  });
  out[`${c.prefix}-08`] = c.rated
    ? {
        terms: ['BG-23', 'BT-116', 'BT-131', 'BT-99', 'BT-92'],
        fr: `Dans le récapitulatif de TVA ${fr} au taux {rate}, la base imposable (BT-116) doit valoir la somme des montants nets des lignes (BT-131) de cette catégorie et de ce taux, plus les frais (BT-99) moins les remises (BT-92) de même catégorie et taux : attendu {expected}, trouvé {found}.`,
        en: `In the VAT breakdown ${en} at rate {rate}, the taxable amount (BT-116) must be the sum of the line net amounts (BT-131) of that category and rate, plus the charges (BT-99) minus the allowances (BT-92) of the same category and rate: expected {expected}, found {found}.`,
      }
    : {
        terms: ['BG-23', 'BT-116', 'BT-131', 'BT-99', 'BT-92'],
        fr: `Dans le récapitulatif de TVA ${fr}, la base imposable (BT-116) doit valoir la somme des montants nets des lignes (BT-131) de cette catégorie, plus les frais (BT-99) moins les remises (BT-92) de même catégorie : attendu {expected}, trouvé {found}.`,
        en: `In the VAT breakdown ${en}, the taxable amount (BT-116) must be the sum of the line net amounts (BT-131) of that category, plus the charges (BT-99) minus the allowances (BT-92) of the same category: expected {expected}, found {found}.`,
      };
  out[`${c.prefix}-09`] = c.rated
    ? {
        terms: ['BG-23', 'BT-117', 'BT-116', 'BT-119'],
        fr: `Dans le récapitulatif de TVA ${fr}, le montant de TVA (BT-117) doit valoir la base imposable (BT-116) multipliée par le taux (BT-119) divisé par 100, à une unité près : attendu {expected}, trouvé {found}.`,
        en: `In the VAT breakdown ${en}, the VAT amount (BT-117) must be the taxable amount (BT-116) times the rate (BT-119) divided by 100, within one unit: expected {expected}, found {found}.`,
      }
    : {
        terms: ['BG-23', 'BT-117'],
        fr: `Dans le récapitulatif de TVA ${fr}, le montant de TVA (BT-117) doit être 0 : cette catégorie ne porte pas de TVA (trouvé {found}).`,
        en: `In the VAT breakdown ${en}, the VAT amount (BT-117) must be 0: this category carries no VAT (found {found}).`,
      };
  out[`${c.prefix}-10`] = c.exemptionRequired
    ? {
        terms: ['BG-23', 'BT-120', 'BT-121'],
        fr: `Le récapitulatif de TVA ${fr} doit donner le motif d’exonération, en clair (BT-120) ou sous forme de code (BT-121, par exemple un code VATEX).`,
        en: `The VAT breakdown ${en} must give the exemption reason, as text (BT-120) or as a code (BT-121, for example a VATEX code).`,
      }
    : {
        terms: ['BG-23', 'BT-120', 'BT-121'],
        fr: `Le récapitulatif de TVA ${fr} ne doit pas donner de motif d’exonération (BT-120, BT-121) : cette catégorie n’est pas une exonération. Retirez-le.`,
        en: `The VAT breakdown ${en} must not give an exemption reason (BT-120, BT-121): this category is not an exemption. Remove it.`,
      };
  return out;
}

const EXTRA: Record<string, RuleMessage> = {
  'BR-IC-11': {
    terms: ['BT-72', 'BG-14'],
    fr: 'Une livraison intracommunautaire (catégorie K) doit indiquer la date de livraison effective (BT-72) ou la période de facturation (BG-14).',
    en: 'An intra-community supply (category K) must give the actual delivery date (BT-72) or the invoicing period (BG-14).',
  },
  'BR-IC-12': {
    terms: ['BT-80'],
    fr: 'Une livraison intracommunautaire (catégorie K) doit indiquer le code du pays de livraison (BT-80).',
    en: 'An intra-community supply (category K) must give the deliver-to country code (BT-80).',
  },
  'BR-O-11': {
    terms: ['BG-23', 'BT-118'],
    fr: 'Une facture avec un récapitulatif « hors du champ d’application de la TVA » (O) ne peut pas avoir de récapitulatif d’une autre catégorie (trouvé : {category}).',
    en: 'An invoice with a VAT breakdown "not subject to VAT" (O) cannot have a breakdown of another category (found: {category}).',
  },
  'BR-O-12': {
    terms: ['BG-23', 'BT-151'],
    fr: 'Une facture avec un récapitulatif « hors du champ d’application de la TVA » (O) ne peut pas avoir de ligne d’une autre catégorie de TVA (BT-151, trouvé : {category}).',
    en: 'An invoice with a VAT breakdown "not subject to VAT" (O) cannot have a line of another VAT category (BT-151, found: {category}).',
  },
  'BR-O-13': {
    terms: ['BG-23', 'BT-95'],
    fr: 'Une facture avec un récapitulatif « hors du champ d’application de la TVA » (O) ne peut pas avoir de remise d’une autre catégorie de TVA (BT-95, trouvé : {category}).',
    en: 'An invoice with a VAT breakdown "not subject to VAT" (O) cannot have an allowance of another VAT category (BT-95, found: {category}).',
  },
  'BR-O-14': {
    terms: ['BG-23', 'BT-102'],
    fr: 'Une facture avec un récapitulatif « hors du champ d’application de la TVA » (O) ne peut pas avoir de frais d’une autre catégorie de TVA (BT-102, trouvé : {category}).',
    en: 'An invoice with a VAT breakdown "not subject to VAT" (O) cannot have a charge of another VAT category (BT-102, found: {category}).',
  },
};

export const VAT_MESSAGES: Record<string, RuleMessage> = Object.assign(
  {},
  ...CATS.map(messagesOf),
  EXTRA,
) as Record<string, RuleMessage>;
