/**
 * The lines table of the invoice layout: one row per line (sub-lines indented below their
 * parent), the item's details in small type under its name, and the column header repeated on
 * every page the table spans.
 */
import type { Invoice, InvoiceLine } from '../model/types.js';
import { num } from '../model/decimal.js';
import { formatAmount, formatDate, formatPercent, formatQuantity } from '../render/format.js';
import { codeName, termLabel } from '../render/labels.js';
import {
  ACCENT,
  ACCENT_LIGHT,
  BODY,
  BODY_BOLD,
  BOTTOM,
  INK,
  LEFT,
  RIGHT,
  SMALL,
  TOP,
  WIDTH,
  blockHeight,
  lineHeight,
  type Canvas,
  type Line,
  type Style,
} from './layout-canvas.js';
import type { Word } from './layout-words.js';
import { has, idText, money } from './layout-values.js';

interface Column {
  key: Word;
  width: number;
  align: 'left' | 'right';
}

const COLUMNS: Column[] = [
  { key: 'colNo', width: 30, align: 'left' },
  { key: 'colItem', width: 0, align: 'left' }, // takes what the others leave
  { key: 'colQty', width: 50, align: 'right' },
  { key: 'colUnit', width: 46, align: 'left' },
  { key: 'colPrice', width: 70, align: 'right' },
  { key: 'colVat', width: 50, align: 'right' },
  { key: 'colAmount', width: 76, align: 'right' },
];
COLUMNS[1]!.width = WIDTH - COLUMNS.reduce((s, col) => s + col.width, 0);

const CELL_PAD = 4;

function drawTableHeader(c: Canvas): void {
  const h = 18;
  c.rect(LEFT, c.y, WIDTH, h, ACCENT_LIGHT);
  let x = LEFT;
  for (const col of COLUMNS) {
    const label = c.w(col.key);
    const style: Style = { font: 'semibold', size: 7.4, color: ACCENT };
    if (col.align === 'right') c.text(label, x + col.width - CELL_PAD, c.y + 5.5, style, 'right');
    else c.text(label, x + CELL_PAD, c.y + 5.5, style);
    x += col.width;
  }
  c.y += h + 3;
}

/** The description cell: item name, then the line's details in small type. */
function lineDetails(c: Canvas, line: InvoiceLine, width: number, indent: number): Line[] {
  const lang = c.lang;
  const item = line.item;
  const out: Line[] = [];
  const w = width - indent;
  out.push(...c.lines(item?.name ?? '', BODY, w));
  out.push(...c.lines(item?.description, SMALL, w));
  const refs: string[] = [];
  if (has(item?.sellerId)) refs.push(`${c.w('sellerRef')} ${item.sellerId}`);
  if (has(item?.buyerId)) refs.push(`${c.w('buyerRef')} ${item.buyerId}`);
  const std = idText(item?.standardId);
  if (std) refs.push(std);
  if (refs.length) out.push(...c.lines(refs.join(' · '), SMALL, w));
  for (const cl of item?.classifications ?? []) {
    const t = idText(cl);
    if (t) out.push(...c.lines(`${termLabel('BT-158', lang)} ${t}`, SMALL, w));
  }
  for (const a of item?.attributes ?? [])
    out.push(...c.lines(`${a.name}${c.colon}${a.value}`, SMALL, w));
  if (has(item?.originCountry))
    out.push(...c.lines(`${c.w('origin')} ${item.originCountry}`, SMALL, w));
  const p = line.period;
  if (p && (has(p.startDate) || has(p.endDate)))
    out.push(
      ...c.lines(
        `${c.w('linePeriod')} ${has(p.startDate) ? formatDate(p.startDate, lang) : '…'} – ${
          has(p.endDate) ? formatDate(p.endDate, lang) : '…'
        }`,
        SMALL,
        w,
      ),
    );
  const price = line.price;
  if (price && (has(price.grossPrice) || has(price.discount))) {
    const parts: string[] = [];
    if (has(price.grossPrice)) parts.push(`${c.w('grossPrice')} ${money(price.grossPrice, lang)}`);
    if (has(price.discount)) parts.push(`${c.w('priceDiscount')} ${money(price.discount, lang)}`);
    out.push(...c.lines(parts.join(' · '), SMALL, w));
  }
  for (const [list, word] of [
    [line.allowances, c.w('allowance')],
    [line.charges, c.w('charge')],
  ] as const)
    for (const ac of list) {
      const what = [ac.reason, ac.reasonCode && `(${ac.reasonCode})`].filter(has).join(' ');
      const pct = has(ac.percentage) ? ` (${formatPercent(ac.percentage.trim(), lang)})` : '';
      out.push(
        ...c.lines(
          `${word}${what ? ` ${what}` : ''}${c.colon}${money(ac.amount, lang)}${pct}`,
          SMALL,
          w,
        ),
      );
    }
  if (has(line.orderLineRef))
    out.push(...c.lines(`${c.w('orderLine')} ${line.orderLineRef}`, SMALL, w));
  if (has(line.buyerAccountingRef))
    out.push(...c.lines(`${c.w('accounting')} ${line.buyerAccountingRef}`, SMALL, w));
  const obj = idText(line.objectId);
  if (obj) out.push(...c.lines(`${termLabel('BT-128', lang)} ${obj}`, SMALL, w));
  out.push(...c.lines(line.note, { ...SMALL, color: INK }, w));
  if (!out.length) out.push({ text: '', style: BODY });
  // Rows taller than a page are cut (never seen in practice; keeps the layout finite).
  const max = Math.floor((BOTTOM - TOP - 60) / lineHeight(SMALL));
  if (out.length > max) {
    out.length = max;
    out[max - 1] = { text: '…', style: SMALL };
  }
  return out;
}

