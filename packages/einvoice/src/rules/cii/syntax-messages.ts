/**
 * Messages of the CII syntax-binding rules (CII-SR-*, CII-DT-*), in French and English.
 * The ~490 "should not be present" rules get a message worded from their table entry (element
 * path and context, see absent.ts); the others are written one by one below.
 */
import type { RuleMessage } from '../types.js';
import { flagOf } from '../catalogue.js';
import { absentEntries, type AbsentContext, type AbsentEntry } from './absent.js';

interface Place {
  terms: string[];
  fr: string;
  en: string;
}

/** Where each context of the table is, in plain words. */
const PLACES: Record<AbsentContext, Place> = {
  ROOT: { terms: [], fr: 'la racine de la facture', en: 'the invoice root element' },
  DOCCTX: {
    terms: ['BG-2'],
    fr: 'le contexte du document (ExchangedDocumentContext)',
    en: 'the document context (ExchangedDocumentContext)',
  },
  DOC: {
    terms: [],
    fr: "l'en-tête du document (ExchangedDocument)",
    en: 'the document header (ExchangedDocument)',
  },
  LINE: {
    terms: ['BG-25'],
    fr: 'une ligne de facture (IncludedSupplyChainTradeLineItem)',
    en: 'an invoice line (IncludedSupplyChainTradeLineItem)',
  },
  LINEDOC: {
    terms: ['BG-25'],
    fr: "l'identification d'une ligne (AssociatedDocumentLineDocument)",
    en: 'the identification of a line (AssociatedDocumentLineDocument)',
  },
  PRODUCT: {
    terms: ['BG-31'],
    fr: "l'article d'une ligne (SpecifiedTradeProduct)",
    en: 'the item of a line (SpecifiedTradeProduct)',
  },
  LAGR: {
    terms: ['BG-29'],
    fr: "l'accord d'une ligne : prix (SpecifiedLineTradeAgreement)",
    en: 'the agreement of a line: prices (SpecifiedLineTradeAgreement)',
  },
  LDEL: {
    terms: ['BG-25'],
    fr: "la livraison d'une ligne (SpecifiedLineTradeDelivery)",
    en: 'the delivery of a line (SpecifiedLineTradeDelivery)',
  },
  LSET: {
    terms: ['BG-25'],
    fr: "le règlement d'une ligne (SpecifiedLineTradeSettlement)",
    en: 'the settlement of a line (SpecifiedLineTradeSettlement)',
  },
  HAGR: {
    terms: [],
    fr: "l'accord commercial de l'en-tête : vendeur, acheteur, références (ApplicableHeaderTradeAgreement)",
    en: 'the header agreement: seller, buyer, references (ApplicableHeaderTradeAgreement)',
  },
  HDEL: {
    terms: ['BG-13'],
    fr: "la livraison de l'en-tête (ApplicableHeaderTradeDelivery)",
    en: 'the header delivery (ApplicableHeaderTradeDelivery)',
  },
  HSET: {
    terms: [],
    fr: "le règlement de l'en-tête : paiement, TVA, totaux (ApplicableHeaderTradeSettlement)",
    en: 'the header settlement: payment, VAT, totals (ApplicableHeaderTradeSettlement)',
  },
  SUMM: {
    terms: ['BG-22'],
    fr: 'les totaux du document (SpecifiedTradeSettlementHeaderMonetarySummation)',
    en: 'the document totals (SpecifiedTradeSettlementHeaderMonetarySummation)',
  },
  PAYMEANS: {
    terms: ['BG-16'],
    fr: 'une instruction de paiement (SpecifiedTradeSettlementPaymentMeans)',
    en: 'a payment instruction (SpecifiedTradeSettlementPaymentMeans)',
  },
  DCP: {
    terms: ['BG-2'],
    fr: 'un paramètre de contexte du document (…DocumentContextParameter)',
    en: 'a document context parameter (…DocumentContextParameter)',
  },
  REFDOC: {
    terms: [],
    fr: 'un document référencé (…ReferencedDocument)',
    en: 'a referenced document (…ReferencedDocument)',
  },
  TRADETAX: {
    terms: [],
    fr: 'un élément de TVA (…TradeTax)',
    en: 'a VAT element (…TradeTax)',
  },
  PERIOD: {
    terms: ['BG-14'],
    fr: 'une période de facturation (BillingSpecifiedPeriod)',
    en: 'an invoicing period (BillingSpecifiedPeriod)',
  },
  ADDRESS: {
    terms: [],
    fr: 'une adresse postale (PostalTradeAddress)',
    en: 'a postal address (PostalTradeAddress)',
  },
};

