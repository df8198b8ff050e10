#!/usr/bin/env node
// Fails (exit 1) on any import cycle in the project's TypeScript, type-only imports included:
// a cycle of types still ties two modules' fates together and usually means a shared type
// lives in the wrong file. ESLint's cycle rules skip `import type`, so this uses dpdm's parser.
//
//   node scripts/check-cycles.mjs            the project's sources, tests, scripts, benchmarks
//   node scripts/check-cycles.mjs <globs…>   other files (the lint test points it at fixtures)
//
// A relative import that cannot be resolved also fails the check: the graph would be blind there.
import { parseCircular, parseDependencyTree, prettyCircular } from 'dpdm';

const defaults = [
  'packages/*/src/**/*.{ts,tsx}',
  'packages/*/test/**/*.{ts,tsx}',
  'scripts/**/*.ts',
  'bench/**/*.ts',
];
const globs = process.argv.length > 2 ? process.argv.slice(2) : defaults;

const tree = await parseDependencyTree(globs, {
  context: process.cwd(),
  tsconfig: 'tsconfig.base.json',
  // '.d.ts' resolves the portal's generated API types (src/api/schema.d.ts).
  extensions: ['.ts', '.tsx', '.d.ts', '.mjs', '.js', '.json'],
  // Built output mirrors the sources; following a package name into dist/ would count it twice.
  exclude: /\/(node_modules|dist)\//,
  transform: false,
  skipDynamicImports: false,
});

const unresolved = [];
for (const [file, dependencies] of Object.entries(tree)) {
  for (const dependency of dependencies ?? []) {
    if (dependency.id === null && dependency.request.startsWith('.')) {
      unresolved.push(`${file}: ${dependency.request}`);
    }
  }
}
const cycles = parseCircular(tree);

const files = Object.keys(tree).length;
if (unresolved.length > 0) {
  console.error(`Unresolved relative imports (the cycle check cannot see through them):`);
  for (const line of unresolved) console.error(`  ${line}`);
}
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s) among ${files} files:`);
  console.error(prettyCircular(cycles, '  '));
}
if (unresolved.length > 0 || cycles.length > 0) process.exit(1);
console.log(`No import cycle among ${files} files.`);
