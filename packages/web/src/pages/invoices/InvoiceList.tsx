import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useForm } from 'react-hook-form';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Accordion } from '@codegouvfr/react-dsfr/Accordion';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Input } from '@codegouvfr/react-dsfr/Input';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { Checkbox } from '@codegouvfr/react-dsfr/Checkbox';
import { api, data } from '../../api/client';
import { DataTable, type Column } from '../../app/DataTable';
import { FILTER_KEYS, sortedBy, valuesOf, type FilterValues, type SortKey } from './list-params';
import { defineMessages, useFormat, useLang, useT } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading, PageTitle, useErrorText } from '../../app/ui';
import { BulkActions } from './BulkActions';
import { StatusTags } from './StatusTags';
import {
  normaliseAmount,
  STATUSES,
  statusMessages,
  StatusBadge,
  type InvoiceStatus,
  type InvoiceSummary,
  type ListQuery,
} from './common';
import { buildCsv, downloadText } from './csv';

export const listMessages = defineMessages({
  fr: {
    sentTitle: 'Factures émises',
    receivedTitle: 'Factures reçues',
    sentIntro: 'Les factures que votre structure a déposées, et où en est chacune.',
    receivedIntro:
      'Les factures mises à disposition de vos services. Filtrez, ouvrez une facture pour la traiter, ou sélectionnez-en plusieurs pour leur appliquer la même action.',
    noRightSent:
      'Vous n’avez pas le droit de consulter les factures émises de cette structure. Demandez-le à son gestionnaire.',
    noRightReceived:
      'Vous n’avez pas le droit de consulter les factures reçues de cette structure. Demandez-le à son gestionnaire.',
    filters: 'Filtres et tri',
    filtersActive: 'Filtres et tri ({count} filtre(s) actif(s))',
    status: 'Statut',
    anyStatus: 'Tous les statuts',
    from: 'Du',
    to: 'Au',
    fromHintSent: 'Date de dépôt, incluse',
    fromHintReceived: 'Date de mise à disposition, incluse',
    minAmount: 'Montant TTC minimum',
    maxAmount: 'Montant TTC maximum',
    amountHint: 'En euros, par exemple 1 500,00',
    number: 'Numéro de facture',
    numberHint: 'Le numéro entier ou son début',
    counterpartySent: 'Destinataire',
    counterpartyReceived: 'Fournisseur',
    counterpartyHint: 'Une partie du nom, ou le SIRET exact',
    service: 'Service',
    anyService: 'Tous mes services',
    notDownloaded: 'Seulement les factures pas encore téléchargées',
    sort: 'Trier par',
    sortDate: 'Date',
    sortAmount: 'Montant',
    sortNumber: 'Numéro',
    order: 'Ordre',
    desc: 'Décroissant (plus récent, plus élevé d’abord)',
    asc: 'Croissant',
    apply: 'Appliquer',
    clear: 'Effacer les filtres',
    amountInvalid: 'Saisissez un montant, par exemple 1 500,00.',
    datesOrder: 'La date de fin doit suivre la date de début.',
    caption: 'Factures, page {page}',
    colNumber: 'Numéro',
    sortColumn: 'Trier par « {column} »',
    sortColumnNow: 'Trier par « {column} » ({order} actuellement)',
    sortedAsc: 'croissant',
    sortedDesc: 'décroissant',
    colIssueDate: 'Date de facture',
    colRecipient: 'Destinataire',
    colSupplier: 'Fournisseur',
    colService: 'Service',
    colStatus: 'Statut',
    colTotal: 'Montant TTC',
    colDeposited: 'Déposée le',
    colAvailable: 'Mise à disposition le',
    colDownloaded: 'Téléchargée',
    notYet: 'Pas encore',
    selectRow: 'Sélectionner la facture {number}',
    selectAll: 'Tout sélectionner sur cette page',
    next: 'Page suivante',
    first: 'Revenir à la première page',
    shown: '{count} facture(s) sur cette page.',
    emptyFiltered: 'Aucune facture ne correspond à ces critères.',
    emptySent: 'Votre structure n’a encore déposé aucune facture.',
    emptyReceived: 'Aucune facture n’a encore été mise à disposition de vos services.',
    keyIn: 'Saisir une facture',
    export: 'Exporter en CSV',
    exportHint: 'Toutes les factures des filtres en cours (pas seulement cette page).',
    exporting: 'Export en cours : {count} facture(s) lues…',
    exported: 'Export terminé : {count} facture(s) dans le fichier {file}.',
    exportFailed: 'L’export n’a pas pu se faire : {reason}',
    csvNumber: 'Numéro',
    csvIssueDate: 'Date de facture',
    csvType: 'Type',
    csvStatus: 'Statut',
    csvSupplier: 'Fournisseur',
    csvRecipient: 'Destinataire',
    csvService: 'Code service',
    csvCommitment: 'Numéro d’engagement',
    csvWithoutVat: 'Montant HT',
    csvWithVat: 'Montant TTC',
    csvDue: 'Net à payer',
    csvCurrency: 'Devise',
    csvDeposited: 'Déposée le',
    csvAvailable: 'Mise à disposition le',
    csvDownloaded: 'Téléchargée le',
    csvId: 'Identifiant Chorale',
    csvFileSent: 'factures-emises',
    csvFileReceived: 'factures-recues',
  },
  en: {
    sentTitle: 'Sent invoices',
    receivedTitle: 'Received invoices',
    sentIntro: 'The invoices your structure has deposited, and where each one stands.',
    receivedIntro:
      'The invoices made available to your services. Filter, open an invoice to process it, or select several to apply the same action to all of them.',
    noRightSent:
      'You may not see the sent invoices of this structure. Ask its administrator for the right.',
    noRightReceived:
      'You may not see the received invoices of this structure. Ask its administrator for the right.',
    filters: 'Filters and sort',
    filtersActive: 'Filters and sort ({count} active)',
    status: 'Status',
    anyStatus: 'Any status',
    from: 'From',
    to: 'To',
    fromHintSent: 'Deposit date, included',
    fromHintReceived: 'Date made available, included',
    minAmount: 'Minimum total incl. VAT',
    maxAmount: 'Maximum total incl. VAT',
    amountHint: 'In euros, for example 1,500.00',
    number: 'Invoice number',
    numberHint: 'The whole number or its start',
    counterpartySent: 'Recipient',
    counterpartyReceived: 'Supplier',
    counterpartyHint: 'Part of the name, or the exact SIRET',
    service: 'Service',
    anyService: 'All my services',
    notDownloaded: 'Only invoices not downloaded yet',
    sort: 'Sort by',
    sortDate: 'Date',
    sortAmount: 'Amount',
    sortNumber: 'Number',
    order: 'Order',
    desc: 'Descending (newest, highest first)',
    asc: 'Ascending',
    apply: 'Apply',
    clear: 'Clear the filters',
    amountInvalid: 'Enter an amount, for example 1500.00.',
    datesOrder: 'The end date must come after the start date.',
    caption: 'Invoices, page {page}',
    colNumber: 'Number',
    sortColumn: 'Sort by “{column}”',
    sortColumnNow: 'Sort by “{column}” (now {order})',
    sortedAsc: 'ascending',
    sortedDesc: 'descending',
    colIssueDate: 'Invoice date',
    colRecipient: 'Recipient',
    colSupplier: 'Supplier',
    colService: 'Service',
    colStatus: 'Status',
    colTotal: 'Total incl. VAT',
    colDeposited: 'Deposited on',
    colAvailable: 'Made available on',
    colDownloaded: 'Downloaded',
    notYet: 'Not yet',
    selectRow: 'Select invoice {number}',
    selectAll: 'Select all on this page',
    next: 'Next page',
    first: 'Back to the first page',
    shown: '{count} invoice(s) on this page.',
    emptyFiltered: 'No invoice matches these criteria.',
    emptySent: 'Your structure has not deposited any invoice yet.',
    emptyReceived: 'No invoice has been made available to your services yet.',
    keyIn: 'Key in an invoice',
    export: 'Export as CSV',
    exportHint: 'Every invoice matching the current filters (not only this page).',
    exporting: 'Exporting: {count} invoice(s) read…',
    exported: 'Export done: {count} invoice(s) in the file {file}.',
    exportFailed: 'The export failed: {reason}',
    csvNumber: 'Number',
    csvIssueDate: 'Invoice date',
    csvType: 'Type',
    csvStatus: 'Status',
    csvSupplier: 'Supplier',
    csvRecipient: 'Recipient',
    csvService: 'Service code',
    csvCommitment: 'Commitment number',
    csvWithoutVat: 'Total excl. VAT',
    csvWithVat: 'Total incl. VAT',
    csvDue: 'Amount due',
    csvCurrency: 'Currency',
    csvDeposited: 'Deposited on',
    csvAvailable: 'Made available on',
    csvDownloaded: 'Downloaded on',
    csvId: 'Chorale id',
    csvFileSent: 'sent-invoices',
    csvFileReceived: 'received-invoices',
  },
});

