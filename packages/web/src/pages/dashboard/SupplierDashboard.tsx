import { useMemo } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import Big from 'big.js';
import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { api, data } from '../../api/client';
import { defineMessages, useFormat, useT, type Formatters } from '../../app/i18n';
import { useAbilities, useSession } from '../../app/session';
import { EmptyState, ErrorMessage, Loading, PageTitle } from '../../app/ui';
import { BarChart } from './BarChart';
import type { BarChartData } from './chart-engine';
import { DataTable } from '../../app/DataTable';
import { Figure, Figures } from './Figure';
import {
  statusMessages,
  plural,
  statusSeverity,
  type Forecast,
  type ForecastInvoice,
  type InvoicesSummary,
} from './labels';
import './dashboard.css';

const messages = defineMessages({
  fr: {
    title: 'Tableau de bord',
    intro: 'Factures émises par {name}, et les paiements que vous pouvez en attendre.',
    noRight:
      'Votre structure active ne vous permet pas d’émettre des factures. Choisissez une autre structure en haut de la page, ou demandez le droit « Factures émises » à son gestionnaire.',
    noRightTitle: 'Pas de factures émises ici',
    empty: 'Vous n’avez encore émis aucune facture.',
    keyIn: 'Saisir une facture',
    upload: 'Déposer une facture',
    figuresTitle: 'En bref',
    awaiting: 'À encaisser',
    awaitingNone: 'Rien à encaisser',
    invoicesOne: '{count} facture',
    invoicesMany: '{count} factures',
    overdue: 'En retard de paiement',
    overdueNone: 'Aucune facture en retard',
    interestOwed: 'Intérêts et indemnités dus : {amount}',
    next: 'Prochain paiement attendu',
    nextNone: 'Aucun paiement daté',
    nextWhat: 'le {date}, facture {number}',
    byStatusTitle: 'Factures par statut',
    byStatusCaption: 'Nombre et montant TTC de vos factures émises, par statut',
    status: 'Statut',
    count: 'Factures',
    totalWithVat: 'Montant TTC',
    countLinkHidden: ' au statut « {status} » : voir la liste',
    total: 'Total',
    cashInTitle: 'Encaissements attendus',
    cashInIntro:
      'La date de paiement attendue est l’échéance légale : jour de mise à disposition plus le délai de paiement de l’acheteur (30 jours en général), décalée par les suspensions.',
    chartCaption:
      'Graphique des montants attendus ({currency}) : en retard, puis par semaine d’échéance. Les mêmes chiffres figurent dans le tableau ci-dessous.',
    chartLabel: 'Montants attendus, en {currency} : {items}.',
    chartMore: ' (les {count} premières semaines ; toutes sont dans le tableau)',
    chartOverdue: 'En retard',
    cashInCaption: 'Montants attendus, en retard puis par semaine d’échéance',
    period: 'Période',
    amount: 'Montant',
    overdueRow: 'En retard (échéance passée)',
    weekRow: 'Semaine {week} : du {monday} au {sunday}',
    upcomingTitle: 'Prochains paiements attendus',
    upcomingCaption: 'Factures dont l’échéance n’est pas passée, la plus proche d’abord',
    upcomingMore: 'Les {shown} plus proches sur {count}.',
    invoice: 'Facture',
    recipient: 'Destinataire',
    expectedOn: 'Paiement attendu le',
    amountDue: 'Montant dû',
    noUpcoming: 'Aucun paiement à venir n’est daté pour l’instant.',
    overdueTitle: 'Factures en retard et intérêts dus',
    overdueIntro:
      'Pour un retard, l’acheteur public doit des intérêts moratoires (taux de la BCE du semestre + 8 points, au prorata des jours) et une indemnité forfaitaire de 40 € par facture.',
    overdueCaption: 'Factures dont l’échéance est passée, la plus en retard d’abord',
    dueDate: 'Échéance',
    daysLate: 'Retard',
    days: '{count} j',
    rate: 'Taux',
    interest: 'Intérêts',
    indemnity: 'Indemnité',
    owed: 'Total dû en plus',
    noOverdue: 'Aucune facture n’est en retard de paiement.',
    suspendedTitle: 'Délais suspendus',
    suspendedIntro:
      'Le délai de paiement de ces factures est arrêté : l’acheteur attend un complément. Complétez-les pour qu’il reprenne.',
    suspendedCaption: 'Factures dont le délai de paiement est suspendu',
    asOf: 'Calculé au {date}.',
  },
  en: {
    title: 'Dashboard',
    intro: 'Invoices sent by {name}, and the payments you can expect for them.',
    noRight:
      'Your active structure does not let you send invoices. Choose another structure at the top of the page, or ask its manager for the "Sent invoices" right.',
    noRightTitle: 'No sent invoices here',
    empty: 'You have not sent any invoice yet.',
    keyIn: 'Key in an invoice',
    upload: 'Upload an invoice',
    figuresTitle: 'At a glance',
    awaiting: 'Awaiting payment',
    awaitingNone: 'Nothing awaiting payment',
    invoicesOne: '{count} invoice',
    invoicesMany: '{count} invoices',
    overdue: 'Paid late',
    overdueNone: 'No invoice is late',
    interestOwed: 'Interest and indemnities owed: {amount}',
    next: 'Next expected payment',
    nextNone: 'No dated payment',
    nextWhat: 'on {date}, invoice {number}',
    byStatusTitle: 'Invoices by status',
    byStatusCaption: 'Number and total with VAT of your sent invoices, by status',
    status: 'Status',
    count: 'Invoices',
    totalWithVat: 'Total with VAT',
    countLinkHidden: ' with status "{status}": see the list',
    total: 'Total',
    cashInTitle: 'Expected payments',
    cashInIntro:
      "The expected payment date is the legal deadline: the day the invoice was made available plus the buyer's payment period (usually 30 days), moved by suspensions.",
    chartCaption:
      'Chart of the expected amounts ({currency}): late, then by week of the deadline. The same figures are in the table below.',
    chartLabel: 'Expected amounts, in {currency}: {items}.',
    chartMore: ' (the first {count} weeks; all of them are in the table)',
    chartOverdue: 'Late',
    cashInCaption: 'Expected amounts, late then by week of the deadline',
    period: 'Period',
    amount: 'Amount',
    overdueRow: 'Late (deadline passed)',
    weekRow: 'Week {week}: {monday} to {sunday}',
    upcomingTitle: 'Next expected payments',
    upcomingCaption: 'Invoices whose deadline has not passed, soonest first',
    upcomingMore: 'The {shown} soonest of {count}.',
    invoice: 'Invoice',
    recipient: 'Recipient',
    expectedOn: 'Payment expected on',
    amountDue: 'Amount due',
    noUpcoming: 'No upcoming payment is dated yet.',
    overdueTitle: 'Late invoices and interest owed',
    overdueIntro:
      'For late payment the public buyer owes interest (ECB rate of the half-year + 8 points, pro rata) and a flat 40 € indemnity per invoice.',
    overdueCaption: 'Invoices past their deadline, latest first',
    dueDate: 'Deadline',
    daysLate: 'Late by',
    days: '{count} d',
    rate: 'Rate',
    interest: 'Interest',
    indemnity: 'Indemnity',
    owed: 'Total owed on top',
    noOverdue: 'No invoice is paid late.',
    suspendedTitle: 'Suspended deadlines',
    suspendedIntro:
      'The payment period of these invoices is stopped: the buyer is waiting for more information. Complete them to restart it.',
    suspendedCaption: 'Invoices whose payment period is suspended',
    asOf: 'Computed as of {date}.',
  },
});

