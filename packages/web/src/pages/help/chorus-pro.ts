import { defineMessages } from '../../app/messages.js';
import type { Bilingual } from './statuses.js';

/**
 * The help page “Moving from Chorus Pro”: what changes for software that already speaks the
 * Chorus Pro API (base URL, credentials), what is identical, what differs, and each /cpro
 * operation with its native Chorale equivalent.
 */
export interface MoveSection {
  id: string;
  title: Bilingual;
  text: Bilingual[];
  /** Lines shown as code (URLs, headers). */
  code?: string[];
}

export const MOVE_SECTIONS: MoveSection[] = [
  {
    id: 'adresse',
    title: { fr: 'L’adresse de l’API', en: 'The API’s address' },
    text: [
      {
        fr: 'Remplacez l’adresse de l’API Chorus Pro par celle de Chorale suivie de /cpro, et l’adresse du serveur d’authentification par celle de Chorale : les chemins restent ceux que votre logiciel connaît.',
        en: 'Replace the Chorus Pro API’s address with Chorale’s followed by /cpro, and the authentication server’s address with Chorale’s: the paths stay the ones your software knows.',
      },
    ],
    code: [
      'API : https://<chorale>/cpro/factures/v1/deposer/flux …',
      'OAuth : https://<chorale>/api/oauth/token',
      'GET https://<chorale>/cpro/transverses/v1/health-check',
    ],
  },
  {
    id: 'identifiants',
    title: { fr: 'Les identifiants', en: 'Credentials' },
    text: [
      {
        fr: 'Il faut deux choses, créées par un gestionnaire de votre structure dans « Structure » : un client API (identifiant et secret, pour le jeton OAuth2 « client_credentials », scope=openid accepté) et un compte technique (login et mot de passe, pour l’en-tête cpro-account). Les deux appartiennent à la même structure.',
        en: 'You need two things, created by a manager of your structure under “Structure”: an API client (id and secret, for the OAuth2 “client_credentials” token; scope=openid is accepted) and a technical account (login and password, for the cpro-account header). Both belong to the same structure.',
      },
      {
        fr: 'Chaque appel porte « Authorization: Bearer <jeton> » et « cpro-account: base64(login:mot de passe) ». Pas de compte PISTE, pas de conditions à accepter deux fois, pas de raccordement à déclarer.',
        en: 'Every call carries “Authorization: Bearer <token>” and “cpro-account: base64(login:password)”. No PISTE account, no terms to accept twice, no connection to declare.',
      },
      {
        fr: 'Le mot de passe technique expire au bout de 424 jours ; tous les gestionnaires reçoivent un rappel par e-mail 30 jours avant, et n’importe lequel d’entre eux peut en générer un nouveau.',
        en: 'The technical password expires after 424 days; every manager gets a reminder by e-mail 30 days before, and any of them can generate a new one.',
      },
    ],
    code: [
      'Authorization: Bearer <access_token>',
      'cpro-account: base64("TECH_1_…@cpro.chorale:<mot de passe>")',
    ],
  },
  {
    id: 'identique',
    title: { fr: 'Ce qui est identique', en: 'What is identical' },
    text: [
      {
        fr: 'Les chemins, les noms des champs, l’imbrication des blocs (cadreDeFacturation, destinataire, lignePoste, montantTotal…), les fichiers en base64, les objets de pagination et parametresRetour (total, pages), les codes syntaxeFlux, les états de flux (IN_RECU … IN_INTEGRE, IN_REJETE) et les statuts de facture.',
        en: 'The paths, the field names, the nesting of blocks (cadreDeFacturation, destinataire, lignePoste, montantTotal…), files as base64, the pagination objects and parametresRetour (total, pages), the syntaxeFlux codes, the flow states (IN_RECU … IN_INTEGRE, IN_REJETE) and the invoice statuses.',
      },
      {
        fr: 'Chaque réponse porte codeRetour (0 en cas de succès) et libelle (GCU_MSG_01_000, TRA_MSG_00.000) ; les identifiants de factures, structures et services sont des entiers ; numeroFluxDepot est une chaîne. Les dates ont le format que votre logiciel attend : AAAA-MM-JJ, horodatage ISO 8601 avec décalage, « AAAA-MM-JJ HH:MM » dans l’historique.',
        en: 'Every answer carries codeRetour (0 on success) and libelle (GCU_MSG_01_000, TRA_MSG_00.000); invoice, structure and service ids are integers; numeroFluxDepot is a string. Dates have the layout your software expects: YYYY-MM-DD, ISO 8601 timestamps with offset, “YYYY-MM-DD HH:MM” in the history.',
      },
      {
        fr: 'Les champs envoyés à zéro (0, "", false, null, listes vides) ne filtrent rien et ne sont pas refusés.',
        en: 'Fields sent with zero values (0, "", false, null, empty lists) filter nothing and are not refused.',
      },
    ],
  },
  {
    id: 'different',
    title: { fr: 'Ce qui diffère', en: 'What differs' },
    text: [
      {
        fr: 'Les motifs de rejet : libelleErreurDP donne une phrase en clair avec l’identifiant de la règle et le champ (par exemple « BR-CO-15 (BT-112) : … »), en français, ou en anglais avec codeLangue « en », au lieu d’un chemin de balise.',
        en: 'Rejection reasons: libelleErreurDP gives a plain sentence with the rule id and the field (for example “BR-CO-15 (BT-112): …”), in French, or in English with codeLangue “en”, instead of an element path.',
      },
      {
        fr: 'Les erreurs d’authentification disent ce qui manque (jeton, en-tête cpro-account illisible, mot de passe expiré, compte d’une autre structure). Les codes de retour d’erreur sont ceux de Chorale : 10001–10011 pour l’accès, 20000 requête invalide, 20001 fichier trop volumineux, 20002 objet inconnu, 20003 action impossible dans ce statut, 20004 refus métier (le code de refus ouvre le libellé).',
        en: 'Authentication errors say what is missing (token, unreadable cpro-account header, expired password, account of another structure). Error return codes are Chorale’s: 10001–10011 for access, 20000 invalid request, 20001 file too large, 20002 unknown object, 20003 not allowed in this status, 20004 business refusal (the refusal code leads the label).',
      },
      {
        fr: 'Flux acceptés : IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B et IN_DP_E2_CII_FACTURX, 30 Mo par dépôt dans l’API ; les syntaxes à données minimales (E2 MIN, CPP_FACTURE_MIN) et les mémoires de frais de justice (E3) sont refusées avec leur raison. avecSignature est accepté mais la signature n’est pas vérifiée. Pièces jointes : 10 Mo chacune.',
        en: 'Accepted flows: IN_DP_E1_UBL_INVOICE, IN_DP_E1_CII_16B and IN_DP_E2_CII_FACTURX, 30 MB per deposit through the API; minimal-data syntaxes (E2 MIN, CPP_FACTURE_MIN) and justice-cost memoranda (E3) are refused with their reason. avecSignature is accepted but the signature is not checked. Attachments: 10 MB each.',
      },
      {
        fr: 'soumettre : le numéro d’engagement est references.numeroBonCommande ; le numéro de TVA du fournisseur est calculé depuis son SIREN (ou donné dans fournisseur.numeroTvaIntracommunautaire) ; seuls les cadres A1 et A2 sont acceptés ; les montants sont traités en décimal.',
        en: 'soumettre: the commitment number is references.numeroBonCommande; the supplier’s VAT number is worked out from its SIREN (or given in fournisseur.numeroTvaIntracommunautaire); only frameworks A1 and A2 are accepted; amounts are handled as decimals.',
      },
      {
        fr: 'Recherches : les filtres modeDepot, numeroMarche, cadreFacturation, factureTelechargeeParDestinataire et les bornes TTC ou de montant à payer sont acceptés mais pas encore appliqués ; listeDestinataire et listeFournisseurs ne prennent en compte que leur premier élément.',
        en: 'Searches: the filters modeDepot, numeroMarche, cadreFacturation, factureTelechargeeParDestinataire and the bounds on the total with VAT or the amount due are accepted but not applied yet; listeDestinataire and listeFournisseurs only use their first item.',
      },
      {
        fr: 'engagementsJuridiques/v1/rechercher répond avec ce que connaît l’annuaire (la structure, et si elle exige un numéro d’engagement) : Chorale ne tient pas de registre des engagements et ne contrôle au dépôt que la présence d’un numéro exigé. traiter/recue vers MISE_EN_PAIEMENT prend datePaiement et montantPaiement, sinon la date du jour et le montant à payer.',
        en: 'engagementsJuridiques/v1/rechercher answers with what the directory knows (the structure, and whether it requires a commitment number): Chorale keeps no register of commitments and only checks at deposit that a required number is present. traiter/recue to MISE_EN_PAIEMENT takes datePaiement and montantPaiement, otherwise today and the amount due.',
      },
      {
        fr: 'Les circuits de validation (sous-traitants, cotraitants) et les factures de travaux (MOE/MOA) ne sont pas encore disponibles, ni les opérations utilisateurs.',
        en: 'Validation circuits (sub- and co-contractors) and works invoices (MOE/MOA) are not available yet, nor the user operations.',
      },
    ],
  },
];

