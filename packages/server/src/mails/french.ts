/**
 * French wording for e-mails: "de" before a name, and amounts in the French way.
 *
 * Amounts stay decimal strings end to end (formatAmount regroups the digits of the string, no
 * binary float): '1234.56' EUR reads "1 234,56 €" with the characters Intl's fr-FR gives (a
 * narrow no-break space between groups, a no-break space before the symbol).
 */
import { formatAmount } from '@chorale/einvoice';

/**
 * Words beginning with a mute h, which take "d’" ("d’Habitat 76", "d’Hôpital Nord"). An h is
 * aspirated by default ("de Haute-Garonne", "de Hangar 12"): eliding wrongly before it reads
 * worse than not eliding before one of these, and names rarely start with the rarer ones.
 */
const MUTE_H =
  /^(?:habita|habill|habit|harmoni|hebdo|hélico|hélio|herb|hérit|héberg|heur|histo|hiver|homm|homo|honn|honor|hôpita|hospita|horaire|horizon|horlog|horti|hôtel|hotel|huile|huiss|humai|humani|humid|hydr|hygi|hyper|hypo)/i;

/** A vowel sound: letters a e i o u y with or without accents, and the ligatures æ œ. */
const VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/i;

/**
 * "de" or "d’" before `name`, as French writes it: "d’Atelier Martin", "d’Émeraude",
 * "d’Hôtel-Dieu", "de la Commune", "de Hauts-de-Seine", "de 3M". A y elides only before a
 * consonant ("d’Yvelines", but "de Yaourt & Co"). Contractions with a leading article ("du" for
 * "de Le …") are left alone: a company's registered name keeps its article as written.
 */
export function de(name: string): string {
  const trimmed = name.trimStart();
  return `${elides(trimmed) ? 'd’' : 'de '}${trimmed}`;
}

function elides(name: string): boolean {
  if (/^y[aeiouyàâäéèêëîïôöùûü]/i.test(name)) return false;
  if (VOWEL.test(name)) return true;
  return /^h/i.test(name) && MUTE_H.test(name);
}

const SYMBOLS: Record<string, string> = { EUR: '€' };

/**
 * An amount with its currency, in French ("1 234,56 €", "-12,00 €", "1 000,00 USD") or English
 * ("€1,234.56", "USD 1,000.00"). Every digit of the decimal string is kept (never rounded).
 */
export function money(
  amount: string,
  currency: string | null | undefined,
  lang: 'fr' | 'en',
): string {
  const code = currency || 'EUR';
  const symbol = SYMBOLS[code];
  const digits = formatAmount(amount, lang);
  if (lang === 'fr') return `${digits}\u00a0${symbol ?? code}`;
  if (!symbol) return `${code}\u00a0${digits}`;
  return digits.startsWith('-') ? `-${symbol}${digits.slice(1)}` : `${symbol}${digits}`;
}
