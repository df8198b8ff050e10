import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { iconsNamedIn, pruneIconSheet } from '../build/prune-icons.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const reactDsfr = path.dirname(
  createRequire(import.meta.url).resolve('@codegouvfr/react-dsfr/package.json'),
);
const sheet = readFileSync(path.join(reactDsfr, 'dsfr/utility/icons/icons.min.css'), 'utf8');

describe('pruning the DSFR icon sheet', () => {
  it('keeps the rules of used icons, drops the others, keeps the licence', () => {
    const out = pruneIconSheet(sheet, new Set(['fr-icon-download-line', 'fr-icon-add-line']));
    expect(out).toContain('.fr-icon-download-line:after');
    expect(out).toContain('.fr-icon-add-line:before');
    expect(out).not.toContain('fr-icon-arrow-down-circle-fill');
    expect(out).toMatch(/^\/\*![\s\S]*DSFR/);
    expect(out.length).toBeLessThan(sheet.length / 50);
  });

  it('leaves rules that are not only icon selectors alone', () => {
    const css = '.a,.fr-icon-x:before{color:red}.fr-icon-y:after{mask:none}@media (x){.b{c:d}}';
    expect(pruneIconSheet(css, new Set())).toBe(
      '.a,.fr-icon-x:before{color:red}@media (x){.b{c:d}}',
    );
  });

  it('finds the icons named in sources, not in type lists', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'icons-'));
    writeFileSync(path.join(dir, 'a.tsx'), 'iconId="fr-icon-add-line" className="ri-home-line"');
    writeFileSync(path.join(dir, 'b.d.ts'), 'type X = "fr-icon-never-line"');
    expect([...(await iconsNamedIn([dir]))].sort()).toEqual(['fr-icon-add-line', 'ri-home-line']);
  });

  it('finds no icon class assembled at run time in the portal (it would lose its rule)', () => {
    const assembled: string[] = [];
    const visit = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(full);
        else if (/fr-icon-\$\{|['"`]fr-icon-['"`]\s*\+/.test(readFileSync(full, 'utf8')))
          assembled.push(full);
      }
    };
    visit(path.join(here, '../src'));
    expect(assembled).toEqual([]);
  });
});
