/**
 * The types the VAT category rules share: vat.ts builds a VatContext once per invoice and
 * hands it to its own checks and to those of vat-extra.ts. Kept apart from both so neither
 * rule module imports the other.
 */
import type { Exact } from '../../model/exact.js';
import type { Reporter } from '../engine.js';
import type { AllowanceCharge, Invoice, VatBreakdown } from '../../model/types.js';

/** Sums of one category (or one category at one rate) over the document. */
export interface Tally {
  lines: Exact;
  lineCount: number;
  allowances: Exact;
  allowanceCount: number;
  charges: Exact;
  chargeCount: number;
}

/** What vat.ts and vat-extra.ts share about one invoice, computed once. */
export interface VatContext {
  inv: Invoice;
  r: Reporter;
  cii: boolean;
  /** Report 02/03/04 per occurrence (CII, keyed-in) rather than once (UBL). */
  perOccurrence: boolean;
  /** Category code as the syntax compares it (UBL trims; CII compares as written). */
  code(c: string | undefined): string | undefined;
  /** Tallies by category code, and by `${code}|${normalised rate}`. */
  tally: Map<string, Tally>;
  /** The tallies the 08 rules add up (UBL: also categories outside the VAT scheme). */
  sumTally: Map<string, Tally>;
  breakdownsOf(code: string): VatBreakdown[];
  /** Document allowances then every line's (BG-20 and BG-27 with a VAT category). */
  allAllowances: AllowanceCharge[];
  /** Document charges then every line's (BG-21 and BG-28 with a VAT category). */
  allCharges: AllowanceCharge[];
  /** Whether a category counts where the official rule wants the VAT scheme (underVat, vat-source.ts). */
  vat(x: { taxScheme?: string | null }): boolean;
}
