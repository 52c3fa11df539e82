// The screenshot suite of issue #21: every page of the demo organisation at 1920×1080, 1024×768
// and 375×812 in zh-CN, zh-TW and English. Per page: nothing wider than the screen (wide tables
// scroll inside their own box), no text under 12 px, no chart labels over each other, the header
// one row of at most 80 px at tablet width and up, touch targets of 44 px on tablets and phones,
// and axe with no serious or critical violation (in Chinese at every width, in all three at 1024). The PNGs are in tests/e2e/screenshots/layout/.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { chooseLanguage, overlappingChartText, smallText } from './helpers.mjs';

const shots = 'tests/e2e/screenshots/layout';
mkdirSync(shots, { recursive: true });

const pages = [
  ['dashboard', '/'],
  ['orgs', '/orgs'],
  ['branch', '/orgs/demo-b01'],
  ['orgs-import', '/orgs/import'],
  ['units', '/units'],
  ['coverage', '/units/coverage'],
  ['shells', '/units/shells'],
  ['instructors', '/instructors'],
  ['instructors-year', '/instructors/year'],
  ['requests', '/requests'],
  ['members', '/members'],
  ['pipeline', '/members/pipeline'],
  ['mobile', '/members/mobile'],
  ['dues', '/members/dues'],
  ['member-ratings', '/members/ratings'],
  ['monthly', '/monthly'],
  ['sheet', '/monthly/demo-b02/2026-11'],
  ['tasks', '/tasks'],
  ['quarterly', '/quarterly'],
  ['report', '/quarterly/demo-b04?period=2026-Q3'],
  ['ledger', '/ledger'],
  ['ledger-branch', '/ledger/demo-b01'],
  ['ledger-new', '/ledger/demo-b01/new'],
  ['packages', '/packages'],
  ['settings', '/settings'],
  ['rubric', '/settings/rubric'],
];

for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
  for (const locale of ['zh-CN', 'zh-TW', 'en']) {
    test(`every page at ${width}px in ${locale}`, async ({ page }) => {
      test.setTimeout(480_000);
      const trust = watchTrust(page);
      await page.setViewportSize({ width, height });
      await page.goto('/');
      await expect(page.locator('.app-header')).toBeVisible();
      await chooseLanguage(page, locale);
      for (const [name, path] of pages) {
        // In-app navigation, as a user moves: the router follows the history entry.
        await page.evaluate((path) => {
          history.pushState({}, '', path);
          dispatchEvent(new PopStateEvent('popstate', { state: {} }));
        }, path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expect(page.locator('.loading')).toHaveCount(0);
        await page.waitForTimeout(150);
        await page.screenshot({ path: `${shots}/${name}-${locale}-${width}.png`, fullPage: true });
        const at = `${name} (${path}) in ${locale} at ${width}px`;
        // While filling in a sheet the live score stays on screen: beside the indicators where
        // there is room, in a bar pinned to the bottom of the screen where there is not.
        if (name === 'sheet') {
          await page.evaluate(() => window.scrollTo(0, 0));
          const score = page.getByTestId(width < 900 ? 'sheet-scorebar' : 'live-score');
          await expect.soft(score, `${at}: live score in sight`).toBeInViewport();
          if (width < 900) await expect.soft(score).toContainText(await page.getByTestId('live-score').textContent());
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect.soft(overflow, `${at}: wider than the screen`).toBeLessThanOrEqual(0);
        expect.soft(await smallText(page), `${at}: text under 12 px`).toEqual([]);
        expect.soft(await overlappingChartText(page), `${at}: chart labels over each other`).toEqual([]);
        if (width >= 1024) {
          const header = await page.locator('.app-header').boundingBox();
          expect.soft(header.height, `${at}: header height`).toBeLessThanOrEqual(80);
        }
        if (width <= 1024) {
          const small = await page.locator('.app-header a, .app-header button, .btn, select, input:not([type=checkbox]):not([type=radio]):not(.visually-hidden), .table td a').evaluateAll((els) =>
            els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim() || e.id, Math.round(e.getBoundingClientRect().height)]).filter(([, h]) => h < 44));
          expect.soft(small, `${at}: touch targets`).toEqual([]);
        }
        // axe costs most of the time here: every page in Chinese at each width, and at the
        // tablet width in the other two languages (the markup is the same, the lengths differ).
        if (locale === 'zh-CN' || width === 1024) {
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
          const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          expect.soft(serious, `${at}: accessibility`).toEqual([]);
        }
      }
      await trust.check(`every page in ${locale} at ${width}px`);
    });
  }
}

/// Issue #19's strict CSP: whatever a page does, the policy in index.html refuses nothing it
/// needs (no violation reported), and nothing is asked of another origin.
function watchTrust(page) {
  const home = new URL(test.info().project.use.baseURL).origin;
  const outside = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['blob:', 'data:'].includes(url.protocol) && url.origin !== home) outside.push(request.url());
  });
  // Chromium reports every refusal on the console, across page loads.
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text().slice(0, 200));
  });
  return {
    async check(at) {
      expect.soft(refused, `${at}: CSP violations`).toEqual([]);
      expect.soft(outside, `${at}: requests to another origin`).toEqual([]);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect.soft(policy, `${at}: the CSP is in place`).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    },
  };
}

// The kiosk's screens, in every language at each size: a wall display at 1920 is read from a few
// metres, so nothing there is under 16 px; a tablet or phone used as one keeps the 12 px floor.
const kioskScreens = ['stars', 'rankings', 'radars', 'ledger', 'commendations', 'coverage'];
for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
  test(`every kiosk screen at ${width}px in all three languages`, async ({ browser }, testInfo) => {
    test.setTimeout(240_000);
    for (const locale of ['zh-CN', 'zh-TW', 'en']) {
      // A browser of its own per language: a kiosk holds its browser until the PIN is given.
      // Without the fade-in, so that axe and the screenshot see the screen as it stays.
      const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, viewport: { width, height }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const trust = watchTrust(page);
      await page.goto('/');
      await expect(page.locator('.app-header')).toBeVisible();
      await chooseLanguage(page, locale);
      for (const screen of kioskScreens) {
        await page.goto(`/kiosk?interval_ms=3600000&screen=${screen}`);
        await expect(page.getByTestId('kiosk')).toHaveAttribute('data-screen', screen);
        await expect(page.locator('.loading')).toHaveCount(0);
        await page.waitForTimeout(150);
        await page.screenshot({ path: `${shots}/kiosk-${screen}-${locale}-${width}.png` });
        const at = `kiosk ${screen} in ${locale} at ${width}px`;
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect.soft(overflow, `${at}: wider than the screen`).toBeLessThanOrEqual(0);
        expect.soft(await smallText(page, width >= 1920 ? 16 : 12), `${at}: text too small`).toEqual([]);
        expect.soft(await overlappingChartText(page), `${at}: chart labels over each other`).toEqual([]);
        if (locale === 'zh-CN') {
          const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
          const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
          expect.soft(serious, `${at}: accessibility`).toEqual([]);
        }
      }
      await trust.check(`the kiosk in ${locale} at ${width}px`);
      await context.close();
    }
  });
}
