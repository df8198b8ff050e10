/**
 * The two judges of the differential tester and how their verdicts compare.
 *
 * The official one is `../shared/tools/en16931-reference` (the CEN stylesheets run by Saxon-HE,
 * `--xsd` for the XML Schema verdict). Its JVM takes seconds to start, so it is always given a
 * batch of files at once, as a list file. Ours is `validate()`, in process.
 *
 * What is compared: the sets of official fatal and warning ids, and the schema verdict (the
 * official `xsd: invalid` against any of our structural `XSD-*` findings). A file neither
 * judge can read must be unreadable for both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '../../../src/validate.js';
import { ruleFlags } from '../../../src/rules/catalogue.js';

export const SHARED_DIR = join(import.meta.dirname, '../../../../../../shared');
export const REFERENCE_TOOL = join(SHARED_DIR, 'tools/en16931-reference');
export const EXAMPLES_DIR = join(SHARED_DIR, 'conformance/en16931/examples');
const SAXON_JAR = process.env.SAXON_JAR ?? '/usr/share/java/Saxon-HE.jar';

export interface Verdict {
  /** 'ok' judged; 'unreadable' not XML; 'not-an-invoice'; 'error' the judge itself failed. */
  status: 'ok' | 'unreadable' | 'not-an-invoice' | 'error';
  fatal: string[];
  warning: string[];
  /** Whether the file is valid against the XML Schema (undefined when not judged). */
  xsdValid?: boolean;
  error?: string;
}

/** Why the official judge cannot run here, or null when it can. */
export function referenceMissing(): string | null {
  if (!existsSync(REFERENCE_TOOL)) return `no reference tool at ${REFERENCE_TOOL}`;
  if (!existsSync(SAXON_JAR))
    return `no Saxon-HE at ${SAXON_JAR} (apt-get install libsaxonhe-java)`;
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0)
    return 'no Java runtime (apt-get install default-jre-headless)';
  return null;
}

interface ReferenceLine {
  file: string;
  status: string;
  fatal: string[];
  warning: string[];
  xsd?: string;
  error?: string;
}

/**
 * The official verdicts on `texts`, in order: one JVM for the whole batch, `threads` worker
 * threads in it. Throws when the tool fails as a whole (not when it rejects a file).
 */
export function judgeOfficial(texts: readonly string[], threads = 1): Verdict[] {
  if (texts.length === 0) return [];
  const dir = mkdtempSync(join(tmpdir(), 'chorale-diff-'));
  try {
    const files = texts.map((t, i) => {
      const f = join(dir, `${String(i).padStart(6, '0')}.xml`);
      writeFileSync(f, t);
      return f;
    });
    writeFileSync(join(dir, 'list'), files.join('\n') + '\n');
    const run = spawnSync(
      REFERENCE_TOOL,
      ['--xsd', '--threads', String(threads), '--list', join(dir, 'list')],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    );
    if (run.status !== 0)
      throw new Error(`en16931-reference failed (${run.status}): ${run.stderr || run.error}`);
    const byFile = new Map<string, ReferenceLine>();
    for (const line of run.stdout.split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as ReferenceLine;
      byFile.set(r.file, r);
    }
    return files.map((f) => {
      const r = byFile.get(f);
      if (!r) throw new Error(`en16931-reference gave no verdict on ${f}`);
      const status =
        r.status === 'validated'
          ? 'ok'
          : r.status === 'unreadable' || r.status === 'not-an-invoice'
            ? r.status
            : 'error';
      const v: Verdict = { status, fatal: r.fatal, warning: r.warning };
      if (r.xsd === 'valid' || r.xsd === 'invalid') v.xsdValid = r.xsd === 'valid';
      if (r.error) v.error = r.error;
      return v;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our verdict on a text, in the reference's terms. */
export function judgeOurs(text: string): Verdict {
  const report = validate(text);
  if (report.valid === null) {
    const code = report.error?.code;
    return {
      status: code === 'NOT_AN_INVOICE' ? 'not-an-invoice' : 'unreadable',
      fatal: [],
      warning: [],
      error: code,
    };
  }
  const official = ruleFlags();
  return {
    status: 'ok',
    fatal: report.fatal.filter((id) => official.has(id)),
    warning: report.warning.filter((id) => official.has(id)),
    xsdValid: !report.fatal.some((id) => id.startsWith('XSD-')),
  };
}

/**
 * How our verdict differs from the official one, item by item: `+fatal BR-49` we fire it and
 * the reference does not, `-fatal BR-29` the other way round, `+xsd` we call the file
 * schema-invalid and the reference does not, `-xsd` the reverse, `status …` one judge could
 * not read what the other judged. [] when they agree. A reference error is no disagreement of
 * ours: it is reported apart (`reference error`).
 */
export function differences(ours: Verdict, official: Verdict): string[] {
  if (official.status === 'error') return [];
  if (ours.status !== official.status) return [`status ${ours.status} vs ${official.status}`];
  if (ours.status !== 'ok') return [];
  const out: string[] = [];
  for (const flag of ['fatal', 'warning'] as const) {
    const theirs = new Set(official[flag]);
    const mine = new Set(ours[flag]);
    for (const id of mine) if (!theirs.has(id)) out.push(`+${flag} ${id}`);
    for (const id of theirs) if (!mine.has(id)) out.push(`-${flag} ${id}`);
  }
  if (official.xsdValid !== undefined && ours.xsdValid !== official.xsdValid)
    out.push(ours.xsdValid ? '-xsd' : '+xsd');
  return out.sort();
}
