import { INVOICE_STATUSES, type InvoiceStatusCode } from '@chorale/einvoice/statuses';

/**
 * The twelve invoice statuses in plain words (the server's lifecycle.ts is the source of the
 * moves; docs/lifecycle.md explains them). Each status is an anchor of /aide/statuts, so other
 * pages can link to /aide/statuts#SUSPENDUE.
 */
export interface Bilingual {
  fr: string;
  en: string;
}

export { INVOICE_STATUSES as STATUS_ORDER };
/** The same twelve codes as the API's (the portal's badges use that type). */
export type InvoiceStatus = InvoiceStatusCode;

export interface StatusHelp {
  /** Code of the 2026 French lifecycle (AFNOR XP Z12-012), when the status has one. */
  code: number | null;
  meaning: Bilingual;
  supplier: Bilingual;
  recipient: Bilingual;
  final?: boolean;
}

export const STATUSES: Record<InvoiceStatus, StatusHelp> = {
  DEPOSEE: {
    code: 200,
    meaning: {
      fr: 'La facture vient d’être déposée sur Chorale et a passé tous les contrôles du dépôt. C’est une étape technique de quelques instants.',
      en: 'The invoice has just been deposited on Chorale and passed every deposit check. It is a technical step that lasts a moment.',
    },
    supplier: {
      fr: 'Rien à faire. Votre attestation de dépôt est disponible dans le détail de la facture.',
      en: 'Nothing to do. Your deposit certificate is available in the invoice’s details.',
    },
    recipient: {
      fr: 'Rien à faire : la facture arrive dans votre boîte.',
      en: 'Nothing to do: the invoice is on its way to your inbox.',
    },
  },
  EN_COURS_ACHEMINEMENT: {
    code: 201,
    meaning: {
      fr: 'Chorale transmet la facture à la structure publique et au service indiqués.',
      en: 'Chorale is passing the invoice to the public body and service it names.',
    },
    supplier: { fr: 'Rien à faire.', en: 'Nothing to do.' },
    recipient: { fr: 'Rien à faire.', en: 'Nothing to do.' },
  },
  MISE_A_DISPOSITION: {
    code: 203,
    meaning: {
      fr: 'La facture est arrivée chez le destinataire, dans la boîte du service indiqué. Le délai légal de paiement court à partir de ce moment (30 jours pour l’État et les collectivités, 50 jours pour les hôpitaux publics, 60 jours pour les entreprises publiques).',
      en: 'The invoice has reached the recipient, in the inbox of the named service. The legal payment period starts now (30 days for the State and local authorities, 50 days for public hospitals, 60 days for public companies).',
    },
    supplier: {
      fr: 'Attendez le traitement. Vous serez prévenu par e-mail de chaque changement de statut.',
      en: 'Wait for processing. You get an e-mail at each status change.',
    },
    recipient: {
      fr: 'Traitez la facture : certifiez le service fait, suspendez-la s’il manque quelque chose, refusez-la, ou renvoyez-la « à recycler » si elle ne vous est pas destinée.',
      en: 'Process the invoice: certify the service done, suspend it if something is missing, refuse it, or send it back “to be rerouted” if it is not yours.',
    },
  },
  A_RECYCLER: {
    code: null,
    meaning: {
      fr: 'Le destinataire indique que la facture n’est pas arrivée au bon endroit : mauvaise structure, mauvais service ou numéro d’engagement erroné (erreur d’acheminement). Elle n’est pas refusée.',
      en: 'The recipient says the invoice reached the wrong place: wrong body, wrong service or wrong commitment number (routing error). It is not refused.',
    },
    supplier: {
      fr: 'Ouvrez la facture et choisissez « Recycler » : indiquez le bon destinataire, le bon service ou le bon numéro d’engagement. Inutile de la déposer à nouveau ; la date d’arrivée d’origine est conservée.',
      en: 'Open the invoice and choose “Reroute”: give the right recipient, service or commitment number. No need to deposit it again; the original arrival date is kept.',
    },
    recipient: {
      fr: 'Rien à faire : le fournisseur corrige l’acheminement.',
      en: 'Nothing to do: the supplier fixes the routing.',
    },
  },
  REJETEE: {
    code: 210,
    final: true,
    meaning: {
      fr: 'Le destinataire refuse la facture, avec un motif (montant erroné, prestation non commandée…). C’est définitif : cette facture ne sera pas payée.',
      en: 'The recipient refuses the invoice, with a reason (wrong amount, service not ordered…). It is final: this invoice will not be paid.',
    },
    supplier: {
      fr: 'Lisez le motif dans le détail de la facture et prenez-en acte. Si une somme reste due, déposez une nouvelle facture corrigée, avec un nouveau numéro (celui de la facture refusée reste pris).',
      en: 'Read the reason in the invoice’s details and acknowledge it. If money is still owed, deposit a new corrected invoice with a new number (the refused invoice’s number stays taken).',
    },
    recipient: { fr: 'Rien de plus à faire.', en: 'Nothing more to do.' },
  },
  SUSPENDUE: {
    code: 208,
    meaning: {
      fr: 'Le destinataire a besoin d’un complément pour traiter la facture (pièce justificative, précision…), expliqué dans le motif. Le délai de paiement est suspendu jusqu’à la réponse.',
      en: 'The recipient needs more to process the invoice (supporting document, detail…), as the reason explains. The payment period is on hold until you answer.',
    },
    supplier: {
      fr: 'Ouvrez la facture et choisissez « Compléter » : répondez par un commentaire et joignez les pièces demandées. Sans réponse, le destinataire peut refuser la facture.',
      en: 'Open the invoice and choose “Complete”: answer with a comment and attach the documents asked for. Without an answer, the recipient may refuse the invoice.',
    },
    recipient: {
      fr: 'Attendez le complément du fournisseur. Vous pouvez aussi refuser la facture.',
      en: 'Wait for the supplier’s complement. You may also refuse the invoice.',
    },
  },
  COMPLETEE: {
    code: 209,
    meaning: {
      fr: 'Le fournisseur a apporté le complément demandé. Le délai de paiement reprend là où il s’était arrêté.',
      en: 'The supplier has sent the complement asked for. The payment period resumes where it stopped.',
    },
    supplier: { fr: 'Attendez le traitement.', en: 'Wait for processing.' },
    recipient: {
      fr: 'Reprenez le traitement, comme pour une facture qui vient d’arriver.',
      en: 'Resume processing, as for a newly arrived invoice.',
    },
  },
  SERVICE_FAIT: {
    code: 205,
    meaning: {
      fr: 'Le destinataire certifie que la prestation a été réalisée ou la fourniture livrée : la facture est approuvée et part vers le paiement.',
      en: 'The recipient certifies that the work was done or the goods delivered: the invoice is approved and heads for payment.',
    },
    supplier: {
      fr: 'Rien à faire : le paiement se prépare.',
      en: 'Nothing to do: payment is being prepared.',
    },
    recipient: {
      fr: 'Émettez le mandat de paiement et indiquez son numéro (« Mandater »).',
      en: 'Issue the payment order and give its number (“Mandate”).',
    },
  },
  MANDATEE: {
    code: null,
    meaning: {
      fr: 'L’ordonnateur a émis le mandat de paiement (son numéro est indiqué) et le transmet au comptable public, qui paiera. Pour la réforme de 2026, la facture reste « approuvée » (code 205).',
      en: 'The authorising officer has issued the payment order (its number is shown) and passes it to the public accountant, who pays. For the 2026 reform the invoice stays “approved” (code 205).',
    },
    supplier: { fr: 'Rien à faire : le paiement approche.', en: 'Nothing to do: payment is near.' },
    recipient: {
      fr: 'Suivez la prise en charge par le comptable, ou indiquez directement le paiement.',
      en: 'Follow the accountant’s steps, or record the payment directly.',
    },
  },
  MISE_A_DISPOSITION_COMPTABLE: {
    code: null,
    meaning: {
      fr: 'Le mandat et la facture sont entre les mains du comptable public, qui les contrôle avant de payer.',
      en: 'The payment order and the invoice are with the public accountant, who checks them before paying.',
    },
    supplier: { fr: 'Rien à faire.', en: 'Nothing to do.' },
    recipient: {
      fr: 'Indiquez la prise en charge comptable quand elle est faite.',
      en: 'Record the accounting once it is done.',
    },
  },
  COMPTABILISEE: {
    code: null,
    meaning: {
      fr: 'Le comptable public a pris la dépense en charge dans ses comptes. Le paiement suit.',
      en: 'The public accountant has entered the expense in the accounts. Payment follows.',
    },
    supplier: { fr: 'Rien à faire.', en: 'Nothing to do.' },
    recipient: {
      fr: 'Indiquez la date et le montant du paiement dès qu’il est ordonné.',
      en: 'Record the payment date and amount once it is ordered.',
    },
  },
  MISE_EN_PAIEMENT: {
    code: 211,
    final: true,
    meaning: {
      fr: 'Le paiement est ordonné : la date et le montant sont indiqués dans le détail. Le virement arrive en général sous quelques jours. C’est la dernière étape.',
      en: 'Payment is ordered: its date and amount show in the details. The transfer usually arrives within a few days. It is the last step.',
    },
    supplier: {
      fr: 'Vérifiez la réception du virement. S’il a été payé après le délai légal, des intérêts moratoires et une indemnité de 40 € vous sont dus.',
      en: 'Check the transfer arrives. If it was paid after the legal period, late-payment interest and a €40 fixed fee are owed to you.',
    },
    recipient: { fr: 'Rien de plus à faire.', en: 'Nothing more to do.' },
  },
};
