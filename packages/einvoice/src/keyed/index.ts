/** Keyed-in invoices: the data a supplier types, their EN 16931 model and their checks. */
export type {
  KeyedAddress,
  KeyedBuyer,
  KeyedInvoice,
  KeyedInvoiceType,
  KeyedLine,
  KeyedVatBreakdown,
} from './types.js';
export { keyedToModel, frenchSchemeOf, KEYED_TYPE_CODES } from './to-model.js';
export { validateKeyed, type KeyedFinding, type KeyedReport } from './validate-keyed.js';
export {
  checkKeyedEntry,
  ENTRY_MESSAGES,
  FRENCH_VAT_RATES,
  MAX_INTEGER_DIGITS,
  MAX_INVOICE_NUMBER_LENGTH,
  OLDEST_ISSUE_DATE,
  type EntryFinding,
} from './entry-checks.js';
