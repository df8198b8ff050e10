/**
 * bytes → report: parse, recognise the syntax, read the model, run every rule set, attach
 * messages. Never throws: unreadable input gives a report with `valid: null` and an error.
 */
import { parseXml } from './xml/parse.js';
import { pathOf } from './xml/query.js';
import type { XmlElement, XmlParseOptions } from './xml/types.js';
import type { Invoice } from './model/types.js';
import { syntaxOf } from './model/syntax.js';
import { readUbl } from './ubl/read.js';
import { readCii } from './cii/read.js';
import type { Anchor, ModelRuleSet, Reporter, TreeRuleSet } from './rules/engine.js';
import { flagOf } from './rules/catalogue.js';
import type { Finding, Flag, Lang, Syntax } from './rules/types.js';
import { checkCore } from './rules/business/core.js';
import { checkDecimals } from './rules/business/decimals.js';
import { checkTotals } from './rules/business/totals.js';
import { checkVatCategories } from './rules/business/vat.js';
import { checkCodeListsModel } from './rules/codelists/model.js';
import { checkCodeListsCii, checkCodeListsUbl } from './rules/codelists/tree.js';
import { checkUblSyntax } from './rules/ubl/syntax.js';
import { checkCiiSyntax } from './rules/cii/syntax.js';
import { messageFor } from './messages/catalogue.js';
import { checkCiiStructure, checkUblStructure } from './schema/check.js';

/** Business rule sets, run on the model whatever its syntax (and on keyed-in models). */
export const MODEL_RULE_SETS: readonly ModelRuleSet[] = [
  checkCore,
  checkDecimals,
  checkTotals,
  checkVatCategories,
  checkCodeListsModel,
];

const TREE_RULE_SETS: Record<Syntax, readonly TreeRuleSet[]> = {
  UBL: [checkUblStructure, checkUblSyntax, checkCodeListsUbl],
  CII: [checkCiiStructure, checkCiiSyntax, checkCodeListsCii],
};

export interface ReportedFinding extends Finding {
  message: string;
}

export interface ValidationReport {
  syntax: Syntax | null;
  /** false iff a fatal rule fired; null when the input could not be judged (see `error`). */
  valid: boolean | null;
  /** Why the input could not be judged. */
  error?: { code: string; message: string; line: number; column: number };
  /** Sorted unique ids of the fatal rules that fired. */
  fatal: string[];
  /** Sorted unique ids of the warnings that fired. */
  warning: string[];
  findings: ReportedFinding[];
  /** The model read, when the syntax was recognised. */
  invoice?: Invoice;
}

export interface ValidateOptions extends XmlParseOptions {
  lang?: Lang;
}

function isElement(a: Anchor): a is XmlElement {
  return a !== undefined && 'children' in a && 'qname' in a;
}

/** Collects findings, resolving flags (per syntax) and locations. */
class Collector implements Reporter {
  readonly findings: Finding[] = [];
  constructor(private readonly syntax: Syntax | undefined) {}

  fire(id: string, at: Anchor, field?: string, params?: Record<string, string>): void {
    const flag: Flag | null = flagOf(id, this.syntax);
    if (!flag) return; // not a rule of this syntax
    let el: XmlElement | undefined;
    if (isElement(at)) el = at;
    else if (at) el = (field && at.$at?.[field]) || at.$src;
    const finding: Finding = {
      id,
      flag,
      path: el ? pathOf(el) : field ? `${field}` : '/',
      line: el?.line ?? 0,
      column: el?.column ?? 0,
    };
    if (params) finding.params = params;
    this.findings.push(finding);
  }
}

function finish(
  findings: Finding[],
  syntax: Syntax | null,
  lang: Lang,
  invoice?: Invoice,
): ValidationReport {
  const fatal = new Set<string>();
  const warning = new Set<string>();
  for (const f of findings) (f.flag === 'fatal' ? fatal : warning).add(f.id);
  const report: ValidationReport = {
    syntax,
    valid: fatal.size === 0,
    fatal: [...fatal].sort(),
    warning: [...warning].sort(),
    findings: findings.map((f) => ({ ...f, message: messageFor(f, lang) })),
  };
  if (invoice) report.invoice = invoice;
  return report;
}

/** Runs the business rules on a model (keyed-in or read). */
export function validateModel(invoice: Invoice, options: { lang?: Lang } = {}): ValidationReport {
  const c = new Collector(invoice.syntax);
  for (const set of MODEL_RULE_SETS) set(invoice, c);
  return finish(c.findings, invoice.syntax ?? null, options.lang ?? 'en', invoice);
}

/** Validates an XML invoice (UBL 2.1 or CII D16B) given as bytes or text. */
export function validate(
  input: Uint8Array | string,
  options: ValidateOptions = {},
): ValidationReport {
  const lang = options.lang ?? 'en';
  const parsed = parseXml(input, options);
  if (!parsed.ok) {
    return { syntax: null, valid: null, error: parsed.error, fatal: [], warning: [], findings: [] };
  }
  const root = parsed.root;
  const syntax = syntaxOf(root);
  if (!syntax) {
    const message =
      lang === 'fr'
        ? `Ce document n'est pas une facture UBL 2.1 ni CII D16B (élément racine ${root.qname}, espace de noms « ${root.ns} »).`
        : `This document is neither a UBL 2.1 nor a CII D16B invoice (root element ${root.qname}, namespace "${root.ns}").`;
    return {
      syntax: null,
      valid: null,
      error: { code: 'NOT_AN_INVOICE', message, line: root.line, column: root.column },
      fatal: [],
      warning: [],
      findings: [],
    };
  }
  return validateRoot(root, syntax, lang);
}

/** Validates a parsed invoice tree whose syntax is known (see `validate`). */
export function validateRoot(root: XmlElement, syntax: Syntax, lang: Lang): ValidationReport {
  const invoice = syntax === 'UBL' ? readUbl(root) : readCii(root);
  const c = new Collector(syntax);
  for (const set of TREE_RULE_SETS[syntax]) set(root, c);
  for (const set of MODEL_RULE_SETS) set(invoice, c);
  return finish(c.findings, syntax, lang, invoice);
}

/** Runs further tree rule sets (e.g. a Factur-X profile's schema) on a parsed tree. */
export function checkTree(
  root: XmlElement,
  syntax: Syntax,
  sets: readonly TreeRuleSet[],
  lang: Lang,
): ReportedFinding[] {
  const c = new Collector(syntax);
  for (const set of sets) set(root, c);
  return finish(c.findings, syntax, lang).findings;
}
