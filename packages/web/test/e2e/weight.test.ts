import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageHeading, portalForFile, type DemoPersona } from './support.js';

/**
 * The portal on a bad line (issue 15): what a cold visit costs in bytes on the wire, and when
 * the first content paints on a small town hall's 1.6 Mbit/s line with 150 ms of latency.
 * Bytes are Chromium's own count of what crossed the network (headers and compressed bodies),
 * for every request of the visit until the network is idle — not the build's file sizes.
 *
 * Not measured here: a warm cache (every asset is immutable and hashed, so a second visit
 * fetches only index.html and the API answers), and CPU-starved devices.
 */
const HOME_BUDGET = 500 * 1024;
const SIGNED_IN_BUDGET = 700 * 1024;
const SLOW_FCP_BUDGET_MS = 3000;
const LOOPBACK_FCP_BUDGET_MS = 1000;

const portal = portalForFile();

const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/** Counts the bytes Chromium receives for this page from now on, in all and per kind. */
async function countBytes(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const kinds = new Map<string, string>();
  const perKind = new Map<string, number>();
  let total = 0;
  cdp.on('Network.responseReceived', (event) => kinds.set(event.requestId, event.type));
  cdp.on('Network.loadingFinished', (event) => {
    total += event.encodedDataLength;
    const kind = kinds.get(event.requestId) ?? 'Other';
    perKind.set(kind, (perKind.get(kind) ?? 0) + event.encodedDataLength);
  });
  return {
    cdp,
    total: () => total,
    detail: () =>
      [...perKind]
        .sort((a, b) => b[1] - a[1])
        .map(([kind, n]) => `${kind} ${kB(n)}`)
        .join(', '),
  };
}

async function firstContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list) => {
          const entry = list.getEntriesByName('first-contentful-paint')[0];
          if (entry) resolve(entry.startTime);
        }).observe({ type: 'paint', buffered: true });
      }),
  );
}

describe('portal weight, cold cache', () => {
  for (const [label, url, as, budget] of [
    ['home page', '/', undefined, HOME_BUDGET],
    ['supplier dashboard', '/fournisseur', 'supplier', SIGNED_IN_BUDGET],
    ['supplier invoice list', '/fournisseur/factures', 'supplier', SIGNED_IN_BUDGET],
    ['clerk inbox', '/destinataire/factures', 'clerkA', SIGNED_IN_BUDGET],
    ['directory', '/annuaire', undefined, SIGNED_IN_BUDGET],
  ] as const satisfies readonly (readonly [string, string, DemoPersona | undefined, number])[]) {
    it(`transfers under ${kB(budget)} for the ${label}`, async () => {
      const page = await portal().newPage(as ? { as } : {});
      const bytes = await countBytes(page);
      await page.goto(url);
      await pageHeading(page);
      await page.waitForLoadState('networkidle');
      console.log(`${label}: ${kB(bytes.total())} transferred on a cold load (${bytes.detail()})`);
      expect(bytes.total()).toBeGreaterThan(0);
      expect(bytes.total()).toBeLessThan(budget);
    });
  }
});

describe('fonts', () => {
  it('fetches the Marianne faces cut down to the characters kept, none preloaded', async () => {
    const page = await portal().newPage();
    const fonts = new Map<string, number>();
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (!url.pathname.endsWith('.woff2')) return;
      void response.body().then((body) => fonts.set(url.pathname, body.length));
    });
    await page.goto('/');
    await pageHeading(page);
    await page.waitForLoadState('networkidle');
    // Preloading takes the slow line's bandwidth from the stylesheet and script that the first
    // paint waits for; the faces are font-display: swap (decision 0023).
    const preloaded = await page.locator('link[rel="preload"][as="font"]').count();
    console.log(`fonts fetched: ${[...fonts].map(([f, n]) => `${f} ${kB(n)}`).join(', ')}`);
    expect(preloaded).toBe(0);
    expect([...fonts.keys()].some((f) => f.includes('Marianne-Regular'))).toBe(true);
    // The whole faces weigh 41–45 kB; the subsets about 25 kB.
    for (const [font, n] of fonts)
      if (font.includes('Marianne')) expect(n, font).toBeLessThan(32 * 1024);
  });
});

/**
 * The best of three cold loads: the figure is the page's, not the busy test machine's (CI runs
 * two browser files at once on two cores).
 */
async function bestOfThree(measure: () => Promise<number>): Promise<number> {
  const runs = [await measure(), await measure(), await measure()];
  return Math.min(...runs);
}

describe('first contentful paint', () => {
  it('paints the header and a loading line before any script has run', async () => {
    const page = await portal().newPage();
    await page.route('**/*.js', (route) => route.abort());
    await page.goto('/');
    expect(await page.locator('.fr-header__service-title').textContent()).toBe('Chorale');
    expect(await page.getByRole('status').textContent()).toBe('Chargement…');
    expect(await firstContentfulPaint(page)).toBeGreaterThan(0);
  });

  it('turns the deferred stylesheet on before the portal first renders', async () => {
    const page = await portal().newPage();
    // When React first replaces the shell, is the stylesheet loaded and applied?
    await page.addInitScript(() => {
      const w = window as unknown as { styledAtFirstRender?: boolean };
      let shellSeen = false;
      new MutationObserver((_records, observer) => {
        if (document.getElementById('shell-header')) shellSeen = true;
        if (!shellSeen || document.getElementById('shell-header')) return;
        const link = document.querySelector<HTMLLinkElement>('link[data-deferred]');
        w.styledAtFirstRender = link !== null && link.media === 'all' && link.sheet !== null;
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto('/');
    await pageHeading(page);
    expect(
      await page.evaluate(() => (window as { styledAtFirstRender?: boolean }).styledAtFirstRender),
    ).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontFamily)).toMatch(
      /Marianne/,
    );
  });

  it(`is under ${SLOW_FCP_BUDGET_MS} ms at 1.6 Mbit/s and 150 ms RTT`, async () => {
    const fcp = await bestOfThree(async () => {
      const page = await portal().newPage();
      const { cdp } = await countBytes(page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: 1_600_000 / 8,
        uploadThroughput: 750_000 / 8,
      });
      await page.goto('/', { timeout: 60_000 });
      await pageHeading(page);
      return firstContentfulPaint(page);
    });
    console.log(`home page FCP at 1.6 Mbit/s, 150 ms: ${fcp.toFixed(0)} ms`);
    expect(fcp).toBeLessThan(SLOW_FCP_BUDGET_MS);
  });

  it(`is under ${LOOPBACK_FCP_BUDGET_MS} ms on loopback`, async () => {
    const fcp = await bestOfThree(async () => {
      const page = await portal().newPage();
      await page.goto('/');
      return firstContentfulPaint(page);
    });
    console.log(`home page FCP on loopback: ${fcp.toFixed(0)} ms`);
    expect(fcp).toBeLessThan(LOOPBACK_FCP_BUDGET_MS);
  });
});
