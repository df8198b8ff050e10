import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../server/test/support/app.js';
import { seedDemo } from '../../../server/src/seed/seed-demo.js';

/**
 * Browser tests of the portal: the real server (built portal, real database — PGlite, or
 * PostgreSQL when DATABASE_URL is set) listening on a free port, driven by Debian's Chromium
 * through playwright-core. Tests check the database afterwards, not only the page.
 */

// A browser journey on a busy two-core machine (CI runs two test files at once) takes longer
// than the suite's 30 s default; its waits still fail fast on a missing element.
vi.setConfig({ testTimeout: 180_000 });

const here = path.dirname(fileURLToPath(import.meta.url));
/** Where the tests write their screenshots (git-ignored). */
export const SCREENSHOT_DIR = path.resolve(here, '../../test-results/screenshots');

/** The demo accounts seeded by `npm start` (src/accounts/seed-accounts.ts). */
export const DEMO = {
  supplier: { email: 'fournisseur@demo.chorale.test', password: 'Demo-Fournisseur-2026' },
  publicGestionnaire: {
    email: 'gestionnaire@mairie.demo.chorale.test',
    password: 'Demo-Gestionnaire-2026',
  },
  clerkA: { email: 'agent.technique@mairie.demo.chorale.test', password: 'Demo-Technique-2026' },
  clerkB: { email: 'agent.ecoles@mairie.demo.chorale.test', password: 'Demo-Ecoles-2026' },
} as const;
export type DemoPersona = keyof typeof DEMO;

export interface Portal {
  baseUrl: string;
  t: TestApp;
  browser: Browser;
  /** A fresh browser context (own cookies and storage), optionally signed in as a persona. */
  newPage(options?: { as?: DemoPersona; width?: number; lang?: 'fr' | 'en' }): Promise<Page>;
  close(): Promise<void>;
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Starts the server on a fresh database with the demo directory and accounts, and a browser. */
export async function startPortal(): Promise<Portal> {
  const t = await createTestApp();
  await seedDemo({ db: t.database.db });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    // French UI locale: native widgets (date fields) show jj/mm/aaaa as a French user sees them.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=fr-FR'],
  });
  const contexts: BrowserContext[] = [];
  return {
    baseUrl,
    t,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport: { width: options.width ?? 1280, height: 900 },
        locale: options.lang === 'en' ? 'en-GB' : 'fr-FR',
      });
      contexts.push(context);
      if (options.lang === 'en') {
        await context.addInitScript(() => {
          // Also runs in sandboxed frames (the rendered invoice), where storage throws.
          try {
            localStorage.setItem('chorale.lang', 'en');
          } catch {
            /* not the portal's frame */
          }
        });
      }
      if (options.as) {
        // Signing in through the API sets the session cookie in this context; the sign-in
        // page itself has its own tests.
        const res = await context.request.post('/api/v1/auth/login', { data: DEMO[options.as] });
        expect(res.status(), await res.text()).toBe(200);
      }
      const page = await context.newPage();
      watchErrors(page);
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await t.close();
    },
  };
}

/**
 * The portal of one test file: started before its tests, closed after them. A getter, since
 * the portal exists only once beforeAll has run; `setup` seeds what the file's tests share.
 */
export function portalForFile(setup?: (portal: Portal) => Promise<void>): () => Portal {
  let portal: Portal | undefined;
  beforeAll(async () => {
    portal = await startPortal();
    await setup?.(portal);
  }, 120_000);
  afterAll(async () => {
    await portal?.close();
  });
  return () => {
    if (!portal) throw new Error('the portal starts in beforeAll');
    return portal;
  };
}

const pageErrors = new WeakMap<Page, string[]>();

/** Uncaught exceptions and console errors (CSP violations among them) fail the test. */
function watchErrors(page: Page): void {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // 4xx answers the page expects and handles (a refused deposit, a wrong password…) are
    // logged by Chromium as failed resources; they are not page errors.
    if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
    errors.push(`console: ${text}`);
  });
}

export function expectNoPageErrors(page: Page): void {
  expect(pageErrors.get(page) ?? []).toEqual([]);
}

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices, the RGAA's technical base) on the page as it
 * is now and fails on any violation, listing them readably.
 */
export async function expectAccessible(page: Page, label = page.url()): Promise<void> {
  expect(await axeViolations(page), `axe on ${label}`).toEqual([]);
}

/**
 * Waits until the page stops moving: the DSFR script has started where it has collapses to
 * unfold (it marks <html data-fr-js>), no collapse is mid-way and no finite CSS transition or
 * animation is running. An accordion the DSFR is still unfolding clips its fields for 0.3 s,
 * and axe judges what it sees: a half-visible input is a "target too small". Bounded at 3 s so
 * that a page that never settles still gets judged.
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const deadline = performance.now() + 3000;
    while (performance.now() < deadline) {
      // Two frames: a transition started on this frame is registered by the next.
      await frame();
      await frame();
      const moving = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getTiming().iterations !== Infinity);
      const started =
        !document.querySelector('.fr-collapse') ||
        document.documentElement.hasAttribute('data-fr-js');
      if (started && moving.length === 0 && !document.querySelector('.fr-collapsing')) return;
      await Promise.race([
        Promise.all(moving.map((a) => a.finished.catch(() => undefined))),
        new Promise((resolve) => setTimeout(resolve, 100)),
      ]);
    }
  });
}

/** axe-core's violations on the page as it is now, one readable line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  await settle(page);
  // evaluate() goes through the DevTools protocol, so the page's CSP does not block axe.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<unknown> } }).axe;
    const result = (await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
    })) as { violations: unknown[] };
    return result.violations;
  });
  return (violations as AxeViolation[]).map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => JSON.stringify(n.target))
        .join(', ')}`,
  );
}

/**
 * Screenshots of the page at 1280 px and 390 px wide, written to SCREENSHOT_DIR as
 * `<name>-1280.png` and `<name>-390.png`. The viewport is restored afterwards.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(50);
    await page.screenshot({
      path: path.join(SCREENSHOT_DIR, `${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize(original);
}

/** Waits until the page shows its h1 (lazy pages have loaded) and returns its text. */
export async function pageHeading(page: Page): Promise<string> {
  const h1 = page.locator('main h1').first();
  await h1.waitFor({ state: 'visible' });
  return (await h1.textContent()) ?? '';
}

/** Waits for the page's h1 to read `name` (navigation keeps the old page until the new loads). */
export async function heading(page: Page, name: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Presses Tab until `target` has the focus (as a keyboard user moves through the page). */
export async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}
