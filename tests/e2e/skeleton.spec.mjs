// User journeys of the walking skeleton, in real headless Chromium against the release build.
// Every test gets a fresh browser profile, so it starts from the demo organisation.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, writeFileSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

async function openApp(page, path = '/') {
  await page.goto(path);
  await expect(page.locator('.app-header')).toBeVisible();
}

test('first start shows the demo dashboard, and how fast', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('dashboard-cards')).toBeVisible();
  await expect(page.getByTestId('dashboard-cards')).toContainText('20');
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const fcp = performance.getEntriesByName('first-contentful-paint')[0];
    return { dashboardVisibleMs: Math.round(performance.now()), firstContentfulPaintMs: fcp ? Math.round(fcp.startTime) : null, domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd) };
  });
  console.log('dashboard timing', JSON.stringify(timing));
  mkdirSync('target', { recursive: true });
  writeFileSync('target/e2e-timing.json', JSON.stringify(timing, null, 1));
  await expect(page).toHaveTitle('星级党支部评星定级');
});

test('create a committee, a branch and two members, reload and see them', async ({ page }) => {
  await openApp(page, '/orgs/new');
  await page.locator('#org-kind').selectOption('committee');
  await page.locator('#org-parent').selectOption('');
  await page.locator('#org-name').fill('滨江区机关工委');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存：滨江区机关工委' })).toBeVisible();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}$/);

  await page.getByRole('link', { name: '添加下级组织' }).click();
  await expect(page).toHaveURL(/kind=branch/);
  await page.locator('#org-name').fill('滨江一支部');
  await page.locator('#org-category').selectOption('market');
  await page.locator('#org-secretary').fill('林书记');
  await page.locator('#org-founded').fill('2019-05-04');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('heading', { name: '党员名册' })).toBeVisible();

  for (const [name, birth, joined] of [['林晓', '1985-02-03', '2010-06-30'], ['周舟', '1992-11-12', '2016-07-01']]) {
    await page.getByRole('button', { name: '添加党员' }).click();
    await page.locator('#member-name').fill(name);
    await page.locator('#member-birth').fill(birth);
    await page.locator('#member-joined').fill(joined);
    await page.getByTestId('member-form').getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('member-table')).toContainText(name);
  }

  await page.reload();
  await expect(page.getByTestId('member-table')).toContainText('林晓');
  await expect(page.getByTestId('member-table')).toContainText('周舟');
  await expect(page.locator('#org-name')).toHaveValue('滨江一支部');
  await expect(page.locator('#org-category')).toHaveValue('market');

  await page.goto('/orgs');
  const tree = page.getByTestId('org-tree');
  await expect(tree).toContainText('滨江区机关工委');
  await expect(tree).toContainText('滨江一支部');
  await page.getByTestId('org-search').fill('滨江一');
  await expect(tree.locator('tbody tr')).toHaveCount(1);
});

