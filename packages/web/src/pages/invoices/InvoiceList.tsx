import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useT } from '../../app/i18n';
import { currentPage, firstPageHref, nextPageHref } from '../../app/paging';
import { useAbilities, useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { ExportButton } from './ExportButton';
import { FILTER_KEYS, sortedBy } from './list-params';
import { listMessages, type ListSide } from './list-messages';
import { apiQuery, fetchPage } from './list-query';
import { ListFilters } from './ListFilters';
import { ListTable } from './ListTable';
import { StatusTags } from './StatusTags';

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
  const page = currentPage(params);
  const nextHref = (cursor: string) => nextPageHref(params, cursor);
  const firstHref = () => firstPageHref(params);

  return (
    <>
      <StatusTags side={side} structure={structure} current={params.get('status')} />
      <ListFilters side={side} structure={structure} onApply={(next) => setParams(next)} />
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
          total={list.data.total}
          page={page}
          nextHref={list.data.nextCursor ? nextHref(list.data.nextCursor) : null}
          firstHref={page > 1 ? firstHref() : null}
        />
      )}
    </>
  );
}
