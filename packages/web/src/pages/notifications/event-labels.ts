import { defineMessages } from '../../app/messages.js';

/** The closed list of event types (the API's), in the order the pages show them. */
export const EVENT_TYPES = [
  'invoice.made_available',
  'invoice.status_changed',
  'sollicitation.opened',
  'sollicitation.answered',
  'flow.report_ready',
  'credential.expiring',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const eventMessages = defineMessages({
  fr: {
    'invoice.made_available': 'Facture mise à disposition',
    'invoice.status_changed': 'Statut de facture modifié',
    'sollicitation.opened': 'Sollicitation ouverte',
    'sollicitation.answered': 'Sollicitation répondue',
    'flow.report_ready': 'Compte rendu de flux prêt',
    'credential.expiring': 'Mot de passe technique bientôt expiré',
  },
  en: {
    'invoice.made_available': 'Invoice made available',
    'invoice.status_changed': 'Invoice status changed',
    'sollicitation.opened': 'Request opened',
    'sollicitation.answered': 'Request answered',
    'flow.report_ready': 'Flow report ready',
    'credential.expiring': 'Technical password about to expire',
  },
});
