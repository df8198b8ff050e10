/**
 * The top of the invoice layout: seller and document identification, then the parties (buyer;
 * delivery, payee and tax representative beside it), then the document-level references.
 */
import type { Invoice, PostalAddress } from '../model/types.js';
import { formatDate } from '../render/format.js';
import { codeName, termLabel } from '../render/labels.js';
import {
  ACCENT,
  BODY,
  BODY_BOLD,
  FILL,
  INK,
  LABEL,
  LEFT,
  MUTED,
  NAME,
  RIGHT,
  SMALL,
  WIDTH,
  blockHeight,
  lineHeight,
  type Canvas,
  type Line,
} from './layout-canvas.js';
import { addressLines, has, idText, isCreditNote } from './layout-values.js';

export function drawHeader(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const s = inv.seller;
  const leftW = 290;
  const left: Line[] = [];
  left.push(...c.lines(s?.name ?? '', { font: 'semibold', size: 15, color: INK }, leftW));
  if (has(s?.tradingName) && s.tradingName !== s.name)
    left.push(...c.lines(s.tradingName, SMALL, leftW));
  left.push({ text: '', style: { ...SMALL, size: 3 } });
  for (const l of addressLines(s?.address)) left.push(...c.lines(l, BODY, leftW));
  if (has(s?.vatId)) left.push(...c.lines(`${c.w('vat')} ${s.vatId}`, BODY, leftW));
  if (has(s?.taxRegistrationId))
    left.push(
      ...c.lines(`${termLabel('BT-32', lang)}${c.colon}${s.taxRegistrationId}`, SMALL, leftW),
    );
  const reg = idText(s?.legalRegistration);
  if (reg) left.push(...c.lines(`${c.w('registration')} ${reg}`, BODY, leftW));
  for (const id of s?.identifiers ?? []) {
    const t = idText(id);
    if (t) left.push(...c.lines(`${c.w('identifier')} ${t}`, SMALL, leftW));
  }
  const contact = [s?.contact?.name, s?.contact?.phone, s?.contact?.email].filter(has).join(' · ');
  if (contact) left.push(...c.lines(contact, SMALL, leftW));
  const ea = idText(s?.electronicAddress);
  if (ea) left.push(...c.lines(`${c.w('address')} ${ea}`, SMALL, leftW));

  const top = c.y;
  const leftH = c.block(left, LEFT, top);

  // Right: document kind and identification, right-aligned.
  const title = c.w(isCreditNote(inv) ? 'creditNote' : 'invoice');
  c.text(title, RIGHT, top - 2, { font: 'semibold', size: 22, color: ACCENT }, 'right');
  let y = top + 30;
  const code = (inv.typeCode ?? '').trim();
  if (code && code !== '380' && code !== '381') {
    const kind = codeName('invoiceType', code, lang);
    c.text(kind ? `${kind} (${code})` : code, RIGHT, y, SMALL, 'right');
    y += 12;
  }
  const rows: [string, string | undefined][] = [
    [c.w('number'), inv.id],
    [c.w('date'), has(inv.issueDate) ? formatDate(inv.issueDate, lang) : undefined],
    [c.w('due'), has(inv.dueDate) ? formatDate(inv.dueDate, lang) : undefined],
    [c.w('taxPoint'), has(inv.taxPointDate) ? formatDate(inv.taxPointDate, lang) : undefined],
    [c.w('currency'), inv.currencyCode],
  ];
  const labelX = RIGHT - 200;
  for (const [label, value] of rows) {
    if (!has(value)) continue;
    c.text(label, labelX, y, { ...BODY, color: MUTED });
    const wrapped = c.wrap(value, BODY_BOLD, 120);
    for (const part of wrapped) {
      c.text(part, RIGHT, y, BODY_BOLD, 'right');
      y += lineHeight(BODY_BOLD);
    }
    y += 2;
  }
  c.y = Math.max(top + leftH, y) + 16;
}

function partyLines(
  c: Canvas,
  width: number,
  heading: string,
  name: string | undefined,
  extra: (string | undefined)[],
  address: PostalAddress | undefined,
  tail: (string | undefined)[],
): Line[] {
  const out: Line[] = [{ text: heading, style: LABEL }];
  out.push({ text: '', style: { ...SMALL, size: 2 } });
  out.push(...c.lines(name ?? '', NAME, width));
  for (const e of extra) out.push(...c.lines(e, SMALL, width));
  for (const l of addressLines(address)) out.push(...c.lines(l, BODY, width));
  for (const t of tail) out.push(...c.lines(t, SMALL, width));
  return out;
}

