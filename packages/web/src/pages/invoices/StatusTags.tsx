import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Tag } from '@codegouvfr/react-dsfr/Tag';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT } from '../../app/i18n';
import { INVOICE_STATUSES, statusMessages, type InvoiceStatus } from '../../app/statuses';

const messages = defineMessages({
  fr: {
    sentLabel: 'Vos factures émises par statut',
    receivedLabel: 'Vos factures reçues par statut',
    all: 'Toutes',
    count: '{label} : {count}',
  },
  en: {
    sentLabel: 'Your sent invoices by status',
    receivedLabel: 'Your received invoices by status',
    all: 'All',
    count: '{label}: {count}',
  },
});

/**
 * Where the invoices stand, one tag per status with its count, each a link to the list of that
 * status alone: the count is what the link shows. For a clerk it counts the services they hold
 * rights on, as the list does (the API's summary applies the same scope). Every currency
 * together: this counts invoices, it does not add amounts.
 *
 * The key starts with 'invoices' so that whatever reloads the list after an action reloads
 * the counts too.
 */
export function StatusTags({
  side,
  structure,
  current,
}: {
  side: 'sent' | 'received';
  structure: string;
  /** The status the list is filtered on now, if any. */
  current: string | null;
}) {
  const t = useT(messages);
  const ts = useT(statusMessages);
  const format = useFormat();
  const summary = useQuery({
    queryKey: ['invoices', 'summary', side, structure],
    queryFn: async () =>
      data(
        await api.GET('/api/v1/invoices/summary', {
          params: { query: { side, structure } },
        }),
      ),
  });
  // Counts are a shortcut, not the page: while loading or on an error the list says enough.
  if (!summary.data || summary.data.statuses.length === 0) return null;

  const counts = new Map<InvoiceStatus, number>();
  for (const s of summary.data.statuses)
    counts.set(s.status, (counts.get(s.status) ?? 0) + s.count);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const tags: { key: string; label: string; count: number; search: string; on: boolean }[] = [
    { key: 'all', label: t('all'), count: total, search: '', on: current === null },
    ...INVOICE_STATUSES.filter((s) => counts.has(s)).map((s) => ({
      key: s,
      label: ts(s),
      count: counts.get(s)!,
      search: `?status=${s}`,
      on: current === s,
    })),
  ];
  const label = t(side === 'sent' ? 'sentLabel' : 'receivedLabel');
  return (
    <nav aria-label={label} className={fr.cx('fr-mb-2w')}>
      <ul className={fr.cx('fr-tags-group')}>
        {tags.map((tag) => (
          <li key={tag.key}>
            <Tag
              small
              className="status-tag"
              linkProps={{
                to: { search: tag.search },
                'aria-current': tag.on ? 'true' : undefined,
              }}
            >
              {t('count', { label: tag.label, count: format.number(tag.count) })}
            </Tag>
          </li>
        ))}
      </ul>
    </nav>
  );
}