export type ListSide = 'sent' | 'received';

/** The API query for the URL's filters (amounts as typed are normalised on submit). */
function apiQuery(params: URLSearchParams, side: ListSide, structure: string | undefined) {
  const v = valuesOf(params);
  const q: ListQuery = { side, sort: v.sort, order: v.order };
  if (structure) q.structure = structure;
  if (v.status && (STATUSES as readonly string[]).includes(v.status)) {
    q.status = v.status as InvoiceStatus;
  }
  if (v.from) q.from = v.from;
  if (v.to) q.to = v.to;
  if (v.minAmount) q.minAmount = v.minAmount;
  if (v.maxAmount) q.maxAmount = v.maxAmount;
  if (v.number) q.number = v.number;
  if (v.counterparty) q.counterparty = v.counterparty;
  if (side === 'received') {
    if (v.service) q.service = v.service;
    if (v.notDownloaded) q.notDownloaded = 'true';
  }
  const cursor = params.get('cursor');
  if (cursor) q.cursor = cursor;
  return q;
}

async function fetchPage(query: ListQuery) {
  return data(await api.GET('/api/v1/invoices', { params: { query } }));
}

export function InvoiceListPage({ side }: { side: ListSide }) {
  const t = useT(listMessages);
  const { current } = useSession();
  const { canSend, canReceive } = useAbilities();
  const allowed = side === 'sent' ? canSend : canReceive;
  const title = t(side === 'sent' ? 'sentTitle' : 'receivedTitle');
  return (
    <>
      <PageTitle>{title}</PageTitle>
      <p>{t(side === 'sent' ? 'sentIntro' : 'receivedIntro')}</p>
      {!current || !allowed ? (
        <Alert
          severity="info"
          small
          description={t(side === 'sent' ? 'noRightSent' : 'noRightReceived')}
        />
      ) : (
        <InvoiceListBody side={side} structure={current.structure.identifier} />
      )}
    </>
  );
}

