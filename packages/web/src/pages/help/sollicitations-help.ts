import { defineMessages } from '../../app/messages.js';

/** The texts of the help topic on sollicitations (SollicitationsHelp.tsx, and the user guides). */
export const sollicitationHelpMessages = defineMessages({
  fr: {
    what: 'Une sollicitation est une question posée dans la plateforme, suivie jusqu’à sa réponse : au service qui traite une facture (depuis la page de la facture), à une structure publique, ou au support de la plateforme.',
    who: 'Un fournisseur la pose avec le droit « Factures émises ». Les agents de la structure destinataire qui ont le droit « Sollicitations » sur le service concerné y répondent ; le support de la plateforme répond aux questions qui lui sont adressées et peut les transmettre à une structure. Chacun reçoit un courriel à chaque nouvelle question ou réponse.',
    statuses:
      'Statuts : Ouverte (posée), En cours (prise en charge), Répondue, Close. Une sollicitation close peut être rouverte pendant {days} jours. Une question sans réponse depuis plus de {overdue} jours ouvrés (hors week-ends et jours fériés) est signalée au destinataire.',
    categories: 'Les catégories',
    ask: 'Poser une question',
  },
  en: {
    what: 'A request is a question asked in the platform and followed until it is answered: to the service handling an invoice (from the invoice page), to a public body, or to the platform support.',
    who: 'A supplier asks with the “Sent invoices” right. The addressed body’s agents holding the “Requests” right on the service concerned answer; the platform support answers the questions addressed to it and may hand them to a body. Everyone gets an e-mail for each new question or answer.',
    statuses:
      'Statuses: Open (asked), In progress (taken in hand), Answered, Closed. A closed request may be reopened for {days} days. A question unanswered for more than {overdue} working days (weekends and public holidays excluded) is flagged to its addressee.',
    categories: 'The categories',
    ask: 'Ask a question',
  },
});
