import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { useT } from '../../app/i18n';
import { useAbilities } from '../../app/session';
import { structureQuery } from '../../app/structures';
import { errorState } from '../../app/ui';
import { normaliseAmount, STATUSES, statusMessages } from './common';
import { FILTER_KEYS, valuesOf, type FilterValues } from './list-params';
import { listMessages, type ListSide } from './list-messages';

/**
 * The filters and sort of a list, in an accordion. Applying them writes the URL (the list
 * follows it); amounts are checked and normalised here, as typed the French or English way.
 */
export function ListFilters({
  side,
  structure,
  onApply,
}: {
  side: ListSide;
  structure: string;
  onApply: (next: URLSearchParams) => void;
}) {
  const t = useT(listMessages);
  const ts = useT(statusMessages);
  const [params] = useSearchParams();
  const paramsKey = params.toString();
  const { services } = useAbilities();
  const form = useForm<FilterValues>({ defaultValues: valuesOf(params) });
  const { register, handleSubmit, reset, formState, setError } = form;

  // Back/forward (or a followed link) changes the URL: the form shows what the list shows.
  useEffect(() => {
    reset(valuesOf(new URLSearchParams(paramsKey)));
  }, [paramsKey, reset]);

  const structureInfo = useQuery({
    ...structureQuery(structure),
    enabled: side === 'received',
    staleTime: 300_000,
  });
  const serviceOptions = useMemo(() => {
    const all = structureInfo.data?.services ?? [];
    const mine = services === null ? all : all.filter((s) => services.includes(s.code));
    // Codes the user holds that the directory does not list (yet) still get an option.
    const extra = (services ?? [])
      .filter((code) => !mine.some((s) => s.code === code))
      .map((code) => ({ code, name: code }));
    return [...mine.map((s) => ({ code: s.code, name: s.name })), ...extra];
  }, [structureInfo.data, services]);

  const submit = handleSubmit((v) => {
    const min = v.minAmount.trim() ? normaliseAmount(v.minAmount) : '';
    const max = v.maxAmount.trim() ? normaliseAmount(v.maxAmount) : '';
    let ok = true;
    if (min === null) {
      setError('minAmount', { message: t('amountInvalid') });
      ok = false;
    }
    if (max === null) {
      setError('maxAmount', { message: t('amountInvalid') });
      ok = false;
    }
    if (v.from && v.to && v.to < v.from) {
      setError('to', { message: t('datesOrder') });
      ok = false;
    }
    if (!ok) return;
    const next = new URLSearchParams();
    const set = (k: string, value: string | null | undefined) => {
      if (value && value.trim()) next.set(k, value.trim());
    };
    set('status', v.status);
    set('from', v.from);
    set('to', v.to);
    set('minAmount', min);
    set('maxAmount', max);
    set('number', v.number);
    set('counterparty', v.counterparty);
    if (side === 'received') {
      set('service', v.service);
      if (v.notDownloaded) next.set('notDownloaded', 'true');
    }
    if (v.sort !== 'date') next.set('sort', v.sort);
    if (v.order !== 'desc') next.set('order', v.order);
    onApply(next);
  });

  // Open on wide screens and whenever a filter is on; folded on a phone, where it is long.
  const [wide] = useState(() => window.matchMedia('(min-width: 62em)').matches);
  const active =
    FILTER_KEYS.filter((k) => params.get(k)).length + (params.get('notDownloaded') ? 1 : 0);

  const err = (name: keyof FilterValues) => errorState(formState.errors[name]?.message);

  return (
    <Accordion
      label={active ? t('filtersActive', { count: active }) : t('filters')}
      titleAs="h2"
      defaultExpanded={wide || active > 0}
      className={fr.cx('fr-mb-2w')}
    >
      <form onSubmit={submit} noValidate>
        <fieldset className={fr.cx('fr-fieldset', 'fr-mb-0')}>
          <legend className={fr.cx('fr-sr-only')}>{t('filters')}</legend>
          <div className={fr.cx('fr-fieldset__element')}>
            <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Select label={t('status')} nativeSelectProps={register('status')}>
                  <option value="">{t('anyStatus')}</option>
                  {STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {ts(s)}
                    </option>
                  ))}
                </Select>
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Input
                  label={t('number')}
                  hintText={t('numberHint')}
                  nativeInputProps={{ ...register('number'), maxLength: 100, autoComplete: 'off' }}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Input
                  label={t(side === 'sent' ? 'counterpartySent' : 'counterpartyReceived')}
                  hintText={t('counterpartyHint')}
                  nativeInputProps={{ ...register('counterparty'), maxLength: 200 }}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
                <Input
                  label={t('from')}
                  hintText={t(side === 'sent' ? 'fromHintSent' : 'fromHintReceived')}
                  nativeInputProps={{ ...register('from'), type: 'date' }}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
                <Input
                  label={t('to')}
                  hintText={t(side === 'sent' ? 'fromHintSent' : 'fromHintReceived')}
                  nativeInputProps={{ ...register('to'), type: 'date' }}
                  {...err('to')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
                <Input
                  label={t('minAmount')}
                  hintText={t('amountHint')}
                  nativeInputProps={{ ...register('minAmount'), inputMode: 'decimal' }}
                  {...err('minAmount')}
                />
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-3')}>
                <Input
                  label={t('maxAmount')}
                  hintText={t('amountHint')}
                  nativeInputProps={{ ...register('maxAmount'), inputMode: 'decimal' }}
                  {...err('maxAmount')}
                />
              </div>
              {side === 'received' && (
                <>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                    <Select label={t('service')} nativeSelectProps={register('service')}>
                      <option value="">{t('anyService')}</option>
                      {serviceOptions.map((s) => (
                        <option key={s.code} value={s.code}>
                          {s.name === s.code ? s.code : `${s.name} (${s.code})`}
                        </option>
                      ))}
                    </Select>
                  </div>
                  <div className={fr.cx('fr-col-12', 'fr-col-md-8')}>
                    <Checkbox
                      options={[
                        {
                          label: t('notDownloaded'),
                          nativeInputProps: register('notDownloaded'),
                        },
                      ]}
                    />
                  </div>
                </>
              )}
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Select label={t('sort')} nativeSelectProps={register('sort')}>
                  <option value="date">{t('sortDate')}</option>
                  <option value="amount">{t('sortAmount')}</option>
                  <option value="number">{t('sortNumber')}</option>
                </Select>
              </div>
              <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
                <Select label={t('order')} nativeSelectProps={register('order')}>
                  <option value="desc">{t('desc')}</option>
                  <option value="asc">{t('asc')}</option>
                </Select>
              </div>
            </div>
          </div>
          <div className={fr.cx('fr-fieldset__element')}>
            <Button type="submit" iconId="fr-icon-filter-line" iconPosition="left">
              {t('apply')}
            </Button>{' '}
            <Button
              type="button"
              priority="tertiary"
              onClick={() => {
                const next = new URLSearchParams();
                onApply(next);
              }}
            >
              {t('clear')}
            </Button>
          </div>
        </fieldset>
      </form>
    </Accordion>
  );
}
