// Generates packages/einvoice/src/profiles/profile-asserts.ts from the Factur-X 1.09 profile
// Schematrons (../shared/conformance/factur-x/profiles/*/Factur-X_1.09_*.xsl) and their code
// lists: the profile's own asserts that name no rule (cardinalities, required attributes, code
// lists: FX-SCH-A-nnnnnn), with the contexts of every rule of their pattern (a node is judged by
// the first rule of a pattern whose context it matches). Facts only, run at build time, never
// at run time: `npx tsx scripts/gen-facturx-asserts.ts [--check]`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { FACTURX_PROFILE_FILES, PROFILES_DIR } from './facturx-profiles.js';

const dir = PROFILES_DIR;
const out = join(import.meta.dirname, '../packages/einvoice/src/profiles/profile-asserts.ts');
const profiles = FACTURX_PROFILE_FILES;

const decode = (s: string): string =>
  s
    .replace(/&#xD;|&#xA;|&#13;|&#10;/g, ' ')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attrOf = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];

/** An assert this generator understands, in the compact form the runtime reads. */
type Assert = string; // `${id} count ${child} ${op} ${n}` | `${id} countif ${child} ${op} ${n} ${predicate}` | `${id} attr ${name}` | `${id} code ${select} ${list}` | `${id} exists ${path}` | `${id} nonempty ${path}` | `${id} test ${expression}`

const NAME = '[a-z]+:[A-Za-z]+';
const STEP = '(?:rsm|ram|udt|qdt):[A-Za-z]+';
const PATH = `${STEP}(?:/${STEP})*`;

function assertOf(id: string, test: string, codeVars: Map<string, string>): Assert | null {
  const t = test.replace(/\s+/g, ' ').trim();
  // Named rules the profile words as a bare path (`ram:X/ram:Y`: there is one) or a path
  // compared with '' (`ram:X!=''`: one has some text, white space being text).
  let p = new RegExp(`^\\(?(${PATH})\\)?$`).exec(t);
  if (p) return `${id} exists ${p[1]}`;
  p = new RegExp(`^\\(?(${PATH}) ?!= ?''\\)?$`).exec(t);
  if (p) return `${id} nonempty ${p[1]}`;
  // Else a named rule made only of paths, and/or/not, parentheses, comparisons with literals
  // and the count of decimals (`string-length(substring-after(a,'.'))<=2`), such as
  // `(a/b or a/c) and not(a/b and a/c)`: the runtime's predicate reader evaluates it (or,
  // where it cannot, leaves the rule to the EN 16931 engine).
  // Paths may carry a predicate comparing an attribute with a literal
  // (`udt:DateTimeString[@format = '102']`), and values may be ordered (`a >= b`, compared as
  // strings by XPath 2.0, both being untyped): the runtime reads those too.
  const rest = t
    .replace(/string-length\(substring-after\(([^,()]+), ?'\.'\)\) ?(?:<=|>=|=|<|>) ?\d+/g, ' $1 ')
    .replace(/\[@[A-Za-z]+ ?= ?'[^']*'\]/g, '')
    .replace(new RegExp(`${PATH}(?:/@[A-Za-z]+)?`, 'g'), ' ')
    .replace(/'[^']*'|\b(?:and|or|not)\b|!=|>=|<=|=|[()<>]/g, ' ');
  if (/^\s*$/.test(rest)) return `${id} test ${t}`;
  let m = new RegExp(`^count\\((${NAME})\\) ?(=|<=|>=) ?(\\d+)$`).exec(t);
  if (m) return `${id} count ${m[1]} ${m[2]} ${m[3]}`;
  // A count of the children a predicate selects: the predicate last, it holds spaces.
  m = new RegExp(`^count\\((${NAME})\\[(.+)\\]\\) ?(=|<=|>=) ?(\\d+)$`).exec(t);
  if (m) return `${id} countif ${m[1]} ${m[3]} ${m[4]} ${m[2]}`;
  m = /^@([A-Za-z]+)$/.exec(t);
  if (m) return `${id} attr ${m[1]}`;
  m =
    /^string-length\(\$(codeValue\d+)\) ?= ?0 or document\('[^']+'\)\/codedb\/cl\[@id=(\d+)\]\/enumeration\[@value=\$(codeValue\d+)\]$/.exec(
      t,
    );
  if (m && m[1] === m[3] && codeVars.has(m[1]!)) return `${id} code ${codeVars.get(m[1]!)} ${m[2]}`;
  return null;
}

const contexts = new Map<string, number>();
const contextIndex = (c: string): number => {
  if (!contexts.has(c)) contexts.set(c, contexts.size);
  return contexts.get(c)!;
};
const patternsOf: Record<string, [number, string[]][][]> = {};
const lists = new Map<string, number>(); // values -> index
let unnumbered = 0;
let understood = 0;
let skipped = 0;
/** Per profile, the named rules with an assert evaluated here; `!id`: one that is not. */
const ownNamed = new Map<string, Set<string>>();
for (const [name, file, db] of profiles) {
  ownNamed.set(name, new Set());
  const xsl = readFileSync(join(dir, file), 'utf8');
  const codedb = readFileSync(join(dir, db), 'utf8');
  const modes = new Map<string, { context: string; priority: number; asserts: Assert[] }[]>();
  const templates = xsl.split(/(?=<xsl:template\b)/);
  for (const chunk of templates) {
    const open = /^<xsl:template\b[^>]*>/.exec(chunk)?.[0];
    if (!open) continue;
    const mode = attrOf(open, 'mode');
    const match = attrOf(open, 'match');
    const priority = Number(attrOf(open, 'priority') ?? NaN);
    if (!mode || !match || !Number.isFinite(priority) || priority < 0) continue;
    if (!chunk.includes('svrl:fired-rule')) continue;
    const body = chunk.slice(0, chunk.indexOf('</xsl:template>'));
    const codeVars = new Map<string, string>();
    for (const v of body.matchAll(/<xsl:variable name="(codeValue\d+)" select="([^"]*)"/g))
      codeVars.set(v[1]!, decode(v[2]!));
    const asserts: Assert[] = [];
    for (const a of body.matchAll(
      /<svrl:failed-assert\b[^>]*\btest="([^"]*)"[^>]*>([\s\S]*?)<\/svrl:failed-assert>/g,
    )) {
      const inner = a[2]!;
      if (/name="flag">warning</.test(inner)) continue; // never refuses
      const named = /<svrl:text>\s*\[([A-Za-z0-9-]+)\]/.exec(inner)?.[1];
      if (named) {
        // A named rule is ours by name (the EN 16931 engine), unless the profile words it so
        // simply that its own wording is evaluated here: in MINIMUM, BASIC WL and EXTENDED it
        // then replaces ours (validate-facturx.ts), as the profile's Schematron alone judges.
        const parsed = assertOf(named, decode(a[1]!), codeVars);
        const kind = parsed?.split(' ')[1];
        // Factur-X's own rules (BR-FX…) are profile-rules' and extended-rules.ts' (with
        // messages naming the terms): left to them.
        if (named.startsWith('BR-FX')) continue;
        if (parsed && (kind === 'exists' || kind === 'nonempty' || kind === 'test'))
          asserts.push(parsed);
        else ownNamed.get(name)!.add(`!${named}`);
        continue;
      }
      // EXTENDED's asserts carry no id (the reference reports them without one): numbered here.
      const id =
        /<xsl:attribute name="id">([^<]+)</.exec(inner)?.[1] ??
        `FX-EXTENDED-${String(++unnumbered).padStart(4, '0')}`;
      let parsed = assertOf(id, decode(a[1]!), codeVars);
      if (parsed?.split(' ')[1] === 'code') {
        const [, , select, list] = parsed.split(' ');
        const cl = new RegExp(`<cl id="${list}">([\\s\\S]*?)</cl>`).exec(codedb);
        if (!cl) throw new Error(`${db}: code list ${list} not found`);
        const values = [...cl[1]!.matchAll(/value="([^"]*)"/g)].map((v) => v[1]!).join(' ');
        if (!lists.has(values)) lists.set(values, lists.size);
        parsed = `${id} code ${select} ${lists.get(values)}`;
      }
      if (parsed) understood++;
      else skipped++;
      asserts.push(parsed ?? `${id} ?`);
    }
    const rules = modes.get(mode) ?? [];
    rules.push({ context: decode(match), priority, asserts });
    modes.set(mode, rules);
  }
  for (const rules of modes.values())
    for (const r of rules)
      for (const a of r.asserts)
        if (!a.startsWith('FX-')) ownNamed.get(name)!.add(a.split(' ')[0]!);
  const patterns = [...modes.values()].filter((rules) => rules.some((r) => r.asserts.length));
  patternsOf[name] = patterns.map((rules) =>
    rules
      .sort((a, b) => b.priority - a.priority)
      .map((r) => [contextIndex(r.context), r.asserts] as [number, string[]]),
  );
}
const lines = [
  '// Generated by scripts/gen-facturx-asserts.ts from the Factur-X 1.09 profile Schematrons',
  '// and code lists: do not edit. Read by profile-asserts-run.ts.',
  '',
  '/** The rule contexts (absolute paths, some with a predicate), referred to by index. */',
  'export const PROFILE_ASSERT_CONTEXTS: readonly string[] = [',
  ...[...contexts.keys()].map((c) => `  ${JSON.stringify(c)},`),
  '];',
  '',
  '/**',
  ' * Per profile, its patterns holding asserts that name no rule: each pattern a list of rules in',
  ' * the order they are tried (a node is judged by the first whose context it matches), each rule',
  ' * `[context index, asserts]`; an assert is `id count child op n`,',
  ' * `id countif child op n predicate`, `id attr name` or',
  ' * `id code select list` (an index of PROFILE_CODE_LISTS), and `id ?` one this table does',
  ' * not evaluate. One JSON text, parsed once: the data, not code, kept compact.',
  ' */',
  `export const PROFILE_ASSERT_PATTERNS = /* @__PURE__ */ JSON.parse(${JSON.stringify(JSON.stringify(patternsOf))}) as Record<string, [number, string[]][][]>;`,
  '',
  '/**',
  ' * Per profile, the named rules whose every assert the tables hold (`exists` and `nonempty`',
  " * and `test` asserts, in the profile's own wording), space-separated: where the profile's",
  " * Schematron alone judges, these replace the EN 16931 engine's rules of the same id.",
  ' */',
  'export const PROFILE_OWN_NAMED_RULES: Readonly<Record<string, string>> = {',
  ...[...ownNamed].map(([profile, ids]) => {
    const whole = [...ids].filter((id) => !id.startsWith('!') && !ids.has(`!${id}`)).sort();
    return `  ${JSON.stringify(profile)}: ${JSON.stringify(whole.join(' '))},`;
  }),
  '};',
  '',
  '/** The code lists the asserts name, by index: values, space-separated. */',
  'export const PROFILE_CODE_LISTS: readonly string[] = [',
  ...[...lists.keys()].map((values) => `  ${JSON.stringify(values)},`),
  '];',
  '',
];
console.error(`${understood} asserts generated, ${skipped} left to the named rules and the schema`);
const formatted = await format(lines.join('\n'), { ...(await resolveConfig(out)), filepath: out });
if (process.argv.includes('--check')) {
  if (!existsSync(out) || readFileSync(out, 'utf8') !== formatted) {
    console.error('profile-asserts.ts is out of date: run npx tsx scripts/gen-facturx-asserts.ts');
    process.exitCode = 1;
  }
} else writeFileSync(out, formatted);