const EXEMPTION_TEXT: Record<string, { fr: string; en: string }> = {
  ard916: {
    fr: ' (il est admis seulement dans un justificatif additionnel de code type 916, BG-24)',
    en: ' (it is allowed only in an additional supporting document with type code 916, BG-24)',
  },
  ard130: {
    fr: " (il est admis seulement dans une référence d'objet facturé de code type 130, BT-18)",
    en: ' (it is allowed only in an invoiced object reference with type code 130, BT-18)',
  },
  ardtc: {
    fr: ' (il est admis seulement dans un document additionnel de code type 50, 130 ou 916)',
    en: ' (it is allowed only in an additional document with type code 50, 130 or 916)',
  },
  invref: {
    fr: ' (il est admis seulement pour la facture antérieure, BT-26)',
    en: ' (it is allowed only for the preceding invoice, BT-26)',
  },
  hset: {
    fr: " (il est admis seulement dans la ventilation de la TVA de l'en-tête, BG-23)",
    en: ' (it is allowed only in the header VAT breakdown, BG-23)',
  },
  att: {
    fr: ' (il est admis seulement dans ApplicableTradeTax)',
    en: ' (it is allowed only in ApplicableTradeTax)',
  },
};

function absentMessage(e: AbsentEntry): RuleMessage {
  const place = PLACES[e.context];
  const path = e.steps.map((s) => s.replace(/^udt:/, '')).join('/');
  const what = e.attribute
    ? { fr: `L'attribut ${e.attribute} de ${path}`, en: `The ${e.attribute} attribute of ${path}` }
    : { fr: `L'élément ${path}`, en: `The element ${path}` };
  const unless = e.exemption ? EXEMPTION_TEXT[e.exemption] : undefined;
  if (flagOf(e.id, 'CII') === 'fatal') {
    return {
      terms: place.terms,
      fr: `${what.fr} est interdit dans ${place.fr} par la norme EN 16931${unless?.fr ?? ''} : supprimez-le.`,
      en: `${what.en} is not allowed in ${place.en} by EN 16931${unless?.en ?? ''}: remove it.`,
    };
  }
  return {
    terms: place.terms,
    fr: `${what.fr} dans ${place.fr} ne fait pas partie de la norme EN 16931${unless?.fr ?? ''} : supprimez-le, il ne sera pas pris en compte.`,
    en: `${what.en} in ${place.en} is not part of EN 16931${unless?.en ?? ''}: remove it, it will not be used.`,
  };
}

/** A forbidden attribute on a kind of element. */
function attrMessage(attribute: string, terms: string[], fr: string, en: string): RuleMessage {
  return {
    terms,
    fr: `L'attribut ${attribute} n'est pas autorisé sur ${fr} : supprimez-le.`,
    en: `The ${attribute} attribute is not allowed on ${en}: remove it.`,
  };
}

/** Business terms of the document totals checked by CII-SR-477..494. */
const TOTALS: readonly [string, string, string[]][] = [
  ['477', 'LineTotalAmount', ['BT-106']],
  ['478', 'ChargeTotalAmount', ['BT-108']],
  ['479', 'AllowanceTotalAmount', ['BT-107']],
  ['480', 'TaxBasisTotalAmount', ['BT-109']],
  ['481', 'RoundingAmount', ['BT-114']],
  ['482', 'GrandTotalAmount', ['BT-112']],
  ['483', 'InformationAmount', []],
  ['484', 'TotalPrepaidAmount', ['BT-113']],
  ['485', 'TotalDiscountAmount', []],
  ['486', 'TotalAllowanceChargeAmount', []],
  ['487', 'DuePayableAmount', ['BT-115']],
  ['488', 'RetailValueExcludingTaxInformationAmount', []],
  ['489', 'TotalDepositFeeInformationAmount', []],
  ['490', 'ProductValueExcludingTobaccoTaxInformationAmount', []],
  ['491', 'TotalRetailValueInformationAmount', []],
  ['492', 'GrossLineTotalAmount', []],
  ['493', 'NetLineTotalAmount', []],
  ['494', 'NetIncludingTaxesLineTotalAmount', []],
];