function drawLine(c: Canvas, line: InvoiceLine, depth: number): void {
  const lang = c.lang;
  const itemCol = COLUMNS[1]!;
  const indent = Math.min(depth, 4) * 8;
  const details = lineDetails(c, line, itemCol.width - 2 * CELL_PAD, indent);
  const unit = has(line.unitCode)
    ? (codeName('unit', line.unitCode.trim(), lang) ?? line.unitCode.trim())
    : '';
  const price = line.price;
  const priceText = has(price?.netPrice) ? formatAmount(price.netPrice.trim(), lang) : '';
  const priceFor =
    has(price?.baseQuantity) && !(num(price.baseQuantity)?.eq(1) ?? false)
      ? `${c.w('priceFor')} ${formatQuantity(price.baseQuantity.trim(), lang)}`
      : '';
  const vat = [
    has(line.vatCategoryCode) ? line.vatCategoryCode.trim() : '',
    has(line.vatRate) ? formatPercent(line.vatRate.trim(), lang) : '',
  ]
    .filter((x) => x)
    .join(' ');
  const cells: string[] = [
    line.id ?? '',
    '',
    has(line.quantity) ? formatQuantity(line.quantity.trim(), lang) : '',
    unit,
    priceText,
    vat,
    money(line.netAmount, lang),
  ];
  const h = Math.max(blockHeight(details), lineHeight(BODY) * (priceFor ? 2 : 1)) + 7;
  if (c.y + h > BOTTOM) {
    c.addPage();
    drawTableHeader(c);
  }
  const top = c.y + 2;
  let x = LEFT;
  COLUMNS.forEach((col, i) => {
    if (i === 1) c.block(details, x + CELL_PAD + indent, top);
    else {
      const style = i === 6 ? BODY_BOLD : BODY;
      const text = c.wrap(cells[i] ?? '', style, col.width - 2 * CELL_PAD)[0] ?? '';
      if (col.align === 'right') c.text(text, x + col.width - CELL_PAD, top, style, 'right');
      else c.text(text, x + CELL_PAD, top, style);
      if (i === 4 && priceFor)
        c.text(priceFor, x + col.width - CELL_PAD, top + lineHeight(BODY), SMALL, 'right');
    }
    x += col.width;
  });
  c.y += h;
  c.hline(LEFT, RIGHT, c.y - 2);
  for (const sub of line.subLines ?? []) drawLine(c, sub, depth + 1);
}

export function drawLines(c: Canvas, inv: Invoice): void {
  // Room for the header and the first row: a header alone at the foot of a page reads badly.
  const first = inv.lines[0];
  const firstH = first
    ? blockHeight(lineDetails(c, first, COLUMNS[1]!.width - 2 * CELL_PAD, 0))
    : 0;
  c.ensure(21 + Math.min(firstH + 9, 200));
  drawTableHeader(c);
  for (const line of inv.lines) drawLine(c, line, 0);
  c.y += 12;
}
