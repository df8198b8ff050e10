import { defineMessages } from '../../app/messages.js';

/** The texts of the help topic "Webhooks" (WebhooksHelp.tsx, and the user guides). */
export const webhookMessages = defineMessages({
  fr: {
    intro:
      'Un webhook envoie chaque événement de votre structure (facture reçue, changement de statut, compte rendu de flux, mot de passe technique bientôt expiré…) à l’adresse HTTPS de votre logiciel, dès qu’il survient. Un gestionnaire principal l’ajoute dans Structure → Webhooks ; le secret de signature n’est affiché qu’une fois.',
    request: 'Ce que reçoit votre logiciel',
    requestText:
      'Une requête POST en JSON, avec trois en-têtes : Chorale-Event-Id (l’identifiant de l’événement), Chorale-Timestamp (l’heure d’envoi, en secondes Unix) et Chorale-Signature (v1= suivi de la signature). Répondez 2xx en moins de 10 secondes ; sinon l’envoi est retenté de plus en plus espacé (5 s, 10 s, 20 s… jusqu’à une heure) pendant 24 heures. Chaque tentative est visible sur la page du webhook, avec un bouton « Renvoyer ».',
    dedup:
      'Un même événement peut arriver deux fois (un renvoi, une réponse perdue) : gardez les identifiants déjà traités et ignorez les doublons. Les événements d’une même facture arrivent dans l’ordre ; le champ sequence croît de l’un à l’autre.',
    verify: 'Vérifier la signature',
    verifyText:
      'Calculez un HMAC-SHA256 avec votre secret comme clé, sur le texte « horodatage.corps » (la valeur de Chorale-Timestamp, un point, puis le corps exact reçu, avant toute lecture du JSON). Comparez-le en temps constant à ce qui suit « v1= », et refusez un horodatage éloigné de plus de cinq minutes. En Node.js :',
  },
  en: {
    intro:
      'A webhook sends each event of your structure (invoice received, status change, flow report, technical password about to expire…) to your software’s HTTPS address as it happens. A main manager adds it in Structure → Webhooks; the signing secret is shown only once.',
    request: 'What your software receives',
    requestText:
      'A JSON POST request with three headers: Chorale-Event-Id (the event’s id), Chorale-Timestamp (when it was sent, Unix seconds) and Chorale-Signature (v1= followed by the signature). Answer 2xx within 10 seconds; otherwise the delivery is retried further and further apart (5 s, 10 s, 20 s… up to an hour) for 24 hours. Every attempt shows on the webhook’s page, with a “Resend” button.',
    dedup:
      'The same event may arrive twice (a resend, a lost answer): keep the ids already processed and ignore duplicates. The events of one invoice arrive in order; the sequence field grows from one to the next.',
    verify: 'Verifying the signature',
    verifyText:
      'Compute an HMAC-SHA256 keyed with your secret over the text “timestamp.body” (the Chorale-Timestamp value, a dot, then the exact body received, before any JSON parsing). Compare it in constant time with what follows “v1=”, and refuse a timestamp more than five minutes away. In Node.js:',
  },
});

/** How to check a signature, in Node.js (shown as code). */
export const SNIPPET = `import { createHmac, timingSafeEqual } from 'node:crypto';

function verifyChorale(secret, headers, rawBody) {
  const timestamp = headers['chorale-timestamp'];
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = 'v1=' + createHmac('sha256', secret)
    .update(timestamp + '.' + rawBody).digest('hex');
  const received = String(headers['chorale-signature'] ?? '');
  return received.length === expected.length &&
    timingSafeEqual(Buffer.from(received), Buffer.from(expected));
}`;
