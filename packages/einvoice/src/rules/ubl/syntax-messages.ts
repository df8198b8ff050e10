/**
 * Messages of the UBL syntax-binding rules (UBL-SR, UBL-CR, UBL-DT), French and English.
 * UBL-SR and UBL-DT are written one by one; the ~680 UBL-CR messages are composed from the
 * table in cr-table.ts (element, where it sits, the nearest business term), so they stay in
 * step with the checks.
 */
import type { RuleMessage } from '../types.js';
import { crEntries, type CrEntry } from './cr-table.js';

/** Names of the business terms quoted by the UBL-CR messages: [English, French]. */
const TERM_NAMES: Record<string, [string, string]> = {
  'BT-1': ['invoice number', 'numéro de facture'],
  'BT-3': ['invoice type code', 'code de type de facture'],
  'BT-5': ['invoice currency code', 'code de devise de la facture'],
  'BT-6': ['VAT accounting currency code', 'code de devise de comptabilisation de la TVA'],
  'BT-11': ['project reference', 'référence de projet'],
  'BT-12': ['contract reference', 'référence du contrat'],
  'BT-13': ['purchase order reference', 'référence du bon de commande'],
  'BT-14': ['sales order reference', 'référence de la commande client'],
  'BT-15': ['receiving advice reference', 'référence de l’avis de réception'],
  'BT-16': ['despatch advice reference', 'référence de l’avis d’expédition'],
  'BT-17': ['tender or lot reference', 'référence de l’appel d’offres ou du lot'],
  'BT-18': ['invoiced object identifier', 'identifiant de l’objet facturé'],
  'BT-20': ['payment terms', 'conditions de paiement'],
  'BT-23': ['business process type', 'type de processus métier'],
  'BT-24': ['specification identifier', 'identifiant de spécification'],
  'BT-30': ['seller legal registration identifier', 'identifiant d’immatriculation du vendeur'],
  'BT-31': ['seller VAT identifier', 'numéro de TVA du vendeur'],
  'BT-40': ['seller country code', 'code pays du vendeur'],
  'BT-47': ['buyer legal registration identifier', 'identifiant d’immatriculation de l’acheteur'],
  'BT-48': ['buyer VAT identifier', 'numéro de TVA de l’acheteur'],
  'BT-55': ['buyer country code', 'code pays de l’acheteur'],
  'BT-61': ['payee legal registration identifier', 'identifiant d’immatriculation du bénéficiaire'],
  'BT-63': ['tax representative VAT identifier', 'numéro de TVA du représentant fiscal'],
  'BT-69': ['tax representative country code', 'code pays du représentant fiscal'],
  'BT-70': ['deliver to party name', 'nom du destinataire de la livraison'],
  'BT-71': ['deliver to location identifier', 'identifiant du lieu de livraison'],
  'BT-80': ['deliver to country code', 'code pays de livraison'],
  'BT-81': ['payment means type code', 'code du moyen de paiement'],
  'BT-83': ['remittance information', 'référence de paiement'],
  'BT-84': ['payment account identifier', 'identifiant du compte de paiement'],
  'BT-86': ['payment service provider identifier', 'identifiant du prestataire de paiement'],
  'BT-87': ['payment card primary account number', 'numéro de la carte de paiement'],
  'BT-89': ['mandate reference identifier', 'référence du mandat'],
  'BT-91': ['debited account identifier', 'identifiant du compte débité'],
  'BT-95+BT-102': [
    'VAT category of a document level allowance or charge',
    'catégorie de TVA d’une remise ou charge au niveau du document',
  ],
  'BT-110': ['invoice total VAT amount', 'montant total de TVA de la facture'],
  'BT-118': ['VAT category code', 'code de catégorie de TVA'],
  'BT-124': ['external document location', 'emplacement du document externe'],
  'BT-128': ['invoice line object identifier', 'identifiant d’objet de la ligne'],
  'BT-132': ['referenced purchase order line', 'ligne de commande référencée'],
  'BT-147': ['item price discount', 'rabais sur le prix de l’article'],
  'BT-151': ['invoiced item VAT category code', 'code de catégorie de TVA de l’article'],
  'BT-155': ['item seller’s identifier', 'identifiant de l’article chez le vendeur'],
  'BT-156': ['item buyer’s identifier', 'identifiant de l’article chez l’acheteur'],
  'BT-157': ['item standard identifier', 'identifiant standard de l’article'],
  'BT-158': ['item classification identifier', 'code de classification de l’article'],
  'BT-159': ['item country of origin', 'pays d’origine de l’article'],
  'BG-3': ['preceding invoice reference', 'référence à une facture antérieure'],
  'BG-4': ['seller', 'vendeur'],
  'BG-5': ['seller postal address', 'adresse postale du vendeur'],
  'BG-6': ['seller contact', 'contact du vendeur'],
  'BG-7': ['buyer', 'acheteur'],
  'BG-8': ['buyer postal address', 'adresse postale de l’acheteur'],
  'BG-9': ['buyer contact', 'contact de l’acheteur'],
  'BG-10': ['payee', 'bénéficiaire'],
  'BG-11': ['seller tax representative', 'représentant fiscal du vendeur'],
  'BG-12': ['tax representative postal address', 'adresse postale du représentant fiscal'],
  'BG-13': ['delivery information', 'informations de livraison'],
  'BG-14': ['invoicing period', 'période de facturation'],
  'BG-15': ['deliver to address', 'adresse de livraison'],
  'BG-16': ['payment instructions', 'instructions de paiement'],
  'BG-17': ['credit transfer', 'virement'],
  'BG-18': ['payment card information', 'carte de paiement'],
  'BG-19': ['direct debit', 'prélèvement'],
  'BG-20+BG-21': ['document level allowance or charge', 'remise ou charge au niveau du document'],
  'BG-22': ['document totals', 'totaux du document'],
  'BG-23': ['VAT breakdown', 'ventilation de la TVA'],
  'BG-24': ['additional supporting documents', 'documents justificatifs'],
  'BG-25': ['invoice line', 'ligne de facture'],
  'BG-26': ['invoice line period', 'période de la ligne'],
  'BG-27+BG-28': ['invoice line allowance or charge', 'remise ou charge de ligne'],
  'BG-29': ['price details', 'détails du prix'],
  'BG-30': ['line VAT information', 'TVA de la ligne'],
  'BG-31': ['item information', 'informations sur l’article'],
  'BG-32': ['item attributes', 'attributs de l’article'],
};

