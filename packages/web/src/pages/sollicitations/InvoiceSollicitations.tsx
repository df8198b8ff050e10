import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { SollicitationStatusBadge } from './model';

const messages = defineMessages({
  fr: {
    title: 'Questions sur cette facture',
    ask: 'Poser une question sur cette facture',
    opened: 'ouverte le {date}',
  },
  en: {
    title: 'Questions about this invoice',
    ask: 'Ask a question about this invoice',
    opened: 'opened on {date}',
  },
});

/**
 * On an invoice page: the sollicitations about it that the user may see (the supplier's own
 * questions, or the recipient service's inbox), and for the supplier a link to ask one.
 */
export function InvoiceSollicitations({
  invoice,
}: {
  invoice: {
    id: string;
    sides: readonly string[];
    supplier: { identifier: string };
    recipient: { identifier: string };
  };
}) {
  const t = useT(messages);
  const f = useFormat();
  const supplier = invoice.sides.includes('SUPPLIER');
  const box = supplier ? 'sent' : 'received';
  const structure = supplier ? invoice.supplier.identifier : invoice.recipient.identifier;
  const list = useQuery({
    queryKey: ['sollicitations', 'list', 'invoice', invoice.id, box],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/sollicitations', {
          params: { query: { box, structure, state: 'all', invoiceId: invoice.id } },
        }),
      ),
    // A recipient without the SOLLICITATIONS right is refused the list: show nothing then.
    retry: false,
  });
  const items = list.data?.items ?? [];
  if (!supplier && items.length === 0) return null;
  return (
    <section aria-labelledby="invoice-sollicitations" className={fr.cx('fr-my-3w')}>
      <h2 id="invoice-sollicitations" className={fr.cx('fr-h5')}>
        {t('title')}
      </h2>
      {items.length > 0 && (
        <ul>
          {items.map((i) => (
            <li key={i.id}>
              <Link to={`/sollicitations/${i.id}`} className={fr.cx('fr-link')}>
                {i.subject}
              </Link>{' '}
              <SollicitationStatusBadge status={i.status} />{' '}
              <span className={fr.cx('fr-text--xs')}>
                {t('opened', { date: f.dateTime(i.openedAt) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      {supplier && (
        <p>
          <Link
            to={`/sollicitations/nouvelle?facture=${encodeURIComponent(invoice.id)}`}
            className={fr.cx(
              'fr-btn',
              'fr-btn--secondary',
              'fr-icon-question-line',
              'fr-btn--icon-left',
            )}
          >
            {t('ask')}
          </Link>
        </p>
      )}
    </section>
  );
}
