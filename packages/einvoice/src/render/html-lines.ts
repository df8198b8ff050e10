/**
 * The lines table of the HTML rendering (BG-25): one row per line, sub-lines after their
 * parent, the item's details, price details and line allowances and charges in the description
 * cell. Every value from the invoice goes through the Renderer (or `esc`): see html.ts for the
 * invariants of the rendering.
 */
import type { AllowanceCharge, Invoice, InvoiceLine } from '../model/types.js';
import { esc } from './html-escape.js';
import { periodFields, type Renderer } from './html-renderer.js';
import { termLabel } from './labels.js';

/** The allowances and charges of a line, as a compact list inside its description cell. */
function lineAllowancesCharges(r: Renderer, list: AllowanceCharge[], charge: boolean): string {
  if (!list.length) return '';
  const ids = charge
    ? ['BG-28', 'BT-141', 'BT-142', 'BT-143', 'BT-144', 'BT-145']
    : ['BG-27', 'BT-136', 'BT-137', 'BT-138', 'BT-139', 'BT-140'];
  const [g, amt, base, pct, reason, code] = ids as [string, string, string, string, string, string];
  const items: string[] = [];
  for (const ac of list) {
    const f: string[] = [];
    r.field(f, amt, r.opt(ac.amount, 'amount'));
    r.field(f, base, r.opt(ac.baseAmount, 'amount'));
    r.field(f, pct, r.opt(ac.percentage, 'pct'));
    r.field(f, reason, r.opt(ac.reason, 'text'));
    r.field(f, code, r.opt(ac.reasonCode, 'text'));
    // Line allowances have no VAT of their own in EN 16931; shown if a reader kept one.
    if (ac.vatCategoryCode !== undefined || ac.vatRate !== undefined) {
      r.field(f, 'BT-151', r.optCode(ac.vatCategoryCode, 'vatCategory'));
      r.field(f, 'BT-152', r.opt(ac.vatRate, 'pct'));
    }
    items.push(`<li><dl class="fields inline">${f.join('')}</dl></li>`);
  }
  return `<div class="sub" data-bt="${g}"><p class="grp">${r.label(g)}</p><ul class="aclist">${items.join('')}</ul></div>`;
}

function lineRows(r: Renderer, line: InvoiceLine, depth: number): void {
  const item = line.item;
  const d: string[] = [];
  if (item?.name !== undefined) {
    d.push(`<p class="iname" data-bt="BT-153">${r.text(item.name)}</p>`);
  }
  if (item?.description !== undefined) {
    d.push(`<p class="idesc" data-bt="BT-154">${r.text(item.description)}</p>`);
  }
  const f: string[] = [];
  if (item) {
    r.field(f, 'BT-155', r.opt(item.sellerId, 'text'));
    r.field(f, 'BT-156', r.opt(item.buyerId, 'text'));
    r.field(f, 'BT-157', r.optIdent(item.standardId, 'BT-157-1'));
    for (const c of item.classifications) r.field(f, 'BT-158', r.ident(c, 'BT-158-1', 'BT-158-2'));
    r.field(f, 'BT-159', r.opt(item.originCountry, 'text'));
    for (const a of item.attributes) {
      f.push(
        `<div class="f" data-bt="BG-32"><dt><span data-bt="BT-160">${r.text(a.name)}</span>${r.tag('BT-160')}</dt><dd><span data-bt="BT-161">${r.text(a.value)}</span>${r.tag('BT-161')}</dd></div>`,
      );
    }
  }
  r.field(f, 'BT-127', r.opt(line.note, 'text'));
  r.field(f, 'BT-128', r.optIdent(line.objectId, 'BT-128-1'));
  r.field(f, 'BT-132', r.opt(line.orderLineRef, 'text'));
  r.field(f, 'BT-133', r.opt(line.buyerAccountingRef, 'text'));
  periodFields(r, f, line.period, 'BT-134', 'BT-135');
  const p = line.price;
  if (p) {
    r.field(f, 'BT-148', r.opt(p.grossPrice, 'amount'));
    r.field(f, 'BT-147', r.opt(p.discount, 'amount'));
    r.field(f, 'BT-149', r.opt(p.baseQuantity, 'qty'));
    r.field(f, 'BT-150', r.optCode(p.baseQuantityUnitCode, 'unit'));
  }
  if (f.length) d.push(`<dl class="fields inline">${f.join('')}</dl>`);
  d.push(lineAllowancesCharges(r, line.allowances, false));
  d.push(lineAllowancesCharges(r, line.charges, true));

  const vat: string[] = [];
  if (line.vatCategoryCode !== undefined) {
    vat.push(`<span data-bt="BT-151">${r.code(line.vatCategoryCode, 'vatCategory')}</span>`);
  }
  if (line.vatRate !== undefined) vat.push(`<span data-bt="BT-152">${r.pct(line.vatRate)}</span>`);
  const cell = (id: string, html: string | undefined, cls = ''): string =>
    `<td class="${cls}" data-bt="${id}">${html ?? ''}</td>`;
  const id =
    line.id === undefined ? `<span class="muted">${r.t('notProvided')}</span>` : r.text(line.id);
  r.out.push(
    `<tr class="${depth ? 'subline' : ''}"><th scope="row" data-bt="BT-126">${depth ? '↳ ' : ''}${id}</th>` +
      `<td class="desc">${d.join('')}</td>` +
      cell('BT-129', r.opt(line.quantity, 'qty'), 'num') +
      cell('BT-130', r.optCode(line.unitCode, 'unit')) +
      cell('BT-146', r.opt(p?.netPrice, 'amount'), 'num') +
      `<td class="vat" data-bt="BG-30">${vat.join('<br>')}</td>` +
      cell('BT-131', r.opt(line.netAmount, 'amount'), 'num') +
      '</tr>',
  );
  if (line.subLines) for (const sub of line.subLines) lineRows(r, sub, depth + 1);
}

export function lines(r: Renderer, inv: Invoice): void {
  if (!inv.lines.length) return;
  r.sectionStart('lines', r.label('BG-25'), 'lines');
  const cur = inv.currencyCode ? ` (${r.text(inv.currencyCode)})` : '';
  r.out.push(
    `<table class="grid lines"><caption>${r.t('linesCaption')}${cur}</caption>` +
      // Fixed layout: column widths do not depend on a 100,000-line body (and print stably).
      '<colgroup><col style="width:8%"><col style="width:40%"><col style="width:10%"><col style="width:9%"><col style="width:11%"><col style="width:10%"><col style="width:12%"></colgroup>' +
      '<thead><tr>' +
      `<th scope="col">${r.label('BT-126')}</th>` +
      `<th scope="col">${r.label('BT-153')}</th>` +
      `<th scope="col" class="num">${r.label('BT-129')}</th>` +
      `<th scope="col">${r.label('BT-130')}</th>` +
      `<th scope="col" class="num">${r.label('BT-146')}</th>` +
      `<th scope="col">${esc(termLabel('BT-152', r.lang))}${r.tag('BG-30')}</th>` +
      `<th scope="col" class="num">${r.label('BT-131')}</th>` +
      '</tr></thead><tbody>',
  );
  for (const line of inv.lines) lineRows(r, line, 0);
  r.out.push('</tbody></table></section>');
}