const qname = (s: { prefix: string; local: string }) => `${s.prefix}:${s.local}`;

/** Where the element sits, in words (leading space included; '' for anywhere). */
function where(e: CrEntry): [en: string, fr: string] {
  const path = e.parent.map(qname).join('/');
  if (e.scope === '.') {
    return path
      ? [` in ${path}`, ` dans ${path}`]
      : [' at the top level of the document', ' au premier niveau du document'];
  }
  if (e.scope === 'L') {
    return path
      ? [` in ${path} of an invoice line`, ` dans ${path} d’une ligne de facture`]
      : [' directly in an invoice line', ' directement dans une ligne de facture'];
  }
  return path ? [` in ${path}`, ` dans ${path}`] : ['', ''];
}

/** " (name, BT-n)", or " (close to name, BT-n)" when the element only resembles the term. */
function termPhrase(term: string | undefined, close: boolean): [en: string, fr: string] {
  if (!term) return ['', ''];
  const [en, fr] = TERM_NAMES[term] ?? [term, term];
  const ids = term.replace('+', '/');
  return close
    ? [` (close to the ${en}, ${ids})`, ` (proche de : ${fr}, ${ids})`]
    : [` (${en}, ${ids})`, ` (${fr}, ${ids})`];
}

function crMessage(e: CrEntry): RuleMessage {
  const [wEn, wFr] = where(e);
  const el = qname(e.el);
  const terms = e.term ? e.term.split('+') : [];
  // The term describes the element itself (attribute entries: exactly; element entries: only
  // loosely, since the element is not in the model) or else the parent group.
  const own = e.termOfElement === true;
  const [tEn, tFr] = termPhrase(e.term, own && !e.attr);
  const subjectEn = own ? `${el}${tEn}${wEn}` : `${el}${wEn}${tEn}`;
  const subjectFr = own ? `${el}${tFr}${wFr}` : `${el}${wFr}${tFr}`;
  if (e.attr) {
    return {
      terms,
      en: `The attribute ${e.attr} of ${subjectEn} is not part of EN 16931: receivers ignore it. Remove the attribute and keep the element's value.`,
      fr: `L’attribut ${e.attr} de ${subjectFr} ne fait pas partie de la norme EN 16931 : le destinataire l’ignore. Supprimez l’attribut en gardant la valeur de l’élément.`,
    };
  }
  return {
    terms,
    en: `The UBL element ${subjectEn} is not part of EN 16931: receivers ignore it. Remove it from the invoice.`,
    fr: `L’élément UBL ${subjectFr} ne fait pas partie de la norme EN 16931 : le destinataire l’ignore. Supprimez-le de la facture.`,
  };
}

