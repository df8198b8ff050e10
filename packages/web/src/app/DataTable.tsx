import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';

export interface Column {
  label: ReactNode;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
  /** Long text that may wrap (cells do not by default). */
  wrap?: boolean;
}

export interface Row {
  key: string;
  /** The first cell is the row's header (th scope="row"): screen readers read it with each cell. */
  cells: ReactNode[];
}

/**
 * A DSFR table (1.12 structure) with a caption, column and row headers and an optional footer.
 * The scrolling container is focusable so a keyboard user can scroll a wide table on a phone.
 */
export function DataTable({
  id,
  caption,
  columns,
  rows,
  footer,
  hideCaption = false,
}: {
  id?: string;
  caption: string;
  /** Caption read by assistive technologies only, when a heading right above says the same. */
  hideCaption?: boolean;
  columns: Column[];
  rows: Row[];
  footer?: ReactNode[];
}) {
  const align = (i: number) =>
    [columns[i]?.numeric && 'table-num', columns[i]?.wrap && 'table-wrap']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div
      className={fr.cx('fr-table', 'fr-table--bordered', hideCaption && 'fr-table--no-caption')}
      id={id}
    >
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              <thead>
                <tr>
                  {columns.map((c, i) => (
                    <th key={i} scope="col" className={align(i)}>
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    {r.cells.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={i} className={align(i)}>
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
              {footer && (
                <tfoot>
                  <tr>
                    {footer.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={i} className={align(i)}>
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                </tfoot>
              )}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}
