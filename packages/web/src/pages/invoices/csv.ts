/**
 * CSV export of invoice lists, built in the browser from the API's pages.
 *
 * - Excel opens it right: UTF-8 with a byte-order mark, CRLF line ends, and in French the `;`
 *   separator with decimal commas (what a French Excel expects), in English `,` and points.
 * - Amounts stay decimal strings end to end (only the point may become a comma): never a float.
 * - Text cells that a spreadsheet would take for a formula (=, +, -, @, tab, CR) get a leading
 *   apostrophe: an invoice is someone else's data.
 */
import type { Lang } from '../../app/i18n';

export type CsvCell = { text: string } | { amount: string | null } | { date: string | null };

export interface CsvOptions {
  lang: Lang;
  headers: string[];
  rows: CsvCell[][];
}

const FORMULA = /^[=+\-@\t\r]/;

function quote(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

function cellText(cell: CsvCell, lang: Lang): string {
  if ('amount' in cell) {
    if (cell.amount === null) return '';
    return lang === 'fr' ? cell.amount.replace('.', ',') : cell.amount;
  }
  if ('date' in cell) return cell.date ?? '';
  return FORMULA.test(cell.text) ? `'${cell.text}` : cell.text;
}

export function buildCsv(options: CsvOptions): string {
  const separator = options.lang === 'fr' ? ';' : ',';
  const line = (cells: string[]) => cells.map((c) => quote(c, separator)).join(separator);
  const lines = [line(options.headers)];
  for (const row of options.rows) lines.push(line(row.map((c) => cellText(c, options.lang))));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Offers a text as a file download (no server round trip). */
export function downloadText(filename: string, text: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Let the download start before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
