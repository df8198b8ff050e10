/**
 * Renders any invoice model to a standalone, printable, accessible HTML5 document.
 *
 * Invariants:
 * - Every EN 16931 term present in the model is shown (attachments by name, MIME type and
 *   size, not their base64 content), labelled in French or English; each value carries its
 *   term id (visible small tag or `data-bt`) so a clerk can match it to a rule message.
 * - An invoice is hostile input: every value goes through `esc()`, nothing from the model is
 *   ever put in a tag name, a URL that is followed, a style or a script. The document has no
 *   script and no external resource (inline CSS only), so it can be shown or printed offline.
 * - Accessibility (RGAA / WCAG 2.1 AA): `lang` set, one h1, headings in order, tables with
 *   caption and scoped headers, contrast ≥ 4.5:1, severities spelt out (not colour alone).
 * - Linear in the number of lines: parts are pushed to one array and joined once.
 *
 * This module writes the document, its header and footer and the smaller sections, in order;
 * the larger sections have their own html-*.ts modules, all built on the Renderer
 * (html-renderer.ts).
 */
import type { Invoice } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import type { ReportedFinding } from '../validate.js';
import { esc } from './html-escape.js';
import { periodFields, Renderer } from './html-renderer.js';
import { CSS } from './html-style.js';
import { findings } from './html-findings.js';
import { parties } from './html-parties.js';
import { lines } from './html-lines.js';
import { docAllowancesCharges, payment, totals, vatBreakdown } from './html-totals.js';
import { additionalDocuments } from './html-documents.js';
import { uiText } from './labels.js';

export interface RenderHtmlOptions {
  lang: Lang;
  /** Validation findings to show at the top (fatal errors first, then warnings). */
  findings?: ReportedFinding[];
}

/**
 * A complete HTML5 document showing the invoice: every term present in the model, labelled
 * in `options.lang`, with the validation findings first when given.
 */
