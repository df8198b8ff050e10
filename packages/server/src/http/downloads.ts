/**
 * The Content-Disposition header of a file the API sends (RFC 6266, with RFC 5987 for the
 * name): an ASCII fallback for old clients, where every non-printable or non-ASCII character,
 * quote and backslash becomes '_', then the exact UTF-8 name. The header can never be broken
 * out of, whatever the name holds.
 */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
