/**
 * How rule sets report. Contract between the rule sets (business rules on the model, syntax
 * rules on the XML tree), the validator (validate.ts) and the messages.
 *
 * A rule set is a plain function that walks what it checks and calls `r.fire(...)` for every
 * occurrence that breaks a rule. It never decides the flag (the catalogue does, per syntax),
 * never builds messages (the message catalogue does), and never throws on bad data: a value
 * that cannot be read as what it should be is a finding, not an exception.
 */
import type { Invoice, Located } from '../model/types.js';
import type { XmlElement } from '../xml/types.js';

/** What a finding points at: a model group (optionally one of its fields) or an XML element. */
export type Anchor = Located | XmlElement | undefined;

export interface Reporter {
  /**
   * Rule `id` fired. `at` is the group (or element) concerned; `field` the name of the
   * group's field when the problem is one value (its `$at` location is then used).
   * `params` are values quoted in the message (the wrong code, the expected amount…).
   */
  fire(id: string, at: Anchor, field?: string, params?: Record<string, string>): void;
}

/** Business rules (BR-*, BR-CO-*, BR-DEC-*, VAT categories, code lists) on the model. */
export type ModelRuleSet = (invoice: Invoice, r: Reporter) => void;

/** Syntax-binding rules (UBL-SR/CR/DT, CII-SR/DT, and tree-level code list checks). */
export type TreeRuleSet = (root: XmlElement, r: Reporter) => void;