/** How many weeks the chart shows (the table shows them all). */
const CHART_WEEKS = 8;
/** How many upcoming payments the table lists. */
const UPCOMING_ROWS = 20;

type Sums = Map<string, { count: number; amount: Big }>;

/** Adds decimal amounts per currency (big.js: no float ever touches money). */
function sumByCurrency<T>(
  items: readonly T[],
  currency: (item: T) => string,
  amount: (item: T) => string,
): Sums {
  const out: Sums = new Map();
  for (const item of items) {
    const c = currency(item);
    const bucket = out.get(c) ?? { count: 0, amount: new Big(0) };
    bucket.count += 1;
    bucket.amount = bucket.amount.plus(amount(item));
    out.set(c, bucket);
  }
  return out;
}

/** "1 facture", "3 factures". */
function useInvoices(): (count: number) => string {
  const t = useT(messages);
  const format = useFormat();
  return (count) =>
    t(plural(format.locale, count, 'invoicesOne', 'invoicesMany'), {
      count: format.number(count),
    });
}

function moneyList(sums: Sums, format: Formatters): string {
  return [...sums.entries()].map(([c, s]) => format.money(s.amount.toFixed(2), c)).join(' + ');
}

export default function SupplierDashboard() {
  const t = useT(messages);
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
  const forecast = useQuery({
    queryKey: ['forecast', 'sent', identifier],
    enabled,
    queryFn: async (): Promise<Forecast> =>
      data(
        await api.GET('/api/v1/forecast', {
          params: { query: { side: 'sent', structure: identifier } },
        }),
      ),
  });

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
  const t = useT(messages);
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
  const t = useT(messages);
  const format = useFormat();
  const invoices = useInvoices();
  const awaitingCount = summary.awaitingPayment.reduce((n, a) => n + a.count, 0);
  const overdue = sumByCurrency(
    forecast.overdue,
    (i) => i.currency,
    (i) => i.amountDue,
  );
  const owed = sumByCurrency(
    forecast.overdue.filter((i) => i.lateInterest),
    (i) => i.currency,
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
  const t = useT(messages);
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

/** Short day label for the chart's axis ("30 nov."). */
function shortDay(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

function CashIn({ forecast }: { forecast: Forecast }) {
  const t = useT(messages);
  const format = useFormat();
  const overdue = useMemo(
    () =>
      sumByCurrency(
        forecast.overdue,
        (i) => i.currency,
        (i) => i.amountDue,
      ),
    [forecast.overdue],
  );
  const currencies = [
    ...new Set([...overdue.keys(), ...forecast.weeks.map((w) => w.currency)]),
  ].sort();
  // The chart shows one currency (euros whenever there are any); the table shows them all.
  const currency = currencies.includes('EUR') ? 'EUR' : currencies[0];

  const chart = useMemo((): BarChartData | undefined => {
    if (currency === undefined) return undefined;
    const late = overdue.get(currency);
    const weeks = forecast.weeks.filter((w) => w.currency === currency).slice(0, CHART_WEEKS);
    const labels: string[] = [];
    const lateValues: (number | null)[] = [];
    const weekValues: (number | null)[] = [];
    const spoken: string[] = [];
    if (late) {
      labels.push(t('chartOverdue'));
      // A number for the bar's height only; the figures people read stay decimal strings.
      lateValues.push(Number(late.amount.toFixed(2)));
      weekValues.push(null);
      spoken.push(`${t('chartOverdue')} ${format.money(late.amount.toFixed(2), currency)}`);
    }
    for (const w of weeks) {
      labels.push(shortDay(format.locale, w.monday));
      lateValues.push(null);
      weekValues.push(Number(w.amount));
      spoken.push(
        `${t('weekRow', { week: w.week.slice(-2), monday: format.date(w.monday), sunday: format.date(w.sunday) })} ${format.money(w.amount, currency)}`,
      );
    }
    if (labels.length === 0) return undefined;
    const allWeeks = forecast.weeks.filter((w) => w.currency === currency).length;
    const compact = new Intl.NumberFormat(format.locale, {
      style: 'currency',
      currency,
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    return {
      labels,
      series: [
        { name: t('chartOverdue'), colour: '#ce0500', values: lateValues },
        { name: t('cashInTitle'), colour: '#000091', values: weekValues },
      ],
      formatTick: (v) => compact.format(v),
      label:
        t('chartLabel', { currency, items: spoken.join(' ; ') }) +
        (allWeeks > weeks.length ? t('chartMore', { count: weeks.length }) : ''),
      height: 280,
    };
  }, [currency, overdue, forecast.weeks, format, t]);

  const rows = [
    ...[...overdue.entries()].map(([c, s]) => ({
      key: `overdue-${c}`,
      cells: [t('overdueRow'), format.number(s.count), format.money(s.amount.toFixed(2), c)],
    })),
    ...forecast.weeks.map((w) => ({
      key: `${w.week}-${w.currency}`,
      cells: [
        t('weekRow', {
          week: w.week.slice(-2),
          monday: format.date(w.monday),
          sunday: format.date(w.sunday),
        }),
        format.number(w.count),
        format.money(w.amount, w.currency),
      ],
    })),
  ];

  return (
    <section aria-labelledby="cash-in-title" className={fr.cx('fr-my-4w')}>
      <h2 id="cash-in-title">{t('cashInTitle')}</h2>
      <p>{t('cashInIntro')}</p>
      {rows.length === 0 ? (
        <p>{t('noUpcoming')}</p>
      ) : (
        <>
          {chart && currency && <BarChart caption={t('chartCaption', { currency })} data={chart} />}
          <DataTable
            id="cash-in"
            caption={t('cashInCaption')}
            hideCaption
            columns={[
              { label: t('period') },
              { label: t('count'), numeric: true },
              { label: t('amount'), numeric: true },
            ]}
            rows={rows}
          />
        </>
      )}
      <p className={fr.cx('fr-text--xs')}>{t('asOf', { date: format.date(forecast.asOf) })}</p>
    </section>
  );
}

function InvoiceLink({ invoice }: { invoice: ForecastInvoice }) {
  return <Link to={`/factures/${invoice.id}`}>{invoice.number}</Link>;
}

function Upcoming({ forecast }: { forecast: Forecast }) {
  const t = useT(messages);
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

function Overdue({ forecast }: { forecast: Forecast }) {
  const t = useT(messages);
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

function Suspended({ forecast }: { forecast: Forecast }) {
  const t = useT(messages);
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
