/**
 * What is owed and how to pay it, in the HTML rendering: document-level allowances and charges
 * (BG-20, BG-21), the VAT breakdown (BG-23), the document totals (BG-22) and the payment
 * instructions (BG-16). Every value from the invoice goes through the Renderer (or `esc`): see
 * html.ts for the invariants of the rendering.
 */
import type { AllowanceCharge, Invoice, PaymentInstructions } from '../model/types.js';
import { esc } from './html-escape.js';
import type { Renderer } from './html-renderer.js';
import { termLabel } from './labels.js';

export function docAllowancesCharges(r: Renderer, inv: Invoice): void {
  if (!inv.allowances.length && !inv.charges.length) return;
  r.sectionStart('ac', `${r.t('allowancesCharges')}${r.tag('BG-20')}${r.tag('BG-21')}`);
  r.out.push(
    `<table class="grid"><caption>${r.t('docAllowancesCaption')}</caption><thead><tr>` +
      `<th scope="col">${r.t('kind')}</th>` +
      `<th scope="col">${esc(termLabel('BT-97', r.lang))}${r.tag('BT-97')}${r.tag('BT-104')}</th>` +
      `<th scope="col">${esc(termLabel('BT-98', r.lang))}${r.tag('BT-98')}${r.tag('BT-105')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-93', r.lang))}${r.tag('BT-93')}${r.tag('BT-100')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-94', r.lang))}${r.tag('BT-94')}${r.tag('BT-101')}</th>` +
      `<th scope="col">${esc(termLabel('BT-95', r.lang))}${r.tag('BT-95')}${r.tag('BT-102')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-96', r.lang))}${r.tag('BT-96')}${r.tag('BT-103')}</th>` +
      `<th scope="col" class="num">${esc(termLabel('BT-92', r.lang))}${r.tag('BT-92')}${r.tag('BT-99')}</th>` +
      '</tr></thead><tbody>',
  );
  const row = (ac: AllowanceCharge, charge: boolean): void => {
    const ids = charge
      ? ['BG-21', 'BT-104', 'BT-105', 'BT-100', 'BT-101', 'BT-102', 'BT-103', 'BT-99']
      : ['BG-20', 'BT-97', 'BT-98', 'BT-93', 'BT-94', 'BT-95', 'BT-96', 'BT-92'];
    const c = (i: number, html: string | undefined, cls = ''): string =>
      `<td class="${cls}" data-bt="${ids[i] ?? ''}">${html ?? ''}</td>`;
    r.out.push(
      `<tr><th scope="row" data-bt="${ids[0] ?? ''}">${r.t(charge ? 'charge' : 'allowance')}</th>` +
        c(1, r.opt(ac.reason, 'text')) +
        c(2, r.opt(ac.reasonCode, 'text')) +
        c(3, r.opt(ac.baseAmount, 'amount'), 'num') +
        c(4, r.opt(ac.percentage, 'pct'), 'num') +
        c(5, r.optCode(ac.vatCategoryCode, 'vatCategory')) +
        c(6, r.opt(ac.vatRate, 'pct'), 'num') +
        c(7, r.opt(ac.amount, 'amount'), 'num') +
        '</tr>',
    );
  };
  for (const a of inv.allowances) row(a, false);
  for (const c of inv.charges) row(c, true);
  r.out.push('</tbody></table></section>');
}

export function vatBreakdown(r: Renderer, inv: Invoice): void {
  if (!inv.vatBreakdowns.length) return;
  r.sectionStart('vat', r.label('BG-23'));
  r.out.push(
    `<table class="grid"><caption>${r.t('vatCaption')}</caption><thead><tr>` +
      `<th scope="col">${r.label('BT-118')}</th>` +
      `<th scope="col" class="num">${r.label('BT-119')}</th>` +
      `<th scope="col" class="num">${r.label('BT-116')}</th>` +
      `<th scope="col" class="num">${r.label('BT-117')}</th>` +
      `<th scope="col">${r.label('BT-120')}</th>` +
      `<th scope="col">${r.label('BT-121')}</th>` +
      '</tr></thead><tbody>',
  );
  for (const v of inv.vatBreakdowns) {
    const cat = v.categoryCode === undefined ? '' : r.code(v.categoryCode, 'vatCategory');
    r.out.push(
      `<tr><th scope="row" data-bt="BT-118">${cat}</th>` +
        `<td class="num" data-bt="BT-119">${r.opt(v.rate, 'pct') ?? ''}</td>` +
        `<td class="num" data-bt="BT-116">${r.opt(v.taxableAmount, 'amount') ?? ''}</td>` +
        `<td class="num" data-bt="BT-117">${r.opt(v.taxAmount, 'amount') ?? ''}</td>` +
        `<td data-bt="BT-120">${r.opt(v.exemptionReason, 'text') ?? ''}</td>` +
        `<td data-bt="BT-121">${r.opt(v.exemptionReasonCode, 'text') ?? ''}</td></tr>`,
    );
  }
  r.out.push('</tbody></table></section>');
}

