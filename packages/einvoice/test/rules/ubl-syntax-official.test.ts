/**
 * UBL syntax-binding rules against the official material: the unit cases about UBL- rules and
 * the UBL- findings of the official examples.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseXml } from '../../src/xml/parse.js';
import { checkUblSyntax } from '../../src/rules/ubl/syntax.js';
import { sharedMaterial } from '../support/shared-material.js';

describe('official material', () => {
  const base = join(import.meta.dirname, '../../../../../shared/conformance/en16931');
  const present = sharedMaterial(base);

  const judge = (file: string) => {
    const parsed = parseXml(readFileSync(join(base, file)));
    if (!parsed.ok) throw new Error(file);
    const out = new Set<string>();
    checkUblSyntax(parsed.root, { fire: (id) => void out.add(id) });
    return out;
  };

  it.runIf(present)('agrees with every UBL- unit case', () => {
    const bad: string[] = [];
    let n = 0;
    for (const line of readFileSync(join(base, 'unit/expected.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as {
        file: string;
        scope: string[];
        success: string[];
        error: string[];
        warning: string[];
      };
      if (!c.scope.some((id) => id.startsWith('UBL-'))) continue;
      n++;
      const got = judge(join('unit', c.file));
      for (const id of c.success) if (got.has(id)) bad.push(`${c.file}: ${id} fired`);
      for (const id of [...c.error, ...c.warning])
        if (!got.has(id)) bad.push(`${c.file}: ${id} missing`);
    }
    expect(n).toBeGreaterThan(30);
    expect(bad).toEqual([]);
  });

  it.runIf(present)('finds exactly the expected UBL- rules in the UBL examples', () => {
    const bad: string[] = [];
    for (const line of readFileSync(join(base, 'examples/expected.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const e = JSON.parse(line) as { file: string; fatal: string[]; warning: string[] };
      const text = readFileSync(join(base, 'examples', e.file), 'utf8');
      if (!text.includes('urn:oasis:names:specification:ubl:schema:xsd:')) continue;
      const expected = [...e.fatal, ...e.warning].filter((id) => id.startsWith('UBL-')).sort();
      const got = [...judge(join('examples', e.file))].sort();
      if (got.join() !== expected.join())
        bad.push(`${e.file}: got [${got}] expected [${expected}]`);
    }
    expect(bad).toEqual([]);
  });
});
