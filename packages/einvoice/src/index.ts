/**
 * @chorale/einvoice — EN 16931 library: semantic model, UBL 2.1 and CII D16B readers and
 * writers, validation with the official rule ids. No database, no HTTP: runs in Node and in
 * the browser (the Node-only helpers are under '@chorale/einvoice/node').
 */
export const EN16931_ARTEFACTS_RELEASE = '1.3.16';

export type * from './model/types.js';
export { emptyInvoice } from './model/types.js';
export { num, isDec, sum, round, fractionDigits } from './model/decimal.js';
export type {
  XmlElement,
  XmlAttribute,
  XmlParseError,
  XmlParseResult,
  XmlParseOptions,
} from './xml/types.js';
export { parseXml } from './xml/parse.js';
export { readUbl } from './ubl/read.js';
export { writeUbl } from './ubl/write.js';
export { readCii } from './cii/read.js';
export { readPdf } from './pdf/read.js';
export type { PdfReadResult, PdfProblem, FacturXProfile } from './pdf/read-types.js';
export { writeCii } from './cii/write.js';
export type { Finding, Flag, Lang, RuleMessage, Syntax } from './rules/types.js';
export { flagOf, ruleFlags } from './rules/catalogue.js';
export { ruleMessage, messageFor } from './messages/catalogue.js';
export {
  validate,
  validateModel,
  type ValidationReport,
  type ReportedFinding,
  type ValidateOptions,
} from './validate.js';
export { syntaxOf } from './model/syntax.js';
export {
  luhnValid,
  sirenValid,
  siretValid,
  frenchVatKey,
  frenchVatValid,
  LA_POSTE_SIREN,
} from './model/french-identifiers.js';
export { writeFacturX, renderPdf, checkPdfA } from './pdf/lazy.js';
export type { PdfACheck } from './pdf/check-pdfa.js';
export type { WriteFacturXInput } from './pdf/write-facturx.js';
export { facturXFromModel, FacturXConversionError } from './pdf/facturx-convert.js';
export type { RenderPdfOptions } from './render/pdf.js';
export { renderHtml, type RenderHtmlOptions } from './render/html.js';
export { esc } from './render/html-escape.js';
export {
  termLabel,
  codeName,
  uiText,
  TERM_IDS,
  type CodeList,
  type UiKey,
} from './render/labels.js';
export {
  formatAmount,
  formatDate,
  formatQuantity,
  formatPercent,
  formatDecimal,
} from './render/format.js';
export {
  validateFacturX,
  type FacturXReport,
  type ValidateFacturXOptions,
} from './profiles/validate-facturx.js';
export * from './keyed/index.js';
