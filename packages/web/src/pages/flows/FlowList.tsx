import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Select } from '@codegouvfr/react-dsfr/Select';
import { api, data } from '../../api/client';
import { DataTable, type Column } from '../../app/DataTable';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { currentPage, firstPageHref, nextPageHref, Pager } from '../../app/paging';
import { useAbilities, useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import {
  inboundStates,
  isFinal,
  LIVE_INTERVAL_MS,
  type FlowSettings,
  type FlowState,
} from './flow-model';
import { useFlowSettings } from './flow-settings';
import { FlowStateAnnouncer } from './FlowStateAnnouncer';
import { FlowStateBadge, flowStateMessages } from './flow-states';

const messages = defineMessages({
  fr: {
    title: 'Mes flux',
    intro:
      'Les flux déposés pour votre structure, du plus récent au plus ancien, avec leur état et le nombre de factures acceptées et refusées. Les états se mettent à jour d’eux-mêmes pendant l’intégration.',
    deposit: 'Déposer un flux',
    filterTitle: 'Filtrer par état',
    state: 'État',
    anyState: 'Tous les états',
    apply: 'Filtrer',
    clear: 'Tous les flux',
    caption: 'Flux, page {page}',
    shown: '{count} flux sur cette page, {total} en tout.',
    colNumber: 'Numéro de flux',
    colFile: 'Fichier',
    colDate: 'Déposé le',
    colState: 'État',
    colAccepted: 'Acceptées',
    colRefused: 'Refusées',
    colTotal: 'Total',
    notYet: 'en cours',
    empty: 'Vous n’avez encore déposé aucun flux.',
    emptyFiltered: 'Aucun flux ne correspond à ce filtre.',
    noRight:
      'Vous n’avez pas le droit de déposer des factures pour cette structure (espace « Factures émises »).',
  },
  en: {
    title: 'My flows',
    intro:
      'The flows deposited for your structure, newest first, with their state and how many invoices were accepted and refused. States update by themselves during integration.',
    deposit: 'Deposit a flow',
    filterTitle: 'Filter by state',
    state: 'State',
    anyState: 'Every state',
    apply: 'Filter',
    clear: 'All flows',
    caption: 'Flows, page {page}',
    shown: '{count} flow(s) on this page, {total} in all.',
    colNumber: 'Flow number',
    colFile: 'File',
    colDate: 'Deposited on',
    colState: 'State',
    colAccepted: 'Accepted',
    colRefused: 'Refused',
    colTotal: 'Total',
    notYet: 'in progress',
    empty: 'You have not deposited any flow yet.',
    emptyFiltered: 'No flow matches this filter.',
    noRight: 'You have no right to deposit invoices for this structure (“Sent invoices” space).',
  },
});

/** /fournisseur/flux: the structure's flows, live while one of them is still integrating. */
export default function FlowList() {
  const t = useT(messages);
  const { current } = useSession();
  const { canSend } = useAbilities();
  const settings = useFlowSettings();
  if (!current) return <Loading />;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      {canSend ? (
        <>
          <p>
            <Link
              className={fr.cx('fr-btn', 'fr-icon-upload-line', 'fr-btn--icon-left')}
              to="/fournisseur/flux/depot"
            >
              {t('deposit')}
            </Link>
          </p>
          {settings.isPending ? (
            <Loading />
          ) : settings.isError ? (
            <ErrorMessage error={settings.error} />
          ) : (
            <FlowListBody structure={current.structure.identifier} settings={settings.data} />
          )}
        </>
      ) : (
        <Alert severity="info" small description={t('noRight')} />
      )}
    </>
  );
}

/** The deposited flows' states, as the filter offers them. */
function isState(value: string | null, states: readonly FlowState[]): value is FlowState {
  return (states as readonly (string | null)[]).includes(value);
}

