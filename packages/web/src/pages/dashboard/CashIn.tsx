import { useMemo } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { DataTable } from '../../app/DataTable';
import { useFormat, useT } from '../../app/i18n';
import { BarChart } from './BarChart';
import type { BarChartData } from './chart-engine';
import { sumByCurrency } from './forecast';
import type { Forecast } from './labels';
import { supplierMessages } from './supplier-messages';

/** How many weeks the chart shows (the table shows them all). */
const CHART_WEEKS = 8;

/** Short day label for the chart's axis ("30 nov."). */
function shortDay(locale: string, date: string): string {
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

/**
 * The payments to expect: a chart of one currency (late, then week by week) and the table of
 * them all, which says the same to a screen reader.
 */
export function CashIn({ forecast }: { forecast: Forecast }) {
  const t = useT(supplierMessages);
  const format = useFormat();
  const overdue = useMemo(
    () => sumByCurrency(forecast.overdue, (i) => i.amountDue),
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
