import { defineMessages } from '../../app/messages.js';

/**
 * The help's topics and the texts of its pages (titles, introductions, labels), French and
 * English. Plain data: the help page (Help.tsx) shows them, and the build makes the user guides
 * (PDF) from them (build/user-guides.ts), so the two never differ.
 */
export const helpMessages = defineMessages({
  fr: {
    title: 'Aide',
    intro:
      'Des réponses simples pour envoyer, recevoir et suivre des factures électroniques avec Chorale.',
    home: 'Accueil',
    topics: 'Rubriques de l’aide',
    menu: 'Rubriques',
    'premiere-facture': 'Envoyer sa première facture',
    'premiere-facture_desc': 'Pas à pas, du compte au paiement.',
    statuts: 'Les statuts d’une facture',
    statuts_desc: 'Ce que veut dire chacun des 12 statuts et ce qu’il reste à faire.',
    'codes-refus': 'Les codes de refus au dépôt',
    'codes-refus_desc': 'Pourquoi un dépôt est refusé et comment corriger.',
    'traiter-factures': 'Traiter les factures reçues',
    'traiter-factures_desc': 'Pour les structures publiques : décider, mandater, payer.',
    compte: 'Compte, sécurité et droits',
    compte_desc: 'Connexion, double authentification, structures, rôles, clients API.',
    erreurs: 'Les messages d’erreur',
    erreurs_desc: 'Les codes d’erreur affichés par le portail et l’API.',
    'chorus-pro': 'Venir de Chorus Pro',
    'chorus-pro_desc': 'Brancher un logiciel qui parle déjà l’API de Chorus Pro.',
    sollicitations: 'Poser une question (sollicitations)',
    sollicitations_desc: 'Interroger le service destinataire ou le support, suivre la réponse.',
    webhooks: 'Webhooks : être prévenu sans interroger',
    webhooks_desc: 'Ce que Chorale envoie à votre logiciel et comment vérifier la signature.',
    unknownTitle: 'Rubrique introuvable',
    unknown: 'Cette rubrique de l’aide n’existe pas. Choisissez l’une des rubriques ci-dessous.',
    step: 'Étape {n}',
    statusIntro:
      'Une facture passe par plusieurs statuts, du dépôt au paiement. Le code entre parenthèses est celui du cycle de vie de la réforme de 2026 (norme AFNOR XP Z12-012), quand le statut en a un.',
    statusCode: 'Code {code}',
    noCode: 'Sans code propre',
    final: 'Statut définitif',
    meaning: 'Ce que cela veut dire',
    forSupplier: 'Pour le fournisseur',
    forRecipient: 'Pour la structure publique',
    summary: 'Sommaire',
    refusalIntro:
      'Au dépôt, Chorale vérifie la facture avant de l’envoyer. Si quelque chose empêche de l’acheminer, le dépôt est refusé avec l’un des codes ci-dessous, et rien n’est transmis au destinataire : corrigez puis déposez de nouveau.',
    refusalFlows:
      'Dans un flux, les codes FLOW_… refusent le flux entier et les codes ENTRY_… une seule entrée de l’archive : les autres factures sont intégrées. Ne déposez de nouveau que les factures refusées, sinon celles déjà intégrées seront refusées comme doublons. Une archive bien faite est un .zip (méthode deflate ou stockée) ou un .tar.gz d’au plus 1 Go et 10 000 entrées, avec une facture par entrée (XML UBL ou CII, ou PDF Factur-X, 10 Mo au plus), des noms simples sans « .. », ni lien, ni mot de passe, ni archive à l’intérieur.',
    whatItMeans: 'Ce qui se passe',
    howToFix: 'Comment corriger',
    errorIntro:
      'Quand une action échoue, le portail l’explique et donne un code (par exemple « Code : CONFLICT ») ; l’API renvoie le même code dans sa réponse. Voici ce que chacun veut dire.',
    httpStatus: 'Statut HTTP {status}',
    whatToDo: 'Que faire :',
    seeAlso: 'Voir aussi :',
  },
  en: {
    title: 'Help',
    intro: 'Plain answers to send, receive and follow electronic invoices with Chorale.',
    home: 'Home',
    topics: 'Help topics',
    menu: 'Topics',
    'premiere-facture': 'Send your first invoice',
    'premiere-facture_desc': 'Step by step, from the account to the payment.',
    statuts: 'Invoice statuses',
    statuts_desc: 'What each of the 12 statuses means and what is left to do.',
    'codes-refus': 'Deposit refusal codes',
    'codes-refus_desc': 'Why a deposit is refused and how to fix it.',
    'traiter-factures': 'Process received invoices',
    'traiter-factures_desc': 'For public bodies: decide, mandate, pay.',
    compte: 'Account, security and rights',
    compte_desc: 'Sign-in, two-step verification, structures, roles, API clients.',
    erreurs: 'Error messages',
    erreurs_desc: 'The error codes shown by the portal and the API.',
    'chorus-pro': 'Moving from Chorus Pro',
    'chorus-pro_desc': 'Connect software that already speaks the Chorus Pro API.',
    sollicitations: 'Ask a question (requests)',
    sollicitations_desc: 'Ask the addressed service or the support, follow the answer.',
    webhooks: 'Webhooks: being told without polling',
    webhooks_desc: 'What Chorale sends your software and how to check the signature.',
    unknownTitle: 'Topic not found',
    unknown: 'This help topic does not exist. Choose one of the topics below.',
    step: 'Step {n}',
    statusIntro:
      'An invoice goes through several statuses, from deposit to payment. The code in brackets is the one of the 2026 reform’s lifecycle (AFNOR XP Z12-012), when the status has one.',
    statusCode: 'Code {code}',
    noCode: 'No code of its own',
    final: 'Final status',
    meaning: 'What it means',
    forSupplier: 'For the supplier',
    forRecipient: 'For the public body',
    summary: 'Contents',
    refusalIntro:
      'At deposit, Chorale checks the invoice before sending it on. If something prevents routing it, the deposit is refused with one of the codes below, and nothing reaches the recipient: fix it and deposit again.',
    refusalFlows:
      'In a flow, FLOW_… codes refuse the whole flow and ENTRY_… codes one entry of the archive only: the other invoices are integrated. Deposit again only the refused invoices, otherwise those already integrated will be refused as duplicates. A well-made archive is a .zip (deflate or stored method) or a .tar.gz of at most 1 GB and 10,000 entries, with one invoice per entry (UBL or CII XML, or a Factur-X PDF, 10 MB at most), plain names without “..”, no link, no password, no archive inside.',
    whatItMeans: 'What happens',
    howToFix: 'How to fix it',
    errorIntro:
      'When an action fails, the portal explains it and gives a code (for example “Code: CONFLICT”); the API returns the same code in its answer. Here is what each one means.',
    httpStatus: 'HTTP status {status}',
    whatToDo: 'What to do:',
    seeAlso: 'See also:',
  },
});

/** The help topics, in the order of the menu and of the user guides. */
export const TOPICS = [
  'premiere-facture',
  'statuts',
  'codes-refus',
  'traiter-factures',
  'compte',
  'erreurs',
  'chorus-pro',
  'sollicitations',
  'webhooks',
] as const;
export type Topic = (typeof TOPICS)[number];
