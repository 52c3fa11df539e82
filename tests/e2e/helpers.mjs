// What the journeys share: screenshots at the three widths with their checks, the canonical JSON
// and seal of docs/FORMAT.md §9.2, dates as the app's clock counts them, and restoring a backup
// edited from this browser's own (the way a user moves data — never direct database writes).
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

// Screenshots at 1920×1080, 1024×768 and 375×812, each also checked for serious accessibility
// problems (WCAG A/AA) and for content wider than the screen.
export async function look(page, name) {
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = axe.violations
      .filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious, `${name} accessibility at ${width}px`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} fits ${width}px`).toBeLessThanOrEqual(0);
    expect(await smallText(page), `${name} text under 12 px at ${width}px`).toEqual([]);
    expect(await overlappingChartText(page), `${name} chart labels overlapping at ${width}px`).toEqual([]);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

// Visible text drawn smaller than 12 px on screen: CSS font size, times the SVG's scale for chart
// text (a chart's font size is in its own units and shrinks with the chart).
export function smallText(page, min = 12) {
  return page.evaluate((min) => {
    const found = [];
    const seen = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || seen.has(el)) continue;
      seen.add(el);
      const rect = el.getBoundingClientRect();
      // Visually hidden text (screen readers only) is clipped to a pixel.
      if (rect.width <= 1 || rect.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
      let size = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement && el.ownerSVGElement) {
        const m = el.getScreenCTM();
        size *= Math.hypot(m.a, m.b);
      }
      if (size < min - 0.25) found.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} “${node.textContent.trim().slice(0, 16)}” ${size.toFixed(1)} px`);
    }
    return found.slice(0, 8);
  }, min);
}

// Pairs of text in one chart whose boxes overlap by more than a pixel.
export function overlappingChartText(page) {
  return page.evaluate(() => {
    const found = [];
    for (const svg of document.querySelectorAll('svg')) {
      const boxes = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim())
        .map((t) => ({ text: t.textContent.trim(), r: t.getBoundingClientRect() }))
        .filter((b) => b.r.width > 0);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i].r, boxes[j].r];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 1 && h > 1) found.push(`“${boxes[i].text}” × “${boxes[j].text}”`);
        }
      }
    }
    return found.slice(0, 8);
  });
}

// A day `n` days before today, as YYYY-MM-DD in the browser's (and the app's) local time.
export const daysAgo = (n) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** The canonical form of docs/FORMAT.md §9.2: no white space, object members sorted by key. */
export function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `doc` with its `sha256` recomputed over the rest. */
export function seal(doc) {
  const { sha256: _, ...body } = doc;
  return { ...body, sha256: createHash('sha256').update(canonical(body), 'utf8').digest('hex') };
}

// Downloads this browser's backup through Settings (zh-CN UI), lets `edit(stores)` return the
// stores to restore, and restores the result through Settings.
export async function restoreEdited(page, edit) {
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载备份' }).click()]);
  const backup = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const stores = edit(backup.stores);
  const file = join(tmpdir(), `e2e-${Date.now()}-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(seal({ ...backup, stores })));
  await section.getByLabel('从文件恢复').setInputFiles(file);
  await section.getByTestId('backup-preview').getByRole('button', { name: '用此备份替换当前数据…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '替换数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复全部数据' })).toBeVisible();
}

/** Chooses the UI language and waits until the choice is stored (the switch shows at once; the
 *  write lands a moment later, and a reload before it would start in the old language). */
export async function chooseLanguage(page, tag) {
  await page.getByTestId('language').selectOption(tag);
  await page.waitForFunction((tag) => new Promise((resolve) => {
    const open = indexedDB.open('starbranch');
    open.onsuccess = () => {
      const get = open.result.transaction('meta').objectStore('meta').get('locale');
      get.onsuccess = () => { open.result.close(); resolve(get.result?.value === tag); };
      get.onerror = () => { open.result.close(); resolve(false); };
    };
    open.onerror = () => resolve(false);
  }), tag, { polling: 50 });
}
