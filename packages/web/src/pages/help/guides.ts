import type { Bilingual } from './statuses.js';

/** Step-by-step guides of the help pages: each step a title, a text and optional links. */
export interface GuideStep {
  id: string;
  title: Bilingual;
  text: Bilingual[];
  links?: { to: string; label: Bilingual }[];
}

export const FIRST_INVOICE: GuideStep[] = [
  {
    id: 'compte',
    title: { fr: 'Créez votre compte', en: 'Create your account' },
    text: [
      {
        fr: 'Un compte Chorale est personnel : il suffit de votre nom, de votre adresse e-mail professionnelle et d’un mot de passe d’au moins 12 caractères.',
        en: 'A Chorale account is personal: all it takes is your name, your work e-mail address and a password of at least 12 characters.',
      },
    ],
    links: [{ to: '/inscription', label: { fr: 'Créer un compte', en: 'Create an account' } }],
  },
  {
    id: 'entreprise',
    title: { fr: 'Rejoignez votre entreprise', en: 'Join your company' },
    text: [
      {
        fr: 'Dans « Mon compte », cherchez votre entreprise par son nom ou son SIRET et demandez à la rejoindre. Le gestionnaire principal de l’entreprise accepte la demande et vous donne le droit « factures émises ».',
        en: 'In “My account”, search for your company by name or SIRET and ask to join it. The company’s main manager accepts the request and gives you the “invoices sent” right.',
      },
      {
        fr: 'Si personne ne gère encore votre entreprise sur Chorale, contactez le support : il nommera un premier gestionnaire.',
        en: 'If nobody manages your company on Chorale yet, contact support: they will appoint a first manager.',
      },
    ],
    links: [
      { to: '/compte#rejoindre', label: { fr: 'Rejoindre une structure', en: 'Join a structure' } },
    ],
  },
  {
    id: 'destinataire',
    title: {
      fr: 'Trouvez le destinataire dans l’annuaire',
      en: 'Find the recipient in the directory',
    },
    text: [
      {
        fr: 'Cherchez la structure publique par son nom, sa ville ou son SIRET. Sa fiche donne le SIRET à indiquer, ses services, et ce que ses factures doivent porter : un code service, un numéro d’engagement, ou rien de plus.',
        en: 'Search for the public body by name, town or SIRET. Its page gives the SIRET to use, its services, and what its invoices must show: a service code, a commitment number, or nothing more.',
      },
      {
        fr: 'Le numéro d’engagement figure sur le bon de commande ; en cas de doute, demandez-le à votre contact chez l’acheteur.',
        en: 'The commitment number is on the purchase order; if in doubt, ask your contact at the buyer.',
      },
    ],
    links: [{ to: '/annuaire', label: { fr: 'Ouvrir l’annuaire', en: 'Open the directory' } }],
  },
  {
    id: 'deposer',
    title: { fr: 'Saisissez ou déposez la facture', en: 'Key in or upload the invoice' },
    text: [
      {
        fr: 'Sans logiciel de facturation, choisissez « Saisir une facture » : choisissez le destinataire, ajoutez les lignes et leurs taux de TVA ; les totaux se calculent et chaque erreur s’affiche à côté de son champ avant l’envoi.',
        en: 'Without invoicing software, choose “Key in an invoice”: pick the recipient, add the lines and their VAT rates; totals are computed and each mistake shows next to its field before sending.',
      },
      {
        fr: 'Avec un logiciel, choisissez « Déposer une facture » et glissez le fichier : XML UBL ou CII, PDF Factur-X, ou PDF simple accompagné d’un formulaire pour ses données. Ajoutez les pièces jointes utiles (bon de livraison, procès-verbal…).',
        en: 'With software, choose “Upload an invoice” and drop the file: UBL or CII XML, Factur-X PDF, or a plain PDF with a form for its data. Add useful attachments (delivery note, acceptance report…).',
      },
    ],
    links: [
      { to: '/fournisseur/saisie', label: { fr: 'Saisir une facture', en: 'Key in an invoice' } },
      { to: '/fournisseur/depot', label: { fr: 'Déposer une facture', en: 'Upload an invoice' } },
    ],
  },
  {
    id: 'verifier',
    title: { fr: 'Vérifiez avant d’envoyer', en: 'Check before sending' },
    text: [
      {
        fr: 'Un numéro de facture que vous n’avez jamais utilisé cette année, la bonne date, le SIRET du destinataire, le code service et le numéro d’engagement s’ils sont exigés, les montants et les taux de TVA.',
        en: 'An invoice number you have not used this year, the right date, the recipient’s SIRET, the service code and commitment number if required, the amounts and VAT rates.',
      },
    ],
  },
  {
    id: 'suivre',
    title: { fr: 'Suivez votre facture', en: 'Follow your invoice' },
    text: [
      {
        fr: 'Une fois la facture acceptée, téléchargez l’attestation de dépôt. Son statut évolue jusqu’au paiement ; vous êtes prévenu par e-mail à chaque étape, et le tableau de bord montre les paiements attendus.',
        en: 'Once the invoice is accepted, download the deposit certificate. Its status moves on until payment; you get an e-mail at each step, and the dashboard shows the expected payments.',
      },
      {
        fr: 'Si le dépôt est refusé, le message donne un code : la page des codes de refus explique comment corriger. Si le destinataire suspend la facture, complétez-la depuis son détail.',
        en: 'If the deposit is refused, the message gives a code: the refusal codes page explains how to fix it. If the recipient suspends the invoice, complete it from its details.',
      },
    ],
    links: [
      { to: '/aide/statuts', label: { fr: 'Les statuts d’une facture', en: 'Invoice statuses' } },
      { to: '/aide/codes-refus', label: { fr: 'Les codes de refus', en: 'Refusal codes' } },
    ],
  },
];

