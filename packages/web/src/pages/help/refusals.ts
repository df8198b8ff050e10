import { ARCHIVE_REFUSAL_ORDER, ARCHIVE_REFUSALS } from './archive-refusals.js';
import type { Bilingual } from './statuses.js';

/**
 * Why a deposit is refused, in plain words, and how to fix it. The codes are the server's
 * (invoices/model.ts refusalCodes; the checks in deposit-checks.ts, deposit-invoice.ts and
 * store-files.ts), then the codes a flow adds (flows/model.ts flowRefusalCodes) and, last, the
 * archive reader's, whole flow then one entry (archive-refusals.ts): the flow report links each
 * error to its entry. Each code is an anchor of /aide/codes-refus.
 */
export const REFUSAL_ORDER = [
  'FORMAT_ILLISIBLE',
  'FORMAT_NON_SUPPORTE',
  'DONNEES_INCOMPLETES',
  'SAISIE_INVALIDE',
  'REGLES_EN16931',
  'FOURNISSEUR_INCONNU',
  'DROIT_MANQUANT',
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
  'PIECE_JOINTE_REFUSEE',
  'FLUX_ILLISIBLE',
  'SYNTAXE_NON_CONFORME',
  'SYNTAXE_NON_SUPPORTEE',
  ...ARCHIVE_REFUSAL_ORDER,
] as const;
export type RefusalCode = (typeof REFUSAL_ORDER)[number];

export interface RefusalHelp {
  title: Bilingual;
  meaning: Bilingual;
  fix: Bilingual;
}

