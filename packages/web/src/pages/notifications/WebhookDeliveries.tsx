import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { EmptyState, ErrorMessage, Loading } from '../../app/ui';
import { eventMessages } from './event-labels';

const messages = defineMessages({
  fr: {
    title: 'Envois vers {url}',
    none: 'Aucun envoi pour l’instant.',
    caption: 'Derniers envois vers {url}, avec chaque tentative',
    colEvent: 'Événement',
    colState: 'État',
    colAttempts: 'Tentatives (la plus récente d’abord)',
    colAction: 'Action',
    PENDING: 'En cours',
    DELIVERED: 'Remis',
    FAILED: 'Abandonné',
    attempt: '{at} : {outcome} en {ms} ms',
    manual: ' (renvoi)',
    noAttempt: 'pas encore tenté',
    resend: 'Renvoyer',
    resendLabel: 'Renvoyer l’événement {id}',
    queued: 'Renvoi de {id} programmé.',
  },
  en: {
    title: 'Deliveries to {url}',
    none: 'No delivery yet.',
    caption: 'Latest deliveries to {url}, with every attempt',
    colEvent: 'Event',
    colState: 'State',
    colAttempts: 'Attempts (latest first)',
    colAction: 'Action',
    PENDING: 'Trying',
    DELIVERED: 'Delivered',
    FAILED: 'Given up',
    attempt: '{at}: {outcome} in {ms} ms',
    manual: ' (resent)',
    noAttempt: 'not tried yet',
    resend: 'Resend',
    resendLabel: 'Resend event {id}',
    queued: 'Resending {id} is queued.',
  },
});

const severity = { PENDING: 'info', DELIVERED: 'success', FAILED: 'error' } as const;

/** A webhook's latest deliveries and their attempts, with "resend". */
export function Deliveries(props: { identifier: string; webhookId: string; url: string }) {
  const { identifier, webhookId, url } = props;
  const t = useT(messages);
  const te = useT(eventMessages);
  const format = useFormat();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<unknown>(null);
  const key = ['webhook-deliveries', identifier, webhookId];
  const deliveries = useQuery({
    queryKey: key,
    queryFn: async () =>
      data(
        await api.GET('/api/v1/structures/{identifier}/webhooks/{webhookId}/deliveries', {
          params: { path: { identifier, webhookId }, query: { limit: 50 } },
        }),
      ),
  });
  const resend = async (deliveryId: string, eventId: string) => {
    setFailure(null);
    try {
      data(
        await api.POST(
          '/api/v1/structures/{identifier}/webhooks/{webhookId}/deliveries/{deliveryId}/resend',
          { params: { path: { identifier, webhookId, deliveryId } } },
        ),
      );
      setStatus(t('queued', { id: eventId }));
      await queryClient.invalidateQueries({ queryKey: key });
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <section aria-labelledby="envois" className={fr.cx('fr-mt-4w')}>
      <h3 id="envois">{t('title', { url })}</h3>
      <p role="status">{status}</p>
      {failure ? <ErrorMessage error={failure} /> : null}
      {deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <ErrorMessage error={deliveries.error} />
      ) : deliveries.data.length === 0 ? (
        <EmptyState>{t('none')}</EmptyState>
      ) : (
        <Table
          caption={t('caption', { url })}
          headers={[t('colEvent'), t('colState'), t('colAttempts'), t('colAction')]}
          data={deliveries.data.map((d) => [
            <span key="e">
              {te(d.eventType)}
              <br />
              <code className={fr.cx('fr-text--xs')}>{d.eventId}</code>
            </span>,
            <Badge key="s" small severity={severity[d.state]}>
              {t(d.state)}
            </Badge>,
            d.attempts.length === 0 ? (
              t('noAttempt')
            ) : (
              <ul key="a" className={fr.cx('fr-text--sm')}>
                {d.attempts.map((a, i) => (
                  <li key={i}>
                    {t('attempt', {
                      at: format.dateTime(String(a.at)),
                      outcome: a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? ''),
                      ms: String(a.durationMs),
                    })}
                    {a.manual ? t('manual') : ''}
                    {a.responseExcerpt ? (
                      <>
                        {' — '}
                        <q>{a.responseExcerpt.slice(0, 120)}</q>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            ),
            <Button
              key="r"
              size="small"
              priority="secondary"
              onClick={() => void resend(d.id, d.eventId)}
              nativeButtonProps={{ 'aria-label': t('resendLabel', { id: d.eventId }) }}
            >
              {t('resend')}
            </Button>,
          ])}
        />
      )}
    </section>
  );
}
