/**
 * UBL reader and writer against the official examples: read → write → read gives the same
 * model (locations aside), the written document parses and is judged exactly like its source
 * by the validator. CII examples go CII → model → UBL → model when the CII reader is there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/xml/parse.js';
import { readUbl } from '../../src/ubl/read.js';
import { writeUbl } from '../../src/ubl/write.js';
import { readCii } from '../../src/cii/read.js';
import { validate } from '../../src/validate.js';
import type { Invoice } from '../../src/model/types.js';
import { sharedMaterial } from '../support/shared-material.js';

const root = join(import.meta.dirname, '../../../../../shared/conformance/en16931/examples');

interface Example {
  file: string;
  syntax: 'UBL' | 'CII';
  fatal: string[];
}

const examples: Example[] = existsSync(root)
  ? readFileSync(join(root, 'expected.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Example)
  : [];

/** The model without locations and syntax markers. */
function plain(inv: Invoice): unknown {
  return JSON.parse(
    JSON.stringify(inv, (key, value: unknown) => {
      if (key === '$src' || key === '$at' || key === 'syntax' || key === 'ublDocument')
        return undefined;
      return value;
    }),
  ) as unknown;
}

function parse(xml: string | Uint8Array) {
  const r = parseXml(xml);
  if (!r.ok)
    throw new Error(`${r.error.code}: ${r.error.message} at ${r.error.line}:${r.error.column}`);
  return r.root;
}

describe.runIf(sharedMaterial(root))('UBL round trip on the official examples', () => {
  it('has the official examples', () => expect(examples).toHaveLength(63));
  for (const ex of examples.filter((e) => e.syntax === 'UBL')) {
    it(ex.file, () => {
      const bytes = readFileSync(join(root, ex.file));
      const first = readUbl(parse(bytes));
      const xml = writeUbl(first);
      const second = readUbl(parse(xml));
      expect(plain(second)).toEqual(plain(first));
      expect(second.ublDocument).toBe(first.ublDocument);
      // The written document is judged like its source.
      const before = validate(bytes);
      const after = validate(xml);
      expect(after.fatal).toEqual(before.fatal);
    });
  }
});

/** True once the CII reader exists (it throws 'not implemented' while it is a stub). */
function ciiReaderReady(): boolean {
  try {
    readCii(parse('<x/>'));
    return true;
  } catch {
    return false;
  }
}

describe.runIf(sharedMaterial(root) && ciiReaderReady())('CII → model → UBL → model', () => {
  for (const ex of examples.filter((e) => e.syntax === 'CII')) {
    it(ex.file, () => {
      const first = readCii(parse(readFileSync(join(root, ex.file))));
      const xml = writeUbl(first);
      const second = readUbl(parse(xml));
      expect(second.ublDocument).toBe('Invoice');
      // Document type codes of supporting documents (CII 916) have no UBL element.
      for (const d of first.additionalDocuments) delete d.typeCode;
      // Terms UBL requires and CII does not are derived by the writer (BT-110, BT-147).
      if (first.totals && first.totals.vatTotal === undefined) delete second.totals?.vatTotal;
      first.lines.forEach((line, i) => {
        const price = second.lines[i]?.price;
        if (line.price && line.price.discount === undefined && price) delete price.discount;
      });
      expect(plain(second)).toEqual(plain(first));
      // A valid CII invoice gives a valid UBL one.
      if (ex.fatal.length === 0) expect(validate(xml).fatal).toEqual([]);
    });
  }
});
