/**
 * The sections after the totals in the invoice layout: payment instructions, notes and the
 * supporting documents, as labelled lists that flow across pages.
 */
import type { Invoice } from '../model/types.js';
import { formatDate } from '../render/format.js';
import { codeName } from '../render/labels.js';
import {
  BODY,
  BODY_BOLD,
  LABEL,
  LEFT,
  MUTED,
  RIGHT,
  WIDTH,
  blockHeight,
  lineHeight,
  type Canvas,
} from './layout-canvas.js';
import { accountText, has } from './layout-values.js';

function drawKeyValues(c: Canvas, title: string, rows: [string, string][]): void {
  if (!rows.length) return;
  const labelW = 130;
  const laid = rows.map(([k, v]) => ({
    k: c.lines(k, { ...BODY, color: MUTED }, labelW - 8),
    v: c.lines(v, BODY_BOLD, WIDTH - labelW),
  }));
  const first = laid[0]!;
  c.ensure(20 + Math.max(blockHeight(first.k), blockHeight(first.v)));
  c.text(title, LEFT, c.y, LABEL);
  c.y += 12;
  c.hline(LEFT, RIGHT, c.y);
  c.y += 6;
  for (const r of laid) {
    const h = Math.max(blockHeight(r.k), blockHeight(r.v)) + 3;
    c.ensure(h);
    c.block(r.k, LEFT, c.y);
    c.block(r.v, LEFT + labelW, c.y);
    c.y += h;
  }
  c.y += 12;
}

export function drawPayment(c: Canvas, inv: Invoice): void {
  const lang = c.lang;
  const rows: [string, string][] = [];
  const pi = inv.paymentInstructions;
  if (pi) {
    const code = (pi.meansCode ?? '').trim();
    const named = code ? (codeName('paymentMeans', code, lang) ?? code) : '';
    // The free text often repeats the code's name: show it only when it adds something.
    const extra =
      has(pi.meansText) && pi.meansText.trim().toLowerCase() !== named.toLowerCase()
        ? pi.meansText
        : undefined;
    const means = [named, extra].filter(has).join(' – ');
    if (means) rows.push([c.w('means'), means]);
    for (const ct of pi.creditTransfers) {
      if (has(ct.accountId)) {
        const acc = accountText(ct.accountId.trim());
        rows.push([acc.iban ? c.w('iban') : c.w('account'), acc.text]);
      }
      if (has(ct.accountName)) rows.push([c.w('accountName'), ct.accountName]);
      if (has(ct.serviceProviderId)) rows.push([c.w('bic'), ct.serviceProviderId]);
    }
    if (has(pi.remittanceInformation)) rows.push([c.w('remittance'), pi.remittanceInformation]);
    if (pi.card && has(pi.card.primaryAccountNumber))
      rows.push([
        c.w('card'),
        [pi.card.primaryAccountNumber, pi.card.holderName].filter(has).join(' – '),
      ]);
    const dd = pi.directDebit;
    if (dd) {
      if (has(dd.mandateReference)) rows.push([c.w('mandate'), dd.mandateReference]);
      if (has(dd.creditorId)) rows.push([c.w('creditor'), dd.creditorId]);
      if (has(dd.debitedAccountId))
        rows.push([c.w('debited'), accountText(dd.debitedAccountId.trim()).text]);
    }
  }
  if (has(inv.dueDate)) rows.push([c.w('due'), formatDate(inv.dueDate, lang)]);
  if (has(inv.paymentTerms)) rows.push([c.w('terms'), inv.paymentTerms]);
  drawKeyValues(c, c.w('payment'), rows);
}

export function drawNotes(c: Canvas, inv: Invoice): void {
  const notes = inv.notes.filter((n) => has(n.text));
  if (!notes.length) return;
  const laid = notes.map((n) =>
    c.lines(has(n.subjectCode) ? `[${n.subjectCode.trim()}] ${n.text}` : n.text, BODY, WIDTH),
  );
  c.ensure(20 + lineHeight(BODY) * Math.min(3, laid[0]!.length));
  c.text(c.w('notes'), LEFT, c.y, LABEL);
  c.y += 12;
  c.hline(LEFT, RIGHT, c.y);
  c.y += 6;
  for (const lines of laid) {
    for (const l of lines) {
      c.ensure(lineHeight(l.style));
      c.text(l.text, LEFT, c.y, l.style);
      c.y += lineHeight(l.style);
    }
    c.y += 4;
  }
  c.y += 8;
}

export function drawDocuments(c: Canvas, inv: Invoice): void {
  const rows: [string, string][] = [];
  for (const d of inv.additionalDocuments) {
    const parts = [d.description, d.externalUri, d.attachment?.filename].filter(has);
    rows.push([d.id, parts.join(' – ')]);
  }
  drawKeyValues(c, c.w('documents'), rows);
}