export function drawParties(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const gap = 14;
  const boxW = (WIDTH - gap) / 2;
  const pad = 9;
  const inner = boxW - 2 * pad;
  const b = inv.buyer;
  const buyer = partyLines(
    c,
    inner,
    c.w('billTo'),
    b?.name,
    [has(b?.tradingName) && b.tradingName !== b.name ? b.tradingName : undefined],
    b?.address,
    [
      has(b?.vatId) ? `${c.w('vat')} ${b.vatId}` : undefined,
      idText(b?.legalRegistration) && `${c.w('registration')} ${idText(b?.legalRegistration)}`,
      idText(b?.identifier) && `${c.w('identifier')} ${idText(b?.identifier)}`,
      [b?.contact?.name, b?.contact?.phone, b?.contact?.email].filter(has).join(' · '),
      idText(b?.electronicAddress) && `${c.w('address')} ${idText(b?.electronicAddress)}`,
    ],
  );

  const right: Line[] = [];
  const d = inv.delivery;
  if (d && (has(d.partyName) || d.address || has(d.actualDate) || d.locationId)) {
    right.push(
      ...partyLines(c, inner, c.w('deliverTo'), d.partyName, [], d.address, [
        has(d.actualDate) ? `${c.w('deliveryDate')} ${formatDate(d.actualDate, lang)}` : undefined,
        idText(d.locationId) && `${c.w('location')} ${idText(d.locationId)}`,
      ]),
    );
  }
  const p = inv.payee;
  if (p && (has(p.name) || p.identifier || p.legalRegistration)) {
    if (right.length) right.push({ text: '', style: BODY });
    right.push(
      ...partyLines(c, inner, c.w('payee'), p.name, [], undefined, [
        idText(p.identifier) && `${c.w('identifier')} ${idText(p.identifier)}`,
        idText(p.legalRegistration) && `${c.w('registration')} ${idText(p.legalRegistration)}`,
      ]),
    );
  }
  const t = inv.taxRepresentative;
  if (t && (has(t.name) || has(t.vatId))) {
    if (right.length) right.push({ text: '', style: BODY });
    right.push(
      ...partyLines(c, inner, c.w('taxRep'), t.name, [], t.address, [
        has(t.vatId) ? `${c.w('vat')} ${t.vatId}` : undefined,
      ]),
    );
  }

  const h = Math.max(blockHeight(buyer), blockHeight(right)) + 2 * pad;
  c.ensure(h);
  c.rect(LEFT, c.y, boxW, h, FILL);
  c.block(buyer, LEFT + pad, c.y + pad);
  if (right.length) {
    c.rect(LEFT + boxW + gap, c.y, boxW, h, FILL);
    c.block(right, LEFT + boxW + gap + pad, c.y + pad);
  }
  c.y += h + 16;
}

export function drawReferences(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const items: [string, string][] = [];
  const add = (label: string, value: string | undefined): void => {
    if (has(value)) items.push([label, value]);
  };
  add(termLabel('BT-10', lang), inv.buyerReference);
  add(termLabel('BT-13', lang), inv.purchaseOrderReference);
  add(termLabel('BT-12', lang), inv.contractReference);
  add(termLabel('BT-11', lang), inv.projectReference);
  add(termLabel('BT-14', lang), inv.salesOrderReference);
  add(termLabel('BT-15', lang), inv.receivingAdviceReference);
  add(termLabel('BT-16', lang), inv.despatchAdviceReference);
  add(termLabel('BT-17', lang), inv.tenderOrLotReference);
  add(termLabel('BT-18', lang), idText(inv.invoicedObjectId));
  add(termLabel('BT-19', lang), inv.buyerAccountingReference);
  const period = inv.invoicingPeriod;
  if (period && (has(period.startDate) || has(period.endDate)))
    add(
      c.w('period'),
      `${has(period.startDate) ? formatDate(period.startDate, lang) : '…'} – ${
        has(period.endDate) ? formatDate(period.endDate, lang) : '…'
      }`,
    );
  if (has(inv.vatPointDateCode)) {
    const code = inv.vatPointDateCode.trim();
    add(termLabel('BT-8', lang), codeName('vatPointDate', code, lang) ?? code);
  }
  for (const pi of inv.precedingInvoices)
    add(
      c.w('preceding'),
      has(pi.issueDate) ? `${pi.id} (${formatDate(pi.issueDate, lang)})` : pi.id,
    );
  if (!items.length) return;

  const cols = 3;
  const colW = WIDTH / cols;
  const cells = items.map(([label, value]) => [
    ...c.lines(label, SMALL, colW - 10),
    ...c.lines(value, BODY_BOLD, colW - 10),
  ]);
  const rowHeights: number[] = [];
  for (let i = 0; i < cells.length; i += cols)
    rowHeights.push(Math.max(...cells.slice(i, i + cols).map(blockHeight)));
  c.ensure(20 + (rowHeights[0] ?? 0));
  c.text(c.w('references'), LEFT, c.y, LABEL);
  c.y += 12;
  c.hline(LEFT, RIGHT, c.y);
  c.y += 6;
  rowHeights.forEach((h, r) => {
    c.ensure(h + 6);
    for (let k = 0; k < cols; k++) {
      const cell = cells[r * cols + k];
      if (cell) c.block(cell, LEFT + k * colW, c.y);
    }
    c.y += h + 6;
  });
  c.y += 8;
}
