/**
 * Accessibility of the HTML rendering, checked by axe-core in a real Chromium on every example
 * (WCAG 2.1 A/AA and axe's best practices), plus a screenshot for a human look.
 *
 * Nothing is skipped: without /usr/bin/chromium the suite fails and says how to get it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { renderHtml } from '../../src/render/html.js';
import type { ReportedFinding } from '../../src/validate.js';
import { loadExamples } from './examples.js';
import { fullInvoice } from './full-invoice.js';

const CHROMIUM = '/usr/bin/chromium';
const REPO = join(import.meta.dirname, '../../../..');
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

let context: BrowserContext;
let page: Page;
let profile: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the accessibility tests need Debian's chromium, which .ci/run installs (apt-get install -y chromium).`,
    );
  }
  profile = mkdtempSync(join(tmpdir(), 'chorale-render-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 794, height: 1123 }); // A4 at 96 dpi
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/**
 * axe-core's violations on one document. axe is injected once: setContent rewrites the
 * document (document.open) but keeps the window, so axe stays loaded across documents; it is
 * re-injected only if a document ever lost it. The rendering itself has no script.
 */
async function violations(html: string): Promise<AxeViolation[]> {
  await page.setContent(html, { waitUntil: 'load' });
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    // Every rule axe enables by default (WCAG 2.x A/AA and best practices); the rendering
    // has no frame and loads nothing, so axe need not look for either.
    const r = await axe.run(document, {
      resultTypes: ['violations'],
      iframes: false,
      preload: false,
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

function describeViolations(name: string, list: AxeViolation[]): string[] {
  return list.map(
    (v) =>
      `${name}: ${v.id} (${v.impact ?? '?'}) ${v.help} — ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
  );
}

const examples = loadExamples();

describe('HTML rendering accessibility (axe-core in Chromium)', () => {
  it(`no violation on any of the ${examples.length} examples (French, with findings)`, async () => {
    const problems: string[] = [];
    for (const ex of examples) {
      const html = renderHtml(ex.invoice, { lang: 'fr', findings: ex.report.findings });
      problems.push(...describeViolations(ex.name, await violations(html)));
    }
    expect(problems).toEqual([]);
  }, 240_000); // ~15 s on an idle machine; generous for a loaded CI box.

  it('no violation in English, nor with fatal errors and warnings shown', async () => {
    const ex = examples.find((e) => e.name.endsWith('factur-x-en16931.xml')) ?? examples[0]!;
    const f = (id: string, flag: 'fatal' | 'warning'): ReportedFinding => ({
      id,
      flag,
      path: '/rsm:CrossIndustryInvoice/rsm:ExchangedDocument/ram:ID',
      line: 12,
      column: 7,
      message: `Explanation of ${id}, with how to fix it.`,
    });
    const findings = [f('BR-CO-10', 'fatal'), f('BR-01', 'fatal'), f('CII-SR-039', 'warning')];
    const problems = [
      ...describeViolations(
        'en',
        await violations(renderHtml(ex.invoice, { lang: 'en', findings })),
      ),
      ...describeViolations(
        'warn',
        await violations(renderHtml(ex.invoice, { lang: 'fr', findings: findings.slice(2) })),
      ),
      ...describeViolations('none', await violations(renderHtml(ex.invoice, { lang: 'en' }))),
      // Every group present: payee, tax representative, card, direct debit, sub-lines…
      ...describeViolations(
        'full',
        await violations(renderHtml(fullInvoice(), { lang: 'fr', findings })),
      ),
    ];
    expect(problems).toEqual([]);
  }, 60_000);

  it('screenshots one rendered invoice to test-results/render/', async () => {
    const ex = examples.find((e) => e.name.endsWith('factur-x-en16931.xml')) ?? examples[0]!;
    const dir = join(REPO, 'test-results/render');
    mkdirSync(dir, { recursive: true });
    await page.setContent(renderHtml(ex.invoice, { lang: 'fr', findings: ex.report.findings }));
    const file = join(dir, 'factur-x-en16931.fr.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file)).toBe(true);
    // The print layout is A4: a PDF of it must come out in A4 pages.
    const pdf = await page.pdf({ preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
