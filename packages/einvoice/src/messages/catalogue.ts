/**
 * Every rule's message, in French and English, gathered from the rule sets' own catalogues,
 * with `{name}` placeholders filled from the finding's params.
 */
import type { Finding, Lang, RuleMessage } from '../rules/types.js';
import { CORE_MESSAGES } from '../rules/business/core-messages.js';
import { DECIMAL_MESSAGES } from '../rules/business/decimals-messages.js';
import { TOTALS_MESSAGES } from '../rules/business/totals-messages.js';
import { VAT_MESSAGES } from '../rules/business/vat-messages.js';
import { CODELIST_MESSAGES } from '../rules/codelists/messages.js';
import { UBL_SYNTAX_MESSAGES } from '../rules/ubl/syntax-messages.js';
import { CII_SYNTAX_MESSAGES } from '../rules/cii/syntax-messages.js';
import { SCHEMA_MESSAGES } from '../schema/messages.js';
import { PROFILE_MESSAGES } from '../profiles/messages.js';
import { ENTRY_MESSAGES } from '../keyed/entry-checks.js';

const ALL: Record<string, RuleMessage> = {
  ...CORE_MESSAGES,
  ...DECIMAL_MESSAGES,
  ...TOTALS_MESSAGES,
  ...VAT_MESSAGES,
  ...CODELIST_MESSAGES,
  ...UBL_SYNTAX_MESSAGES,
  ...CII_SYNTAX_MESSAGES,
  ...SCHEMA_MESSAGES,
  ...PROFILE_MESSAGES,
  ...ENTRY_MESSAGES,
};

/** The message of a rule, or undefined when none was written. */
export function ruleMessage(id: string): RuleMessage | undefined {
  return ALL[id];
}

/** Ids that have a message. */
export function messageIds(): string[] {
  return Object.keys(ALL);
}

/** A finding's message in a language, placeholders filled. */
export function messageFor(f: Finding, lang: Lang): string {
  const m = ALL[f.id];
  if (!m)
    return lang === 'fr' ? `La règle ${f.id} n'est pas respectée.` : `Rule ${f.id} is not met.`;
  const text = m[lang];
  if (!f.params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => f.params?.[name] ?? whole);
}
