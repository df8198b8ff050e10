import { Link, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { api, data } from '../../api/client';
import { DataTable, type Column } from '../../app/DataTable';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { currentPage, firstPageHref, nextPageHref, Pager } from '../../app/paging';
import { useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { SollicitationStatusBadge, useCategories, useCategoryLabel } from './model';
import { OverdueTile } from './OverdueTile';

const messages = defineMessages({
  fr: {
    title: 'Sollicitations',
    intro:
      'Les questions posées à propos de factures, et leurs réponses. Une sollicitation ouverte attend une réponse : les plus anciennes viennent en premier.',
    ask: 'Poser une question',
    boxes: 'Boîtes',
    sent: 'Mes questions',
    received: 'Reçues',
    support: 'Support de la plateforme',
    openOnly: 'En attente de réponse',
    all: 'Toutes',
    caption: '{box}, page {page}',
    colSubject: 'Objet',
    colCategory: 'Catégorie',
    colStatus: 'Statut',
    colWith: 'Interlocuteur',
    colWaited: 'Attente',
    colOpened: 'Ouverte le',
    waited: '{days} j. ouvrés',
    platform: 'Support de la plateforme',
    none: '—',
    empty: 'Aucune sollicitation ici.',
    noBox:
      'Vous n’avez accès à aucune boîte de sollicitations : il faut le droit « Factures émises » pour poser une question, ou le droit « Sollicitations » pour en recevoir.',
  },
  en: {
    title: 'Requests',
    intro:
      'Questions asked about invoices, and their answers. An open request waits for an answer: the oldest come first.',
    ask: 'Ask a question',
    boxes: 'Boxes',
    sent: 'My questions',
    received: 'Received',
    support: 'Platform support',
    openOnly: 'Waiting for an answer',
    all: 'All',
    caption: '{box}, page {page}',
    colSubject: 'Subject',
    colCategory: 'Category',
    colStatus: 'Status',
    colWith: 'With',
    colWaited: 'Waiting',
    colOpened: 'Opened on',
    waited: '{days} working days',
    platform: 'Platform support',
    none: '—',
    empty: 'No request here.',
    noBox:
      'You have access to no request box: asking needs the “Sent invoices” right, receiving the “Requests” right.',
  },
});

type Box = 'sent' | 'received' | 'support';
const slugs: Record<Box, string> = { sent: 'envoyees', received: 'recues', support: 'support' };

/** The boxes the signed-in user has, in the order shown. */
export function useBoxes(): Box[] {
  const { me, current } = useSession();
  const boxes: Box[] = [];
  const has = (space: string) => current?.rights.some((r) => r.space === space) ?? false;
  if (has('SOLLICITATIONS')) boxes.push('received');
  if (has('FACTURES_EMISES')) boxes.push('sent');
  if (me?.platformSupport) boxes.push('support');
  return boxes;
}

/** /sollicitations: a structure's inbox and questions, and the support's queue. */
export default function SollicitationList() {
  const t = useT(messages);
  const { current } = useSession();
  const boxes = useBoxes();
  const [params] = useSearchParams();
  const asked = (Object.keys(slugs) as Box[]).find((b) => slugs[b] === params.get('boite'));
  const box = asked && boxes.includes(asked) ? asked : boxes[0];
  const state = params.get('etat') === 'toutes' ? 'all' : 'open';
  const href = (b: Box, s: 'open' | 'all') =>
    `?boite=${slugs[b]}${s === 'all' ? '&etat=toutes' : ''}`;
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>{t('intro')}</p>
      {boxes.includes('sent') && (
        <p>
          <Link
            className={fr.cx('fr-btn', 'fr-icon-question-line', 'fr-btn--icon-left')}
            to="/sollicitations/nouvelle"
          >
            {t('ask')}
          </Link>
        </p>
      )}
      {!box ? (
        <Alert severity="info" small description={t('noBox')} />
      ) : (
        <>
          {box !== 'sent' && <OverdueTile box={box} structure={current?.structure.identifier} />}
          <nav aria-label={t('boxes')} className={fr.cx('fr-mb-2w')}>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-btns-group--sm')}>
              {boxes.map((b) => (
                <li key={b}>
                  <Link
                    to={href(b, state)}
                    aria-current={b === box ? 'page' : undefined}
                    className={fr.cx(
                      'fr-btn',
                      'fr-btn--sm',
                      b === box ? 'fr-btn' : 'fr-btn--secondary',
                    )}
                  >
                    {t(b)}
                  </Link>
                </li>
              ))}
              <li>
                <Link
                  to={href(box, state === 'open' ? 'all' : 'open')}
                  className={fr.cx('fr-btn', 'fr-btn--sm', 'fr-btn--tertiary')}
                >
                  {state === 'open' ? t('all') : t('openOnly')}
                </Link>
              </li>
            </ul>
          </nav>
          <ListBody
            key={`${box}:${state}:${current?.structure.identifier ?? ''}`}
            box={box}
            state={state}
            structure={current?.structure.identifier}
          />
        </>
      )}
    </>
  );
}

function ListBody({
  box,
  state,
  structure,
}: {
  box: Box;
  state: 'open' | 'all';
  structure: string | undefined;
}) {
  const t = useT(messages);
  const f = useFormat();
  const [params] = useSearchParams();
  const cursor = params.get('cursor');
  const page = currentPage(params);
  const categories = useCategories();
  const label = useCategoryLabel(categories.data);
  const list = useQuery({
    queryKey: ['sollicitations', 'list', box, state, structure, cursor],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/sollicitations', {
          params: {
            query: {
              box,
              state,
              ...(box !== 'support' && structure ? { structure } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
  });
  const caption = t('caption', { box: t(box), page });
  const columns: Column[] = [
    { label: t('colSubject'), wrap: true },
    { label: t('colCategory'), wrap: true },
    { label: t('colStatus') },
    { label: t('colWith'), wrap: true },
    { label: t('colWaited'), numeric: true },
    { label: t('colOpened') },
  ];
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorMessage error={list.error} />;
  if (list.data.items.length === 0) return <EmptyState>{t('empty')}</EmptyState>;
  const rows = list.data.items.map((i) => ({
    key: i.id,
    cells: [
      <Link key="s" to={`/sollicitations/${i.id}`} className={fr.cx('fr-link')}>
        {i.subject}
      </Link>,
      label(i.category, i.subcategory),
      <SollicitationStatusBadge key="st" status={i.status} />,
      box === 'sent'
        ? i.recipient
          ? `${i.recipient.name}${i.recipient.serviceCode ? ` (${i.recipient.serviceCode})` : ''}`
          : t('platform')
        : i.requester.name,
      i.waitingSince ? t('waited', { days: i.waitingWorkingDays }) : t('none'),
      f.dateTime(i.openedAt),
    ],
  }));
  return (
    <>
      <DataTable caption={caption} columns={columns} rows={rows} />
      <Pager
        label={caption}
        firstHref={page > 1 ? firstPageHref(params) : null}
        nextHref={list.data.nextCursor ? nextPageHref(params, list.data.nextCursor) : null}
      />
    </>
  );
}
