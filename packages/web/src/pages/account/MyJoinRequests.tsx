import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { ErrorMessage } from '../../app/ui';

const messages = defineMessages({
  fr: {
    title: 'Mes demandes',
    EN_ATTENTE: 'En attente',
    ACCEPTEE: 'Acceptée',
    REFUSEE: 'Refusée',
    askedOn: 'demandée le {date}',
    decidedOn: 'décidée le {date}',
  },
  en: {
    title: 'My requests',
    EN_ATTENTE: 'Waiting',
    ACCEPTEE: 'Accepted',
    REFUSEE: 'Refused',
    askedOn: 'asked on {date}',
    decidedOn: 'decided on {date}',
  },
});

const severity = { EN_ATTENTE: 'info', ACCEPTEE: 'success', REFUSEE: 'error' } as const;

export const myJoinRequestsKey = ['my-join-requests'] as const;

/** The user's own requests to join structures, with the gestionnaires' decisions. */
export function MyJoinRequests() {
  const t = useT(messages);
  const format = useFormat();
  const requests = useQuery({
    queryKey: myJoinRequestsKey,
    queryFn: async () => data(await api.GET('/api/v1/me/join-requests')),
  });
  if (requests.isError) return <ErrorMessage error={requests.error} />;
  // Nothing asked yet (or still loading): the search below is all there is to show.
  if (!requests.data || requests.data.length === 0) return null;
  return (
    <>
      <h3 className={fr.cx('fr-h6')}>{t('title')}</h3>
      <ul className={fr.cx('fr-raw-list', 'fr-mb-3w')} data-testid="my-join-requests">
        {requests.data.map((r) => (
          <li key={r.id} className={fr.cx('fr-py-1w')}>
            <Link to={`/annuaire/${encodeURIComponent(r.structure.identifier)}`}>
              {r.structure.name}
            </Link>{' '}
            <Badge small severity={severity[r.status]}>
              {t(r.status)}
            </Badge>{' '}
            <span className={fr.cx('fr-text--sm')}>
              {r.decidedAt
                ? t('decidedOn', { date: format.date(r.decidedAt) })
                : t('askedOn', { date: format.date(r.createdAt) })}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
