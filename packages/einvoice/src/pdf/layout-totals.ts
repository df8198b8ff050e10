/**
 * The VAT breakdown and document-level allowances and charges (left), beside the totals box
 * ending with the amount due (right). The totals stay together on one page; the left column
 * may continue on the next ones.
 */
import type { Invoice } from '../model/types.js';
import { formatPercent } from '../render/format.js';
import { codeName } from '../render/labels.js';
import {
  ACCENT,
  BODY,
  BODY_BOLD,
  BOTTOM,
  LABEL,
  LEFT,
  MUTED,
  RIGHT,
  RULE,
  SMALL,
  TOP,
  WHITE,
  blockHeight,
  lineHeight,
  type Canvas,
  type Line,
  type Style,
} from './layout-canvas.js';
import { has, money } from './layout-values.js';

export function drawVatAndTotals(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const cur = has(inv.currencyCode) ? inv.currencyCode.trim() : '';

  // Left: VAT breakdown table, then document-level allowances and charges.
  const leftW = 300;
  const cols = [
    { w: 108, align: 'left' as const },
    { w: 44, align: 'right' as const },
    { w: 74, align: 'right' as const },
    { w: 74, align: 'right' as const },
  ];
  type Row = { cells: string[]; style: Style; note?: Line[] };
  const rows: Row[] = [];
  for (const v of inv.vatBreakdowns) {
    const code = (v.categoryCode ?? '').trim();
    const name = code ? (codeName('vatCategory', code, lang) ?? code) : '';
    const reason = [v.exemptionReasonCode, v.exemptionReason].filter(has).join(' – ');
    rows.push({
      cells: [
        code ? `${code} · ${name}` : '',
        has(v.rate) ? formatPercent(v.rate.trim(), lang) : '',
        money(v.taxableAmount, lang),
        money(v.taxAmount, lang),
      ],
      style: BODY,
      note: reason
        ? c.lines(`${c.w('exemption')}${c.colon}${reason}`, SMALL, leftW - 8)
        : undefined,
    });
  }
  const left: { draw: (top: number) => void; height: number }[] = [];
  if (rows.length) {
    const headH = 14;
    left.push({
      height: 14 + headH,
      draw: (top) => {
        c.text(c.w('vatBreakdown'), LEFT, top, LABEL);
        let x = LEFT;
        const heads = [c.w('category'), c.w('rate'), c.w('base'), c.w('vatAmount')];
        cols.forEach((col, i) => {
          const style: Style = { ...SMALL, font: 'semibold' };
          if (col.align === 'right') c.text(heads[i]!, x + col.w, top + 14, style, 'right');
          else c.text(heads[i]!, x, top + 14, style);
          x += col.w;
        });
        c.hline(LEFT, LEFT + leftW, top + 14 + headH - 2);
      },
    });
    for (const r of rows) {
      const first = c.wrap(r.cells[0] ?? '', r.style, cols[0]!.w - 4);
      const h = lineHeight(r.style) * Math.max(1, first.length) + blockHeight(r.note ?? []) + 4;
      left.push({
        height: h,
        draw: (top) => {
          let x = LEFT;
          cols.forEach((col, i) => {
            if (i === 0)
              c.block(
                first.map((t) => ({ text: t, style: r.style })),
                x,
                top + 2,
              );
            else c.text(r.cells[i] ?? '', x + col.w, top + 2, r.style, 'right');
            x += col.w;
          });
          if (r.note)
            c.block(r.note, LEFT, top + 2 + lineHeight(r.style) * Math.max(1, first.length));
        },
      });
    }
  }
  const acs = [
    ...inv.allowances.map((a) => ({ a, word: c.w('allowance'), sign: '-' })),
    ...inv.charges.map((a) => ({ a, word: c.w('charge'), sign: '+' })),
  ];
  if (acs.length) {
    left.push({
      height: 22,
      draw: (top) => c.text(c.w('docAllowances'), LEFT, top + 8, LABEL),
    });
    for (const { a, word } of acs) {
      const what = [a.reason, a.reasonCode && `(${a.reasonCode})`].filter(has).join(' ');
      const vat = [a.vatCategoryCode, has(a.vatRate) ? formatPercent(a.vatRate.trim(), lang) : '']
        .filter(has)
        .join(' ');
      const pct =
        has(a.percentage) && has(a.baseAmount)
          ? ` – ${formatPercent(a.percentage.trim(), lang)} × ${money(a.baseAmount, lang)}`
          : '';
      const desc = c.lines(
        `${word}${what ? ` ${what}` : ''}${pct}${vat ? ` · ${c.w('vat')} ${vat}` : ''}`,
        BODY,
        220,
      );
      left.push({
        height: blockHeight(desc) + 2,
        draw: (top) => {
          c.block(desc, LEFT, top);
          c.text(money(a.amount, lang), LEFT + leftW, top, BODY, 'right');
        },
      });
    }
  }

  // Right: totals.
  const t = inv.totals;
  const boxX = RIGHT - 200;
  const trow: [string, string | undefined, boolean][] = [];
  const withCur = (v: string | undefined): string | undefined =>
    has(v) ? `${money(v, lang)}${cur ? ` ${cur}` : ''}` : undefined;
  if (t) {
    trow.push([c.w('lineTotal'), withCur(t.lineNetTotal), false]);
    trow.push([c.w('allowances'), withCur(t.allowanceTotal), false]);
    trow.push([c.w('charges'), withCur(t.chargeTotal), false]);
    trow.push([c.w('totalNet'), withCur(t.taxExclusiveAmount), true]);
    trow.push([c.w('totalVat'), withCur(t.vatTotal), false]);
    if (has(t.vatTotalInAccountingCurrency))
      trow.push([
        `${c.w('totalVatAccounting')} ${inv.vatAccountingCurrencyCode ?? ''}`.trim(),
        `${money(t.vatTotalInAccountingCurrency, lang)} ${inv.vatAccountingCurrencyCode ?? ''}`.trim(),
        false,
      ]);
    trow.push([c.w('totalGross'), withCur(t.taxInclusiveAmount), true]);
    trow.push([c.w('prepaid'), withCur(t.prepaidAmount), false]);
    trow.push([c.w('rounding'), withCur(t.roundingAmount), false]);
  }
  const shown = trow.filter(([, v]) => has(v));
  const rowH = 14;
  const payH = has(t?.payableAmount) ? 26 : 0;
  const rightH = shown.length * rowH + (payH ? payH + 6 : 0);
  const leftH = left.reduce((s, b) => s + b.height, 0);

  c.ensure(Math.min(Math.max(rightH, leftH), BOTTOM - TOP - 40));
  const top = c.y;
  // Totals first (they must stay together); the left column may continue on later pages.
  let y = top;
  for (const [label, value, strong] of shown) {
    const style = strong ? BODY_BOLD : BODY;
    c.text(label, boxX + 8, y + 3, strong ? style : { ...style, color: MUTED });
    c.text(value!, RIGHT - 8, y + 3, style, 'right');
    y += rowH;
    c.hline(boxX, RIGHT, y - 0.5, RULE, 0.4);
  }
  const totalsPage = c.page;
  if (payH) {
    y += 6;
    c.rect(boxX, y, 200, payH, ACCENT);
    const style: Style = { font: 'semibold', size: 10.5, color: WHITE };
    c.text(c.w('payable'), boxX + 8, y + 7.5, style);
    c.text(
      `${money(t?.payableAmount, lang)}${cur ? ` ${cur}` : ''}`,
      RIGHT - 8,
      y + 7.5,
      style,
      'right',
    );
    y += payH;
  }
  let ly = top;
  for (const b of left) {
    if (ly + b.height > BOTTOM) {
      c.addPage();
      ly = c.y;
    }
    b.draw(ly);
    ly += b.height;
  }
  c.y = c.page === totalsPage ? Math.max(y, ly) + 18 : ly + 18;
}
