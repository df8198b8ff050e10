/**
 * The longest invoice number keyed in, shown as a counter at the field. The rule itself is the
 * engine's (SAISIE-NUMERO, MAX_INVOICE_NUMBER_LENGTH in @chorale/einvoice, checked live and by
 * the server); the portal keeps the figure here so that the page does not load the engine to
 * draw a hint. test/entry-limits.unit.test.ts holds the two equal.
 */
export const INVOICE_NUMBER_MAX_LENGTH = 20;

/** Characters as the engine counts them: code points, not UTF-16 units. */
export function characterCount(text: string): number {
  return [...text.trim()].length;
}