export const PROCESSING: GuideStep[] = [
  {
    id: 'recevoir',
    title: { fr: 'Recevoir les factures', en: 'Receive invoices' },
    text: [
      {
        fr: 'Les factures arrivent dans « Factures reçues », pour toute la structure ou pour les seuls services sur lesquels vous avez des droits. Le filtre « pas encore téléchargées » montre les nouvelles. Vous êtes prévenu par e-mail de chaque arrivée.',
        en: 'Invoices arrive in “Received invoices”, for the whole structure or only for the services you hold rights on. The “not yet downloaded” filter shows new ones. You get an e-mail for each arrival.',
      },
    ],
    links: [
      { to: '/destinataire/factures', label: { fr: 'Factures reçues', en: 'Received invoices' } },
    ],
  },
  {
    id: 'decider',
    title: { fr: 'Décider', en: 'Decide' },
    text: [
      {
        fr: 'Service fait : la prestation est réalisée, la facture part vers le paiement. Suspendre : il manque une pièce ou une précision ; écrivez ce qu’il faut dans le motif (255 caractères au plus) ; le délai de paiement s’arrête jusqu’à la réponse. Refuser : la facture ne sera pas payée ; le motif est obligatoire et la décision définitive. À recycler : la facture ne vous est pas destinée ou vise le mauvais service ; le fournisseur la réachemine.',
        en: 'Service done: the work is done, the invoice heads for payment. Suspend: a document or detail is missing; write what is needed in the reason (255 characters at most); the payment period stops until the answer. Refuse: the invoice will not be paid; the reason is required and the decision final. To be rerouted: the invoice is not for you or names the wrong service; the supplier reroutes it.',
      },
      {
        fr: 'Vous pouvez traiter plusieurs factures d’un coup depuis la liste.',
        en: 'You can process several invoices at once from the list.',
      },
    ],
  },
  {
    id: 'payer',
    title: { fr: 'Mandater et payer', en: 'Mandate and pay' },
    text: [
      {
        fr: 'Après le service fait, indiquez le numéro du mandat de paiement, puis, selon votre organisation, la mise à disposition du comptable et la comptabilisation, enfin la date et le montant de la mise en paiement.',
        en: 'After the service done, give the payment order number, then, depending on your organisation, the hand-over to the accountant and the accounting, and finally the payment date and amount.',
      },
      {
        fr: 'Le délai légal court depuis la mise à disposition : 30 jours pour l’État et les collectivités, 50 jours pour les établissements publics de santé, 60 jours pour les entreprises publiques. La page « Échéances » montre les factures à payer bientôt et celles en retard.',
        en: 'The legal period runs from availability: 30 days for the State and local authorities, 50 days for public health institutions, 60 days for public companies. The “Deadlines” page shows invoices due soon and those overdue.',
      },
    ],
    links: [{ to: '/destinataire/echeances', label: { fr: 'Échéances', en: 'Deadlines' } }],
  },
];

