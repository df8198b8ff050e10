import { Link } from 'react-router';
import Big from 'big.js';
import { useQuery } from '@tanstack/react-query';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { api, data } from '../../api/client';
import { useFormat, useT } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { DataTable } from '../../app/DataTable';
import { CashIn } from './CashIn';
import { Figure, Figures } from './Figure';
import { moneyList, sumByCurrency, useForecast } from './forecast';
import {
  statusMessages,
  plural,
  statusSeverity,
  type Forecast,
  type InvoicesSummary,
} from './labels';
import { Overdue, Suspended, Upcoming } from './PaymentTables';
import { supplierMessages } from './supplier-messages';
import './dashboard.css';

/** "1 facture", "3 factures". */
function useInvoices(): (count: number) => string {
  const t = useT(supplierMessages);
  const format = useFormat();
  return (count) =>
    t(plural(format.locale, count, 'invoicesOne', 'invoicesMany'), {
      count: format.number(count),
    });
}

export default function SupplierDashboard() {
  const t = useT(supplierMessages);
  const { current } = useSession();
  const { canSend } = useAbilities();
  const identifier = current?.structure.identifier;
  const enabled = canSend && identifier !== undefined;

  const summary = useQuery({
    queryKey: ['invoices-summary', 'sent', identifier],
    enabled,
    queryFn: async (): Promise<InvoicesSummary> =>
      data(
        await api.GET('/api/v1/invoices/summary', {
          params: { query: { side: 'sent', structure: identifier } },
        }),
      ),
  });
  const forecast = useForecast('sent', identifier, enabled);

  let body;
  if (!current) body = <Loading />;
  else if (!canSend)
    body = (
      <Alert
        severity="info"
        as="h2"
        title={t('noRightTitle')}
        description={t('noRight')}
        className={fr.cx('fr-my-2w')}
      />
    );
  else if (summary.error || forecast.error)
    body = <ErrorMessage error={summary.error ?? forecast.error} />;
  else if (!summary.data || !forecast.data) body = <Loading />;
  else body = <Dashboard summary={summary.data} forecast={forecast.data} />;

  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      {current && canSend && (
        <p className={fr.cx('fr-text--lead')}>{t('intro', { name: current.structure.name })}</p>
      )}
      {body}
    </>
  );
}

function Dashboard({ summary, forecast }: { summary: InvoicesSummary; forecast: Forecast }) {
  const t = useT(supplierMessages);
  if (summary.statuses.length === 0)
    return (
      <>
        <EmptyState>{t('empty')}</EmptyState>
        <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-md')}>
          <li>
            <Link className={fr.cx('fr-btn')} to="/fournisseur/saisie">
              {t('keyIn')}
            </Link>
          </li>
          <li>
            <Link className={fr.cx('fr-btn', 'fr-btn--secondary')} to="/fournisseur/depot">
              {t('upload')}
            </Link>
          </li>
        </ul>
      </>
    );
  return (
    <>
      <KeyFigures summary={summary} forecast={forecast} />
      <ByStatus summary={summary} />
      <CashIn forecast={forecast} />
      <Upcoming forecast={forecast} />
      <Overdue forecast={forecast} />
      {forecast.suspended.length > 0 && <Suspended forecast={forecast} />}
    </>
  );
}

function KeyFigures({ summary, forecast }: { summary: InvoicesSummary; forecast: Forecast }) {
  const t = useT(supplierMessages);
  const format = useFormat();
  const invoices = useInvoices();
  const awaitingCount = summary.awaitingPayment.reduce((n, a) => n + a.count, 0);
  const overdue = sumByCurrency(forecast.overdue, (i) => i.amountDue);
  const owed = sumByCurrency(
    forecast.overdue.filter((i) => i.lateInterest),
    (i) => i.lateInterest!.total,
  );
  const next = forecast.upcoming[0];
  return (
    <Figures title={t('figuresTitle')}>
      <Figure
        id="figure-awaiting"
        title={t('awaiting')}
        none={summary.awaitingPayment.length === 0}
        value={
          summary.awaitingPayment.length === 0
            ? t('awaitingNone')
            : summary.awaitingPayment.map((a) => format.money(a.amount, a.currency)).join(' + ')
        }
        detail={awaitingCount > 0 ? invoices(awaitingCount) : undefined}
      />
      <Figure
        id="figure-overdue"
        title={t('overdue')}
        none={overdue.size === 0}
        value={overdue.size === 0 ? t('overdueNone') : moneyList(overdue, format)}
        detail={
          overdue.size === 0
            ? undefined
            : `${invoices(forecast.overdue.length)} — ${t('interestOwed', {
                amount: owed.size === 0 ? format.money('0', 'EUR') : moneyList(owed, format),
              })}`
        }
      />
      <Figure
        id="figure-next"
        title={t('next')}
        none={!next}
        value={next ? format.money(next.amountDue, next.currency) : t('nextNone')}
        detail={
          next ? t('nextWhat', { date: format.date(next.dueDate), number: next.number }) : undefined
        }
      />
    </Figures>
  );
}

function ByStatus({ summary }: { summary: InvoicesSummary }) {
  const t = useT(supplierMessages);
  const ts = useT(statusMessages);
  const format = useFormat();
  const invoices = useInvoices();
  const currencies = new Set(summary.statuses.map((s) => s.currency));
  const totalCount = summary.statuses.reduce((n, s) => n + s.count, 0);
  const totals = new Map<string, Big>();
  for (const s of summary.statuses)
    totals.set(s.currency, (totals.get(s.currency) ?? new Big(0)).plus(s.totalWithVat));
  return (
    <section aria-labelledby="by-status-title" className={fr.cx('fr-my-4w')}>
      <h2 id="by-status-title">{t('byStatusTitle')}</h2>
      <DataTable
        id="by-status"
        caption={t('byStatusCaption')}
        hideCaption
        columns={[
          { label: t('status') },
          { label: t('count'), numeric: true },
          { label: t('totalWithVat'), numeric: true },
        ]}
        rows={summary.statuses.map((s) => ({
          key: `${s.status}-${s.currency}`,
          cells: [
            <Badge key="b" as="span" small noIcon severity={statusSeverity(s.status)}>
              {ts(s.status)}
            </Badge>,
            <Link
              key="l"
              to={`/fournisseur/factures?status=${s.status}`}
              data-testid={`status-count-${s.status}`}
            >
              {invoices(s.count)}
              <span className={fr.cx('fr-sr-only')}>
                {t('countLinkHidden', { status: ts(s.status) })}
              </span>
            </Link>,
            <span key="a" data-testid={`status-amount-${s.status}`}>
              {format.money(s.totalWithVat, s.currency)}
            </span>,
          ],
        }))}
        footer={[
          t('total'),
          format.number(totalCount),
          [...totals.entries()]
            .map(([c, a]) => format.money(a.toFixed(2), c))
            .join(currencies.size > 1 ? ' + ' : ''),
        ]}
      />
    </section>
  );
}
