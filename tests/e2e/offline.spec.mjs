// Offline-first: after one visit the service worker serves the whole app; data keeps working
// without a network. Installability as Chromium itself judges it.
import { test, expect, chromium } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test('load once, go offline, reload, create and edit data, reload again', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('dashboard-cards')).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId('dashboard-cards')).toContainText('20');

  await page.goto('/orgs/new?parent=demo-c&kind=branch');
  await page.locator('#org-name').fill('离线新建党支部');
  await page.locator('#org-category').selectOption('auxiliary');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();
  // Dismiss the creation's notice, so the one awaited below is the edit's own.
  await page.getByRole('button', { name: '关闭提示' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toHaveCount(0);
  await page.locator('#org-secretary').fill('离线书记');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

  await page.reload();
  await expect(page.locator('#org-secretary')).toHaveValue('离线书记');
  await page.goto('/quarterly');
  await expect(page.getByTestId('rating-table')).toContainText('一车间党支部');
  await context.setOffline(false);
});

test('Chromium finds the app installable', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'sb-install-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${process.env.E2E_PORT || 8123}/`);
    await expect(page.getByTestId('dashboard-cards')).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
  }
});

test('a new version is offered, and taken only when the user asks', async ({ page }) => {
  const { readFileSync, statSync, utimesSync, writeFileSync } = await import('node:fs');
  await page.goto('/');
  await expect(page.getByTestId('dashboard-cards')).toBeVisible();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const before = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL + '#' + performance.timeOrigin);

  // Publish a "new build": the worker script changes byte-wise.
  const original = readFileSync('dist/sw.js', 'utf8');
  const { atime, mtime } = statSync('dist/sw.js');
  writeFileSync('dist/sw.js', original.replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
  try {
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const banner = page.getByTestId('update-banner');
    await expect(banner).toContainText('新版本已就绪');
    // Nothing reloads by itself.
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL + '#' + performance.timeOrigin)).toBe(before);
    await Promise.all([page.waitForEvent('load'), banner.getByRole('button', { name: '重新加载' }).click()]);
    await expect(page.getByTestId('dashboard-cards')).toBeVisible();
    await expect(page.getByTestId('update-banner')).toHaveCount(0);
    const cacheNames = await page.evaluate(() => caches.keys());
    expect(cacheNames.some((n) => n.endsWith('-next'))).toBe(true);
    expect(cacheNames).toHaveLength(1);
  } finally {
    // As built, times included: the server's compressed copies are current again.
    writeFileSync('dist/sw.js', original);
    // (Through Date only milliseconds are kept: one less, so it is surely not newer than before.)
    utimesSync('dist/sw.js', atime, new Date(mtime.getTime() - 1));
  }
});

test('data survives closing and reopening the browser', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'sb-reopen-'));
  const options = {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  };
  const base = `http://127.0.0.1:${process.env.E2E_PORT || 8123}`;
  let context = await chromium.launchPersistentContext(profile, options);
  let page = await context.newPage();
  await page.goto(`${base}/orgs/demo-b02`);
  await page.locator('#org-contact').fill('0571-88886666');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await page.getByTestId('language').selectOption('en');
  await expect(page.locator('#app-nav')).toContainText('Organisations');
  await context.close();

  context = await chromium.launchPersistentContext(profile, options);
  try {
    page = await context.newPage();
    await page.goto(`${base}/orgs/demo-b02`);
    await expect(page.locator('#org-contact')).toHaveValue('0571-88886666');
    await expect(page.locator('#app-nav')).toContainText('Organisations');
  } finally {
    await context.close();
  }
});
