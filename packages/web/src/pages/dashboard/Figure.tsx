import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';

/** One key figure: a titled box with a big value and a line of detail. */
export function Figure({
  id,
  title,
  value,
  detail,
  none = false,
}: {
  id: string;
  title: string;
  value: string;
  /** The value is a sentence saying there is nothing (shown smaller than a figure). */
  none?: boolean;
  detail?: string | undefined;
}) {
  return (
    <div className={fr.cx('fr-col-12', 'fr-col-md-4')}>
      <section className="dashboard-figure" aria-labelledby={id} data-testid={id}>
        <h3 id={id} className={fr.cx('fr-text--md', 'fr-mb-0')}>
          {title}
        </h3>
        <p className={`dashboard-figure__value${none ? ' dashboard-figure__value--none' : ''}`}>
          {value}
        </p>
        {detail && <p className={fr.cx('fr-text--sm', 'fr-mb-0')}>{detail}</p>}
      </section>
    </div>
  );
}

/** The row of key figures, under a heading for screen readers. */
export function Figures({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-labelledby="figures-title" className={fr.cx('fr-my-4w')}>
      <h2 id="figures-title" className={fr.cx('fr-sr-only')}>
        {title}
      </h2>
      <div className={fr.cx('fr-grid-row', 'fr-grid-row--gutters')}>{children}</div>
    </section>
  );
}