function InvoiceListBody({ side, structure }: { side: ListSide; structure: string }) {
  const t = useT(listMessages);
  const [params, setParams] = useSearchParams();
  const paramsKey = params.toString();
  const query = useMemo(
    () => apiQuery(new URLSearchParams(paramsKey), side, structure),
    [paramsKey, side, structure],
  );
  const list = useQuery({
    queryKey: ['invoices', query],
    queryFn: () => fetchPage(query),
  });
  const filtered = FILTER_KEYS.some((k) => params.get(k)) || params.get('notDownloaded');
  const page = Number(params.get('page') ?? '1') || 1;

  const nextHref = (cursor: string) => {
    const next = new URLSearchParams(params);
    next.set('cursor', cursor);
    next.set('page', String(page + 1));
    return `?${next.toString()}`;
  };
  const firstHref = () => {
    const next = new URLSearchParams(params);
    next.delete('cursor');
    next.delete('page');
    return `?${next.toString()}`;
  };

  return (
    <>
      <StatusTags side={side} structure={structure} current={params.get('status')} />
      <Filters side={side} structure={structure} onApply={(next) => setParams(next)} />
      <ExportButton side={side} query={query} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : list.data.items.length === 0 ? (
        <>
          <EmptyState>
            {filtered || page > 1
              ? t('emptyFiltered')
              : t(side === 'sent' ? 'emptySent' : 'emptyReceived')}
          </EmptyState>
          {side === 'sent' && !filtered && (
            <p>
              <Link className={fr.cx('fr-link')} to="/fournisseur/saisie">
                {t('keyIn')}
              </Link>
            </p>
          )}
          {page > 1 && (
            <p>
              <Link className={fr.cx('fr-link')} to={firstHref()}>
                {t('first')}
              </Link>
            </p>
          )}
        </>
      ) : (
        <ListTable
          side={side}
          sort={query.sort ?? 'date'}
          order={query.order ?? 'desc'}
          onSort={(key) => setParams(sortedBy(params, key))}
          items={list.data.items}
          page={page}
          nextHref={list.data.nextCursor ? nextHref(list.data.nextCursor) : null}
          firstHref={page > 1 ? firstHref() : null}
        />
      )}
    </>
  );
}

