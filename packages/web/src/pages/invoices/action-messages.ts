import { defineMessages } from '../../app/i18n';
import type { InvoiceStatus, RecipientMove, SupplierMove } from './common';

/** The words of an invoice's actions: the buttons, their dialogs and forms, what follows. */
export const actionMessages = defineMessages({
  fr: {
    title: 'Actions possibles',
    noneRecipient: 'Aucune action n’est possible sur cette facture dans son statut actuel.',
    noneSupplier:
      'Rien à faire de votre côté pour l’instant : la facture est entre les mains du destinataire.',
    asRecipient: 'En tant que service destinataire',
    asSupplier: 'En tant que fournisseur',
    to_SERVICE_FAIT: 'Constater le service fait',
    to_MANDATEE: 'Mandater',
    to_SUSPENDUE: 'Suspendre',
    to_A_RECYCLER: 'Renvoyer pour recyclage',
    to_REJETEE: 'Rejeter',
    to_MISE_EN_PAIEMENT: 'Mettre en paiement',
    to_MISE_A_DISPOSITION_COMPTABLE: 'Transmettre au comptable',
    to_COMPTABILISEE: 'Constater la comptabilisation',
    complete: 'Compléter la facture',
    recycle: 'Envoyer au bon destinataire',
    acknowledge: 'Prendre acte du rejet',
    explain_SERVICE_FAIT:
      'Vous confirmez que la prestation ou la livraison facturée a bien été faite.',
    explain_A_RECYCLER:
      'La facture n’est pas pour votre structure ou ce service : elle retourne au fournisseur, qui l’enverra au bon destinataire.',
    explain_MISE_A_DISPOSITION_COMPTABLE: 'La facture est transmise au comptable public.',
    explain_COMPTABILISEE: 'Le comptable a pris la facture en compte.',
    explain_acknowledge:
      'Vous indiquez avoir pris connaissance du rejet. La facture reste rejetée ; pour être payé, déposez une nouvelle facture corrigée.',
    reason: 'Motif',
    reasonHint: '255 caractères au plus. Le fournisseur le verra.',
    reasonRequired: 'Saisissez le motif.',
    reasonTooLong: 'Le motif compte {count} caractères : 255 au plus.',
    charsLeft: '{count} caractère(s) restant(s)',
    mandateNumber: 'Numéro de mandat',
    mandateRequired: 'Saisissez le numéro de mandat.',
    paymentDate: 'Date du paiement',
    paymentAmount: 'Montant payé',
    paymentAmountHint: 'En {currency}, par exemple 1 500,00',
    dateRequired: 'Saisissez la date du paiement.',
    dueHint: 'Net à payer de la facture : {amount}',
    amountInvalid: 'Saisissez un montant positif, par exemple 1 500,00.',
    comment: 'Votre réponse au destinataire',
    commentHint: '2 000 caractères au plus. Expliquez ce que vous corrigez ou joignez.',
    files: 'Pièces jointes',
    filesHint:
      'Optionnel. 10 Mo par fichier au plus ; PDF, bureautique, images ou archives. Plusieurs fichiers possibles.',
    completeRequired: 'Écrivez un commentaire ou joignez au moins un fichier.',
    recipientIdentifier: 'SIRET du bon destinataire',
    recipientHint: '14 chiffres, voir l’annuaire',
    serviceCode: 'Code service',
    serviceHint: 'Si le destinataire l’exige',
    commitmentNumber: 'Numéro d’engagement',
    commitmentHint: 'Si le destinataire l’exige',
    identifierRequired: 'Saisissez le SIRET du destinataire.',
    confirm: 'Confirmer',
    cancel: 'Annuler',
    close: 'Fermer',
    sending: 'Envoi…',
    dialogTitle: '{action} — facture {number}',
    done: 'C’est fait : la facture est maintenant au statut « {status} ».',
    acknowledged: 'C’est noté : le rejet a été pris en compte.',
    alreadyAcknowledged:
      'Vous avez pris acte de ce rejet le {date}. Pour être payé, déposez une nouvelle facture corrigée.',
    conflictTitle: 'La facture a changé entre-temps',
    conflict:
      'Quelqu’un d’autre a modifié cette facture pendant que vous la consultiez, votre action n’a donc pas été enregistrée. La facture vient d’être rechargée : vérifiez son nouvel état puis recommencez si besoin.',
  },
  en: {
    title: 'Possible actions',
    noneRecipient: 'No action is possible on this invoice in its current status.',
    noneSupplier:
      'Nothing to do on your side for now: the invoice is in the hands of the recipient.',
    asRecipient: 'As the recipient service',
    asSupplier: 'As the supplier',
    to_SERVICE_FAIT: 'Record service done',
    to_MANDATEE: 'Mandate',
    to_SUSPENDUE: 'Suspend',
    to_A_RECYCLER: 'Send back for re-routing',
    to_REJETEE: 'Reject',
    to_MISE_EN_PAIEMENT: 'Record the payment',
    to_MISE_A_DISPOSITION_COMPTABLE: 'Send to the accountant',
    to_COMPTABILISEE: 'Record it as booked',
    complete: 'Complete the invoice',
    recycle: 'Send to the right recipient',
    acknowledge: 'Acknowledge the rejection',
    explain_SERVICE_FAIT: 'You confirm that the invoiced work or delivery was done.',
    explain_A_RECYCLER:
      'The invoice is not for your structure or this service: it goes back to the supplier, who will send it to the right recipient.',
    explain_MISE_A_DISPOSITION_COMPTABLE: 'The invoice goes to the public accountant.',
    explain_COMPTABILISEE: 'The accountant has booked the invoice.',
    explain_acknowledge:
      'You confirm you have read the rejection. The invoice stays rejected; to be paid, deposit a new, corrected invoice.',
    reason: 'Reason',
    reasonHint: 'At most 255 characters. The supplier will see it.',
    reasonRequired: 'Enter the reason.',
    reasonTooLong: 'The reason has {count} characters: 255 at most.',
    charsLeft: '{count} character(s) left',
    mandateNumber: 'Mandate number',
    mandateRequired: 'Enter the mandate number.',
    paymentDate: 'Payment date',
    paymentAmount: 'Amount paid',
    paymentAmountHint: 'In {currency}, for example 1500.00',
    dateRequired: 'Enter the payment date.',
    dueHint: 'Amount due on the invoice: {amount}',
    amountInvalid: 'Enter a positive amount, for example 1500.00.',
    comment: 'Your answer to the recipient',
    commentHint: 'At most 2,000 characters. Say what you correct or attach.',
    files: 'Attachments',
    filesHint:
      'Optional. At most 10 MB per file; PDF, office documents, images or archives. Several files allowed.',
    completeRequired: 'Write a comment or attach at least one file.',
    recipientIdentifier: 'SIRET of the right recipient',
    recipientHint: '14 digits, see the directory',
    serviceCode: 'Service code',
    serviceHint: 'If the recipient requires it',
    commitmentNumber: 'Commitment number',
    commitmentHint: 'If the recipient requires it',
    identifierRequired: 'Enter the SIRET of the recipient.',
    confirm: 'Confirm',
    cancel: 'Cancel',
    close: 'Close',
    sending: 'Sending…',
    dialogTitle: '{action} — invoice {number}',
    done: 'Done: the invoice is now “{status}”.',
    acknowledged: 'Noted: the rejection has been acknowledged.',
    alreadyAcknowledged:
      'You acknowledged this rejection on {date}. To be paid, deposit a new, corrected invoice.',
    conflictTitle: 'The invoice changed in the meantime',
    conflict:
      'Someone else changed this invoice while you were looking at it, so your action was not recorded. The invoice has just been reloaded: check where it stands now and try again if needed.',
  },
});

/** The action whose dialog is open, on the side that takes it. */
export type Pending =
  { kind: 'recipient'; move: RecipientMove } | { kind: 'supplier'; move: SupplierMove };

/** What the page says once an action is over. */
export type Feedback =
  { kind: 'done'; status: InvoiceStatus } | { kind: 'acknowledged' } | { kind: 'conflict' };
