/**
 * Closed vocabularies of the invoice exchange. Contract between the deposit, the lifecycle,
 * the journal, the search, the forecast and the HTTP layer.
 */

import { INVOICE_STATUSES } from '@chorale/einvoice/statuses';

/** Invoice statuses, as Chorus Pro names them: the one list, beside their labels. */
export const invoiceStatuses = INVOICE_STATUSES;
export type InvoiceStatus = (typeof invoiceStatuses)[number];

/** Billing frameworks (cadres de facturation). Only A1 and A2 are accepted for now. */
export const billingFrameworks = [
  'A1_FACTURE_FOURNISSEUR',
  'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE',
  'A3_MEMOIRE_JUSTICE',
  'A4_PROJET_DECOMPTE_MENSUEL',
  'A5_ETAT_ACOMPTE',
  'A6_ETAT_ACOMPTE_VALIDE',
  'A7_PROJET_DECOMPTE_FINAL',
  'A8_DECOMPTE_GENERAL_DEFINITIF',
  'A9_FACTURE_SOUSTRAITANT',
  'A10_PROJET_DECOMPTE_GENERAL',
  'A12_FACTURE_COTRAITANT',
  'A13_FACTURE_COTRAITANT_DEJA_PAYEE',
  'A14_FACTURE_SOUSTRAITANT_DEJA_PAYEE',
  'A15_ETAT_ACOMPTE_MOE',
  'A16_PROJET_DECOMPTE_MENSUEL_MOE',
  'A17_PROJET_DECOMPTE_FINAL_MOE',
  'A18_DECOMPTE_GENERAL_DEFINITIF_MOE',
  'A19_DECOMPTE_GENERAL_DEFINITIF_TACITE',
  'A20_DECOMPTE_GENERAL_DEFINITIF_TACITE_MOE',
  'A21_DEMANDE_REMBOURSEMENT_TIC',
  'A22_PROJET_DECOMPTE_GENERAL_DEFINITIF_APRES_LITIGE',
  'A23_DECOMPTE_GENERAL_DEFINITIF_APRES_LITIGE',
  'A24_DECOMPTE_GENERAL_DEFINITIF_APRES_LITIGE_MOE',
  'A25_DECOMPTE_GENERAL_DEFINITIF_APRES_LITIGE_TACITE',
] as const;
export type BillingFramework = (typeof billingFrameworks)[number];
export const acceptedBillingFrameworks: readonly BillingFramework[] = [
  'A1_FACTURE_FOURNISSEUR',
  'A2_FACTURE_FOURNISSEUR_DEJA_PAYEE',
];

/** Invoice kinds (type de facture). BT-3 maps onto them (380 → FACTURE, 381 → AVOIR, 386 → ACOMPTE). */
export const invoiceTypes = ['FACTURE', 'AVOIR', 'ACOMPTE'] as const;
export type InvoiceType = (typeof invoiceTypes)[number];

/** How the invoice reached us. */
export const depositFormats = ['UBL', 'CII', 'FACTURX', 'PDF', 'SAISIE'] as const;
export type DepositFormat = (typeof depositFormats)[number];

/** Kinds of stored file. */
export const fileKinds = ['ORIGINAL', 'ATTACHMENT', 'COMPLEMENT'] as const;
export type FileKind = (typeof fileKinds)[number];

/** Who moved an invoice. */
export const actorKinds = ['USER', 'CLIENT', 'SYSTEM'] as const;
export type ActorKind = (typeof actorKinds)[number];

/** Journal events (one row per change, hash-chained per invoice). */
export const journalEvents = [
  'DEPOSITED',
  'ROUTED',
  'MADE_AVAILABLE',
  'STATUS_CHANGED',
  'COMPLETED',
  'RECYCLED',
  'REJECTION_ACKNOWLEDGED',
  'DOWNLOADED',
  /** A sollicitation about the invoice was opened, or answered (sollicitations/, decision 0018). */
  'SOLLICITATION_OPENED',
  'SOLLICITATION_ANSWERED',
] as const;
export type JournalEvent = (typeof journalEvents)[number];

/**
 * Why a deposit is refused: stable codes, shown to the supplier with a plain message and
 * documented in the help pages.
 */
export const refusalCodes = [
  'FORMAT_ILLISIBLE',
  'FORMAT_NON_SUPPORTE',
  'REGLES_EN16931',
  'DESTINATAIRE_INCONNU',
  'DESTINATAIRE_NON_PUBLIC',
  'DESTINATAIRE_INACTIF',
  'SERVICE_OBLIGATOIRE',
  'SERVICE_INCONNU',
  'SERVICE_INACTIF',
  'ENGAGEMENT_OBLIGATOIRE',
  'CADRE_NON_SUPPORTE',
  'TYPE_NON_SUPPORTE',
  'DOUBLON',
  'FOURNISSEUR_INCONNU',
  'DROIT_MANQUANT',
  'PIECE_JOINTE_REFUSEE',
  'DONNEES_INCOMPLETES',
  'SAISIE_INVALIDE',
] as const;
export type RefusalCode = (typeof refusalCodes)[number];

/** Attachment limits. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_TOTAL_ATTACHMENT_BYTES = 120 * 1024 * 1024;
export const MAX_ATTACHMENT_NAME = 50;
export const ATTACHMENT_EXTENSIONS = [
  'pdf',
  'doc',
  'docx',
  'odt',
  'rtf',
  'txt',
  'csv',
  'xls',
  'xlsx',
  'ods',
  'ppt',
  'pptx',
  'odp',
  'xml',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'tif',
  'tiff',
  'bmp',
  'svg',
  'zip',
  '7z',
  'rar',
  'gz',
  'tar',
  'msg',
  'eml',
  'html',
  'htm',
] as const;

/**
 * Why a recipient rejects an invoice: a closed list the clerk picks from (with free text), kept
 * on the invoice (rejection_reason, migration 0022) and in the journal row of the rejection.
 * AUTRE needs the free text; so does a rejection that names no code (API clients and /cpro,
 * whose wire has only a free-text `motif`), which is then recorded as AUTRE.
 */
export const rejectionReasons = [
  'DOUBLON',
  'DESTINATAIRE_ERRONE',
  'SERVICE_ERRONE',
  'ENGAGEMENT_ABSENT_OU_ERRONE',
  'MONTANT_OU_TVA_ERRONE',
  'PIECE_JOINTE_MANQUANTE',
  'AUTRE',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/** Reasons (REJETEE, SUSPENDUE) are at most this long. */
export const MAX_REASON = 255;
