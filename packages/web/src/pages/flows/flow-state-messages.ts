import { defineMessages } from '../../app/messages.js';
import type { paths } from '../../api/schema.js';

/** The API's flow states (flow-model.ts's FlowState; spelt out here so Node tools can read this file). */
type FlowState =
  paths['/api/v1/flows']['get']['responses'][200]['content']['application/json']['items'][number]['etat'];

/**
 * The flow states (etatCourantDepotFlux) as every flow page names and colours them, like the
 * invoice statuses in app/statuses.tsx: the real code stays the API's, the reader sees words.
 */
export const flowStateMessages = defineMessages<FlowState>({
  fr: {
    IN_RECU: 'Reçu',
    IN_EN_ATTENTE_TRAITEMENT_CPP: 'En attente de traitement',
    IN_EN_COURS_TRAITEMENT_CPP: 'En cours de traitement',
    IN_INTEGRE: 'Intégré',
    IN_INTEGRE_PARTIEL: 'Intégré partiellement',
    IN_REJETE: 'Rejeté',
    IN_INCIDENTE: 'En incident',
    OUT_A_RECUPERER: 'À récupérer',
    OUT_RECUPERE: 'Récupéré',
  },
  en: {
    IN_RECU: 'Received',
    IN_EN_ATTENTE_TRAITEMENT_CPP: 'Waiting to be processed',
    IN_EN_COURS_TRAITEMENT_CPP: 'Being processed',
    IN_INTEGRE: 'Integrated',
    IN_INTEGRE_PARTIEL: 'Partly integrated',
    IN_REJETE: 'Rejected',
    IN_INCIDENTE: 'Incident',
    OUT_A_RECUPERER: 'To be picked up',
    OUT_RECUPERE: 'Picked up',
  },
});

/** What each state means, for the reader who wonders (shown under the state on the report). */
export const flowStateHelp = defineMessages<FlowState>({
  fr: {
    IN_RECU: 'Le fichier est reçu ; son intégration va commencer.',
    IN_EN_ATTENTE_TRAITEMENT_CPP: 'Le flux attend son tour pour être intégré.',
    IN_EN_COURS_TRAITEMENT_CPP: 'Les factures du flux sont lues et contrôlées une à une.',
    IN_INTEGRE: 'Toutes les factures du flux ont été acceptées.',
    IN_INTEGRE_PARTIEL:
      'Une partie des factures a été acceptée, les autres refusées : corrigez les refusées et déposez-les de nouveau.',
    IN_REJETE:
      'Aucune facture du flux n’a été acceptée : le compte rendu dit pourquoi pour chacune.',
    IN_INCIDENTE:
      'Un incident technique a interrompu l’intégration : déposez le même fichier de nouveau.',
    OUT_A_RECUPERER: 'La facture attend que le système du destinataire la récupère (SFTP ou API).',
    OUT_RECUPERE: 'Le système du destinataire a récupéré la facture.',
  },
  en: {
    IN_RECU: 'The file was received; its integration is about to start.',
    IN_EN_ATTENTE_TRAITEMENT_CPP: 'The flow is waiting for its turn to be integrated.',
    IN_EN_COURS_TRAITEMENT_CPP: 'The flow’s invoices are being read and checked one by one.',
    IN_INTEGRE: 'Every invoice of the flow was accepted.',
    IN_INTEGRE_PARTIEL:
      'Some invoices were accepted and the others refused: fix the refused ones and deposit them again.',
    IN_REJETE: 'No invoice of the flow was accepted: the report says why for each one.',
    IN_INCIDENTE: 'A technical incident interrupted the integration: deposit the same file again.',
    OUT_A_RECUPERER: 'The invoice waits for the recipient’s system to pick it up (SFTP or API).',
    OUT_RECUPERE: 'The recipient’s system picked the invoice up.',
  },
});
