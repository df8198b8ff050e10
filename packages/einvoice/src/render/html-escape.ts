/**
 * HTML escaping for the invoice rendering (and for any caller putting invoice text in HTML): an
 * invoice is hostile input, so every value is made inert before it is written.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const TO_ESCAPE = /[&<>"']/g;
const NEEDS_ESCAPE = /[&<>"']/;

/** Text or attribute value made inert. */
export function esc(s: string): string {
  // Most values have nothing to escape: test first, allocate only when needed.
  return NEEDS_ESCAPE.test(s) ? s.replace(TO_ESCAPE, (c) => ESCAPES[c] ?? c) : s;
}
