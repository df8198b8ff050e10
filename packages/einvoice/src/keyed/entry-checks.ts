/**
 * What a careful clerk checks in keyed-in data beyond EN 16931: dates that cannot be right,
 * identifiers whose check key is wrong, amounts no invoice (nor the database) can hold, VAT
 * rates France does not use. The portal shows them at their field as they are typed
 * (validateKeyed) and the server refuses a keyed deposit on the same fatal ones
 * (SAISIE_INVALIDE), with the same messages: one source of truth.
 *
 * Their ids start with SAISIE-, never an official rule id: they are the platform's checks.
 */
import { frenchVatValid, siretValid, sirenValid } from '../model/french-identifiers.js';
import type { Finding, Flag, Lang, RuleMessage } from '../rules/types.js';
import type { KeyedInvoice } from './types.js';

export interface EntryFinding extends Finding {
  /** The keyed field concerned (dotted path into KeyedInvoice). */
  field: string;
  message: string;
  terms: string[];
}

/** The oldest invoice date taken: older is a typing slip (1926 for 2026), not an invoice. */
export const OLDEST_ISSUE_DATE = '2000-01-01';
/** An invoice dated tomorrow is a time zone; later is a typing slip. */
const FUTURE_TOLERANCE_DAYS = 1;
/**
 * Digits before the decimal point: an amount of EN 16931 is a decimal with at most 2 decimals
 * (BR-DEC); 15 integer digits keep every total exact in a binary-free decimal and far above
 * any public contract (a trillion euros has 13).
 */
export const MAX_INTEGER_DIGITS = 15;
/**
 * The longest invoice number (BT-1) taken on keyed entry, in characters: the length Chorus Pro
 * gives its keyed invoice number, and what a supplier's accounting software can store.
 */
export const MAX_INVOICE_NUMBER_LENGTH = 20;
/** Rates of VAT used in France: mainland, Corsica, overseas departments (percent). */
export const FRENCH_VAT_RATES = ['20', '13', '10', '8.5', '5.5', '2.1', '1.75', '1.05', '0.9', '0'];

export const ENTRY_MESSAGES: Record<string, RuleMessage> = {
  'SAISIE-NUMERO': {
    terms: ['BT-1'],
    fr: 'Le numéro de facture a {length} caractères : raccourcissez-le à {max} au plus, tel qu’il figure dans votre comptabilité.',
    en: 'The invoice number has {length} characters: shorten it to {max} at most, as it stands in your accounts.',
  },
  'SAISIE-DATE-FUTURE': {
    terms: ['BT-2'],
    fr: 'La date de facture est dans le futur ({date}) : indiquez la date à laquelle la facture a été émise.',
    en: 'The invoice date is in the future ({date}): give the date the invoice was issued.',
  },
  'SAISIE-DATE-ANCIENNE': {
    terms: ['BT-2'],
    fr: 'La date de facture ({date}) est antérieure au {floor} : vérifiez l’année.',
    en: 'The invoice date ({date}) is before {floor}: check the year.',
  },
  'SAISIE-ECHEANCE': {
    terms: ['BT-9', 'BT-2'],
    fr: 'L’échéance ({due}) précède la date de facture ({date}) : une facture ne peut pas être due avant d’être émise.',
    en: 'The due date ({due}) is before the invoice date ({date}): an invoice cannot be due before it is issued.',
  },
  'SAISIE-SIRET': {
    terms: ['BT-30'],
    fr: 'Ce numéro ({value}) n’est pas un SIRET (14 chiffres) ou un SIREN (9 chiffres) valide : sa clé de contrôle ne correspond pas. Vérifiez chaque chiffre.',
    en: 'This number ({value}) is not a valid SIRET (14 digits) or SIREN (9 digits): its check digit does not match. Check each digit.',
  },
  'SAISIE-TVA-FR': {
    terms: ['BT-31'],
    fr: 'Ce numéro de TVA français ({value}) n’est pas valide : il s’écrit FR, une clé de 2 chiffres, puis le SIREN, et sa clé doit correspondre au SIREN.',
    en: 'This French VAT number ({value}) is not valid: it is FR, a 2-digit key, then the SIREN, and its key must match the SIREN.',
  },
  'SAISIE-MONTANT': {
    terms: [],
    fr: 'Ce nombre ({value}) est trop grand : au plus {digits} chiffres avant la virgule.',
    en: 'This number ({value}) is too large: at most {digits} digits before the decimal point.',
  },
  'SAISIE-TAUX-TVA': {
    terms: ['BT-152'],
    fr: 'Le taux de {rate} % n’est pas un taux de TVA français (20, 10, 5,5, 2,1 ; Corse et outre-mer : 13, 8,5, 1,75, 1,05, 0,9). Vérifiez-le.',
    en: 'A rate of {rate}% is not a French VAT rate (20, 10, 5.5, 2.1; Corsica and overseas: 13, 8.5, 1.75, 1.05, 0.9). Check it.',
  },
};