/** Each /cpro operation and its native Chorale equivalent (/api/v1). */
export const OPERATION_MAP: { operation: string; native: string }[] = [
  { operation: 'POST /api/oauth/token', native: 'POST /api/v1/oauth/token' },
  { operation: 'GET transverses/v1/health-check', native: 'GET /health/ready' },
  { operation: 'factures/v1/deposer/flux', native: 'POST /api/v1/flows' },
  { operation: 'transverses/v1/consulterCR', native: 'GET /api/v1/flows/{id}/report?format=pdf' },
  { operation: 'transverses/v1/consulterCRDetaille', native: 'GET /api/v1/flows/{id}/report' },
  { operation: 'factures/v1/soumettre', native: 'POST /api/v1/invoices' },
  { operation: 'transverses/v1/ajouter/fichier', native: 'POST /api/v1/invoices (attachments)' },
  { operation: 'factures/v1/rechercher/fournisseur', native: 'GET /api/v1/invoices?side=sent' },
  {
    operation: 'factures/v1/rechercher/recipiendaire',
    native: 'GET /api/v1/invoices?side=received',
  },
  { operation: 'factures/v1/consulter/fournisseur', native: 'GET /api/v1/invoices/{id}' },
  { operation: 'factures/v1/consulter/recipiendaire', native: 'GET /api/v1/invoices/{id}' },
  { operation: 'factures/v1/consulter/historique', native: 'GET /api/v1/invoices/{id}/history' },
  { operation: 'factures/v1/traiter/recue', native: 'POST /api/v1/invoices/{id}/status' },
  { operation: 'factures/v1/completer', native: 'POST /api/v1/invoices/{id}/complete' },
  { operation: 'factures/v1/recycler', native: 'POST /api/v1/invoices/{id}/recycle' },
  {
    operation: 'factures/v1/telecharger/groupe',
    native: 'GET /api/v1/invoices/{id}/original, /rendering',
  },
  { operation: 'structures/v1/rechercher', native: 'GET /api/v1/structures' },
  { operation: 'structures/v1/consulter', native: 'GET /api/v1/structures/{identifier}' },
  {
    operation: 'structures/v1/rechercher/services',
    native: 'GET /api/v1/structures/{identifier} (services)',
  },
  {
    operation: 'structures/v1/consulter/service',
    native: 'GET /api/v1/structures/{identifier} (services)',
  },
  { operation: 'transverses/v1/rechercher/destinataire', native: 'GET /api/v1/structures' },
  {
    operation: 'transverses/v1/telecharger/annuaire/destinataire',
    native: 'GET /api/v1/structures (pages)',
  },
  {
    operation: 'transverses/v1/recuperer/etats/traitement',
    native: 'GET /api/v1/invoices/{id} (actions)',
  },
  { operation: 'transverses/v1/recuperer/formatflux', native: 'GET /api/v1/flows/settings' },
  {
    operation: 'engagementsJuridiques/v1/rechercher',
    native: 'GET /api/v1/structures/{identifier} (flags)',
  },
];

/** The page's own texts (MovingFromChorusPro.tsx, and the user guides). */
export const moveMessages = defineMessages({
  fr: {
    intro:
      'Votre logiciel parle déjà l’API de Chorus Pro (module d’ERP, bibliothèque, opérateur de dématérialisation) ? Il fonctionne avec Chorale en changeant seulement l’adresse de l’API et les identifiants.',
    mapTitle: 'Chaque opération et son équivalent dans l’API de Chorale',
    mapCaption: 'Opérations de la surface /cpro et API native (/api/v1)',
    operation: 'Opération Chorus Pro (/cpro/…)',
    native: 'API native de Chorale',
    docs: 'La documentation complète (rubrique « cpro ») est sur /api/docs.',
  },
  en: {
    intro:
      'Does your software already speak the Chorus Pro API (ERP module, library, dematerialisation operator)? It works with Chorale by changing only the API’s address and the credentials.',
    mapTitle: 'Each operation and its equivalent in Chorale’s API',
    mapCaption: 'Operations of the /cpro surface and the native API (/api/v1)',
    operation: 'Chorus Pro operation (/cpro/…)',
    native: 'Chorale’s native API',
    docs: 'The full documentation (tag “cpro”) is at /api/docs.',
  },
});
