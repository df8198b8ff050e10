import { useState } from 'react';
import { Link } from 'react-router';
import { fr } from '@codegouvfr/react-dsfr';
import { DataTable, type Column } from '../../app/DataTable';
import { Pager } from '../../app/paging';
import { useFormat, useT } from '../../app/i18n';
import { BulkActions } from './BulkActions';
import { StatusBadge, type InvoiceSummary } from './common';
import type { SortKey } from './list-params';
import { listMessages, type ListSide } from './list-messages';

/**
 * One page of a list: the table (sortable by its headers; rows selectable on the received
 * side, for a bulk action), the link to the next page, and the bulk actions.
 */
export function ListTable({
  side,
  sort,
  order,
  onSort,
  items,
  total,
  page,
  nextHref,
  firstHref,
}: {
  side: ListSide;
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (key: SortKey) => void;
  items: InvoiceSummary[];
  /** All pages together, as the API counts them (exact up to 10,000). */
  total: { count: number; exact: boolean };
  page: number;
  nextHref: string | null;
  firstHref: string | null;
}) {
  const t = useT(listMessages);
  const f = useFormat();
  // Selection by id and version: after an action reloads the page, changed rows fall out.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const keyOf = (i: InvoiceSummary) => `${i.id}:${i.version}`;
  const isOn = (i: InvoiceSummary) => selected.has(keyOf(i));
  const toggle = (i: InvoiceSummary, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(keyOf(i));
      else next.delete(keyOf(i));
      return next;
    });
  const allOn = items.length > 0 && items.every(isOn);

  const numberCell = (i: InvoiceSummary) => (
    <Link to={`/factures/${encodeURIComponent(i.id)}`} className={fr.cx('fr-link')}>
      {i.number}
    </Link>
  );
  const amount = (i: InvoiceSummary) => f.money(i.totalWithVat, i.currency);
  const sortable = (label: string, key: SortKey): Column => {
    const active = key === sort;
    return {
      label,
      sort: {
        state: active ? (order === 'asc' ? 'ascending' : 'descending') : undefined,
        title: active
          ? t('sortColumnNow', {
              column: label,
              order: t(order === 'asc' ? 'sortedAsc' : 'sortedDesc'),
            })
          : t('sortColumn', { column: label }),
        onSort: () => onSort(key),
      },
    };
  };
  const columns: Column[] =
    side === 'sent'
      ? [
          sortable(t('colNumber'), 'number'),
          { label: t('colIssueDate') },
          { label: t('colRecipient'), wrap: true },
          { label: t('colStatus') },
          { ...sortable(t('colTotal'), 'amount'), numeric: true },
          sortable(t('colDeposited'), 'date'),
        ]
      : [
          {
            fixed: true,
            label: (
              <SelectBox
                id="select-all"
                label={t('selectAll')}
                checked={allOn}
                onChange={(on) => setSelected(on ? new Set(items.map(keyOf)) : new Set())}
              />
            ),
          },
          sortable(t('colNumber'), 'number'),
          { label: t('colIssueDate') },
          { label: t('colSupplier'), wrap: true },
          { label: t('colService') },
          { label: t('colStatus') },
          { ...sortable(t('colTotal'), 'amount'), numeric: true },
          sortable(t('colAvailable'), 'date'),
          { label: t('colDownloaded') },
        ];
  const rows = items.map((i) => ({
    key: i.id,
    cells:
      side === 'sent'
        ? [
            numberCell(i),
            f.date(i.issueDate),
            <>
              {i.recipientName}
              {i.serviceCode && (
                <>
                  <br />
                  <span className={fr.cx('fr-text--xs')}>{i.serviceCode}</span>
                </>
              )}
            </>,
            <StatusBadge key="s" status={i.status} />,
            amount(i),
            f.date(i.depositedAt),
          ]
        : [
            <SelectBox
              key="sel"
              id={`select-${i.id}`}
              label={t('selectRow', { number: i.number })}
              checked={isOn(i)}
              onChange={(on) => toggle(i, on)}
            />,
            numberCell(i),
            f.date(i.issueDate),
            i.supplierName,
            i.serviceCode ?? '—',
            <StatusBadge key="s" status={i.status} />,
            amount(i),
            f.date(i.madeAvailableAt),
            i.firstDownloadedAt ? f.date(i.firstDownloadedAt) : <strong>{t('notYet')}</strong>,
          ],
  }));

  return (
    <>
      <p className={fr.cx('fr-mt-2w', 'fr-mb-0')} role="status">
        {t('shown', {
          count: items.length,
          total: `${f.number(total.count)}${total.exact ? '' : '+'}`,
        })}
      </p>
      <div className="invoice-list-table">
        <DataTable
          caption={t('caption', { page })}
          columns={columns}
          rowHeader={side === 'sent' ? 0 : 1}
          rows={rows}
        />
      </div>
      <InvoiceCards side={side} items={items} caption={t('caption', { page })} />
      <Pager label={t('caption', { page })} firstHref={firstHref} nextHref={nextHref} />
      {side === 'received' && <BulkActions items={items.filter(isOn)} />}
    </>
  );
}

/**
 * The same page as cards, for a phone (portal.css shows them instead of the table below 36em):
 * number, the other party, amount, status and date, each labelled, without a horizontal
 * scroll. Selecting rows for a bulk action stays with the table (wider screens).
 */
function InvoiceCards({
  side,
  items,
  caption,
}: {
  side: ListSide;
  items: InvoiceSummary[];
  caption: string;
}) {
  const t = useT(listMessages);
  const f = useFormat();
  return (
    <ul className="invoice-cards" aria-label={caption}>
      {items.map((i) => (
        <li key={i.id} className="invoice-card" data-testid="invoice-card">
          <p className={fr.cx('fr-mb-1v')}>
            <Link to={`/factures/${encodeURIComponent(i.id)}`} className={fr.cx('fr-link')}>
              {i.number}
            </Link>{' '}
            <StatusBadge status={i.status} />
          </p>
          <dl>
            <dt>{side === 'sent' ? t('colRecipient') : t('colSupplier')}</dt>
            <dd>{side === 'sent' ? i.recipientName : i.supplierName}</dd>
            <dt>{t('colTotal')}</dt>
            <dd className="chorale-amount">{f.money(i.totalWithVat, i.currency)}</dd>
            <dt>{side === 'sent' ? t('colDeposited') : t('colAvailable')}</dt>
            <dd>{f.date(side === 'sent' ? i.depositedAt : i.madeAvailableAt)}</dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/**
 * A DSFR row-selection checkbox. In the table's fixed first column the DSFR hides its label from
 * sight but not from screen readers (the label says which invoice).
 */
function SelectBox({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div className={fr.cx('fr-checkbox-group', 'fr-checkbox-group--sm')}>
      <input
        type="checkbox"
        id={id}
        checked={checked}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <label className={fr.cx('fr-label')} htmlFor={id}>
        {label}
      </label>
    </div>
  );
}
