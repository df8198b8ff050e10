/**
 * The validation findings section, shown first when findings are given: a summary, then fatal
 * errors before warnings, each with its rule id, message and location. Severities are spelt
 * out, never shown by colour alone.
 */
import type { ReportedFinding } from '../validate.js';
import { esc } from './html-escape.js';
import type { Renderer } from './html-renderer.js';

export function findings(r: Renderer, list: ReportedFinding[]): void {
  const fatal = list.filter((f) => f.flag === 'fatal');
  const warn = list.filter((f) => f.flag !== 'fatal');
  const cls = fatal.length ? 'has-fatal' : warn.length ? 'has-warn' : 'ok';
  r.sectionStart('findings', r.t('findings'), `findings ${cls}`);
  const summary = fatal.length
    ? 'findingsFatal'
    : warn.length
      ? 'findingsWarnOnly'
      : 'findingsNone';
  r.out.push(`<p class="summary">${r.t(summary)}</p>`);
  if (list.length) {
    r.out.push('<ul class="flist">');
    for (const f of [...fatal, ...warn]) {
      const sev = f.flag === 'fatal' ? 'fatal' : 'warning';
      const loc: string[] = [];
      if (f.line > 0) loc.push(`${r.t('lineNo')} ${f.line}, ${r.t('columnNo')} ${f.column}`);
      if (f.path) loc.push(`<code>${esc(f.path)}</code>`);
      r.out.push(
        `<li class="finding ${sev}"><p class="fhead"><strong class="sev">${r.t(sev)}</strong> <code class="rule">${esc(f.id)}</code></p>` +
          `<p class="fmsg">${esc(f.message)}</p>` +
          (loc.length
            ? `<p class="floc">${r.t('location')}${r.colon()}${loc.join(' · ')}</p>`
            : '') +
          '</li>',
      );
    }
    r.out.push('</ul>');
  }
  r.out.push('</section>');
}
