import type { Bilingual } from './statuses.js';

/**
 * The platform's error codes (server lib/errors.ts), as the portal and the API show them
 * ("Code : …"), in plain words. Each is an anchor of /aide/erreurs.
 */
export const ERROR_ORDER = [
  'VALIDATION_FAILED',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SECOND_FACTOR_REQUIRED',
  'CODE_ALREADY_USED',
  'ACCOUNT_LOCKED',
  'FORBIDDEN',
  'CSRF_INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'ALREADY_EXISTS',
  'REQUEST_TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'HEADERS_TOO_LARGE',
  'INTERNAL',
  'UNAVAILABLE',
  'INSUFFICIENT_STORAGE',
] as const;
export type ErrorCode = (typeof ERROR_ORDER)[number];

export const ERRORS: Record<ErrorCode, { status: number; meaning: Bilingual; fix: Bilingual }> = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: {
      fr: 'Une donnée envoyée ne convient pas : champ obligatoire vide, format inattendu, valeur trop longue. Pour un dépôt, le code de refus précis est donné à côté.',
      en: 'Some data sent does not fit: a required field is empty, a format is unexpected, a value too long. For a deposit, the precise refusal code is given with it.',
    },
    fix: {
      fr: 'Corrigez le champ signalé et recommencez. Pour un dépôt refusé, voir les codes de refus.',
      en: 'Fix the field shown and try again. For a refused deposit, see the refusal codes.',
    },
  },
  BAD_REQUEST: {
    status: 400,
    meaning: {
      fr: 'La demande ne peut pas être traitée telle quelle, par exemple un lien de réinitialisation expiré ou une action qui se fait ailleurs.',
      en: 'The request cannot be handled as it is, for example an expired reset link or an action done elsewhere.',
    },
    fix: {
      fr: 'Lisez le message qui accompagne l’erreur ; demandez un nouveau lien si le vôtre a expiré.',
      en: 'Read the message that comes with the error; ask for a new link if yours expired.',
    },
  },
  UNAUTHENTICATED: {
    status: 401,
    meaning: {
      fr: 'Vous n’êtes pas connecté, ou votre session a expiré (au bout de 8 heures).',
      en: 'You are not signed in, or your session has expired (after 8 hours).',
    },
    fix: {
      fr: 'Reconnectez-vous. Ce que vous étiez en train de saisir est conservé.',
      en: 'Sign in again. What you were typing is kept.',
    },
  },
  INVALID_CREDENTIALS: {
    status: 401,
    meaning: {
      fr: 'L’adresse e-mail, le mot de passe ou le code de vérification est incorrect.',
      en: 'The e-mail address, the password or the verification code is wrong.',
    },
    fix: {
      fr: 'Vérifiez la saisie (majuscules, clavier). Après 5 échecs, le compte est verrouillé une heure : choisissez alors un nouveau mot de passe.',
      en: 'Check what you typed (capitals, keyboard). After 5 failures the account locks for one hour: then choose a new password.',
    },
  },
  CODE_ALREADY_USED: {
    status: 401,
    meaning: {
      fr: 'Le code de vérification est juste, mais il a déjà servi à une connexion : un code ne sert qu’une fois.',
      en: 'The verification code is right, but it was already used to sign in: a code works once.',
    },
    fix: {
      fr: 'Attendez que votre application affiche le code suivant (30 secondes au plus) et saisissez-le.',
      en: 'Wait for your app to show the next code (30 seconds at most) and enter it.',
    },
  },
  SECOND_FACTOR_REQUIRED: {
    status: 401,
    meaning: {
      fr: 'Votre compte est protégé par la double authentification : le mot de passe seul ne suffit pas.',
      en: 'Your account is protected by two-step verification: the password alone is not enough.',
    },
    fix: {
      fr: 'Saisissez le code de votre application d’authentification, ou un code de secours.',
      en: 'Enter the code from your authenticator app, or a recovery code.',
    },
  },
  ACCOUNT_LOCKED: {
    status: 423,
    meaning: {
      fr: 'Trop d’essais de connexion ont échoué : le compte est verrouillé pendant une heure pour le protéger.',
      en: 'Too many sign-in attempts failed: the account is locked for one hour to protect it.',
    },
    fix: {
      fr: 'Attendez une heure, ou choisissez tout de suite un nouveau mot de passe avec « Mot de passe oublié ».',
      en: 'Wait one hour, or choose a new password at once with “Forgot your password”.',
    },
  },
  FORBIDDEN: {
    status: 403,
    meaning: {
      fr: 'Vous êtes bien connecté mais n’avez pas le droit nécessaire : droit sur un espace ou un service, rôle de gestionnaire, ou action réservée à l’autre partie.',
      en: 'You are signed in but lack the right needed: a right on a space or service, the manager role, or an action that belongs to the other party.',
    },
    fix: {
      fr: 'Vérifiez la structure active, puis demandez le droit au gestionnaire principal de votre structure.',
      en: 'Check the active structure, then ask your structure’s main manager for the right.',
    },
  },
  CSRF_INVALID: {
    status: 403,
    meaning: {
      fr: 'La page était ouverte depuis une session précédente : par sécurité, l’action est refusée.',
      en: 'The page was opened in an earlier session: for safety, the action is refused.',
    },
    fix: {
      fr: 'Rechargez la page puis recommencez.',
      en: 'Reload the page and try again.',
    },
  },
  NOT_FOUND: {
    status: 404,
    meaning: {
      fr: 'Ce que vous cherchez n’existe pas, ou appartient à une structure dont vous n’êtes pas membre (Chorale ne dit pas lequel des deux).',
      en: 'What you are looking for does not exist, or belongs to a structure you are not a member of (Chorale does not say which).',
    },
    fix: {
      fr: 'Vérifiez le lien ou le numéro, et la structure active.',
      en: 'Check the link or number, and the active structure.',
    },
  },
  CONFLICT: {
    status: 409,
    meaning: {
      fr: 'L’action n’est plus possible dans l’état actuel : quelqu’un d’autre a modifié la facture entre-temps, le statut ne permet pas ce changement, ou la demande a déjà été traitée.',
      en: 'The action is no longer possible as things stand: someone else changed the invoice meanwhile, the status does not allow this move, or the request was already decided.',
    },
    fix: {
      fr: 'Rechargez la page pour voir l’état actuel, puis recommencez si l’action est toujours proposée.',
      en: 'Reload the page to see the current state, then try again if the action is still offered.',
    },
  },
  ALREADY_EXISTS: {
    status: 409,
    meaning: {
      fr: 'Cela existe déjà, par exemple un compte avec cette adresse e-mail.',
      en: 'It already exists, for example an account with this e-mail address.',
    },
    fix: {
      fr: 'Connectez-vous avec le compte existant, ou choisissez un nouveau mot de passe si vous l’avez oublié.',
      en: 'Sign in with the existing account, or choose a new password if you forgot it.',
    },
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    meaning: {
      fr: 'L’envoi est trop lourd.',
      en: 'What you sent is too large.',
    },
    fix: {
      fr: 'Allégez les fichiers (10 Mo au plus chacun, 120 Mo de pièces jointes au total).',
      en: 'Make the files smaller (10 MB at most each, 120 MB of attachments in all).',
    },
  },
  REQUEST_TIMEOUT: {
    status: 408,
    meaning: {
      fr: 'La demande n’est pas arrivée en entier à temps : la connexion est trop lente ou a été coupée.',
      en: 'The request did not arrive whole in time: the connection is too slow or was cut.',
    },
    fix: {
      fr: 'Réessayez, si possible sur une meilleure connexion.',
      en: 'Try again, on a better connection if you can.',
    },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    meaning: {
      fr: 'Le type de contenu envoyé n’est pas accepté par cette fonction.',
      en: 'The kind of content sent is not accepted here.',
    },
    fix: {
      fr: 'Depuis le portail, passez par les formulaires de dépôt ; depuis l’API, voyez sa documentation.',
      en: 'From the portal, use the deposit forms; from the API, see its documentation.',
    },
  },
  RATE_LIMITED: {
    status: 429,
    meaning: {
      fr: 'Trop de demandes en peu de temps : Chorale ralentit pour se protéger des abus.',
      en: 'Too many requests in a short time: Chorale slows down to protect itself from abuse.',
    },
    fix: { fr: 'Attendez une minute puis réessayez.', en: 'Wait a minute and try again.' },
  },
  HEADERS_TOO_LARGE: {
    status: 431,
    meaning: {
      fr: 'Les en-têtes de la demande dépassent 16 Ko (souvent des cookies accumulés).',
      en: 'The request headers exceed 16 KB (often piled-up cookies).',
    },
    fix: {
      fr: 'Effacez les cookies du site puis reconnectez-vous ; depuis l’API, allégez les en-têtes.',
      en: 'Clear the site’s cookies and sign in again; from the API, send lighter headers.',
    },
  },
  INTERNAL: {
    status: 500,
    meaning: {
      fr: 'Une erreur inattendue s’est produite de notre côté. Rien n’a été enregistré à moitié.',
      en: 'An unexpected error happened on our side. Nothing was half saved.',
    },
    fix: {
      fr: 'Réessayez dans un instant. Si l’erreur persiste, contactez le support en donnant l’heure.',
      en: 'Try again in a moment. If it persists, contact support and give the time.',
    },
  },
  UNAVAILABLE: {
    status: 503,
    meaning: {
      fr: 'Le service est momentanément indisponible (maintenance ou surcharge).',
      en: 'The service is briefly unavailable (maintenance or overload).',
    },
    fix: { fr: 'Réessayez dans quelques minutes.', en: 'Try again in a few minutes.' },
  },
  INSUFFICIENT_STORAGE: {
    status: 507,
    meaning: {
      fr: 'L’espace de stockage de la plateforme est plein : rien n’a été enregistré.',
      en: 'The platform’s storage space is full: nothing was recorded.',
    },
    fix: {
      fr: 'Réessayez plus tard ; si cela dure, prévenez l’exploitant de la plateforme.',
      en: 'Try again later; if it lasts, tell the platform’s operator.',
    },
  },
};