function Filters({
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
    queryKey: ['structure', structure],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}', {
          params: { path: { identifier: structure } },
        }),
      ),
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

  const err = (name: keyof FilterValues) =>
    formState.errors[name]?.message
      ? { state: 'error' as const, stateRelatedMessage: formState.errors[name]?.message }
      : {};

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

function ListTable({
  side,
  sort,
  order,
  onSort,
  items,
  page,
  nextHref,
  firstHref,
}: {
  side: ListSide;
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  items: InvoiceSummary[];
  page: number;
  nextHref: string | null;
  firstHref: string | null;
}) {
  const t = useT(listMessages);
  const f = useFormat();
  // Selection by id and version: after an action reloads the page, changed rows fall out.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const keyOf = (i: InvoiceSummary) => `${i.id}:${i.version}`;
  const isOn = (i: InvoiceSummary) => selected.has(keyOf(i));
  const toggle = (i: InvoiceSummary, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(keyOf(i));
      else next.delete(keyOf(i));
      return next;
    });
  const allOn = items.length > 0 && items.every(isOn);

  const numberCell = (i: InvoiceSummary) => (
    <Link to={`/factures/${encodeURIComponent(i.id)}`} className={fr.cx('fr-link')}>
      {i.number}
    </Link>
  );
  const amount = (i: InvoiceSummary) => f.money(i.totalWithVat, i.currency);
  const sortable = (label: string, key: SortKey): Column => {
    const active = key === sort;
    return {
      label,
      sort: {
        state: active ? (order === 'asc' ? 'ascending' : 'descending') : undefined,
        title: active
          ? t('sortColumnNow', {
              column: label,
              order: t(order === 'asc' ? 'sortedAsc' : 'sortedDesc'),
            })
          : t('sortColumn', { column: label }),
        onSort: () => onSort(key),
      },
    };
  };
  const columns: Column[] =
    side === 'sent'
      ? [
          sortable(t('colNumber'), 'number'),
          { label: t('colIssueDate') },
          { label: t('colRecipient'), wrap: true },
          { label: t('colStatus') },
          { ...sortable(t('colTotal'), 'amount'), numeric: true },
          sortable(t('colDeposited'), 'date'),
        ]
      : [
          {
            fixed: true,
            label: (
              <SelectBox
                id="select-all"
                label={t('selectAll')}
                checked={allOn}
                onChange={(on) => setSelected(on ? new Set(items.map(keyOf)) : new Set())}
              />
            ),
          },
          sortable(t('colNumber'), 'number'),
          { label: t('colIssueDate') },
          { label: t('colSupplier'), wrap: true },
          { label: t('colService') },
          { label: t('colStatus') },
          { ...sortable(t('colTotal'), 'amount'), numeric: true },
          sortable(t('colAvailable'), 'date'),
          { label: t('colDownloaded') },
        ];
  const rows = items.map((i) => ({
    key: i.id,
    cells:
      side === 'sent'
        ? [
            numberCell(i),
            f.date(i.issueDate),
            <>
              {i.recipientName}
              {i.serviceCode && (
                <>
                  <br />
                  <span className={fr.cx('fr-text--xs')}>{i.serviceCode}</span>
                </>
              )}
            </>,
            <StatusBadge key="s" status={i.status} />,
            amount(i),
            f.date(i.depositedAt),
          ]
        : [
            <SelectBox
              key="sel"
              id={`select-${i.id}`}
              label={t('selectRow', { number: i.number })}
              checked={isOn(i)}
              onChange={(on) => toggle(i, on)}
            />,
            numberCell(i),
            f.date(i.issueDate),
            i.supplierName,
            i.serviceCode ?? '—',
            <StatusBadge key="s" status={i.status} />,
            amount(i),
            f.date(i.madeAvailableAt),
            i.firstDownloadedAt ? f.date(i.firstDownloadedAt) : <strong>{t('notYet')}</strong>,
          ],
  }));

  return (
    <>
      <p className={fr.cx('fr-mt-2w', 'fr-mb-0')} role="status">
        {t('shown', { count: items.length })}
      </p>
      <DataTable
        caption={t('caption', { page })}
        columns={columns}
        rowHeader={side === 'sent' ? 0 : 1}
        rows={rows}
      />
      <nav aria-label={t('caption', { page })} className={fr.cx('fr-mb-4w')}>
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
      {side === 'received' && <BulkActions items={items.filter(isOn)} />}
    </>
  );
}

