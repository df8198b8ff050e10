/**
 * The EN 16931 engine as the portal uses it. Only ever loaded with import() (see loadEngine),
 * so the library stays out of the initial bundle and out of pages that do not check invoices.
 * readPdf loads its PDF parser on its own, on first use (a Factur-X dropped on the upload page).
 */
export { validate, validateKeyed, ruleMessage, readPdf } from '@chorale/einvoice';
export type {
  KeyedFinding,
  KeyedReport,
  PdfReadResult,
  ReportedFinding,
  ValidationReport,
} from '@chorale/einvoice';