export function totals(r: Renderer, inv: Invoice): void {
  const t = inv.totals;
  if (!t) return;
  const cur = inv.currencyCode === undefined ? '' : ` ${r.text(inv.currencyCode)}`;
  const acc =
    inv.vatAccountingCurrencyCode === undefined ? '' : ` ${r.text(inv.vatAccountingCurrencyCode)}`;
  const rows: [string, string | undefined, string, string?][] = [
    ['BT-106', t.lineNetTotal, cur],
    ['BT-107', t.allowanceTotal, cur],
    ['BT-108', t.chargeTotal, cur],
    ['BT-109', t.taxExclusiveAmount, cur, 'strong'],
    ['BT-110', t.vatTotal, cur],
    ['BT-111', t.vatTotalInAccountingCurrency, acc],
    ['BT-112', t.taxInclusiveAmount, cur, 'strong'],
    ['BT-113', t.prepaidAmount, cur],
    ['BT-114', t.roundingAmount, cur],
    ['BT-115', t.payableAmount, cur, 'due'],
  ];
  r.sectionStart('totals', r.label('BG-22'), 'totals');
  r.out.push(`<table class="tot"><caption>${r.t('totalsCaption')}</caption><tbody>`);
  for (const [id, v, c, cls] of rows) {
    if (v === undefined) continue;
    r.out.push(
      `<tr class="${cls ?? ''}"><th scope="row">${r.label(id)}</th><td class="num" data-bt="${id}">${r.amount(v)}${c}</td></tr>`,
    );
  }
  r.out.push('</tbody></table></section>');
}

export function payment(r: Renderer, inv: Invoice, pi: PaymentInstructions | undefined): void {
  if (!pi && inv.paymentTerms === undefined && inv.dueDate === undefined) return;
  r.sectionStart('payment', r.label('BG-16'), 'payment');
  const f: string[] = [];
  r.field(f, 'BT-9', r.opt(inv.dueDate, 'date'));
  r.field(f, 'BT-20', r.opt(inv.paymentTerms, 'text'));
  if (pi) {
    r.field(f, 'BT-81', r.optCode(pi.meansCode, 'paymentMeans'));
    r.field(f, 'BT-82', r.opt(pi.meansText, 'text'));
    r.field(f, 'BT-83', r.opt(pi.remittanceInformation, 'text'));
  }
  r.dl(f);
  if (pi) {
    for (const ct of pi.creditTransfers) {
      const g: string[] = [];
      r.field(g, 'BT-84', r.opt(ct.accountId, 'text'));
      r.field(g, 'BT-85', r.opt(ct.accountName, 'text'));
      r.field(g, 'BT-86', r.opt(ct.serviceProviderId, 'text'));
      r.out.push(`<div class="sub" data-bt="BG-17"><p class="grp">${r.label('BG-17')}</p>`);
      r.dl(g, 'fields bank');
      r.out.push('</div>');
    }
    if (pi.card) {
      const g: string[] = [];
      r.field(g, 'BT-87', r.opt(pi.card.primaryAccountNumber, 'text'));
      r.field(g, 'BT-88', r.opt(pi.card.holderName, 'text'));
      r.out.push(`<div class="sub" data-bt="BG-18"><p class="grp">${r.label('BG-18')}</p>`);
      r.dl(g);
      r.out.push('</div>');
    }
    if (pi.directDebit) {
      const g: string[] = [];
      r.field(g, 'BT-89', r.opt(pi.directDebit.mandateReference, 'text'));
      r.field(g, 'BT-90', r.opt(pi.directDebit.creditorId, 'text'));
      r.field(g, 'BT-91', r.opt(pi.directDebit.debitedAccountId, 'text'));
      r.out.push(`<div class="sub" data-bt="BG-19"><p class="grp">${r.label('BG-19')}</p>`);
      r.dl(g);
      r.out.push('</div>');
    }
  }
  r.out.push('</section>');
}