export const REFUSALS: Record<RefusalCode, RefusalHelp> = {
  FORMAT_ILLISIBLE: {
    title: { fr: 'Fichier illisible', en: 'Unreadable file' },
    meaning: {
      fr: 'Chorale n’arrive pas à lire le fichier : XML mal formé ou tronqué, PDF endommagé ou protégé par un mot de passe, ou PDF Factur-X dont la facture intégrée n’est pas conforme.',
      en: 'Chorale cannot read the file: malformed or truncated XML, damaged or password-protected PDF, or a Factur-X PDF whose embedded invoice does not conform.',
    },
    fix: {
      fr: 'Exportez de nouveau la facture depuis votre logiciel, sans la retoucher ni la protéger, et déposez ce nouveau fichier. Si le problème revient, essayez un autre format (UBL, CII ou Factur-X) ou utilisez le formulaire de saisie.',
      en: 'Export the invoice again from your software, without editing or protecting it, and deposit the new file. If it happens again, try another format (UBL, CII or Factur-X) or use the key-in form.',
    },
  },
  FORMAT_NON_SUPPORTE: {
    title: { fr: 'Format non accepté', en: 'Format not accepted' },
    meaning: {
      fr: 'Le fichier n’est ni une facture XML UBL 2.1 ou CII D16B, ni un PDF Factur-X, ni un PDF accompagné des données de la facture.',
      en: 'The file is neither a UBL 2.1 or CII D16B XML invoice, nor a Factur-X PDF, nor a PDF sent with the invoice’s data.',
    },
    fix: {
      fr: 'Choisissez dans votre logiciel un export « UBL », « CII » ou « Factur-X ». Pour un simple PDF, déposez-le avec le formulaire qui demande ses données (numéro, date, montants…), ou saisissez la facture directement.',
      en: 'Choose a “UBL”, “CII” or “Factur-X” export in your software. For a plain PDF, deposit it with the form that asks for its data (number, date, amounts…), or key the invoice in directly.',
    },
  },
  DONNEES_INCOMPLETES: {
    title: { fr: 'Données incomplètes', en: 'Incomplete data' },
    meaning: {
      fr: 'Il manque l’essentiel : le numéro de la facture (BT-1) ou une date réelle (BT-2, au format AAAA-MM-JJ), ou bien ni fichier ni données n’ont été envoyés, ou encore un PDF sans facture structurée a été envoyé sans ses données.',
      en: 'Essentials are missing: the invoice number (BT-1) or a real date (BT-2, as YYYY-MM-DD), or neither a file nor data were sent, or a PDF without a structured invoice was sent without its data.',
    },
    fix: {
      fr: 'Vérifiez que la facture a un numéro et une date existante (pas de 30 février). Pour un PDF simple, remplissez aussi le formulaire de données.',
      en: 'Check that the invoice has a number and a date that exists (no 30 February). For a plain PDF, fill in the data form too.',
    },
  },
  SAISIE_INVALIDE: {
    title: { fr: 'Données saisies invraisemblables', en: 'Implausible keyed-in data' },
    meaning: {
      fr: 'Une donnée saisie ne peut pas être juste : une date de facture dans le futur ou antérieure à l’an 2000, une échéance avant la date de facture, un SIRET, un SIREN ou un numéro de TVA français dont la clé de contrôle ne correspond pas, ou un montant de plus de 15 chiffres avant la virgule.',
      en: 'A keyed-in value cannot be right: an invoice date in the future or before 2000, a due date before the invoice date, a SIRET, SIREN or French VAT number whose check key does not match, or an amount with more than 15 digits before the decimal point.',
    },
    fix: {
      fr: 'Le message dit quel champ corriger. Dans le portail, la même vérification s’affiche sous le champ pendant la saisie.',
      en: 'The message says which field to correct. In the portal, the same check shows under the field as you type.',
    },
  },
  REGLES_EN16931: {
    title: {
      fr: 'Règles de la norme européenne non respectées',
      en: 'European standard rules broken',
    },
    meaning: {
      fr: 'La facture enfreint une ou plusieurs règles de la norme européenne EN 16931, que toute facture électronique doit respecter. Le message donne l’identifiant de chaque règle, par exemple BR-CO-15 (le total TTC doit égaler le total HT plus la TVA) ou BR-S-08 (montant de TVA par taux).',
      en: 'The invoice breaks one or more rules of the European standard EN 16931, which every electronic invoice must follow. The message gives each rule’s identifier, for example BR-CO-15 (the total with VAT must equal the total without VAT plus VAT) or BR-S-08 (VAT amount per rate).',
    },
    fix: {
      fr: 'Corrigez les montants ou les champs indiqués dans votre logiciel, puis déposez de nouveau. Le formulaire de saisie de Chorale vérifie ces règles pendant que vous tapez et montre chaque problème à côté du champ concerné.',
      en: 'Fix the amounts or fields shown in your software, then deposit again. Chorale’s key-in form checks these rules as you type and shows each problem next to its field.',
    },
  },
  FOURNISSEUR_INCONNU: {
    title: { fr: 'Fournisseur inconnu', en: 'Unknown supplier' },
    meaning: {
      fr: 'Le SIRET (BT-29) ou le SIREN (BT-30) du vendeur manque sur la facture, ou aucune structure de l’annuaire ne porte ce numéro.',
      en: 'The seller’s SIRET (BT-29) or SIREN (BT-30) is missing from the invoice, or no structure of the directory has that number.',
    },
    fix: {
      fr: 'Indiquez le SIRET à 14 chiffres de votre établissement dans les identifiants du vendeur. Vérifiez dans l’annuaire (en affichant les entreprises privées) que votre entreprise y figure ; sinon, contactez le support.',
      en: 'Put your establishment’s 14-digit SIRET in the seller identifiers. Check in the directory (showing private companies) that your company is listed; otherwise contact support.',
    },
  },
  DROIT_MANQUANT: {
    title: { fr: 'Droit manquant', en: 'Missing right' },
    meaning: {
      fr: 'Vous n’avez pas le droit « factures émises » sur l’entreprise qui émet la facture : vous ne pouvez pas déposer en son nom.',
      en: 'You do not hold the “invoices sent” right on the company issuing the invoice: you cannot deposit on its behalf.',
    },
    fix: {
      fr: 'Vérifiez la structure active en haut de la page. Demandez au gestionnaire principal de votre entreprise de vous donner le droit « factures émises » (page Utilisateurs), ou demandez à la rejoindre depuis Mon compte.',
      en: 'Check the active structure at the top of the page. Ask your company’s main manager to give you the “invoices sent” right (Users page), or ask to join it from My account.',
    },
  },
  DESTINATAIRE_INCONNU: {
    title: { fr: 'Destinataire inconnu', en: 'Unknown recipient' },
    meaning: {
      fr: 'Le SIRET du destinataire (BT-46, ou son immatriculation BT-47) manque sur la facture, n’existe pas dans l’annuaire, ou n’est qu’un SIREN qui désigne plusieurs établissements.',
      en: 'The recipient’s SIRET (BT-46, or its registration BT-47) is missing, does not exist in the directory, or is only a SIREN naming several establishments.',
    },
    fix: {
      fr: 'Cherchez la structure dans l’annuaire et recopiez son SIRET à 14 chiffres. En cas de doute, demandez-le à votre contact chez l’acheteur (il figure souvent sur le bon de commande).',
      en: 'Search for the body in the directory and copy its 14-digit SIRET. If in doubt, ask your contact at the buyer (it is often on the purchase order).',
    },
  },
  DESTINATAIRE_NON_PUBLIC: {
    title: { fr: 'Destinataire non public', en: 'Recipient not public' },
    meaning: {
      fr: 'Le destinataire est une entreprise privée. Chorale n’achemine que les factures adressées aux acheteurs publics.',
      en: 'The recipient is a private company. Chorale only routes invoices addressed to public buyers.',
    },
    fix: {
      fr: 'Vérifiez le SIRET du destinataire. Pour une facture entre entreprises, utilisez la plateforme de facturation de votre choix.',
      en: 'Check the recipient’s SIRET. For a business-to-business invoice, use the invoicing platform of your choice.',
    },
  },
  DESTINATAIRE_INACTIF: {
    title: { fr: 'Destinataire inactif', en: 'Inactive recipient' },
    meaning: {
      fr: 'La structure existe dans l’annuaire mais n’est plus active (fusion, dissolution, changement de SIRET).',
      en: 'The body is in the directory but no longer active (merger, dissolution, new SIRET).',
    },
    fix: {
      fr: 'Demandez à votre contact le SIRET de la structure qui reprend ses achats, puis déposez la facture à ce SIRET.',
      en: 'Ask your contact for the SIRET of the body that took over its purchasing, then deposit the invoice to that SIRET.',
    },
  },
  SERVICE_OBLIGATOIRE: {
    title: { fr: 'Code service obligatoire', en: 'Service code required' },
    meaning: {
      fr: 'Ce destinataire exige que chaque facture indique le code du service qui a passé la commande (« référence acheteur », BT-10), ou à défaut, pour certains, un numéro d’engagement.',
      en: 'This recipient requires every invoice to give the code of the service that ordered (“buyer reference”, BT-10), or for some, failing that, a commitment number.',
    },
    fix: {
      fr: 'Ouvrez la fiche du destinataire dans l’annuaire : elle liste ses services et ce qu’il exige. Recopiez le code du service concerné dans la référence acheteur, puis déposez de nouveau.',
      en: 'Open the recipient’s page in the directory: it lists its services and what it requires. Copy the relevant service code into the buyer reference, then deposit again.',
    },
  },
  SERVICE_INCONNU: {
    title: { fr: 'Service inconnu', en: 'Unknown service' },
    meaning: {
      fr: 'Le code service indiqué (BT-10) n’existe pas chez ce destinataire.',
      en: 'The service code given (BT-10) does not exist at this recipient.',
    },
    fix: {
      fr: 'Recopiez le code exactement tel qu’il figure dans l’annuaire (majuscules, tirets). Vérifiez aussi que le SIRET est celui du bon destinataire.',
      en: 'Copy the code exactly as the directory shows it (capitals, hyphens). Also check that the SIRET is the right recipient’s.',
    },
  },
  SERVICE_INACTIF: {
    title: { fr: 'Service inactif', en: 'Inactive service' },
    meaning: {
      fr: 'Le service existe mais n’était pas actif à la date de la facture (service fermé ou pas encore ouvert).',
      en: 'The service exists but was not active on the invoice date (closed, or not open yet).',
    },
    fix: {
      fr: 'Regardez les dates de validité des services dans l’annuaire et demandez à votre contact quel service reprend la commande.',
      en: 'Look at the services’ validity dates in the directory and ask your contact which service took over the order.',
    },
  },
  ENGAGEMENT_OBLIGATOIRE: {
    title: { fr: 'Numéro d’engagement obligatoire', en: 'Commitment number required' },
    meaning: {
      fr: 'Ce destinataire, ou le service indiqué, exige le numéro d’engagement de la dépense (« référence de commande », BT-13).',
      en: 'This recipient, or the service named, requires the expense commitment number (“purchase order reference”, BT-13).',
    },
    fix: {
      fr: 'Le numéro d’engagement figure sur le bon de commande ou le contrat que l’acheteur vous a transmis. Indiquez-le dans la référence de commande ; si vous ne l’avez pas, demandez-le à votre contact.',
      en: 'The commitment number is on the purchase order or contract the buyer sent you. Put it in the purchase order reference; if you do not have it, ask your contact.',
    },
  },
  CADRE_NON_SUPPORTE: {
    title: { fr: 'Cadre de facturation non accepté', en: 'Billing framework not accepted' },
    meaning: {
      fr: 'Chorale n’accepte pour l’instant que deux cadres de facturation : la facture simple d’un fournisseur (A1) et la facture déjà payée (A2). Les cadres des marchés de travaux, de la sous-traitance et de la cotraitance ne sont pas encore pris en charge.',
      en: 'For now Chorale accepts two billing frameworks only: a supplier’s plain invoice (A1) and an already paid invoice (A2). Works contracts, subcontracting and co-contracting frameworks are not supported yet.',
    },
    fix: {
      fr: 'Choisissez le cadre A1 (ou A2 si la facture est déjà réglée). Pour un autre cadre, rapprochez-vous de l’acheteur.',
      en: 'Choose framework A1 (or A2 if the invoice is already paid). For another framework, contact the buyer.',
    },
  },
  TYPE_NON_SUPPORTE: {
    title: { fr: 'Type de facture non accepté', en: 'Invoice type not accepted' },
    meaning: {
      fr: 'Le code de type de la facture (BT-3) n’est pas l’un de ceux acceptés — 380 ou 384 (facture), 381 (avoir), 386 (acompte) — ou il ne correspond pas au type déclaré au dépôt.',
      en: 'The invoice type code (BT-3) is not one of those accepted — 380 or 384 (invoice), 381 (credit note), 386 (prepayment) — or it does not match the type declared at deposit.',
    },
    fix: {
      fr: 'Dans votre logiciel, choisissez « facture », « avoir » ou « facture d’acompte », et déclarez le même type au dépôt.',
      en: 'In your software, choose “invoice”, “credit note” or “prepayment invoice”, and declare the same type at deposit.',
    },
  },
  DOUBLON: {
    title: { fr: 'Facture déjà déposée', en: 'Invoice already deposited' },
    meaning: {
      fr: 'Votre entreprise a déjà déposé une facture portant ce numéro la même année. Chorale refuse le doublon pour qu’une facture ne soit jamais payée deux fois.',
      en: 'Your company has already deposited an invoice with this number in the same year. Chorale refuses the duplicate so that an invoice is never paid twice.',
    },
    fix: {
      fr: 'S’il s’agit de la même facture, inutile de la renvoyer : retrouvez-la dans vos factures émises. S’il s’agit d’une nouvelle facture, donnez-lui un nouveau numéro.',
      en: 'If it is the same invoice, no need to send it again: find it among your sent invoices. If it is a new invoice, give it a new number.',
    },
  },
  PIECE_JOINTE_REFUSEE: {
    title: { fr: 'Pièce jointe refusée', en: 'Attachment refused' },
    meaning: {
      fr: 'Une pièce jointe ne respecte pas les règles : nom de plus de 50 caractères ou avec des caractères interdits, extension non acceptée, fichier de plus de 10 Mo, ou plus de 120 Mo de pièces jointes au total.',
      en: 'An attachment breaks the rules: a name longer than 50 characters or with forbidden characters, an extension not accepted, a file over 10 MB, or more than 120 MB of attachments in all.',
    },
    fix: {
      fr: 'Renommez le fichier simplement (lettres, chiffres, tirets), enregistrez-le en PDF, ou compressez-le ou découpez-le s’il est trop lourd. Extensions acceptées : PDF, documents bureautiques, images, XML, CSV, archives ZIP.',
      en: 'Rename the file simply (letters, digits, hyphens), save it as PDF, or compress or split it if it is too big. Accepted extensions: PDF, office documents, images, XML, CSV, ZIP archives.',
    },
  },
  FLUX_ILLISIBLE: {
    title: { fr: 'Flux illisible', en: 'Unreadable flow' },
    meaning: {
      fr: 'Le fichier déposé comme flux ne peut pas être ouvert : ce n’est ni une facture XML, ni un PDF, ni une archive .zip ou .tar.gz lisible, ou une facture seule dépasse 10 Mo. Aucune facture du flux n’est alors intégrée.',
      en: 'The file deposited as a flow cannot be opened: it is neither an XML invoice, nor a PDF, nor a readable .zip or .tar.gz archive, or a single invoice is over 10 MB. No invoice of the flow is then integrated.',
    },
    fix: {
      fr: 'Refaites l’archive avec un outil courant (sans chiffrement ni archive dans l’archive), vérifiez qu’elle s’ouvre, puis déposez-la de nouveau. Une facture de plus de 10 Mo se dépose dans une archive.',
      en: 'Make the archive again with a common tool (no encryption, no archive inside the archive), check that it opens, then deposit it again. An invoice over 10 MB goes in an archive.',
    },
  },
  SYNTAXE_NON_CONFORME: {
    title: { fr: 'Syntaxe différente de celle déclarée', en: 'Syntax other than declared' },
    meaning: {
      fr: 'La facture n’est pas de la syntaxe choisie au dépôt du flux : par exemple une facture CII dans un flux déclaré UBL, ou un fichier XML dans un flux Factur-X.',
      en: 'The invoice is not of the syntax chosen when the flow was deposited: for example a CII invoice in a flow declared UBL, or an XML file in a Factur-X flow.',
    },
    fix: {
      fr: 'Déposez de nouveau la facture dans un flux de la bonne syntaxe (UBL, CII ou Factur-X) ; ne mélangez pas les syntaxes dans un même flux.',
      en: 'Deposit the invoice again in a flow of the right syntax (UBL, CII or Factur-X); do not mix syntaxes in one flow.',
    },
  },
  SYNTAXE_NON_SUPPORTEE: {
    title: { fr: 'Syntaxe de flux non acceptée', en: 'Flow syntax not accepted' },
    meaning: {
      fr: 'La syntaxe déclarée existe mais Chorale ne l’intègre pas : seules les factures complètes UBL (IN_DP_E1_UBL_INVOICE), CII (IN_DP_E1_CII_16B) et Factur-X (IN_DP_E2_CII_FACTURX) sont acceptées.',
      en: 'The declared syntax exists but Chorale does not integrate it: only complete UBL (IN_DP_E1_UBL_INVOICE), CII (IN_DP_E1_CII_16B) and Factur-X (IN_DP_E2_CII_FACTURX) invoices are accepted.',
    },
    fix: {
      fr: 'Exportez les factures en UBL, CII ou Factur-X depuis votre logiciel et déposez le flux avec cette syntaxe.',
      en: 'Export the invoices as UBL, CII or Factur-X from your software and deposit the flow with that syntax.',
    },
  },
  ...ARCHIVE_REFUSALS,
};