/**
 * A DSFR row-selection checkbox. In the table's fixed first column the DSFR hides its label from
 * sight but not from screen readers (the label says which invoice).
 */
function SelectBox({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label className={fr.cx('fr-label')} htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

function ExportButton({ side, query }: { side: ListSide; query: ListQuery }) {
  const t = useT(listMessages);
  const ts = useT(statusMessages);
  const { lang } = useLang();
  const errorText = useErrorText();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'running'; count: number }
    | { kind: 'done'; count: number; file: string }
    | { kind: 'failed'; reason: string }
  >({ kind: 'idle' });

  const run = async () => {
    const { cursor: _ignored, ...base } = query;
    void _ignored;
    const all: InvoiceSummary[] = [];
    setState({ kind: 'running', count: 0 });
    try {
      let cursor: string | undefined;
      // Pages of 200 (the API's maximum) until the last one.
      for (;;) {
        const page = await fetchPage({ ...base, limit: 200, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        setState({ kind: 'running', count: all.length });
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      const csv = buildCsv({
        lang,
        headers: [
          t('csvNumber'),
          t('csvIssueDate'),
          t('csvType'),
          t('csvStatus'),
          t('csvSupplier'),
          t('csvRecipient'),
          t('csvService'),
          t('csvCommitment'),
          t('csvWithoutVat'),
          t('csvWithVat'),
          t('csvDue'),
          t('csvCurrency'),
          t('csvDeposited'),
          t('csvAvailable'),
          t('csvDownloaded'),
          t('csvId'),
        ],
        rows: all.map((i) => [
          { text: i.number },
          { date: i.issueDate },
          { text: i.type },
          { text: ts(i.status) },
          { text: i.supplierName },
          { text: i.recipientName },
          { text: i.serviceCode ?? '' },
          { text: i.commitmentNumber ?? '' },
          { amount: i.totalWithoutVat },
          { amount: i.totalWithVat },
          { amount: i.amountDue },
          { text: i.currency },
          { date: i.depositedAt.slice(0, 10) },
          { date: i.madeAvailableAt?.slice(0, 10) ?? null },
          { date: i.firstDownloadedAt?.slice(0, 10) ?? null },
          { text: i.id },
        ]),
      });
      const file = `${t(side === 'sent' ? 'csvFileSent' : 'csvFileReceived')}-${new Date().toISOString().slice(0, 10)}.csv`;
      downloadText(file, csv, 'text/csv;charset=utf-8');
      setState({ kind: 'done', count: all.length, file });
    } catch (error) {
      setState({ kind: 'failed', reason: errorText(error) });
    }
  };

  return (
    <div className={fr.cx('fr-my-2w')}>
      <Button
        type="button"
        priority="secondary"
        iconId="fr-icon-download-line"
        iconPosition="left"
        onClick={() => void run()}
        disabled={state.kind === 'running'}
        nativeButtonProps={{ 'aria-describedby': 'export-hint' }}
      >
        {t('export')}
      </Button>
      <p id="export-hint" className={fr.cx('fr-hint-text', 'fr-mt-1v')}>
        {t('exportHint')}
      </p>
      <p role="status" className={fr.cx('fr-text--sm', 'fr-mb-0')}>
        {state.kind === 'running'
          ? t('exporting', { count: state.count })
          : state.kind === 'done'
            ? t('exported', { count: state.count, file: state.file })
            : state.kind === 'failed'
              ? t('exportFailed', { reason: state.reason })
              : ''}
      </p>
    </div>
  );
}