function FlowListBody({ structure, settings }: { structure: string; settings: FlowSettings }) {
  const t = useT(messages);
  const states = inboundStates(settings);
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const etat = params.get('etat');
  const cursor = params.get('cursor');
  const page = currentPage(params);
  const list = useQuery({
    queryKey: ['flows', 'list', structure, etat, cursor],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/flows', {
          params: {
            query: {
              structure,
              ...(isState(etat, states) ? { etat } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    // Live while any flow shown is still moving; a page of final flows is asked once.
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => !isFinal(i.etat, settings.finalStates))
        ? LIVE_INTERVAL_MS
        : false,
  });

  const columns: Column[] = [
    { label: t('colNumber') },
    { label: t('colFile'), wrap: true },
    { label: t('colDate') },
    { label: t('colState') },
    { label: t('colAccepted'), numeric: true },
    { label: t('colRefused'), numeric: true },
    { label: t('colTotal'), numeric: true },
  ];
  const rows = (list.data?.items ?? []).map((i) => ({
    key: i.id,
    cells: [
      <Link
        key="n"
        to={`/fournisseur/flux/${encodeURIComponent(i.id)}`}
        className={fr.cx('fr-link')}
      >
        {i.numeroFluxDepot}
      </Link>,
      <span key="f" style={{ wordBreak: 'break-all' }}>
        {i.nomFichier}
      </span>,
      f.dateTime(i.dateDepot),
      <FlowStateBadge key="s" state={i.etat} />,
      f.number(i.accepted),
      f.number(i.refused),
      i.entries === null ? t('notYet') : f.number(i.entries),
    ],
  }));

  return (
    <>
      {/* Keyed by the URL's state: back/forward shows in the field what the list shows. */}
      <StateFilter
        key={etat ?? ''}
        states={states}
        current={isState(etat, states) ? etat : ''}
        onApply={(state) => setParams(state ? { etat: state } : {})}
      />
      <FlowStateAnnouncer flows={list.data?.items} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : list.data.items.length === 0 ? (
        <>
          <EmptyState>{etat || page > 1 ? t('emptyFiltered') : t('empty')}</EmptyState>
          {page > 1 && (
            <Pager
              label={t('caption', { page })}
              firstHref={firstPageHref(params)}
              nextHref={null}
            />
          )}
        </>
      ) : (
        <>
          <p className={fr.cx('fr-mt-2w', 'fr-mb-0')}>
            {t('shown', {
              count: list.data.items.length,
              total: `${f.number(list.data.total.count)}${list.data.total.exact ? '' : '+'}`,
            })}
          </p>
          <DataTable caption={t('caption', { page })} columns={columns} rows={rows} />
          <Pager
            label={t('caption', { page })}
            firstHref={page > 1 ? firstPageHref(params) : null}
            nextHref={list.data.nextCursor ? nextPageHref(params, list.data.nextCursor) : null}
          />
        </>
      )}
    </>
  );
}

/** One filter, so a form of its own rather than the invoice lists' accordion. */
function StateFilter({
  states,
  current,
  onApply,
}: {
  states: readonly FlowState[];
  current: FlowState | '';
  onApply: (state: FlowState | '') => void;
}) {
  const t = useT(messages);
  const ts = useT(flowStateMessages);
  const [value, setValue] = useState<FlowState | ''>(current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(value);
  };
  return (
    <form onSubmit={submit} className={fr.cx('fr-mb-2w')} aria-label={t('filterTitle')}>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-grid-row--bottom')}>
        <div className={fr.cx('fr-col-12', 'fr-col-md-5')}>
          <Select
            label={t('state')}
            nativeSelectProps={{
              id: 'flow-state',
              value,
              onChange: (e) => setValue(isState(e.target.value, states) ? e.target.value : ''),
            }}
          >
            <option value="">{t('anyState')}</option>
            {states.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx('fr-col-12', 'fr-col-md-7')}>
          <Button type="submit" iconId="fr-icon-filter-line" iconPosition="left">
            {t('apply')}
          </Button>{' '}
          {current && (
            <Button type="button" priority="tertiary" onClick={() => onApply('')}>
              {t('clear')}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