const OWN_IDS_FR =
  "l'identifiant de spécification (BT-24), le numéro de facture (BT-1), l'identifiant de ligne (BT-126) ou la référence vendeur de l'article (BT-155)";
const OWN_IDS_EN =
  'the specification identifier (BT-24), the invoice number (BT-1), the line identifier (BT-126) or the seller item identifier (BT-155)';
const OWN_IDS_TERMS = ['BT-24', 'BT-1', 'BT-126', 'BT-155'];

function buildMessages(): Record<string, RuleMessage> {
  const m: Record<string, RuleMessage> = {};
  for (const e of absentEntries()) m[e.id] = absentMessage(e);

  const own: [string, string][] = [
    ['001', 'schemeName'],
    ['002', 'schemeAgencyName'],
    ['003', 'schemeDataURI'],
    ['004', 'schemeURI'],
    ['005', 'schemeID'],
    ['006', 'schemeAgencyID'],
    ['007', 'schemeVersionID'],
  ];
  for (const [n, a] of own)
    m[`CII-DT-${n}`] = attrMessage(a, OWN_IDS_TERMS, OWN_IDS_FR, OWN_IDS_EN);
  for (const [n, a] of [
    ['101', 'schemeName'],
    ['102', 'schemeAgencyName'],
    ['103', 'schemeDataURI'],
    ['104', 'schemeURI'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(
      a,
      [],
      'un identifiant (élément dont le nom finit par ID) ; seul schemeID peut qualifier un identifiant',
      'an identifier (element whose name ends in ID); only schemeID may qualify an identifier',
    );
  }
  for (const [n, a] of [
    ['008', 'name'],
    ['009', 'listURI'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(a, [], 'un code de type (TypeCode)', 'a type code (TypeCode)');
  }
  for (const [n, a] of [
    ['010', 'listID'],
    ['011', 'listAgencyID'],
    ['012', 'listVersionID'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(
      a,
      ['BT-3'],
      'le code de type de facture (BT-3)',
      'the invoice type code (BT-3)',
    );
  }
  for (const [n, a] of [
    ['013', 'languageID'],
    ['014', 'languageLocaleID'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(
      a,
      [],
      "l'élément racine de la facture (CrossIndustryInvoice)",
      'the invoice root element (CrossIndustryInvoice)',
    );
  }
  for (const [n, a] of [
    ['031', 'currencyID'],
    ['032', 'currencyCodeListVersionID'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(
      a,
      [],
      'un montant (la devise de la facture, BT-5, vaut pour tous les montants ; seul le total de TVA, BT-110/BT-111, porte une devise)',
      'an amount (the invoice currency, BT-5, applies to every amount; only the VAT total, BT-110/BT-111, carries a currency)',
    );
  }
  for (const [n, a] of [
    ['033', 'unitCode'],
    ['034', 'unitCodeListID'],
    ['035', 'unitCodeListAgencyID'],
    ['036', 'unitCodeListAgencyName'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(
      a,
      ['BT-130'],
      n === '033'
        ? "une quantité quand aucune quantité facturée n'indique son unité (BT-130) : mettez l'unité sur la quantité facturée (BilledQuantity)"
        : 'une quantité (seul unitCode peut qualifier une quantité)',
      n === '033'
        ? 'a quantity when no invoiced quantity gives its unit (BT-130): put the unit on the invoiced quantity (BilledQuantity)'
        : 'a quantity (only unitCode may qualify a quantity)',
    );
  }
  for (const [n, a] of [
    ['045', 'listID'],
    ['046', 'listAgencyID'],
    ['047', 'listVersionID'],
    ['048', 'listURI'],
  ] as const) {
    m[`CII-DT-${n}`] = attrMessage(
      a,
      ['BT-151'],
      "le code de catégorie de TVA d'une ligne (BT-151)",
      'the VAT category code of a line (BT-151)',
    );
  }
  m['CII-DT-037'] = {
    terms: ['BT-95', 'BT-102', 'BT-118', 'BT-151'],
    fr: "Le code de type de taxe (TypeCode) d'un élément de TVA doit valoir « VAT » : corrigez-le.",
    en: 'The tax type code (TypeCode) of a VAT element must be "VAT": correct it.',
  };
  m['CII-DT-097'] = {
    terms: [],
    fr: "La date « {value} » est déclarée au format 102 mais n'est pas de la forme AAAAMMJJ (par exemple 20240131) : corrigez-la.",
    en: 'The date "{value}" is declared in format 102 but is not written YYYYMMDD (for example 20240131): correct it.',
  };

  const sr = (n: string, terms: string[], fr: string, en: string): void => {
    m[`CII-SR-${n}`] = { terms, fr, en };
  };
  sr(
    '003',
    ['BT-23'],
    'Le contexte du document ne devrait contenir qu’un seul type de processus métier (BT-23) : gardez-en un seul.',
    'The document context should hold only one business process type (BT-23): keep a single one.',
  );
  sr(
    '009',
    ['BT-24'],
    "Le contexte du document doit contenir exactement un paramètre de spécification (GuidelineSpecifiedDocumentContextParameter), qui porte l'identifiant de spécification (BT-24) : ajoutez-le ou supprimez les doublons.",
    'The document context must hold exactly one specification parameter (GuidelineSpecifiedDocumentContextParameter), which carries the specification identifier (BT-24): add it or remove the duplicates.',
  );
  sr(
    '010',
    ['BT-24'],
    "L'identifiant de spécification (BT-24) doit être présent exactement une fois, par exemple urn:cen.eu:en16931:2017 : ajoutez-le ou supprimez les doublons.",
    'The specification identifier (BT-24) must be present exactly once, for example urn:cen.eu:en16931:2017: add it or remove the duplicates.',
  );
  sr(
    '014',
    ['BT-3'],
    'Le document doit contenir exactement un code de type de facture (BT-3), par exemple 380 pour une facture : ajoutez-le ou supprimez les doublons.',
    'The document must hold exactly one invoice type code (BT-3), for example 380 for an invoice: add it or remove the duplicates.',
  );
  sr(
    '030',
    ['BT-22'],
    "Une note de facture (BT-22) ne devrait avoir qu'un seul texte (Content) : regroupez le texte ou créez une note par texte.",
    'An invoice note (BT-22) should have only one text (Content): merge the text or make one note per text.',
  );
  sr(
    '039',
    ['BT-127'],
    "Une ligne ne devrait avoir qu'une seule note (BT-127) : regroupez les notes.",
    'A line should have only one note (BT-127): merge the notes.',
  );
  sr(
    '040',
    ['BT-127'],
    "La note d'une ligne (BT-127) ne devrait avoir qu'un seul texte : regroupez le texte.",
    'The note of a line (BT-127) should have only one text: merge the text.',
  );
  sr(
    '046',
    ['BT-157', 'BT-157-1'],
    "L'identifiant standard d'un article (BT-157) doit indiquer son schéma d'identification (BT-157-1, attribut schemeID, par exemple 0160 pour un GTIN) : ajoutez-le.",
    'The standard identifier of an item (BT-157) must give its identification scheme (BT-157-1, schemeID attribute, for example 0160 for a GTIN): add it.',
  );
  sr(
    '069',
    ['BT-160'],
    "Chaque attribut d'article (BG-32) doit avoir exactement un nom (BT-160) : ajoutez-le ou supprimez les doublons.",
    'Each item attribute (BG-32) must have exactly one name (BT-160): add it or remove the duplicates.',
  );
  sr(
    '072',
    ['BT-161'],
    "Chaque attribut d'article (BG-32) doit avoir exactement une valeur (BT-161) : ajoutez-la ou supprimez les doublons.",
    'Each item attribute (BG-32) must have exactly one value (BT-161): add it or remove the duplicates.',
  );
  sr(
    '090',
    ['BT-159'],
    "Le pays d'origine d'un article (BT-159) doit contenir exactement un code pays : ajoutez-le ou supprimez les doublons.",
    'The country of origin of an item (BT-159) must hold exactly one country code: add it or remove the duplicates.',
  );
  sr(
    '119',
    ['BT-147'],
    'Le prix brut d’un article ne devrait porter que des remises (BT-147) : indicateur ChargeIndicator à false et montant présent ; les majorations de prix ne sont pas prévues par EN 16931.',
    'The gross price of an item should carry allowances only (BT-147): ChargeIndicator false and an amount present; price charges are not part of EN 16931.',
  );
  sr(
    '439',
    ['BT-146'],
    "Chaque ligne doit avoir exactement un prix net de l'article (BT-146) : ajoutez-le ou supprimez les doublons.",
    'Each line must have exactly one item net price (BT-146): add it or remove the duplicates.',
  );
  sr(
    '440',
    ['BT-147'],
    "La remise sur le prix d'un article (BT-147) ne doit avoir qu'un seul montant : supprimez les doublons.",
    'The item price discount (BT-147) must have only one amount: remove the duplicates.',
  );
  sr(
    '441',
    ['BT-146'],
    "Le prix net de l'article (BT-146) ne doit figurer qu'une fois par ligne : supprimez les doublons.",
    'The item net price (BT-146) must appear only once per line: remove the duplicates.',
  );
  const oneId = (n: string, terms: string[], fr: string, en: string): void =>
    sr(
      n,
      terms,
      `${fr} ne devrait avoir qu'un seul identifiant : soit ID, soit GlobalID (avec son schéma), pas les deux.`,
      `${en} should have only one identifier: either ID or GlobalID (with its scheme), not both.`,
    );
  oneId('449', ['BT-71'], 'Le lieu de livraison (BT-71)', 'The delivery location (BT-71)');
  oneId('450', ['BT-46'], "L'acheteur (BT-46)", 'The buyer (BT-46)');
  oneId('451', ['BT-60'], 'Le bénéficiaire du paiement (BT-60)', 'The payee (BT-60)');
  sr(
    '452',
    ['BT-20', 'BT-9'],
    "Les conditions de paiement (SpecifiedTradePaymentTerms) ne devraient apparaître qu'une fois : regroupez-les.",
    'The payment terms (SpecifiedTradePaymentTerms) should appear only once: merge them.',
  );
  sr(
    '453',
    ['BT-20'],
    "Les conditions de paiement (BT-20) ne devraient avoir qu'une seule description : regroupez le texte.",
    'The payment terms (BT-20) should have only one description: merge the text.',
  );
  sr(
    '454',
    ['BG-30'],
    'Chaque ligne devrait avoir exactement une information de TVA (BG-30, ApplicableTradeTax) : ajoutez-la ou supprimez les doublons.',
    'Each line should have exactly one VAT information (BG-30, ApplicableTradeTax): add it or remove the duplicates.',
  );
  sr(
    '455',
    ['BG-6'],
    "Le vendeur ne doit avoir qu'un seul contact (BG-6) : gardez-en un seul.",
    'The seller must have only one contact (BG-6): keep a single one.',
  );
  sr(
    '456',
    ['BG-9'],
    "L'acheteur ne doit avoir qu'un seul contact (BG-9) : gardez-en un seul.",
    'The buyer must have only one contact (BG-9): keep a single one.',
  );
  sr(
    '457',
    ['BT-17'],
    "La référence d'appel d'offres ou de lot (BT-17, document de code type 50) ne devrait figurer qu'une fois.",
    'The tender or lot reference (BT-17, document with type code 50) should appear only once.',
  );
  sr(
    '458',
    ['BT-18'],
    "L'identifiant d'objet facturé (BT-18, document de code type 130) ne devrait figurer qu'une fois dans l'en-tête.",
    'The invoiced object identifier (BT-18, document with type code 130) should appear only once in the header.',
  );
  sr(
    '459',
    ['BT-34'],
    "L'adresse électronique du vendeur (BT-34) ne doit figurer qu'une fois : gardez-en une seule.",
    'The seller electronic address (BT-34) must appear only once: keep a single one.',
  );
  sr(
    '460',
    ['BT-49'],
    "L'adresse électronique de l'acheteur (BT-49) ne doit figurer qu'une fois : gardez-en une seule.",
    'The buyer electronic address (BT-49) must appear only once: keep a single one.',
  );
  sr(
    '461',
    ['BT-7'],
    'La date d’exigibilité de la TVA (BT-7) ne doit figurer qu’une fois dans la ventilation de la TVA : gardez-en une seule.',
    'The VAT point date (BT-7) must appear only once in the VAT breakdown: keep a single one.',
  );
  sr(
    '462',
    ['BT-8'],
    "Le code de date d'exigibilité de la TVA (BT-8) doit avoir la même valeur partout où il figure : harmonisez-le.",
    'The VAT point date code (BT-8) must have the same value wherever it appears: make them equal.',
  );
  sr(
    '463',
    ['BG-20', 'BG-21'],
    "Chaque remise ou majoration (BG-20, BG-21) doit indiquer s'il s'agit d'une majoration (ChargeIndicator true) ou d'une remise (false) : ajoutez l'indicateur.",
    'Each allowance or charge (BG-20, BG-21) must say whether it is a charge (ChargeIndicator true) or an allowance (false): add the indicator.',
  );
  sr(
    '465',
    ['BT-41'],
    'Le contact du vendeur (BT-41) devrait être soit une personne (PersonName), soit un service (DepartmentName), pas les deux.',
    'The seller contact (BT-41) should be either a person (PersonName) or a department (DepartmentName), not both.',
  );
  sr(
    '466',
    ['BT-56'],
    "Le contact de l'acheteur (BT-56) devrait être soit une personne (PersonName), soit un service (DepartmentName), pas les deux.",
    'The buyer contact (BT-56) should be either a person (PersonName) or a department (DepartmentName), not both.',
  );
  sr(
    '467',
    ['BT-81'],
    'Toutes les instructions de paiement doivent avoir le même code de moyen de paiement (BT-81) : harmonisez-les.',
    'All payment instructions must have the same payment means type code (BT-81): make them equal.',
  );
  sr(
    '468',
    ['BT-82'],
    'Toutes les instructions de paiement doivent avoir le même libellé de moyen de paiement (BT-82) : harmonisez-les.',
    'All payment instructions must have the same payment means text (BT-82): make them equal.',
  );
  sr(
    '469',
    ['BT-83'],
    "La référence de paiement (BT-83) ne doit figurer qu'une fois dans la facture : gardez-en une seule.",
    'The remittance information (BT-83) must appear only once in the invoice: keep a single one.',
  );
  sr(
    '470',
    ['BT-81', 'BT-84'],
    'Un paiement par virement (code 30 ou 58, BT-81) doit indiquer le compte du bénéficiaire (BT-84, IBAN ou numéro de compte) : ajoutez-le.',
    'A credit transfer (code 30 or 58, BT-81) must give the payment account of the payee (BT-84, IBAN or account number): add it.',
  );
  sr(
    '471',
    ['BT-96', 'BT-103'],
    "Une remise ou majoration ne doit avoir qu'un seul taux de TVA (BT-96, BT-103) : gardez-en un seul.",
    'An allowance or charge must have only one VAT rate (BT-96, BT-103): keep a single one.',
  );
  sr(
    '472',
    ['BT-95', 'BT-102'],
    "Une remise ou majoration ne doit avoir qu'une seule catégorie de TVA (BT-95, BT-102) : gardez-en une seule.",
    'An allowance or charge must have only one VAT category (BT-95, BT-102): keep a single one.',
  );
  sr(
    '473',
    ['BT-92', 'BT-99'],
    "Une remise ou majoration ne doit avoir qu'un seul montant (BT-92, BT-99, BT-136, BT-141) : gardez-en un seul.",
    'An allowance or charge must have only one amount (BT-92, BT-99, BT-136, BT-141): keep a single one.',
  );
  sr(
    '474',
    ['BT-128'],
    "L'identifiant d'objet d'une ligne (BT-128, document de code type 130) ne devrait figurer qu'une fois par ligne.",
    'The invoice line object identifier (BT-128, document with type code 130) should appear only once per line.',
  );
  sr(
    '475',
    ['BT-123'],
    "Un justificatif additionnel (code type 916) ne devrait avoir qu'une seule description (BT-123).",
    'A supporting document (type code 916) should have only one description (BT-123).',
  );
  sr(
    '476',
    ['BT-125'],
    "Un justificatif additionnel (code type 916) ne devrait avoir qu'une seule pièce jointe (BT-125).",
    'A supporting document (type code 916) should have only one attached document (BT-125).',
  );
  for (const [n, local, terms] of TOTALS) {
    const label = terms.length > 0 ? ` (${terms.join(', ')})` : '';
    sr(
      n,
      terms.length > 0 ? terms : ['BG-22'],
      `Le total ${local}${label} ne doit figurer qu'une fois dans les totaux du document (BG-22) : supprimez les doublons.`,
      `The total ${local}${label} must appear only once in the document totals (BG-22): remove the duplicates.`,
    );
  }
  return m;
}

export const CII_SYNTAX_MESSAGES: Record<string, RuleMessage> = buildMessages();
