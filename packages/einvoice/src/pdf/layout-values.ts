/**
 * Helpers on model values for the invoice layout: which values are worth printing, and how an
 * address, an identifier, an account or an amount reads on paper. Amounts are formatted from
 * their decimal strings (render/format.ts): no float touches money.
 */
import type { Identifier, Invoice, PostalAddress } from '../model/types.js';
import type { Lang } from '../rules/types.js';
import { formatAmount } from '../render/format.js';

/** True for values worth printing (present and not blank). */
export function has(v: string | undefined): v is string {
  return v !== undefined && v.trim() !== '';
}

const CREDIT_NOTE_CODES = new Set([
  '81',
  '83',
  '261',
  '262',
  '296',
  '308',
  '381',
  '396',
  '458',
  '532',
]);

export function isCreditNote(inv: Invoice): boolean {
  return inv.ublDocument === 'CreditNote' || CREDIT_NOTE_CODES.has((inv.typeCode ?? '').trim());
}

export function addressLines(a: PostalAddress | undefined): string[] {
  if (!a) return [];
  const out: string[] = [];
  for (const l of [a.line1, a.line2, a.line3]) if (has(l)) out.push(l);
  const city = [a.postCode, a.city].filter(has).join(' ');
  if (city) out.push(city);
  const region = [a.countrySubdivision, a.countryCode].filter(has).join(', ');
  if (region) out.push(region);
  return out;
}

export function idText(id: Identifier | undefined): string | undefined {
  if (!id || !has(id.value)) return undefined;
  return has(id.scheme) ? `${id.value} (${id.scheme})` : id.value;
}

/** IBAN-looking account ids grouped by four for reading; anything else as written. */
export function accountText(id: string): { iban: boolean; text: string } {
  const compact = id.replace(/\s+/g, '');
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact))
    return { iban: true, text: compact.replace(/(.{4})(?=.)/g, '$1 ') };
  return { iban: false, text: id };
}

export function money(v: string | undefined, lang: Lang): string {
  return has(v) ? formatAmount(v.trim(), lang) : '';
}
