import type { ReactNode } from 'react';
import { fr } from '@codegouvfr/react-dsfr';
import { Button } from '@codegouvfr/react-dsfr/Button';

export interface Column {
  label: ReactNode;
  /** Right-aligned (amounts, counts). */
  numeric?: boolean;
  /** Long text that may wrap (cells do not by default). */
  wrap?: boolean;
  /** Stays in view while the table scrolls sideways (the DSFR's row-selection column). */
  fixed?: boolean;
  /** A column the list can be sorted by: a sort button in its header. */
  sort?: ColumnSort;
}

export interface ColumnSort {
  /** Set while the rows are sorted by this column; the header then carries aria-sort. */
  state: 'ascending' | 'descending' | undefined;
  /** The button's name, saying what a click does (and the order now, when sorted). */
  title: string;
  onSort: () => void;
}

export interface Row {
  key: string;
  /**
   * The cell at index rowHeader (the first by default) is the row's header (th scope="row"):
   * screen readers read it with each cell.
   */
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
  rowHeader = 0,
}: {
  id?: string;
  caption: string;
  /** Caption read by assistive technologies only, when a heading right above says the same. */
  hideCaption?: boolean;
  columns: Column[];
  rows: Row[];
  footer?: ReactNode[];
  /** Which cell of a row heads it (a selection checkbox should not). */
  rowHeader?: number;
}) {
  const align = (i: number) =>
    [
      columns[i]?.numeric && 'table-num',
      columns[i]?.wrap && 'table-wrap',
      columns[i]?.fixed && fr.cx('fr-cell--fixed'),
    ]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <TableFrame
      caption={caption}
      id={id}
      className={fr.cx('fr-table', 'fr-table--bordered', hideCaption && 'fr-table--no-caption')}
    >
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={align(i)} aria-sort={c.sort?.state}>
              {c.sort ? <SortableLabel label={c.label} sort={c.sort} /> : c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            {r.cells.map((cell, i) =>
              i === rowHeader ? (
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
    </TableFrame>
  );
}

/**
 * The DSFR 1.12 table structure around a table's head and body: the scrolling container is
 * focusable and named by the caption, so a keyboard user can scroll a wide table on a phone.
 * For tables whose cells DataTable does not fit (plain data cells, no row header).
 */
export function TableFrame({
  caption,
  className,
  id,
  children,
}: {
  caption: string;
  /** 'fr-table' and its modifiers. */
  className: string;
  id?: string;
  children: ReactNode;
}) {
  return (
    <div className={className} id={id}>
      <div className="fr-table__wrapper">
        <div className="fr-table__container" tabIndex={0} role="region" aria-label={caption}>
          <div className="fr-table__content">
            <table>
              <caption>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * A sortable column's label and its button. The button's icon shows the order (both arrows
 * while another column sorts); its name says what a click does, as the header's aria-sort says
 * to a screen reader how the rows are sorted now.
 */
function SortableLabel({ label, sort }: { label: ReactNode; sort: ColumnSort }) {
  return (
    <span className="table-sortable">
      {label}
      <Button
        type="button"
        size="small"
        priority={sort.state ? 'secondary' : 'tertiary no outline'}
        iconId={
          sort.state === 'ascending'
            ? 'fr-icon-arrow-up-line'
            : sort.state === 'descending'
              ? 'fr-icon-arrow-down-line'
              : 'fr-icon-arrow-up-down-line'
        }
        title={sort.title}
        onClick={sort.onSort}
      />
    </span>
  );
}
