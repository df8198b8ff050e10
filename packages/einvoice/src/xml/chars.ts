/**
 * XML character classes over UTF-16 code units, tested by the parser on every character of
 * markup. Names accept any code unit from U+00C0 up: a superset of the XML 1.0 name characters,
 * so a valid name is never refused.
 */
export const isNameStart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 58 || c >= 0xc0;
export const isNameChar = (c: number) =>
  (c >= 97 && c <= 122) ||
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 95 ||
  c === 58 ||
  c === 45 ||
  c === 46 ||
  c === 0xb7 ||
  c >= 0xc0;
export const isSpace = (c: number) => c === 32 || c === 10 || c === 9 || c === 13;
