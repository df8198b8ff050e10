import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { useDirectoryLabels } from './labels';
import {
  SEARCH_MAX_LENGTH,
  requirementOf,
  useStructureSearch,
  type Requirement,
  type StructureSummary,
} from './search';

const messages = defineMessages({
  fr: {
    title: 'Annuaire des structures',
    intro:
      'Trouvez la structure publique à qui adresser votre facture : son SIRET, ses services et ce que ses factures doivent indiquer.',
    search: 'Rechercher une structure',
    searchHint:
      'Nom, SIRET, SIREN, code postal ou ville. Tous les mots doivent figurer ; « st » et « ste » trouvent aussi « saint » et « sainte ».',
    submit: 'Rechercher',
    includePrivate: 'Afficher aussi les entreprises et organismes privés',
    results: 'Résultats',
    resultsFor: 'Résultats pour « {q} »',
    allStructures: 'Toutes les structures',
    countPage: '{total} structure(s) en tout ; {n} sur cette page (page {page})',
    loadingPage: 'Chargement des résultats…',
    none: 'Aucune structure ne correspond à « {q} ». Vérifiez l’orthographe, ou cherchez par SIRET ou par ville.',
    noneAll: 'L’annuaire est vide.',
    colName: 'Structure',
    colId: 'Identifiant',
    colPlace: 'Commune',
    colCategory: 'Catégorie',
    colNeeds: 'À indiquer sur la facture',
    service: 'Un code service',
    commitment: 'Un numéro d’engagement',
    serviceOrCommitment: 'Un code service ou un numéro d’engagement',
    serviceAndCommitment: 'Un code service et un numéro d’engagement',
    none_req: 'Le SIRET suffit',
    previous: 'Page précédente',
    next: 'Page suivante',
    pagination: 'Pagination',
    inactive: 'Inactive',
    place: '{postalCode} {town}',
  },
  en: {
    title: 'Directory of structures',
    intro:
      'Find the public body to address your invoice to: its SIRET, its services and what its invoices must show.',
    search: 'Search for a structure',
    searchHint:
      'Name, SIRET, SIREN, postal code or town. Every word must appear; “st” and “ste” also find “saint” and “sainte”.',
    submit: 'Search',
    includePrivate: 'Also show private companies and organisations',
    results: 'Results',
    resultsFor: 'Results for “{q}”',
    allStructures: 'All structures',
    countPage: '{total} structure(s) in all; {n} on this page (page {page})',
    loadingPage: 'Loading results…',
    none: 'No structure matches “{q}”. Check the spelling, or search by SIRET or town.',
    noneAll: 'The directory is empty.',
    colName: 'Structure',
    colId: 'Identifier',
    colPlace: 'Town',
    colCategory: 'Category',
    colNeeds: 'Invoices must show',
    service: 'A service code',
    commitment: 'A commitment number',
    serviceOrCommitment: 'A service code or a commitment number',
    serviceAndCommitment: 'A service code and a commitment number',
    none_req: 'The SIRET is enough',
    previous: 'Previous page',
    next: 'Next page',
    pagination: 'Pagination',
    inactive: 'Inactive',
    place: '{postalCode} {town}',
  },
});

/**
 * Cursors of the pages before the current one, kept in the URL so Back and links work. A
 * cursor is base64url and a signature after a '.': '~' appears in neither.
 */
const SEP = '~';

