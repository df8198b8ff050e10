/**
 * Locale formatting of model values for people: amounts, quantities, percentages, dates.
 *
 * Works on the model's lexical forms only: a decimal is re-grouped digit by digit, never turned
 * into a binary float, so '0.1' stays 0,1 and a 30-digit amount keeps every digit. Nothing is
 * rounded: a value is shown with exactly the digits the invoice carries (amounts padded to two
 * decimals, which does not change their value). A value that is not a valid decimal or date is
 * shown as written, so a clerk sees what was sent. Same output in Node and in every browser
 * (no Intl, whose grouping characters differ between engines).
 */
import type { Lang } from '../rules/types.js';

/** xs:decimal lexical form, surrounding whitespace allowed (as the model keeps it). */
const DECIMAL = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** French groups thousands with a narrow no-break space (U+202F), English with a comma. */
const GROUP: Record<Lang, string> = { fr: '\u202f', en: ',' };
const POINT: Record<Lang, string> = { fr: ',', en: '.' };

function group(int: string, sep: string): string {
  if (int.length <= 3) return int;
  let out = '';
  const head = int.length % 3;
  if (head) out = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) {
    out += (out ? sep : '') + int.slice(i, i + 3);
  }
  return out;
}

/**
 * A decimal in the locale with at least `minFraction` decimals (padding with zeros, never
 * rounding). Invalid text comes back unchanged.
 */
export function formatDecimal(value: string, lang: Lang, minFraction = 0): string {
  const m = DECIMAL.exec(value);
  if (!m || (!m[2] && !m[3])) return value;
  const sign = m[1] === '-' ? '-' : '';
  let int = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  if (!int) int = '0';
  let frac = m[3] ?? '';
  while (frac.length < minFraction) frac += '0';
  return sign + group(int, GROUP[lang]) + (frac ? POINT[lang] + frac : '');
}

/** An amount: grouped, at least two decimals ('1234.5' → '1 234,50' / '1,234.50'). */
export function formatAmount(value: string, lang: Lang): string {
  return formatDecimal(value, lang, 2);
}

/** A quantity or a base quantity: grouped, decimals as written. */
export function formatQuantity(value: string, lang: Lang): string {
  return formatDecimal(value, lang, 0);
}

/** A percentage or rate, with the sign in the locale's position ('20 %' / '20%'). */
export function formatPercent(value: string, lang: Lang): string {
  const n = formatDecimal(value, lang, 0);
  return lang === 'fr' ? `${n}\u00a0%` : `${n}%`;
}

const MONTHS_EN = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

/**
 * An ISO date ('2026-11-24') as '24/11/2026' in French or '24 Nov 2026' in English (no
 * day/month ambiguity for readers of either). Anything else is shown as written.
 */
export function formatDate(value: string, lang: Lang): string {
  const m = ISO_DATE.exec(value);
  if (!m) return value;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const month = Number(mo);
  if (month < 1 || month > 12) return value;
  return lang === 'fr' ? `${d}/${mo}/${y}` : `${d} ${MONTHS_EN[month - 1]} ${y}`;
}
