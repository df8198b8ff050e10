/**
 * The supporting documents of the HTML rendering (BG-24): attachments are shown by name, MIME
 * type and size, never their content, and a URL is shown as text, never made a live link. Every
 * value from the invoice goes through the Renderer (or `esc`): see html.ts for the invariants
 * of the rendering.
 */
import type { AdditionalDocument } from '../model/types.js';
import { esc } from './html-escape.js';
import type { Renderer } from './html-renderer.js';
import { formatQuantity } from './format.js';
import { termLabel } from './labels.js';

/** Decoded size of a base64 text, counted without decoding it. */
function base64Size(b64: string): number {
  let n = 0;
  let pad = 0;
  for (let i = 0; i < b64.length; i++) {
    const c = b64.charCodeAt(i);
    if (c === 61) pad++;
    else if (c > 32) n++;
  }
  return Math.max(0, Math.floor(((n + pad) * 3) / 4) - pad);
}

export function additionalDocuments(r: Renderer, docs: AdditionalDocument[]): void {
  if (!docs.length) return;
  r.sectionStart('docs', r.label('BG-24'));
  r.out.push(
    `<table class="grid"><caption>${r.t('documentsCaption')}</caption><thead><tr>` +
      `<th scope="col">${r.label('BT-122')}</th>` +
      `<th scope="col">${r.label('BT-123')}</th>` +
      `<th scope="col">${r.label('BT-124')}</th>` +
      `<th scope="col">${r.label('BT-125')}</th>` +
      '</tr></thead><tbody>',
  );
  for (const d of docs) {
    const att: string[] = [];
    if (d.attachment) {
      const a = d.attachment;
      if (a.filename !== undefined) {
        att.push(`<span data-bt="BT-125-2">${r.text(a.filename)}</span>${r.tag('BT-125-2')}`);
      }
      if (a.mimeCode !== undefined) {
        att.push(`<span data-bt="BT-125-1">${r.text(a.mimeCode)}</span>${r.tag('BT-125-1')}`);
      }
      att.push(
        `<span class="muted">${r.t('contentNotShown')}, ${esc(formatQuantity(String(base64Size(a.content)), r.lang))} ${r.t('bytes')}</span>`,
      );
    }
    // The type code tells BT-18 (130) or BT-17 (50) references apart in UBL; shown as is.
    const type =
      d.typeCode === undefined
        ? ''
        : ` <span class="muted">(${esc(termLabel('BT-3', r.lang).toLowerCase())} ${r.text(d.typeCode)})</span>`;
    r.out.push(
      `<tr><th scope="row" data-bt="BT-122">${r.text(d.id)}${type}</th>` +
        `<td data-bt="BT-123">${r.opt(d.description, 'text') ?? ''}</td>` +
        // A URL from the invoice is shown, never made a live link (hostile input).
        `<td data-bt="BT-124" class="uri">${r.opt(d.externalUri, 'text') ?? ''}</td>` +
        `<td data-bt="BT-125">${att.join('<br>')}</td></tr>`,
    );
  }
  r.out.push('</tbody></table></section>');
}
