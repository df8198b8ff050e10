import type { XmlParseResult } from './types.js';

/**
 * How the parser reports failure. Inside the parser a failure is thrown as a ParseFailure
 * carrying a character offset (cheap: no line counting while parsing); parseXml turns it into a
 * located XmlParseError with `locate`, so the parser never lets an exception escape.
 */

/** Thrown inside the parser only; turned into an XmlParseError by parseXml. */
export class ParseFailure {
  constructor(
    readonly code: string,
    readonly message: string,
    readonly offset: number,
  ) {}
}

export function fail(code: string, message: string, line = 1, column = 1): XmlParseResult {
  return { ok: false, error: { code, message, line, column } };
}

/** Line and column (1-based) of a character offset. Error path only. */
export function locate(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
