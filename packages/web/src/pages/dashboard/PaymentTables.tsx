import { Link } from 'react-router';
import Big from 'big.js';
import { fr } from '@codegouvfr/react-dsfr';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { DataTable } from '../../app/DataTable';
import { useFormat, useT } from '../../app/i18n';
import { statusMessages, statusSeverity, type Forecast, type ForecastInvoice } from './labels';
import { supplierMessages } from './supplier-messages';

/** How many upcoming payments the table lists. */
const UPCOMING_ROWS = 20;

function InvoiceLink({ invoice }: { invoice: ForecastInvoice }) {
  return <Link to={`/factures/${invoice.id}`}>{invoice.number}</Link>;
}

/** The next payments, soonest first. */
export function Upcoming({ forecast }: { forecast: Forecast }) {
  const t = useT(supplierMessages);
  const ts = useT(statusMessages);
  const format = useFormat();
  const shown = forecast.upcoming.slice(0, UPCOMING_ROWS);
  return (
    <section aria-labelledby="upcoming-title" className={fr.cx('fr-my-4w')}>
      <h2 id="upcoming-title">{t('upcomingTitle')}</h2>
      {shown.length === 0 ? (
        <p>{t('noUpcoming')}</p>
      ) : (
        <>
          <DataTable
            id="upcoming"
            caption={t('upcomingCaption')}
            hideCaption
            columns={[
              { label: t('invoice') },
              { label: t('recipient'), wrap: true },
              { label: t('status') },
              { label: t('expectedOn') },
              { label: t('amountDue'), numeric: true },
            ]}
            rows={shown.map((i) => ({
              key: i.id,
              cells: [
                <InvoiceLink key="l" invoice={i} />,
                i.counterpartyName,
                <Badge key="b" as="span" small noIcon severity={statusSeverity(i.status)}>
                  {ts(i.status)}
                </Badge>,
                format.date(i.dueDate),
                format.money(i.amountDue, i.currency),
              ],
            }))}
          />
          {forecast.upcoming.length > shown.length && (
            <p className={fr.cx('fr-text--sm')}>
              {t('upcomingMore', { shown: shown.length, count: forecast.upcoming.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** The late invoices with the interest and indemnity the buyer owes for each. */
export function Overdue({ forecast }: { forecast: Forecast }) {
  const t = useT(supplierMessages);
  const format = useFormat();
  const single = new Set(forecast.overdue.map((i) => i.currency)).size === 1;
  const sum = (pick: (i: ForecastInvoice) => string | undefined) =>
    forecast.overdue.reduce((s, i) => s.plus(pick(i) ?? '0'), new Big(0)).toFixed(2);
  const currency = forecast.overdue[0]?.currency ?? 'EUR';
  return (
    <section aria-labelledby="overdue-title" className={fr.cx('fr-my-4w')}>
      <h2 id="overdue-title">{t('overdueTitle')}</h2>
      <p>{t('overdueIntro')}</p>
      {forecast.overdue.length === 0 ? (
        <p>{t('noOverdue')}</p>
      ) : (
        <DataTable
          id="overdue"
          caption={t('overdueCaption')}
          hideCaption
          columns={[
            { label: t('invoice') },
            { label: t('recipient'), wrap: true },
            { label: t('dueDate') },
            { label: t('daysLate'), numeric: true },
            { label: t('amountDue'), numeric: true },
            { label: t('rate'), numeric: true },
            { label: t('interest'), numeric: true },
            { label: t('indemnity'), numeric: true },
            { label: t('owed'), numeric: true },
          ]}
          rows={forecast.overdue.map((i) => ({
            key: i.id,
            cells: [
              <InvoiceLink key="l" invoice={i} />,
              i.counterpartyName,
              format.date(i.dueDate),
              t('days', { count: format.number(i.daysLate) }),
              format.money(i.amountDue, i.currency),
              i.lateInterest ? `${format.number(i.lateInterest.rate)} %` : '—',
              format.money(i.lateInterest?.interest, i.currency),
              format.money(i.lateInterest?.indemnity, i.currency),
              format.money(i.lateInterest?.total, i.currency),
            ],
          }))}
          footer={
            single
              ? [
                  t('total'),
                  '',
                  '',
                  '',
                  format.money(
                    sum((i) => i.amountDue),
                    currency,
                  ),
                  '',
                  format.money(
                    sum((i) => i.lateInterest?.interest),
                    currency,
                  ),
                  format.money(
                    sum((i) => i.lateInterest?.indemnity),
                    currency,
                  ),
                  format.money(
                    sum((i) => i.lateInterest?.total),
                    currency,
                  ),
                ]
              : undefined
          }
        />
      )}
    </section>
  );
}

/** The invoices whose payment period is stopped until the supplier completes them. */
export function Suspended({ forecast }: { forecast: Forecast }) {
  const t = useT(supplierMessages);
  const ts = useT(statusMessages);
  const format = useFormat();
  return (
    <section aria-labelledby="suspended-title" className={fr.cx('fr-my-4w')}>
      <h2 id="suspended-title">{t('suspendedTitle')}</h2>
      <p>{t('suspendedIntro')}</p>
      <DataTable
        id="suspended"
        caption={t('suspendedCaption')}
        hideCaption
        columns={[
          { label: t('invoice') },
          { label: t('recipient'), wrap: true },
          { label: t('status') },
          { label: t('amountDue'), numeric: true },
        ]}
        rows={forecast.suspended.map((i) => ({
          key: i.id,
          cells: [
            <InvoiceLink key="l" invoice={i} />,
            i.counterpartyName,
            <Badge key="b" as="span" small noIcon severity={statusSeverity(i.status)}>
              {ts(i.status)}
            </Badge>,
            format.money(i.amountDue, i.currency),
          ],
        }))}
      />
    </section>
  );
}