const MS_PER_DAY = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * MS_PER_DAY)
    .toISOString()
    .slice(0, 10);
}

function integerDigits(decimal: string): number {
  return decimal
    .replace(/^[+-]/, '')
    .split('.')[0]!
    .replace(/^0+(?=\d)/, '').length;
}

/** A French rate written as keyed ("5.50", "20.0", "8,5") matched to the list. */
function isFrenchRate(rate: string): boolean {
  const n = rate.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(n)) return true; // not a number: EN 16931 rules say so
  const canonical = n.includes('.') ? n.replace(/0+$/, '').replace(/\.$/, '') : n;
  return FRENCH_VAT_RATES.includes(canonical.replace(/^0+(?=\d)/, ''));
}

/**
 * The entry checks of keyed-in data. `today` is the date the data are judged on (YYYY-MM-DD,
 * the caller's calendar day: the portal's, or the server's in Paris time).
 */
export function checkKeyedEntry(
  keyed: KeyedInvoice,
  options: { today: string; lang?: Lang },
): EntryFinding[] {
  const lang = options.lang ?? 'en';
  const out: EntryFinding[] = [];
  const add = (id: string, flag: Flag, field: string, params: Record<string, string>) => {
    const m = ENTRY_MESSAGES[id]!;
    const message = m[lang].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
    out.push({ id, flag, path: field, line: 0, column: 0, params, field, message, terms: m.terms });
  };
  // Characters as a reader counts them (code points), not UTF-16 units.
  const numberLength = [...keyed.number.trim()].length;
  if (numberLength > MAX_INVOICE_NUMBER_LENGTH) {
    add('SAISIE-NUMERO', 'fatal', 'number', {
      length: String(numberLength),
      max: String(MAX_INVOICE_NUMBER_LENGTH),
    });
  }
  const date = keyed.issueDate;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    if (date > addDays(options.today, FUTURE_TOLERANCE_DAYS)) {
      add('SAISIE-DATE-FUTURE', 'fatal', 'issueDate', { date });
    } else if (date < OLDEST_ISSUE_DATE) {
      add('SAISIE-DATE-ANCIENNE', 'fatal', 'issueDate', { date, floor: OLDEST_ISSUE_DATE });
    }
    const due = keyed.dueDate;
    if (due && /^\d{4}-\d{2}-\d{2}$/.test(due) && due < date) {
      add('SAISIE-ECHEANCE', 'fatal', 'dueDate', { due, date });
    }
  }
  const id = keyed.supplier.identifier.replace(/\s+/g, '');
  if (
    /^\d+$/.test(id) &&
    !(id.length === 14 ? siretValid(id) : id.length === 9 && sirenValid(id))
  ) {
    add('SAISIE-SIRET', 'fatal', 'supplier.identifier', { value: id });
  }
  const vat = keyed.supplier.vatId?.replace(/\s+/g, '').toUpperCase();
  if (vat?.startsWith('FR') && !frenchVatValid(vat)) {
    add('SAISIE-TVA-FR', 'fatal', 'supplier.vatId', { value: vat });
  }
  const amounts: [string, string | undefined][] = [
    ['totals.lineNetTotal', keyed.totals.lineNetTotal],
    ['totals.withoutVat', keyed.totals.withoutVat],
    ['totals.vat', keyed.totals.vat],
    ['totals.withVat', keyed.totals.withVat],
    ['totals.prepaid', keyed.totals.prepaid],
    ['totals.payable', keyed.totals.payable],
  ];
  keyed.lines.forEach((line, i) => {
    amounts.push([`lines.${i}.quantity`, line.quantity], [`lines.${i}.unitPrice`, line.unitPrice]);
    amounts.push([`lines.${i}.netAmount`, line.netAmount]);
  });
  keyed.vatBreakdown.forEach((b, i) => {
    amounts.push([`vatBreakdown.${i}.taxableAmount`, b.taxableAmount]);
    amounts.push([`vatBreakdown.${i}.taxAmount`, b.taxAmount]);
  });
  for (const [field, value] of amounts) {
    if (value !== undefined && integerDigits(value) > MAX_INTEGER_DIGITS) {
      add('SAISIE-MONTANT', 'fatal', field, { value, digits: String(MAX_INTEGER_DIGITS) });
    }
  }
  keyed.lines.forEach((line, i) => {
    if (line.vatRate !== undefined && line.vatRate !== '' && !isFrenchRate(line.vatRate)) {
      add('SAISIE-TAUX-TVA', 'warning', `lines.${i}.vatRate`, { rate: line.vatRate });
    }
  });
  return out;
}