export function renderHtml(invoice: Invoice, options: RenderHtmlOptions): string {
  const r = new Renderer(options.lang);
  const inv = invoice;
  const credit = inv.typeCode?.trim() === '381' || inv.ublDocument === 'CreditNote';
  const kind = r.t(credit ? 'creditNote' : 'invoice');
  const titleText =
    uiText(credit ? 'creditNote' : 'invoice', r.lang) +
    (inv.id ? ` ${inv.id}` : '') +
    (inv.seller?.name ? ` — ${inv.seller.name}` : '');

  r.out.push(
    `<!DOCTYPE html><html lang="${r.lang}"><head><meta charset="utf-8">` +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      `<title>${esc(titleText)}</title><style>${CSS}</style></head><body><div class="page">`,
  );

  // Header: what the document is, its number and the key dates.
  r.out.push('<header class="top"><div>');
  r.out.push(
    `<h1>${kind} ${r.t('invoiceNo')} <span data-bt="BT-1">${inv.id === undefined ? `<span class="muted">${r.t('notProvided')}</span>` : r.text(inv.id)}</span>${r.tag('BT-1')}</h1>`,
  );
  if (inv.typeCode !== undefined) {
    r.out.push(
      `<p class="subtitle" data-bt="BT-3">${r.label('BT-3')}${r.colon()}${r.code(inv.typeCode, 'invoiceType')}</p>`,
    );
  }
  r.out.push('</div>');
  const kf: string[] = [];
  r.field(kf, 'BT-2', r.opt(inv.issueDate, 'date'));
  r.field(kf, 'BT-9', r.opt(inv.dueDate, 'date'));
  r.field(kf, 'BT-5', r.opt(inv.currencyCode, 'text'));
  const due = inv.totals?.payableAmount;
  const dueCur = inv.currencyCode ? ` ${r.text(inv.currencyCode)}` : '';
  r.field(kf, 'BT-115', due === undefined ? undefined : r.amount(due) + dueCur);
  r.dl(kf, 'keyfacts');
  r.out.push('</header><main>');

  if (options.findings) findings(r, options.findings);

  parties(r, inv);

  // References, dates and process control.
  const rf: string[] = [];
  r.field(rf, 'BT-7', r.opt(inv.taxPointDate, 'date'));
  r.field(rf, 'BT-8', r.optCode(inv.vatPointDateCode, 'vatPointDate'));
  r.field(rf, 'BT-6', r.opt(inv.vatAccountingCurrencyCode, 'text'));
  periodFields(r, rf, inv.invoicingPeriod, 'BT-73', 'BT-74');
  r.field(rf, 'BT-10', r.opt(inv.buyerReference, 'text'));
  r.field(rf, 'BT-11', r.opt(inv.projectReference, 'text'));
  r.field(rf, 'BT-12', r.opt(inv.contractReference, 'text'));
  r.field(rf, 'BT-13', r.opt(inv.purchaseOrderReference, 'text'));
  r.field(rf, 'BT-14', r.opt(inv.salesOrderReference, 'text'));
  r.field(rf, 'BT-15', r.opt(inv.receivingAdviceReference, 'text'));
  r.field(rf, 'BT-16', r.opt(inv.despatchAdviceReference, 'text'));
  r.field(rf, 'BT-17', r.opt(inv.tenderOrLotReference, 'text'));
  r.field(rf, 'BT-18', r.optIdent(inv.invoicedObjectId, 'BT-18-1'));
  r.field(rf, 'BT-19', r.opt(inv.buyerAccountingReference, 'text'));
  r.field(rf, 'BT-23', r.opt(inv.businessProcessType, 'text'));
  r.field(rf, 'BT-24', r.opt(inv.specificationId, 'text'));
  if (rf.length) {
    r.sectionStart('refs', r.t('references'));
    r.dl(rf, 'fields refs');
    r.out.push('</section>');
  }

  // Delivery.
  const dv = inv.delivery;
  if (dv) {
    r.sectionStart('delivery', r.label('BG-13'));
    const f: string[] = [];
    r.field(f, 'BT-70', r.opt(dv.partyName, 'text'));
    r.field(f, 'BT-71', r.optIdent(dv.locationId, 'BT-71-1'));
    r.field(f, 'BT-72', r.opt(dv.actualDate, 'date'));
    r.dl(f);
    r.address(dv.address, 'BG-15', [
      'BT-75',
      'BT-76',
      'BT-165',
      'BT-77',
      'BT-78',
      'BT-79',
      'BT-80',
    ]);
    r.out.push('</section>');
  }

  lines(r, inv);
  docAllowancesCharges(r, inv);
  vatBreakdown(r, inv);
  totals(r, inv);
  payment(r, inv, inv.paymentInstructions);

  if (inv.notes.length) {
    r.sectionStart('notes', r.label('BG-1'), 'notes');
    r.out.push('<ul class="plain">');
    for (const n of inv.notes) {
      const subj =
        n.subjectCode === undefined
          ? ''
          : `<p class="muted" data-bt="BT-21">${r.label('BT-21')}${r.colon()}${r.text(n.subjectCode)}</p>`;
      r.out.push(`<li>${subj}<p data-bt="BT-22">${r.text(n.text)}</p></li>`);
    }
    r.out.push('</ul></section>');
  }

  if (inv.precedingInvoices.length) {
    r.sectionStart('preceding', r.label('BG-3'));
    r.out.push(
      `<table class="grid"><caption>${r.t('precedingCaption')}</caption><thead><tr>` +
        `<th scope="col">${r.label('BT-25')}</th><th scope="col">${r.label('BT-26')}</th></tr></thead><tbody>`,
    );
    for (const p of inv.precedingInvoices) {
      r.out.push(
        `<tr><th scope="row" data-bt="BT-25">${r.text(p.id)}</th><td data-bt="BT-26">${r.opt(p.issueDate, 'date') ?? ''}</td></tr>`,
      );
    }
    r.out.push('</tbody></table></section>');
  }

  additionalDocuments(r, inv.additionalDocuments);

  r.out.push('</main><footer>');
  r.out.push(`<p>${r.t('generated')}</p>`);
  if (inv.syntax) {
    r.out.push(
      `<p>${r.t('source')}${r.colon()}${inv.syntax === 'UBL' ? 'UBL 2.1' : 'UN/CEFACT CII D16B'}${inv.ublDocument ? ` (${esc(inv.ublDocument)})` : ''}</p>`,
    );
  }
  r.out.push('</footer></div></body></html>');
  return r.out.join('');
}
