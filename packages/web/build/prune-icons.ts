import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'vite';

/** The DSFR's icon sheet: one rule per icon, `.fr-icon-x:after,.fr-icon-x:before{mask…}`. */
const ICON_SHEET = /react-dsfr\/dsfr\/utility\/icons\/icons(?:\.min)?\.css$/;
/**
 * An icon class: `fr-icon-*`, its legacy alias `fr-fi-*`, or a Remix icon `ri-*` (`fr-icon--sm`
 * and the like are sizes, declared in the main DSFR sheet).
 */
const ICON_CLASS = /\b(?:fr-(?:icon|fi)-[a-z0-9][a-z0-9-]*|ri-[a-z0-9-]+)\b/g;

/**
 * Keeps in the DSFR's icon sheet only the icons the portal can show: those named in the
 * portal's sources and in react-dsfr's components. The sheet declares 2,640 icons; every cold
 * visit would download all their rules for the few dozen in use.
 *
 * Invariant: an icon class must appear literally in a source (`fr-icon-download-line`), never
 * assembled at run time (`fr-icon-${name}`); the test of this plugin fails on an assembled one.
 */
export function pruneIcons(options: { sources: string[] }): Plugin {
  let used: Set<string> | undefined;
  return {
    name: 'chorale-prune-icons',
    enforce: 'pre',
    apply: 'build',
    async buildStart() {
      used = await iconsNamedIn(options.sources);
    },
    transform(code, id) {
      if (!ICON_SHEET.test(id.split('?')[0] ?? '') || !used) return null;
      return { code: pruneIconSheet(code, used), map: null };
    },
  };
}

/** The icon classes named in the files under these directories (JS, TS, TSX), skipping the
 *  list of every DSFR class name that react-dsfr ships for its types. */
export async function iconsNamedIn(dirs: string[]): Promise<Set<string>> {
  const used = new Set<string>();
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'generatedFromCss' && entry.name !== 'node_modules') await visit(full);
      } else if (/\.(?:js|mjs|ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        for (const name of (await readFile(full, 'utf8')).match(ICON_CLASS) ?? []) used.add(name);
      }
    }
  };
  for (const dir of dirs) await visit(dir);
  return used;
}

/**
 * Drops from a DSFR icon sheet the rules of icons not in `used`. A rule is dropped only when
 * every one of its selectors is an unused icon's; anything else (comments, at-rules, other
 * rules) is kept as it is.
 */
export function pruneIconSheet(css: string, used: ReadonlySet<string>): string {
  return css.replace(/([^{}]+)\{([^{}]*)\}/g, (rule, selectors: string) => {
    const names = selectors
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .split(',')
      .map(
        (s) => /^\s*\.((?:fr-icon-|fr-fi-|ri-)[a-z0-9-]+)(?:::?(?:before|after))?\s*$/.exec(s)?.[1],
      );
    if (names.some((n) => n === undefined)) return rule;
    if (names.some((n) => used.has(n!))) return rule;
    // The sheet's licence comment rides on its first rule: it stays when the rule goes.
    return (selectors.match(/\/\*[\s\S]*?\*\//g) ?? []).join('');
  });
}
