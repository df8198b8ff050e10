/**
 * Messages of BR-DEC-* (amounts with at most two decimals). All say the same thing about a
 * different amount, so they are built from one table: rule → terms and the amount's name.
 */
import type { RuleMessage } from '../types.js';

/** [rule, terms, French name of the amount, English name of the amount]. */
const AMOUNTS: readonly [string, string[], string, string][] = [
  [
    'BR-DEC-01',
    ['BG-20', 'BT-92'],
    "le montant d'une remise au niveau du document (BT-92, « Montant de la remise au niveau du document »)",
    'a document level allowance amount (BT-92, "Document level allowance amount")',
  ],
  [
    'BR-DEC-02',
    ['BG-20', 'BT-93'],
    "l'assiette d'une remise au niveau du document (BT-93, « Montant de base de la remise au niveau du document »)",
    'a document level allowance base amount (BT-93, "Document level allowance base amount")',
  ],
  [
    'BR-DEC-05',
    ['BG-21', 'BT-99'],
    'le montant de frais au niveau du document (BT-99, « Montant des frais au niveau du document »)',
    'a document level charge amount (BT-99, "Document level charge amount")',
  ],
  [
    'BR-DEC-06',
    ['BG-21', 'BT-100'],
    "l'assiette de frais au niveau du document (BT-100, « Montant de base des frais au niveau du document »)",
    'a document level charge base amount (BT-100, "Document level charge base amount")',
  ],
  [
    'BR-DEC-09',
    ['BG-22', 'BT-106'],
    'la somme des montants nets des lignes (BT-106, « Somme des montants nets des lignes de facture »)',
    'the sum of invoice line net amounts (BT-106, "Sum of Invoice line net amount")',
  ],
  [
    'BR-DEC-10',
    ['BG-22', 'BT-107'],
    'la somme des remises au niveau du document (BT-107, « Somme des remises au niveau du document »)',
    'the sum of document level allowances (BT-107, "Sum of allowances on document level")',
  ],
  [
    'BR-DEC-11',
    ['BG-22', 'BT-108'],
    'la somme des frais au niveau du document (BT-108, « Somme des frais au niveau du document »)',
    'the sum of document level charges (BT-108, "Sum of charges on document level")',
  ],
  [
    'BR-DEC-12',
    ['BG-22', 'BT-109'],
    'le total hors TVA (BT-109, « Montant total de la facture hors TVA »)',
    'the total without VAT (BT-109, "Invoice total amount without VAT")',
  ],
  [
    'BR-DEC-13',
    ['BG-22', 'BT-110'],
    'le total de la TVA (BT-110, « Montant total de la TVA de la facture »)',
    'the VAT total (BT-110, "Invoice total VAT amount")',
  ],
  [
    'BR-DEC-14',
    ['BG-22', 'BT-112'],
    'le total TVA comprise (BT-112, « Montant total de la facture TVA comprise »)',
    'the total with VAT (BT-112, "Invoice total amount with VAT")',
  ],
  [
    'BR-DEC-16',
    ['BG-22', 'BT-113'],
    'le montant déjà payé (BT-113, « Montant payé »)',
    'the paid amount (BT-113, "Paid amount")',
  ],
  [
    'BR-DEC-17',
    ['BG-22', 'BT-114'],
    "l'arrondi (BT-114, « Montant de l'arrondi »)",
    'the rounding amount (BT-114, "Rounding amount")',
  ],
  [
    'BR-DEC-18',
    ['BG-22', 'BT-115'],
    'le montant à payer (BT-115, « Montant à payer »)',
    'the amount due for payment (BT-115, "Amount due for payment")',
  ],
  [
    'BR-DEC-19',
    ['BG-23', 'BT-116'],
    "la base d'imposition d'une catégorie de TVA (BT-116, « Base d'imposition de la catégorie de TVA »)",
    'a VAT category taxable amount (BT-116, "VAT category taxable amount")',
  ],
  [
    'BR-DEC-20',
    ['BG-23', 'BT-117'],
    "le montant de TVA d'une catégorie (BT-117, « Montant de la TVA de la catégorie »)",
    'a VAT category tax amount (BT-117, "VAT category tax amount")',
  ],
  [
    'BR-DEC-23',
    ['BG-25', 'BT-131'],
    "le montant net d'une ligne (BT-131, « Montant net de ligne de facture »)",
    'an invoice line net amount (BT-131, "Invoice line net amount")',
  ],
  [
    'BR-DEC-24',
    ['BG-27', 'BT-136'],
    "le montant d'une remise sur ligne (BT-136, « Montant de la remise sur ligne »)",
    'an invoice line allowance amount (BT-136, "Invoice line allowance amount")',
  ],
  [
    'BR-DEC-25',
    ['BG-27', 'BT-137'],
    "l'assiette d'une remise sur ligne (BT-137, « Montant de base de la remise sur ligne »)",
    'an invoice line allowance base amount (BT-137, "Invoice line allowance base amount")',
  ],
  [
    'BR-DEC-27',
    ['BG-28', 'BT-141'],
    'le montant de frais sur ligne (BT-141, « Montant des frais sur ligne »)',
    'an invoice line charge amount (BT-141, "Invoice line charge amount")',
  ],
  [
    'BR-DEC-28',
    ['BG-28', 'BT-142'],
    "l'assiette de frais sur ligne (BT-142, « Montant de base des frais sur ligne »)",
    'an invoice line charge base amount (BT-142, "Invoice line charge base amount")',
  ],
];

function build(): Record<string, RuleMessage> {
  const out: Record<string, RuleMessage> = {};
  for (const [id, terms, fr, en] of AMOUNTS) {
    out[id] = {
      terms,
      fr: `${fr[0]!.toUpperCase()}${fr.slice(1)} ({value}) a plus de deux décimales. Arrondissez ce montant au centime (deux chiffres au plus après la virgule).`,
      en: `${en[0]!.toUpperCase()}${en.slice(1)} ({value}) has more than two decimals. Round this amount to the cent (at most two digits after the decimal point).`,
    };
  }
  // BR-DEC-15 can also fire when no VAT total is given in the accounting currency at all.
  out['BR-DEC-15'] = {
    terms: ['BT-6', 'BG-22', 'BT-111'],
    fr: 'Une devise de comptabilisation de la TVA (BT-6) est indiquée, mais le total de TVA dans cette devise (BT-111, « Montant total de TVA en devise de comptabilisation ») manque ou a plus de deux décimales. Donnez ce total, arrondi au centime.',
    en: 'A VAT accounting currency (BT-6) is given, but the VAT total in that currency (BT-111, "Invoice total VAT amount in accounting currency") is missing or has more than two decimals. Give that total, rounded to the cent.',
  };
  return out;
}

export const DECIMAL_MESSAGES: Record<string, RuleMessage> = build();
