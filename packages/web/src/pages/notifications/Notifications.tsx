import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { eventMessages } from './event-labels';

const messages = defineMessages({
  fr: {
    title: 'Notifications',
    unread: '{n} non lue(s)',
    allRead: 'Tout est lu.',
    markAll: 'Tout marquer comme lu',
    markOne: 'Marquer comme lu',
    markOneLabel: 'Marquer comme lu : {what}',
    none: 'Aucune notification pour l’instant.',
    new: 'Nouveau',
    preferences: 'Choisir les e-mails que je reçois',
    invoice: 'Facture {number}',
    move: '{from} → {to}',
    flow: 'Flux {id} : {state}',
    open: 'Ouvrir',
    openInvoice: 'Ouvrir la facture {number}',
    openFlow: 'Ouvrir le flux {id}',
    thread: 'Question « {subject} »',
    openThread: 'Ouvrir la question « {subject} »',
    done: 'Notifications marquées comme lues.',
  },
  en: {
    title: 'Notifications',
    unread: '{n} unread',
    allRead: 'Everything is read.',
    markAll: 'Mark all as read',
    markOne: 'Mark as read',
    markOneLabel: 'Mark as read: {what}',
    none: 'No notification yet.',
    new: 'New',
    preferences: 'Choose the e-mails I get',
    invoice: 'Invoice {number}',
    move: '{from} → {to}',
    flow: 'Flow {id}: {state}',
    open: 'Open',
    openInvoice: 'Open invoice {number}',
    openFlow: 'Open flow {id}',
    thread: 'Question “{subject}”',
    openThread: 'Open the question “{subject}”',
    done: 'Notifications marked as read.',
  },
});

export const NOTIFICATIONS_KEY = ['notifications'];

/** The signed-in user's notifications (the bell's page): read state, links, mark read. */
export default function Notifications() {
  const t = useT(messages);
  const te = useT(eventMessages);
  const format = useFormat();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const list = useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'page'],
    queryFn: async () =>
      data(await api.GET('/api/v1/me/notifications', { params: { query: { limit: 50 } } })),
  });
  const mark = async (body: { ids?: string[]; all?: boolean }) => {
    setFailure(null);
    try {
      const res = await api.POST('/api/v1/me/notifications/read', { body });
      if (res.error) throw res.error;
      setStatus(t('done'));
      await queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <p>
        <Link to="/compte/notifications" className={fr.cx('fr-link')}>
          {t('preferences')}
        </Link>
      </p>
      <p role="status">{status}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>{t('none')}</EmptyState>
      ) : (
        <>
          <p>
            {list.data.unread > 0
              ? t('unread', { n: `${list.data.unread}${list.data.unreadCapped ? '+' : ''}` })
              : t('allRead')}
          </p>
          {list.data.unread > 0 && (
            <Button
              priority="secondary"
              className={fr.cx('fr-mb-3w')}
              onClick={() => void mark({ all: true })}
            >
              {t('markAll')}
            </Button>
          )}
          <ul className={fr.cx('fr-raw-list')} data-testid="notifications">
            {list.data.items.map((n) => {
              const invoice = n.data.invoice as { number?: string } | undefined;
              const thread = n.data.sollicitation as { id?: string; subject?: string } | undefined;
              const what = thread?.subject
                ? t('thread', { subject: thread.subject })
                : invoice?.number
                  ? t('invoice', { number: invoice.number })
                  : n.flowId
                    ? t('flow', { id: n.flowId, state: String(n.data.state ?? '') })
                    : te(n.type);
              return (
                <li
                  key={n.id}
                  className={fr.cx('fr-p-2w', 'fr-mb-1w')}
                  style={{
                    borderLeft: `4px solid ${n.read ? 'var(--border-default-grey)' : 'var(--border-plain-blue-france)'}`,
                    background: 'var(--background-alt-grey)',
                  }}
                >
                  <p className={fr.cx('fr-mb-1v')}>
                    {!n.read && (
                      <Badge small severity="new" className={fr.cx('fr-mr-1w')}>
                        {t('new')}
                      </Badge>
                    )}
                    <strong>{te(n.type)}</strong> — {what}
                    {n.data.oldStatus || n.data.newStatus
                      ? ` (${t('move', { from: String(n.data.oldStatus ?? '—'), to: String(n.data.newStatus ?? '') })})`
                      : ''}
                  </p>
                  <p className={fr.cx('fr-text--sm', 'fr-mb-1v')}>
                    {n.structure.name} · {format.dateTime(String(n.createdAt))}
                  </p>
                  {thread?.id && (
                    <Link
                      to={`/sollicitations/${thread.id}`}
                      className={fr.cx('fr-link', 'fr-mr-2w')}
                      aria-label={t('openThread', { subject: thread.subject ?? thread.id })}
                    >
                      {t('open')}
                    </Link>
                  )}
                  {!thread?.id && n.invoiceId && (
                    <Link
                      to={`/factures/${n.invoiceId}`}
                      className={fr.cx('fr-link', 'fr-mr-2w')}
                      aria-label={t('openInvoice', { number: invoice?.number ?? n.invoiceId })}
                    >
                      {t('open')}
                    </Link>
                  )}
                  {!n.invoiceId && n.flowId && (
                    <Link
                      to={`/fournisseur/flux/${n.flowId}`}
                      className={fr.cx('fr-link', 'fr-mr-2w')}
                      aria-label={t('openFlow', { id: n.flowId })}
                    >
                      {t('open')}
                    </Link>
                  )}
                  {!n.read && (
                    <Button
                      size="small"
                      priority="tertiary"
                      onClick={() => void mark({ ids: [n.id] })}
                      nativeButtonProps={{ 'aria-label': t('markOneLabel', { what }) }}
                    >
                      {t('markOne')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