test('language switch shows zh-TW and en navigation and persists', async ({ page }) => {
  await openApp(page);
  const nav = page.locator('#app-nav');
  await expect(nav).toContainText('组织管理');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(nav).toContainText('組織管理');
  await expect(nav).toContainText('電子台賬');
  await page.getByTestId('language').selectOption('en');
  await expect(nav).toContainText('Organisations');
  await expect(nav).toContainText('Quarterly rating');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.locator('#app-nav')).toContainText('Monthly evaluation');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

test('the header is one row at every width and language; where the links do not fit the navigation is a menu', async ({ page }) => {
  await openApp(page);
  const header = page.locator('.app-header');
  const toggle = page.getByTestId('nav-toggle');
  const quarterly = page.locator('.app-nav a[href="/quarterly"]');
  for (const locale of ['zh-CN', 'zh-TW', 'en']) {
    await page.getByTestId('language').selectOption(locale);
    for (const [width, height] of [[1920, 1080], [1280, 720], [1024, 768], [375, 812]]) {
      await page.setViewportSize({ width, height });
      const box = await header.boundingBox();
      expect(box.height, `header height, ${locale} at ${width}px`).toBeLessThanOrEqual(80);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${locale} at ${width}px fits`).toBeLessThanOrEqual(0);
      if (width >= (locale === 'en' ? 1920 : 1280)) {
        await expect(toggle).toBeHidden();
        await expect(quarterly).toBeVisible();
        // Every link on the bar's one row, none cut.
        const rows = await page.locator('.app-nav a').evaluateAll((links) => new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size);
        expect(rows, `${locale} at ${width}px: links in one row`).toBe(1);
        const cut = await page.locator('.app-nav a').evaluateAll((links) => links.filter((a) => a.scrollWidth > a.clientWidth || a.getBoundingClientRect().right > window.innerWidth).length);
        expect(cut, `${locale} at ${width}px: links cut`).toBe(0);
      } else {
        await expect(toggle).toBeVisible();
        await expect(toggle).toHaveAttribute('aria-expanded', 'false');
        await expect(quarterly).toBeHidden();
      }
    }
  }

  // The menu at phone width: opened by the button, closed by Escape, and by following a link.
  await page.getByTestId('language').selectOption('zh-CN');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(quarterly).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(quarterly).toBeHidden();
  await toggle.click();
  await quarterly.click();
  await expect(page).toHaveURL(/\/quarterly$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('季度评星');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(quarterly).toBeHidden();
  await page.screenshot({ path: `${shots}/header-menu-375.png` });
  await toggle.click();
  await page.screenshot({ path: `${shots}/header-menu-open-375.png` });
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
});

test('invalid forms show inline errors and write nothing', async ({ page }) => {
  await openApp(page, '/orgs');
  const rowsBefore = await page.getByTestId('org-tree').locator('tbody tr').count();

  await page.goto('/orgs/new?parent=demo-c&kind=branch');
  await page.locator('#org-name').fill('   ');
  await page.locator('#org-founded').fill('2099-01-01');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#org-name-error')).toHaveText('此项为必填项。');
  await expect(page.locator('#org-category-error')).toHaveText('党支部必须选择类别。');
  await expect(page.locator('#org-founded-error')).toHaveText('日期不能晚于今天。');
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toBeVisible();

  await page.locator('#org-name').fill('一车间党支部');
  await page.locator('#org-category').selectOption('production');
  await page.locator('#org-founded').fill('');
  await page.locator('#org-parent').selectOption('demo-g1');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#org-name-error')).toHaveText('同一上级下已有同名组织。');

  await page.goto('/orgs/demo-b01');
  await page.getByRole('button', { name: '添加党员' }).click();
  await page.locator('#member-name').fill('赵新');
  await page.locator('#member-birth').fill('1995-04-01');
  await page.locator('#member-joined').fill('1990-01-01');
  await page.getByTestId('member-form').getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#member-joined-error')).toHaveText('入党日期不能早于出生日期。');
  await expect(page.getByTestId('member-table')).not.toContainText('赵新');

  await page.goto('/orgs');
  await expect(page.getByTestId('org-tree').locator('tbody tr')).toHaveCount(rowsBefore);
});

test('archive asks for confirmation, keeps the branch, and can be undone', async ({ page }) => {
  await openApp(page, '/orgs/demo-b08');
  await page.getByRole('button', { name: '归档' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('物业公司党支部');
  await dialog.getByRole('button', { name: '归档' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已归档' })).toBeVisible();
  await page.goto('/orgs');
  await expect(page.getByTestId('org-tree')).not.toContainText('物业公司党支部');
  await page.getByLabel('显示已归档').check();
  await expect(page.getByTestId('org-tree')).toContainText('物业公司党支部');
  await page.goto('/orgs/demo-b08');
  await page.getByRole('button', { name: '恢复' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已恢复' })).toBeVisible();
});

test('every route survives a reload', async ({ page }) => {
  for (const [path, heading] of [['/orgs', '组织管理'], ['/monthly', '月度评价'], ['/quarterly', '季度评星'], ['/ledger', '电子台账'], ['/settings', '设置'], ['/orgs/demo-b03', '编辑党组织']]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
  }
  await page.goto('/settings');
  await expect(page.getByTestId('storage-state')).toContainText('2');
});

// The layout of every page at three widths and in three languages: layout.spec.mjs.
