import { useEffect, useId, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { api, data } from '../../api/client';
import { useT } from '../../app/i18n';
import { formMessages } from './messages';
import type { RecipientChoice } from './form-model';
import { FieldErrors, Lines } from './field-problems';

/** Waits until the value has not changed for `ms` (one search per pause, not per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The recipient, found in the directory by name or SIRET as the supplier types. Results are a
 * list of buttons (reachable with Tab, chosen with Enter or Space); their count is announced.
 */
export function RecipientPicker({
  id,
  value,
  onChange,
  error,
}: {
  id: string;
  value: RecipientChoice | null;
  onChange(choice: RecipientChoice | null): void;
  error: string[];
}) {
  const t = useT(formMessages);
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const statusId = useId();
  const search = useQuery({
    queryKey: ['structures', 'recipient', query],
    enabled: value === null && query.length >= 2,
    queryFn: async () =>
      data(await api.GET('/api/v1/structures', { params: { query: { q: query, limit: 8 } } })),
    staleTime: 30_000,
  });

  if (value) {
    return (
      <div id={id} tabIndex={-1} className={fr.cx('fr-mb-3w')}>
        <p className={fr.cx('fr-mb-1w')}>
          <strong>
            {t('recipientChosen', { name: value.name, identifier: value.identifier })}
          </strong>
        </p>
        <Button
          priority="secondary"
          size="small"
          type="button"
          onClick={() => {
            onChange(null);
            // The search field comes back: keep the focus there rather than losing it.
            setTimeout(() => document.getElementById(id)?.focus(), 0);
          }}
        >
          {t('recipientChange')}
        </Button>
        {error.length > 0 && <FieldErrors messages={error} />}
      </div>
    );
  }

  const items = search.data?.items ?? [];
  return (
    <div className={fr.cx('fr-mb-3w')}>
      <Input
        label={
          <>
            {t('recipientSearch')} {t('required')}
          </>
        }
        hintText={t('recipientSearchHint')}
        state={error.length ? 'error' : 'default'}
        stateRelatedMessage={error.length ? <Lines messages={error} /> : undefined}
        nativeInputProps={{
          id,
          type: 'search',
          value: q,
          autoComplete: 'off',
          'aria-describedby': statusId,
          onChange: (e) => setQ(e.target.value),
        }}
      />
      <p
        id={statusId}
        role="status"
        aria-live="polite"
        className={fr.cx('fr-text--sm', 'fr-mb-1w')}
      >
        {query.length < 2
          ? ''
          : search.isFetching
            ? t('recipientSearching')
            : search.data
              ? items.length
                ? t('recipientResults', { count: items.length })
                : t('recipientNone')
              : ''}
      </p>
      {items.length > 0 && (
        <ul
          className={fr.cx('fr-raw-list')}
          aria-label={t('recipientResults', { count: items.length })}
        >
          {items.map((s) => (
            <li key={s.id} className={fr.cx('fr-mb-1w')}>
              <Button
                type="button"
                priority="tertiary"
                size="small"
                onClick={() => {
                  onChange({ identifier: s.identifier, name: s.name });
                  setQ('');
                  setTimeout(() => document.getElementById(id)?.focus(), 0);
                }}
              >
                {t('recipientOption', {
                  name: s.name,
                  identifier: s.identifier,
                  place: s.town ? ` — ${s.postalCode ?? ''} ${s.town}` : '',
                })}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
