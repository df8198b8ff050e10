import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { ApiError } from '../api/client';
import { defineMessages, useT } from './i18n';

const messages = defineMessages({
  fr: {
    loading: 'Chargement…',
    errorTitle: 'Une erreur est survenue',
    network: 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.',
    unknown: 'Une erreur inattendue est survenue. Réessayez dans un instant.',
    notFound: 'Cette page ou cet objet n’existe pas, ou vous n’y avez pas accès.',
    forbidden: 'Vous n’avez pas les droits nécessaires pour cette action.',
    unauthenticated: 'Connectez-vous pour continuer.',
    code: 'Code : {code}',
  },
  en: {
    loading: 'Loading…',
    errorTitle: 'Something went wrong',
    network: 'The server does not answer. Check your connection and try again.',
    unknown: 'An unexpected error occurred. Try again in a moment.',
    notFound: 'This page or object does not exist, or you have no access to it.',
    forbidden: 'You do not have the rights needed for this action.',
    unauthenticated: 'Sign in to continue.',
    code: 'Code: {code}',
  },
});

/** Sets the document title ("<page> — Chorale"); RGAA wants a distinct title per page. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — Chorale`;
  }, [title]);
}

export function PageTitle({ children }: { children: string }) {
  usePageTitle(children);
  return <h1>{children}</h1>;
}

export function Loading({ label }: { label?: string }) {
  const t = useT(messages);
  return (
    <p role="status" aria-live="polite" className={fr.cx('fr-my-4w')}>
      {label ?? t('loading')}
    </p>
  );
}

/** Plain words for an error, with the stable code for support when the API gave one. */
export function useErrorText(): (error: unknown) => string {
  const t = useT(messages);
  return (error: unknown) => {
    if (error instanceof ApiError) {
      if (error.status === 404) return t('notFound');
      if (error.status === 403) return t('forbidden');
      if (error.status === 401) return t('unauthenticated');
      if (error.status >= 500) return t('unknown');
      return error.message;
    }
    if (error instanceof TypeError) return t('network');
    return t('unknown');
  };
}

/**
 * An error in plain words. Its title is an h2 by default: it usually follows the page's h1
 * directly (axe's heading-order rule); pass `level` when it sits deeper in the page.
 */
export function ErrorMessage({
  error,
  title,
  level = 'h2',
}: {
  error: unknown;
  title?: string;
  level?: `h${2 | 3 | 4 | 5 | 6}`;
}) {
  const t = useT(messages);
  const text = useErrorText();
  return (
    <Alert
      severity="error"
      as={level}
      title={title ?? t('errorTitle')}
      description={
        <>
          {text(error)}
          {error instanceof ApiError && error.status < 500 && (
            <>
              {' '}
              <small>{t('code', { code: error.code })}</small>
            </>
          )}
        </>
      }
      className={fr.cx('fr-my-2w')}
    />
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className={fr.cx('fr-my-4w', 'fr-text--lead')}>{children}</p>;
}

/**
 * A DSFR field's error props for a message: the error state and the message under the field,
 * or nothing while there is no message (the field then looks as usual).
 */
export function errorState(message: ReactNode | undefined) {
  return message ? { state: 'error' as const, stateRelatedMessage: message } : {};
}