/** UBL-SR and UBL-DT, and the UBL-CR rules that test a value. */
const WRITTEN: Record<string, RuleMessage> = {
  'UBL-SR-01': {
    terms: ['BT-12'],
    en: 'The contract reference (BT-12, cac:ContractDocumentReference/cbc:ID) appears more than once. An invoice refers to one contract: keep a single one.',
    fr: 'La référence du contrat (BT-12, cac:ContractDocumentReference/cbc:ID) figure plusieurs fois. Une facture se rapporte à un seul contrat : n’en gardez qu’une.',
  },
  'UBL-SR-02': {
    terms: ['BT-15'],
    en: 'The receiving advice reference (BT-15, cac:ReceiptDocumentReference/cbc:ID) appears more than once. Keep a single one.',
    fr: 'La référence de l’avis de réception (BT-15, cac:ReceiptDocumentReference/cbc:ID) figure plusieurs fois. N’en gardez qu’une.',
  },
  'UBL-SR-03': {
    terms: ['BT-16'],
    en: 'The despatch advice reference (BT-16, cac:DespatchDocumentReference/cbc:ID) appears more than once. Keep a single one.',
    fr: 'La référence de l’avis d’expédition (BT-16, cac:DespatchDocumentReference/cbc:ID) figure plusieurs fois. N’en gardez qu’une.',
  },
  'UBL-SR-04': {
    terms: ['BT-18'],
    en: 'More than one invoiced object identifier (BT-18: cac:AdditionalDocumentReference with document type code 130). Keep a single one.',
    fr: 'Plus d’un identifiant d’objet facturé (BT-18 : cac:AdditionalDocumentReference avec le code de type de document 130). N’en gardez qu’un.',
  },
  'UBL-SR-05': {
    terms: ['BT-20'],
    en: 'The payment terms (BT-20, cac:PaymentTerms/cbc:Note) appear more than once. Put all the payment terms in a single note.',
    fr: 'Les conditions de paiement (BT-20, cac:PaymentTerms/cbc:Note) figurent plusieurs fois. Regroupez-les dans une seule note.',
  },
  'UBL-SR-06': {
    terms: ['BG-3'],
    en: 'A preceding invoice reference (BG-3, cac:BillingReference) contains more than one cac:InvoiceDocumentReference. Use one cac:BillingReference per preceding invoice.',
    fr: 'Une référence à une facture antérieure (BG-3, cac:BillingReference) contient plusieurs cac:InvoiceDocumentReference. Utilisez un cac:BillingReference par facture antérieure.',
  },
  'UBL-SR-07': {
    terms: ['BG-3', 'BT-25'],
    en: 'A preceding invoice reference (BG-3, cac:BillingReference) has no preceding invoice number (BT-25, cac:InvoiceDocumentReference/cbc:ID). Give the number of the invoice referred to, or remove the reference.',
    fr: 'Une référence à une facture antérieure (BG-3, cac:BillingReference) n’a pas de numéro de facture antérieure (BT-25, cac:InvoiceDocumentReference/cbc:ID). Indiquez le numéro de la facture visée, ou supprimez la référence.',
  },
  'UBL-SR-08': {
    terms: ['BG-14'],
    en: 'The invoicing period (BG-14, cac:InvoicePeriod) appears more than once at document level. Give a single period covering the whole invoice.',
    fr: 'La période de facturation (BG-14, cac:InvoicePeriod) figure plusieurs fois au niveau du document. Indiquez une seule période couvrant toute la facture.',
  },
  'UBL-SR-09': {
    terms: ['BT-27'],
    en: 'The seller name (BT-27, cac:PartyLegalEntity/cbc:RegistrationName) appears more than once. Keep a single one.',
    fr: 'Le nom du vendeur (BT-27, cac:PartyLegalEntity/cbc:RegistrationName) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-10': {
    terms: ['BT-28'],
    en: 'The seller trading name (BT-28, cac:PartyName/cbc:Name) appears more than once. Keep a single one.',
    fr: 'Le nom commercial du vendeur (BT-28, cac:PartyName/cbc:Name) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-11': {
    terms: ['BT-30'],
    en: 'The seller legal registration identifier (BT-30, cac:PartyLegalEntity/cbc:CompanyID) appears more than once. Keep a single one (e.g. the SIREN).',
    fr: 'L’identifiant d’immatriculation légale du vendeur (BT-30, cac:PartyLegalEntity/cbc:CompanyID) figure plusieurs fois. N’en gardez qu’un (par exemple le SIREN).',
  },
  'UBL-SR-12': {
    terms: ['BT-31'],
    en: 'The seller VAT identifier (BT-31, cac:PartyTaxScheme/cbc:CompanyID with tax scheme VAT) appears more than once. Keep a single VAT number.',
    fr: 'Le numéro de TVA du vendeur (BT-31, cac:PartyTaxScheme/cbc:CompanyID avec le régime VAT) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-13': {
    terms: ['BT-32'],
    en: 'The seller tax registration identifier (BT-32, cac:PartyTaxScheme/cbc:CompanyID with a tax scheme other than VAT) appears more than once. Keep a single one.',
    fr: 'L’identifiant fiscal du vendeur (BT-32, cac:PartyTaxScheme/cbc:CompanyID avec un régime autre que VAT) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-14': {
    terms: ['BT-33'],
    en: 'The seller additional legal information (BT-33, cbc:CompanyLegalForm) appears more than once. Put it all in a single element.',
    fr: 'Les informations juridiques complémentaires du vendeur (BT-33, cbc:CompanyLegalForm) figurent plusieurs fois. Regroupez-les dans un seul élément.',
  },
  'UBL-SR-15': {
    terms: ['BT-44'],
    en: 'The buyer name (BT-44, cac:PartyLegalEntity/cbc:RegistrationName) appears more than once. Keep a single one.',
    fr: 'Le nom de l’acheteur (BT-44, cac:PartyLegalEntity/cbc:RegistrationName) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-16': {
    terms: ['BT-46'],
    en: 'The buyer identifier (BT-46, cac:PartyIdentification/cbc:ID) appears more than once. Keep a single one.',
    fr: 'L’identifiant de l’acheteur (BT-46, cac:PartyIdentification/cbc:ID) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-17': {
    terms: ['BT-47'],
    en: 'The buyer legal registration identifier (BT-47, cac:PartyLegalEntity/cbc:CompanyID) appears more than once. Keep a single one.',
    fr: 'L’identifiant d’immatriculation légale de l’acheteur (BT-47, cac:PartyLegalEntity/cbc:CompanyID) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-18': {
    terms: ['BT-48'],
    en: 'The buyer VAT identifier (BT-48, cac:PartyTaxScheme/cbc:CompanyID with tax scheme VAT) appears more than once. Keep a single VAT number.',
    fr: 'Le numéro de TVA de l’acheteur (BT-48, cac:PartyTaxScheme/cbc:CompanyID avec le régime VAT) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-19': {
    terms: ['BG-10', 'BT-59'],
    en: 'The payee (BG-10) must have exactly one name (BT-59, cac:PartyName/cbc:Name) and it must differ from the seller name (BT-27): a payee is only given when someone other than the seller is paid. Fix the name, or remove cac:PayeeParty if the seller is paid.',
    fr: 'Le bénéficiaire (BG-10) doit avoir un seul nom (BT-59, cac:PartyName/cbc:Name), différent du nom du vendeur (BT-27) : on n’indique un bénéficiaire que si le paiement va à quelqu’un d’autre que le vendeur. Corrigez le nom, ou supprimez cac:PayeeParty si c’est le vendeur qui est payé.',
  },
  'UBL-SR-20': {
    terms: ['BG-10', 'BT-60'],
    en: 'The payee identifier (BT-60, cac:PartyIdentification/cbc:ID other than a SEPA creditor identifier) appears more than once, or the payee (BG-10) has no name different from the seller name. Keep a single identifier, and give the payee only when it is not the seller.',
    fr: 'L’identifiant du bénéficiaire (BT-60, cac:PartyIdentification/cbc:ID hors identifiant créancier SEPA) figure plusieurs fois, ou le bénéficiaire (BG-10) n’a pas de nom différent de celui du vendeur. Gardez un seul identifiant, et n’indiquez le bénéficiaire que s’il n’est pas le vendeur.',
  },
  'UBL-SR-21': {
    terms: ['BG-10', 'BT-61'],
    en: 'The payee legal registration identifier (BT-61, cac:PartyLegalEntity/cbc:CompanyID) appears more than once, or the payee (BG-10) has no name different from the seller name. Keep a single identifier, and give the payee only when it is not the seller.',
    fr: 'L’identifiant d’immatriculation légale du bénéficiaire (BT-61, cac:PartyLegalEntity/cbc:CompanyID) figure plusieurs fois, ou le bénéficiaire (BG-10) n’a pas de nom différent de celui du vendeur. Gardez un seul identifiant, et n’indiquez le bénéficiaire que s’il n’est pas le vendeur.',
  },
  'UBL-SR-22': {
    terms: ['BG-11', 'BT-62'],
    en: 'The seller tax representative name (BT-62, cac:PartyName/cbc:Name) appears more than once. Keep a single one.',
    fr: 'Le nom du représentant fiscal du vendeur (BT-62, cac:PartyName/cbc:Name) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-23': {
    terms: ['BG-11', 'BT-63'],
    en: 'The seller tax representative VAT identifier (BT-63, cac:PartyTaxScheme/cbc:CompanyID) appears more than once. Keep a single one.',
    fr: 'Le numéro de TVA du représentant fiscal du vendeur (BT-63, cac:PartyTaxScheme/cbc:CompanyID) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-24': {
    terms: ['BG-13'],
    en: 'The delivery information (BG-13, cac:Delivery) appears more than once at document level. Give a single delivery.',
    fr: 'Les informations de livraison (BG-13, cac:Delivery) figurent plusieurs fois au niveau du document. N’indiquez qu’une livraison.',
  },
  'UBL-SR-25': {
    terms: ['BT-70'],
    en: 'The deliver to party name (BT-70, cac:DeliveryParty/cac:PartyName/cbc:Name) appears more than once. Keep a single one.',
    fr: 'Le nom du destinataire de la livraison (BT-70, cac:DeliveryParty/cac:PartyName/cbc:Name) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-26': {
    terms: ['BT-83'],
    en: 'A payment means (cac:PaymentMeans) has more than one remittance information (BT-83, cbc:PaymentID). Keep a single payment reference.',
    fr: 'Un moyen de paiement (cac:PaymentMeans) a plusieurs références de paiement (BT-83, cbc:PaymentID). N’en gardez qu’une.',
  },
  'UBL-SR-27': {
    terms: ['BT-81'],
    en: 'A payment means (cac:PaymentMeans) has more than one payment means code (BT-81, cbc:PaymentMeansCode). Keep a single code.',
    fr: 'Un moyen de paiement (cac:PaymentMeans) a plusieurs codes de moyen de paiement (BT-81, cbc:PaymentMeansCode). N’en gardez qu’un.',
  },
  'UBL-SR-28': {
    terms: ['BT-89'],
    en: 'A payment means has more than one mandate reference identifier (BT-89, cac:PaymentMandate/cbc:ID). Keep a single one.',
    fr: 'Un moyen de paiement a plusieurs références de mandat (BT-89, cac:PaymentMandate/cbc:ID). N’en gardez qu’une.',
  },
  'UBL-SR-29': {
    terms: ['BT-90'],
    en: 'The bank assigned creditor identifier (BT-90, cac:PartyIdentification/cbc:ID with scheme SEPA) appears more than once. Keep a single one.',
    fr: 'L’identifiant créancier SEPA (BT-90, cac:PartyIdentification/cbc:ID avec le schéma SEPA) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-30': {
    terms: ['BG-20', 'BT-97'],
    en: 'An allowance (cac:AllowanceCharge with cbc:ChargeIndicator false) has more than one reason (BT-97, cbc:AllowanceChargeReason). Put the reason in a single element.',
    fr: 'Une remise (cac:AllowanceCharge avec cbc:ChargeIndicator à false) a plusieurs motifs (BT-97, cbc:AllowanceChargeReason). Regroupez le motif dans un seul élément.',
  },
  'UBL-SR-31': {
    terms: ['BG-21', 'BT-104'],
    en: 'A charge (cac:AllowanceCharge with cbc:ChargeIndicator true) has more than one reason (BT-104, cbc:AllowanceChargeReason). Put the reason in a single element.',
    fr: 'Une charge (cac:AllowanceCharge avec cbc:ChargeIndicator à true) a plusieurs motifs (BT-104, cbc:AllowanceChargeReason). Regroupez le motif dans un seul élément.',
  },
  'UBL-SR-32': {
    terms: ['BG-23', 'BT-120'],
    en: 'A VAT breakdown (BG-23, cac:TaxSubtotal) has more than one VAT exemption reason text (BT-120, cbc:TaxExemptionReason). Put the reason in a single element.',
    fr: 'Une ventilation de TVA (BG-23, cac:TaxSubtotal) a plusieurs motifs d’exonération (BT-120, cbc:TaxExemptionReason). Regroupez le motif dans un seul élément.',
  },
  'UBL-SR-33': {
    terms: ['BG-24', 'BT-123'],
    en: 'A supporting document (BG-24, cac:AdditionalDocumentReference) has more than one description (BT-123, cbc:DocumentDescription). Keep a single description.',
    fr: 'Un document justificatif (BG-24, cac:AdditionalDocumentReference) a plusieurs descriptions (BT-123, cbc:DocumentDescription). N’en gardez qu’une.',
  },
  'UBL-SR-34': {
    terms: ['BT-127'],
    en: 'An invoice line has more than one note (BT-127, cbc:Note). Put the line note in a single element.',
    fr: 'Une ligne de facture a plusieurs notes (BT-127, cbc:Note). Regroupez la note de ligne dans un seul élément.',
  },
  'UBL-SR-35': {
    terms: ['BT-132'],
    en: 'An invoice line refers to more than one purchase order line (BT-132, cac:OrderLineReference/cbc:LineID). Keep a single one.',
    fr: 'Une ligne de facture référence plusieurs lignes de commande (BT-132, cac:OrderLineReference/cbc:LineID). N’en gardez qu’une.',
  },
  'UBL-SR-36': {
    terms: ['BG-26'],
    en: 'An invoice line has more than one period (BG-26, cac:InvoicePeriod). Give a single period per line.',
    fr: 'Une ligne de facture a plusieurs périodes (BG-26, cac:InvoicePeriod). N’en indiquez qu’une par ligne.',
  },
  'UBL-SR-37': {
    terms: ['BT-147'],
    en: 'An invoice line has more than one item price discount (BT-147, cac:Price/cac:AllowanceCharge/cbc:Amount). Give a single discount per price.',
    fr: 'Une ligne de facture a plusieurs rabais sur le prix (BT-147, cac:Price/cac:AllowanceCharge/cbc:Amount). N’en indiquez qu’un par prix.',
  },
  'UBL-SR-39': {
    terms: ['BT-11'],
    en: 'The project reference (BT-11, cac:ProjectReference/cbc:ID) appears more than once. Keep a single one.',
    fr: 'La référence de projet (BT-11, cac:ProjectReference/cbc:ID) figure plusieurs fois. N’en gardez qu’une.',
  },
  'UBL-SR-40': {
    terms: ['BT-45'],
    en: 'The buyer trading name (BT-45, cac:PartyName/cbc:Name) appears more than once. Keep a single one.',
    fr: 'Le nom commercial de l’acheteur (BT-45, cac:PartyName/cbc:Name) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-42': {
    terms: ['BT-31', 'BT-32'],
    en: 'The seller has more than two cac:PartyTaxScheme: at most one for the VAT identifier (BT-31) and one for the tax registration identifier (BT-32). Remove the others.',
    fr: 'Le vendeur a plus de deux cac:PartyTaxScheme : au plus un pour le numéro de TVA (BT-31) et un pour l’identifiant fiscal (BT-32). Supprimez les autres.',
  },
  'UBL-SR-43': {
    terms: ['BG-24', 'BT-18'],
    en: 'A cac:AdditionalDocumentReference has a document type code or a scheme on its identifier, but is not an invoiced object identifier (BT-18, type code 130; 50 is also accepted in a credit note). For a supporting document (BG-24), remove cbc:DocumentTypeCode and the schemeID attribute.',
    fr: 'Un cac:AdditionalDocumentReference porte un code de type de document ou un schéma sur son identifiant, sans être un identifiant d’objet facturé (BT-18, code 130 ; 50 est aussi admis dans un avoir). Pour un document justificatif (BG-24), supprimez cbc:DocumentTypeCode et l’attribut schemeID.',
  },
  'UBL-SR-44': {
    terms: ['BT-83'],
    en: 'The invoice has more than one remittance information (BT-83, cbc:PaymentID): "{first}" and "{value}". Several payment means may repeat it, but it must be the same everywhere.',
    fr: 'La facture a plusieurs références de paiement (BT-83, cbc:PaymentID) : « {first} » et « {value} ». Plusieurs moyens de paiement peuvent la répéter, mais elle doit être partout la même.',
  },
  'UBL-SR-45': {
    terms: ['BT-9'],
    en: 'The payment due date (BT-9, cac:PaymentMeans/cbc:PaymentDueDate) appears more than once. Keep a single due date.',
    fr: 'La date d’échéance (BT-9, cac:PaymentMeans/cbc:PaymentDueDate) figure plusieurs fois. N’en gardez qu’une.',
  },
  'UBL-SR-46': {
    terms: ['BT-82'],
    en: 'The payment means text (BT-82, attribute name of cbc:PaymentMeansCode) appears more than once. Give it on a single payment means.',
    fr: 'Le libellé du moyen de paiement (BT-82, attribut name de cbc:PaymentMeansCode) figure plusieurs fois. Ne l’indiquez que sur un seul moyen de paiement.',
  },
  'UBL-SR-47': {
    terms: ['BT-81'],
    en: 'The payment means use different codes (BT-81, cbc:PaymentMeansCode): "{first}" and "{value}". When several payment means are given, they must all have the same code.',
    fr: 'Les moyens de paiement ont des codes différents (BT-81, cbc:PaymentMeansCode) : « {first} » et « {value} ». Quand plusieurs moyens de paiement sont indiqués, ils doivent tous avoir le même code.',
  },
  'UBL-SR-48': {
    terms: ['BG-30'],
    en: 'An invoice line must have exactly one VAT category (BG-30, cac:Item/cac:ClassifiedTaxCategory). Give one, and only one, per line.',
    fr: 'Une ligne de facture doit avoir exactement une catégorie de TVA (BG-30, cac:Item/cac:ClassifiedTaxCategory). Indiquez-en une, et une seule, par ligne.',
  },
  'UBL-SR-49': {
    terms: ['BT-8'],
    en: 'The value added tax point date code (BT-8, cac:InvoicePeriod/cbc:DescriptionCode) appears more than once. Keep a single one.',
    fr: 'Le code de date d’exigibilité de la TVA (BT-8, cac:InvoicePeriod/cbc:DescriptionCode) figure plusieurs fois. N’en gardez qu’un.',
  },
  'UBL-SR-50': {
    terms: ['BT-154'],
    en: 'An invoice line has more than one item description (BT-154, cac:Item/cbc:Description). Put the description in a single element.',
    fr: 'Une ligne de facture a plusieurs descriptions d’article (BT-154, cac:Item/cbc:Description). Regroupez la description dans un seul élément.',
  },
  'UBL-SR-51': {
    terms: ['BT-162'],
    en: 'An address has more than one cac:AddressLine. EN 16931 has a single third address line (e.g. BT-162): merge them into one.',
    fr: 'Une adresse a plusieurs cac:AddressLine. L’EN 16931 ne prévoit qu’une troisième ligne d’adresse (par exemple BT-162) : regroupez-les en une seule.',
  },
  'UBL-SR-52': {
    terms: ['BT-128'],
    en: 'An invoice line has more than one document reference (BT-128, cac:DocumentReference). Keep a single one per line.',
    fr: 'Une ligne de facture a plusieurs références de document (BT-128, cac:DocumentReference). N’en gardez qu’une par ligne.',
  },
  'UBL-SR-53': {
    terms: ['BT-31', 'BT-48', 'BT-63'],
    en: 'A cac:PartyTaxScheme must contain both the tax identifier (cbc:CompanyID, e.g. the VAT number) and its tax scheme (cac:TaxScheme/cbc:ID). Add the missing one, or remove the cac:PartyTaxScheme.',
    fr: 'Un cac:PartyTaxScheme doit contenir à la fois l’identifiant fiscal (cbc:CompanyID, par exemple le numéro de TVA) et son régime (cac:TaxScheme/cbc:ID). Ajoutez celui qui manque, ou supprimez le cac:PartyTaxScheme.',
  },
  'UBL-SR-54': {
    terms: ['BG-18'],
    en: 'The invoice has more than one payment card (BG-18, cac:PaymentMeans/cac:CardAccount). Keep a single one.',
    fr: 'La facture comporte plusieurs cartes de paiement (BG-18, cac:PaymentMeans/cac:CardAccount). N’en gardez qu’une.',
  },
  'UBL-SR-55': {
    terms: ['BG-19'],
    en: 'The invoice has more than one direct debit mandate (BG-19, cac:PaymentMeans/cac:PaymentMandate). Keep a single one.',
    fr: 'La facture comporte plusieurs mandats de prélèvement (BG-19, cac:PaymentMeans/cac:PaymentMandate). N’en gardez qu’un.',
  },
  'UBL-SR-56': {
    terms: ['BT-17'],
    en: 'The tender or lot reference (BT-17, cac:OriginatorDocumentReference/cbc:ID) appears more than once. Keep a single one.',
    fr: 'La référence de l’appel d’offres ou du lot (BT-17, cac:OriginatorDocumentReference/cbc:ID) figure plusieurs fois. N’en gardez qu’une.',
  },
  'UBL-DT-01': {
    terms: [],
    en: 'The amount "{value}" has more than two decimals. Amounts have at most two digits after the decimal point (unit prices excepted): round it, e.g. 12.50.',
    fr: 'Le montant « {value} » a plus de deux décimales. Les montants ont au plus deux chiffres après le point (sauf les prix unitaires) : arrondissez-le, par exemple 12.50.',
  },
  'UBL-DT-06': {
    terms: ['BT-125'],
    en: 'An embedded document (BT-125, cbc:EmbeddedDocumentBinaryObject) has no mimeCode attribute. Add its file type, e.g. mimeCode="application/pdf".',
    fr: 'Un document joint (BT-125, cbc:EmbeddedDocumentBinaryObject) n’a pas d’attribut mimeCode. Indiquez son type de fichier, par exemple mimeCode="application/pdf".',
  },
  'UBL-DT-07': {
    terms: ['BT-125'],
    en: 'An embedded document (BT-125, cbc:EmbeddedDocumentBinaryObject) has no filename attribute. Add its file name, e.g. filename="timesheet.pdf".',
    fr: 'Un document joint (BT-125, cbc:EmbeddedDocumentBinaryObject) n’a pas d’attribut filename. Indiquez son nom de fichier, par exemple filename="releve.pdf".',
  },
  'UBL-CR-002': {
    terms: [],
    en: 'The UBL version (cbc:UBLVersionID) is "{value}". EN 16931 invoices use UBL 2.1: write 2.1 or leave the element out.',
    fr: 'La version UBL (cbc:UBLVersionID) vaut « {value} ». Les factures EN 16931 utilisent UBL 2.1 : indiquez 2.1 ou omettez l’élément.',
  },
  'UBL-CR-412': {
    terms: ['BT-9'],
    en: 'In a UBL Invoice the payment due date (BT-9) goes in cbc:DueDate at the top of the invoice, not in cac:PaymentMeans/cbc:PaymentDueDate, which receivers ignore. Move the date there.',
    fr: 'Dans une facture UBL (Invoice), la date d’échéance (BT-9) se place dans cbc:DueDate en tête de facture, et non dans cac:PaymentMeans/cbc:PaymentDueDate, que le destinataire ignore. Déplacez la date.',
  },
  'UBL-CR-663': {
    terms: ['BT-129', 'BT-130'],
    en: 'The attribute unitCodeListID (on a quantity) is not part of EN 16931: receivers ignore it. Remove it and keep the unitCode attribute.',
    fr: 'L’attribut unitCodeListID (sur une quantité) ne fait pas partie de la norme EN 16931 : le destinataire l’ignore. Supprimez-le en gardant l’attribut unitCode.',
  },
  'UBL-CR-665': {
    terms: ['BG-24', 'BT-122'],
    en: 'A supporting document reference (BG-24, cac:AdditionalDocumentReference that is not an invoiced object, type code 130) has a schemeID attribute on its cbc:ID. Receivers ignore it: remove the attribute.',
    fr: 'Une référence de document justificatif (BG-24, cac:AdditionalDocumentReference qui n’est pas un objet facturé, code 130) porte un attribut schemeID sur son cbc:ID. Le destinataire l’ignore : supprimez l’attribut.',
  },
  'UBL-CR-666': {
    terms: ['BT-18', 'BG-24'],
    en: 'A cac:AdditionalDocumentReference with type code 130 is an invoiced object identifier (BT-18) and cannot also carry an attachment (cac:Attachment). Put the attachment in a separate cac:AdditionalDocumentReference without type code.',
    fr: 'Un cac:AdditionalDocumentReference avec le code 130 est un identifiant d’objet facturé (BT-18) et ne peut pas porter en même temps une pièce jointe (cac:Attachment). Placez la pièce jointe dans un autre cac:AdditionalDocumentReference, sans code de type.',
  },
  'UBL-CR-673': {
    terms: ['BT-18', 'BG-24'],
    en: 'A cac:AdditionalDocumentReference with type code 130 is an invoiced object identifier (BT-18) and cannot also carry a document description (cbc:DocumentDescription). Remove the description, or put it in a separate supporting document reference.',
    fr: 'Un cac:AdditionalDocumentReference avec le code 130 est un identifiant d’objet facturé (BT-18) et ne peut pas porter en même temps une description (cbc:DocumentDescription). Supprimez la description, ou placez-la dans une autre référence de document justificatif.',
  },
};

/** Attribute warnings UBL-DT-08..28: rule id and the attribute it is about. */
const UNUSED_ATTRIBUTES: [id: string, attr: string][] = [
  ['UBL-DT-08', 'schemeName'],
  ['UBL-DT-09', 'schemeAgencyName'],
  ['UBL-DT-10', 'schemeDataURI'],
  ['UBL-DT-11', 'schemeURI'],
  ['UBL-DT-12', 'format'],
  ['UBL-DT-13', 'unitCodeListIdentifier'],
  ['UBL-DT-14', 'unitCodeListAgencyIdentifier'],
  ['UBL-DT-15', 'unitCodeListAgencyName'],
  ['UBL-DT-16', 'listAgencyName'],
  ['UBL-DT-17', 'listName'],
  ['UBL-DT-18', 'name'],
  ['UBL-DT-19', 'languageID'],
  ['UBL-DT-20', 'listURI'],
  ['UBL-DT-21', 'listSchemeURI'],
  ['UBL-DT-22', 'languageLocaleID'],
  ['UBL-DT-23', 'uri'],
  ['UBL-DT-24', 'currencyCodeListVersionID'],
  ['UBL-DT-25', 'characterSetCode'],
  ['UBL-DT-26', 'encodingCode'],
  ['UBL-DT-27', 'schemeAgencyID'],
  ['UBL-DT-28', 'listAgencyID'],
];

function unusedAttribute(attr: string): RuleMessage {
  const onlyMeans = attr === 'name';
  return {
    terms: onlyMeans ? ['BT-82'] : [],
    en:
      `The attribute ${attr} is not used by EN 16931: receivers ignore it. Remove it from the element that carries it` +
      (onlyMeans
        ? ' (it is only meaningful on cbc:PaymentMeansCode, as the payment means text BT-82).'
        : '.'),
    fr:
      `L’attribut ${attr} n’est pas utilisé par la norme EN 16931 : le destinataire l’ignore. Supprimez-le de l’élément qui le porte` +
      (onlyMeans
        ? ' (il n’a de sens que sur cbc:PaymentMeansCode, comme libellé du moyen de paiement BT-82).'
        : '.'),
  };
}

function build(): Record<string, RuleMessage> {
  const out: Record<string, RuleMessage> = {};
  for (const e of crEntries()) out[e.id] = crMessage(e);
  for (const [id, attr] of UNUSED_ATTRIBUTES) out[id] = unusedAttribute(attr);
  Object.assign(out, WRITTEN);
  return out;
}

export const UBL_SYNTAX_MESSAGES: Record<string, RuleMessage> = build();
