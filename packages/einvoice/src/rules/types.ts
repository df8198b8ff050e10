/**
 * What a rule reports. Contract between the rule sets (syntax rules on the XML tree, business
 * rules on the semantic model), the message catalogue and the validation report.
 */
export type Flag = 'fatal' | 'warning';

export type Syntax = 'UBL' | 'CII';

export interface Finding {
  /** Official rule id (BR-CO-10, UBL-SR-12, CII-DT-013…) or one of ours for schema checks. */
  id: string;
  flag: Flag;
  /** Where: an XPath-like location of the offending node (or of its nearest existing parent). */
  path: string;
  /** 1-based line and column of that node in the source, 0 when unknown (keyed-in model). */
  line: number;
  column: number;
  /** Values quoted in the message (the wrong code, the expected sum…). */
  params?: Record<string, string>;
}

export type Lang = 'fr' | 'en';

/** A rule's message in both languages: what is wrong, which business term, how to fix it. */
export interface RuleMessage {
  /** Business terms concerned, e.g. ['BT-1'] or ['BG-23', 'BT-116']. */
  terms: string[];
  fr: string;
  en: string;
}
