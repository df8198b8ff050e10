import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';

const messages = defineMessages({
  fr: {
    title: 'Sollicitations en attente',
    open: '{count} en attente de réponse',
    overdue: 'dont {count} depuis plus de {days} jours ouvrés',
    see: 'Voir les sollicitations',
  },
  en: {
    title: 'Requests waiting',
    open: '{count} waiting for an answer',
    overdue: 'of which {count} for more than {days} working days',
    see: 'See the requests',
  },
});

/**
 * The dashboard's figure of an inbox: open threads, and those waiting more than 5 working days
 * (the API counts them, weekends and French public holidays left out).
 */
export function OverdueTile({
  box,
  structure,
  link = false,
}: {
  box: 'received' | 'support';
  structure: string | undefined;
  link?: boolean;
}) {
  const t = useT(messages);
  const f = useFormat();
  const summary = useQuery({
    queryKey: ['sollicitations', 'summary', box, structure],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/sollicitations/summary', {
          params: { query: { box, ...(box === 'received' && structure ? { structure } : {}) } },
        }),
      ),
  });
  if (!summary.data) return null;
  const s = summary.data;
  return (
    <section
      aria-labelledby="sollicitations-tile"
      className={fr.cx('fr-p-2w', 'fr-mb-3w')}
      style={{ border: '1px solid var(--border-default-grey)' }}
    >
      <h2 id="sollicitations-tile" className={fr.cx('fr-h6', 'fr-mb-1w')}>
        {t('title')}
      </h2>
      <p className={fr.cx('fr-mb-0')}>
        {t('open', { count: f.number(s.open) })}
        {', '}
        <strong style={s.overdue > 0 ? { color: 'var(--text-default-error)' } : undefined}>
          {t('overdue', { count: f.number(s.overdue), days: s.overdueAfterWorkingDays })}
        </strong>
      </p>
      {link && (
        <p className={fr.cx('fr-mt-1w', 'fr-mb-0')}>
          <Link to="/sollicitations?boite=recues" className={fr.cx('fr-link')}>
            {t('see')}
          </Link>
        </p>
      )}
    </section>
  );
}
