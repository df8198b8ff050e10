import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { defineMessages, useT } from './i18n';

/**
 * Keyset paging of a list whose page lives in the URL: `cursor` is the API's nextCursor and
 * `page` only numbers the pages for the reader (a cursor cannot go back, so "first" is the only
 * way back besides the browser's own). Every other parameter (filters, sort) is kept.
 */
export function currentPage(params: URLSearchParams): number {
  return Number(params.get('page') ?? '1') || 1;
}

export function nextPageHref(params: URLSearchParams, cursor: string): string {
  const next = new URLSearchParams(params);
  next.set('cursor', cursor);
  next.set('page', String(currentPage(params) + 1));
  return `?${next.toString()}`;
}

export function firstPageHref(params: URLSearchParams): string {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  next.delete('page');
  return `?${next.toString()}`;
}

const messages = defineMessages({
  fr: { next: 'Page suivante', first: 'Revenir à la première page' },
  en: { next: 'Next page', first: 'Back to the first page' },
});

/** The links under a page of a list, in a nav named like the table it pages. */
export function Pager({
  label,
  firstHref,
  nextHref,
}: {
  label: string;
  firstHref: string | null;
  nextHref: string | null;
}) {
  const t = useT(messages);
  return (
    <nav aria-label={label} className={fr.cx('fr-mb-4w')}>
      {firstHref && (
        <Link className={fr.cx('fr-link', 'fr-mr-3w')} to={firstHref}>
          {t('first')}
        </Link>
      )}
      {nextHref && (
        <Link
          className={fr.cx('fr-link', 'fr-icon-arrow-right-line', 'fr-link--icon-right')}
          to={nextHref}
        >
          {t('next')}
        </Link>
      )}
    </nav>
  );
}
