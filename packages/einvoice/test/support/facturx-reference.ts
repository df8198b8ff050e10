/**
 * The reference judge of the Factur-X 1.09 profiles, for tests and development (never at run
 * time): each profile's official XML Schema and Schematron (compiled to XSLT 2.0), run by
 * Saxon-HE through ../shared/tools/en16931-reference with EN16931_CII_XSLT / EN16931_CII_XSD
 * pointed at the profile's files. BASIC and EN 16931 invoices are also EN 16931 invoices: the
 * official EN 16931 stylesheet and the CII D16B schema judge them too.
 *
 * The profile stylesheets give every assert an id of their own (FX-SCH-A-nnnnnn) and no flag:
 * each failed assert refuses the invoice. When the assert enforces a rule of EN 16931 (or a
 * Factur-X rule such as BR-FXEXT-CO-10), its text starts with that rule's id in brackets: that
 * id is the one reported, so that it can be compared with ours; an assert without one (the
 * profile's cardinalities and code lists) is reported by its FX-SCH id.
 *
 * Without Java, Saxon or ../shared, `referenceAvailable` is false and the tests using it are
 * skipped on a developer's machine; under CI=true `referenceRequired` makes them run and fail.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ReferenceProfile = 'MINIMUM' | 'BASIC WL' | 'BASIC' | 'EN 16931' | 'EXTENDED';

export const SHARED = join(import.meta.dirname, '../../../../../shared');
const TOOL = join(SHARED, 'tools/en16931-reference');
const PROFILES = join(SHARED, 'conformance/factur-x/profiles');
const SAXON = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';

const FILES: Record<ReferenceProfile, { dir: string; name: string }> = {
  MINIMUM: { dir: 'minimum', name: 'MINIMUM' },
  'BASIC WL': { dir: 'basicwl', name: 'BASICWL' },
  BASIC: { dir: 'basic', name: 'BASIC' },
  'EN 16931': { dir: 'en16931', name: 'EN16931' },
  EXTENDED: { dir: 'extended', name: 'EXTENDED' },
};

function javaPresent(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const referenceAvailable: boolean =
  existsSync(TOOL) && existsSync(PROFILES) && existsSync(SAXON) && javaPresent();
/** Whether the reference tests run: the judge is here, or CI demands it (and then fails). */
export const referenceRequired: boolean = referenceAvailable || process.env.CI === 'true';

export interface ReferenceVerdict {
  /**
   * Valid for the profile: its schema and Schematron (and EN 16931's for BASIC, EN 16931);
   * null when an official stylesheet failed on the document (XSLT-ERROR among the ids).
   */
  valid: boolean | null;
  /** The profile's XML Schema verdict. */
  xsd: boolean;
  /** Ids of the asserts that fired (profile, plus EN 16931 fatal ones when it applies). */
  ids: string[];
  /** The rule ids among them (BR-…, CII-…, PEPPOL-…): what our engine reports by name. */
  rules: string[];
  /** The schema errors, for diagnosing a disagreement. */
  xsdErrors: string[];
  /**
   * Set when the tool did not judge the file as an invoice: `not-an-invoice` (another root) or
   * `unreadable` (not well-formed XML). `valid` is null then.
   */
  unjudged?: 'not-an-invoice' | 'unreadable';
}

interface ToolLine {
  file: string;
  status: string;
  valid: boolean | null;
  fatal: string[];
  other?: Record<string, string[]>;
  xsd?: string;
  xsd_errors?: string[];
  asserts?: { id: string; flag: string; text: string }[];
  error?: string;
}

function runTool(paths: string[], env: Record<string, string>): Map<string, ToolLine> {
  const out = execFileSync(TOOL, ['--details', '--xsd', '--threads', '1', ...paths], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const byFile = new Map<string, ToolLine>();
  for (const line of out.split('\n')) {
    if (!line.trim()) continue;
    const l = JSON.parse(line) as ToolLine;
    byFile.set(l.file, l);
  }
  return byFile;
}

/** The rule id an assert text names in brackets at its start, if any. */
function ruleOf(text: string): string | undefined {
  return /^\s*\[([A-Za-z0-9-]+)\]/.exec(text)?.[1];
}

/**
 * Judges CII documents (XML text) by one profile. One JVM per call (start-up 2–4 s): pass
 * every document of a profile at once.
 */
export function judgeByProfile(
  docs: readonly string[],
  profile: ReferenceProfile,
): ReferenceVerdict[] {
  if (docs.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'fx-reference-'));
  try {
    const paths = docs.map((xml, i) => {
      const p = join(dir, `${i}.xml`);
      writeFileSync(p, xml);
      return p;
    });
    const f = FILES[profile];
    const prof = runTool(paths, {
      EN16931_CII_XSLT: join(PROFILES, f.dir, `Factur-X_1.09_${f.name}.xsl`),
      EN16931_CII_XSD: join(PROFILES, f.dir, `Factur-X_${f.name}.xsd`),
    });
    const alsoEn = profile === 'BASIC' || profile === 'EN 16931';
    const en = alsoEn ? runTool(paths, {}) : undefined;
    return paths.map((p) => {
      const l = prof.get(p);
      if (l && (l.status === 'not-an-invoice' || l.status === 'unreadable'))
        return { valid: null, xsd: false, ids: [], rules: [], xsdErrors: [], unjudged: l.status };
      // The official stylesheet may itself fail on a document (e.g. a duplicated party makes
      // an XPath see two values): it gives no verdict then (valid null), nothing to compare.
      if (!l || (l.status !== 'validated' && l.status !== 'xslt-error'))
        throw new Error(`reference: ${p}: ${JSON.stringify(l)}`);
      const ids = new Set<string>(l.status === 'xslt-error' ? ['XSLT-ERROR'] : []);
      const rules = new Set<string>();
      for (const a of l.asserts ?? []) {
        // PEPPOL-EN16931-R008's text gives its status: "(still status warning)". It has no
        // flag like most profile asserts, but does not refuse the invoice; neither does one
        // flagged as a warning (EXTENDED's BR-FXEXT-04), which the tool counts as valid too.
        if (a.flag === 'warning' || /status warning/.test(a.text)) continue;
        const rule = ruleOf(a.text);
        ids.add(rule ?? a.id);
        if (rule) rules.add(rule);
      }
      const xsd = l.xsd === 'valid';
      let valid = xsd && ids.size === 0;
      const xsdErrors = [...(l.xsd_errors ?? [])];
      if (en) {
        const e = en.get(p);
        if (!e || (e.status !== 'validated' && e.status !== 'xslt-error'))
          throw new Error(`reference EN 16931: ${p}`);
        if (e.status === 'xslt-error') ids.add('XSLT-ERROR');
        for (const id of e.fatal) {
          ids.add(id);
          rules.add(id);
        }
        if (e.xsd !== 'valid') xsdErrors.push(...(e.xsd_errors ?? []));
        valid = valid && e.valid === true && e.xsd === 'valid';
      }
      const verdict = ids.has('XSLT-ERROR') ? null : valid;
      return { valid: verdict, xsd, ids: [...ids].sort(), rules: [...rules].sort(), xsdErrors };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