export default function Directory() {
  const t = useT(messages);
  const f = useFormat();
  const labels = useDirectoryLabels();
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const includePrivate = params.get('prive') === '1';
  const trail = (params.get('p') ?? '').split(SEP).filter(Boolean);
  const cursor = trail[trail.length - 1];

  const result = useStructureSearch({ q, includePrivate, cursor });
  const items = result.data?.items ?? [];
  const page = trail.length + 1;
  // While the next page loads, the previous page's rows stay on screen (no flash): the status
  // must not name the new page number over the old rows, so it says it is loading instead.
  const stale = result.isPlaceholderData;

  const href = (next: { trail: string[] }) => {
    const p = new URLSearchParams();
    if (q) p.set('q', q);
    if (includePrivate) p.set('prive', '1');
    if (next.trail.length > 0) p.set('p', next.trail.join(SEP));
    const s = p.toString();
    return `/annuaire${s ? `?${s}` : ''}`;
  };

  const needs = (r: Requirement) => (r === 'none' ? t('none_req') : t(r));
  const place = (s: StructureSummary) =>
    s.town ? t('place', { postalCode: s.postalCode ?? '', town: s.town }).trim() : '—';

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p className={fr.cx('fr-text--lead')}>{t('intro')}</p>
      <SearchForm key={`${q}|${includePrivate}`} q={q} includePrivate={includePrivate} />

      <h2>{q ? t('resultsFor', { q }) : t('allStructures')}</h2>
      {result.isPending ? (
        <Loading />
      ) : result.isError ? (
        <ErrorMessage error={result.error} />
      ) : items.length === 0 ? (
        <EmptyState>{q ? t('none', { q }) : t('noneAll')}</EmptyState>
      ) : (
        <>
          <p role="status" className={fr.cx('fr-text--sm')}>
            {stale
              ? t('loadingPage')
              : t('countPage', {
                  n: items.length,
                  page,
                  total: result.data
                    ? `${f.number(result.data.total.count)}${result.data.total.exact ? '' : '+'}`
                    : '',
                })}
          </p>
          <div className={fr.cx('fr-hidden', 'fr-unhidden-md')} aria-busy={stale || undefined}>
            <Table
              noCaption
              caption={q ? t('resultsFor', { q }) : t('allStructures')}
              headers={[t('colName'), t('colId'), t('colPlace'), t('colCategory'), t('colNeeds')]}
              data={items.map((s) => [
                <Link key="n" to={`/annuaire/${encodeURIComponent(s.identifier)}`}>
                  {s.name}
                </Link>,
                <span key="i" className={fr.cx('fr-text--sm')}>
                  {labels.identifierType(s.identifierType)} {s.identifier}
                </span>,
                place(s),
                labels.category(s),
                needs(requirementOf(s)),
              ])}
            />
          </div>
          <ul className={fr.cx('fr-hidden-md', 'fr-raw-list')}>
            {items.map((s) => (
              <li key={s.id} className={fr.cx('fr-mb-2w')}>
                <Card
                  titleAs="h3"
                  size="small"
                  title={s.name}
                  linkProps={{ to: `/annuaire/${encodeURIComponent(s.identifier)}` }}
                  enlargeLink
                  desc={`${labels.identifierType(s.identifierType)} ${s.identifier} · ${place(s)}`}
                  detail={labels.category(s)}
                  endDetail={`${t('colNeeds')} : ${needs(requirementOf(s))}`}
                />
              </li>
            ))}
          </ul>
          <nav className={fr.cx('fr-pagination', 'fr-mt-3w')} aria-label={t('pagination')}>
            <ul className={fr.cx('fr-pagination__list')}>
              <li>
                {trail.length > 0 ? (
                  <Link
                    className={fr.cx(
                      'fr-pagination__link',
                      'fr-pagination__link--prev',
                      'fr-pagination__link--lg-label',
                    )}
                    to={href({ trail: trail.slice(0, -1) })}
                  >
                    {t('previous')}
                  </Link>
                ) : (
                  <a
                    className={fr.cx(
                      'fr-pagination__link',
                      'fr-pagination__link--prev',
                      'fr-pagination__link--lg-label',
                    )}
                    aria-disabled="true"
                    role="link"
                  >
                    {t('previous')}
                  </a>
                )}
              </li>
              <li>
                <a className={fr.cx('fr-pagination__link')} aria-current="page" role="link">
                  {page}
                </a>
              </li>
              <li>
                {result.data?.nextCursor ? (
                  <Link
                    className={fr.cx(
                      'fr-pagination__link',
                      'fr-pagination__link--next',
                      'fr-pagination__link--lg-label',
                    )}
                    to={href({ trail: [...trail, result.data.nextCursor] })}
                  >
                    {t('next')}
                  </Link>
                ) : (
                  <a
                    className={fr.cx(
                      'fr-pagination__link',
                      'fr-pagination__link--next',
                      'fr-pagination__link--lg-label',
                    )}
                    aria-disabled="true"
                    role="link"
                  >
                    {t('next')}
                  </a>
                )}
              </li>
            </ul>
          </nav>
        </>
      )}
    </>
  );
}

/** Its own component, keyed by the URL's search, so the fields start from the URL each time. */
function SearchForm({ q, includePrivate }: { q: string; includePrivate: boolean }) {
  const t = useT(messages);
  const [, setParams] = useSearchParams();
  const [text, setText] = useState(q);
  const [privateToo, setPrivateToo] = useState(includePrivate);
  return (
    <form
      role="search"
      className={fr.cx('fr-mb-4w')}
      onSubmit={(e) => {
        e.preventDefault();
        const p = new URLSearchParams();
        if (text.trim()) p.set('q', text.trim());
        if (privateToo) p.set('prive', '1');
        setParams(p);
      }}
    >
      <Input
        label={t('search')}
        hintText={t('searchHint')}
        style={{ maxWidth: '48rem' }}
        nativeInputProps={{
          type: 'search',
          name: 'q',
          // As long as the API takes (its maxLength): a longer query is cut at the field, not
          // refused with an error after the search.
          maxLength: SEARCH_MAX_LENGTH,
          value: text,
          onChange: (e) => setText(e.target.value),
        }}
        addon={
          <Button type="submit" iconId="fr-icon-search-line" iconPosition="left">
            {t('submit')}
          </Button>
        }
      />
      <Checkbox
        small
        options={[
          {
            label: t('includePrivate'),
            nativeInputProps: {
              checked: privateToo,
              onChange: (e) => setPrivateToo(e.target.checked),
            },
          },
        ]}
      />
    </form>
  );
}
