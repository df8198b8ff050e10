import { useEffect, useRef, useState } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { defineMessages, useT } from '../../app/i18n';
import type { BarChartData } from './chart-engine';

const messages = defineMessages({
  fr: {
    failed: 'Le graphique n’a pas pu être affiché ; les mêmes chiffres figurent dans le tableau.',
  },
  en: { failed: 'The chart could not be shown; the same figures are in the table.' },
});

/**
 * A bar chart drawn by uPlot, loaded on demand. The canvas carries a text alternative, the
 * caption says where the same figures are, and nothing is only in the chart.
 */
export function BarChart({ caption, data }: { caption: string; data: BarChartData }) {
  const t = useT(messages);
  const holder = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    let disposed = false;
    let drawn: { resize(width: number): void; destroy(): void } | undefined;
    let observer: ResizeObserver | undefined;
    import('./chart-engine')
      .then(({ drawBarChart }) => {
        if (disposed) return;
        element.replaceChildren();
        drawn = drawBarChart(element, element.clientWidth || 300, data);
        observer = new ResizeObserver(() => drawn?.resize(element.clientWidth || 300));
        observer.observe(element);
      })
      .catch(() => {
        if (!disposed) setFailed(true);
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      drawn?.destroy();
    };
  }, [data]);

  return (
    <figure className="dashboard-chart-figure">
      <figcaption className={fr.cx('fr-text--sm', 'fr-mb-1w')}>{caption}</figcaption>
      {failed ? (
        <p className={fr.cx('fr-text--sm')}>{t('failed')}</p>
      ) : (
        <div ref={holder} className="dashboard-chart" data-testid="chart" />
      )}
    </figure>
  );
}