export const ACCOUNT_GUIDE: GuideStep[] = [
  {
    id: 'connexion',
    title: { fr: 'Se connecter', en: 'Signing in' },
    text: [
      {
        fr: 'Connectez-vous avec votre adresse e-mail et votre mot de passe. Après 5 essais manqués, le compte est verrouillé une heure ; « Mot de passe oublié » envoie un lien valable une heure pour en choisir un nouveau, ce qui le déverrouille.',
        en: 'Sign in with your e-mail address and password. After 5 failed tries the account locks for one hour; “Forgot your password” sends a link valid for one hour to choose a new one, which unlocks it.',
      },
    ],
    links: [
      {
        to: '/mot-de-passe-oublie',
        label: { fr: 'Mot de passe oublié', en: 'Forgot your password' },
      },
    ],
  },
  {
    id: 'double-authentification',
    title: { fr: 'La double authentification', en: 'Two-step verification' },
    text: [
      {
        fr: 'Dans « Mon compte », activez la double authentification : scannez le QR code avec une application d’authentification (ou saisissez la clé à la main), puis tapez le code à 6 chiffres qu’elle affiche. Chorale vous donne alors 10 codes de secours, affichés une seule fois : conservez-les.',
        en: 'In “My account”, turn on two-step verification: scan the QR code with an authenticator app (or type the key by hand), then enter the 6-digit code it shows. Chorale then gives you 10 recovery codes, shown only once: keep them.',
      },
      {
        fr: 'À chaque connexion, le code de l’application est demandé après le mot de passe. Sans votre téléphone, utilisez un code de secours : chacun ne sert qu’une fois.',
        en: 'At each sign-in, the app’s code is asked after the password. Without your phone, use a recovery code: each works once.',
      },
    ],
    links: [{ to: '/compte#securite', label: { fr: 'Mon compte', en: 'My account' } }],
  },
  {
    id: 'structures',
    title: { fr: 'Structures, rôles et droits', en: 'Structures, roles and rights' },
    text: [
      {
        fr: 'Vous pouvez appartenir à plusieurs structures ; choisissez la structure active en haut de la page. Dans chacune, le rôle de gestionnaire principal permet de gérer les utilisateurs, leurs droits et les clients API.',
        en: 'You may belong to several structures; choose the active one at the top of the page. In each, the main manager role lets you manage users, their rights and API clients.',
      },
      {
        fr: 'Les droits ouvrent des espaces : « factures émises » (déposer et suivre), « factures reçues » (recevoir et traiter), « sollicitations ». Un droit vaut pour toute la structure ou pour certains services seulement.',
        en: 'Rights open spaces: “invoices sent” (deposit and follow), “invoices received” (receive and process), “requests”. A right covers the whole structure or only some services.',
      },
    ],
    links: [{ to: '/structure/utilisateurs', label: { fr: 'Utilisateurs', en: 'Users' } }],
  },
  {
    id: 'clients-api',
    title: { fr: 'Les clients API', en: 'API clients' },
    text: [
      {
        fr: 'Pour qu’un logiciel dépose ou traite les factures automatiquement, un gestionnaire crée un client API avec les seules autorisations utiles. Son secret n’est montré qu’une fois ; en cas de perte ou de fuite, renouvelez-le : l’ancien cesse aussitôt de fonctionner.',
        en: 'For software to deposit or process invoices automatically, a manager creates an API client with only the permissions it needs. Its secret is shown once; if it is lost or leaked, renew it: the old one stops working at once.',
      },
    ],
    links: [{ to: '/structure/clients-api', label: { fr: 'Clients API', en: 'API clients' } }],
  },
];
