// The committee's overview of the members' work (/members) over the demo district, and the
// branch package that carries a branch's members' records to the committee: the figures the
// demo's dues and mobile members give on their day, the links into the sections, the three
// languages, and a package of 星辰电子's branch that brings its roll and dues and, loaded on
// the same computer, changes nothing.
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { look } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'starbranch-members-'));
const XINGCHEN = 'demo-lb01';
const JINQIAO = 'demo-lb03';

function row(page, branch) {
  return page.getByTestId('members-overview').locator(`tr[data-branch="${branch}"]`);
}

test('the overview shows each branch\'s pipeline, dues and mobile members and leads into the sections', async ({ page }) => {
  await page.goto('/members');
  await expect(page.getByRole('heading', { level: 1, name: '党员工作概览' })).toBeVisible();
  const xingchen = row(page, XINGCHEN);
  await expect(xingchen).toBeVisible();
  // Dues run to November 2026: one member unpaid since June (prominent), one since September.
  await expect(xingchen.locator('[data-figure="unpaid"]')).toHaveText('2');
  await expect(xingchen.locator('[data-figure="unpaid"] a')).toHaveClass(/badge-danger/);
  // Away since June with the last report in August, and away since August with none.
  await expect(xingchen.locator('[data-figure="mobile_overdue"]')).toHaveText('1');
  await expect(row(page, JINQIAO).locator('[data-figure="mobile_overdue"]')).toHaveText('1');
  await expect(xingchen).toHaveClass(/row-attention/);
  await expect(page.getByTestId('members-attention')).toContainText('个支部有需要跟进的事项');
  // Members on the roll (not transferred out).
  const members = Number(await xingchen.locator('[data-figure="members"]').innerText());
  expect(members).toBeGreaterThan(0);
  await look(page, 'members-overview');

  await xingchen.locator('[data-figure="unpaid"] a').click();
  await expect(page).toHaveURL(/\/members\/dues/);
  await page.getByRole('navigation', { name: '党员工作分区' }).getByRole('link', { name: '概览' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await row(page, JINQIAO).locator('[data-figure="mobile_overdue"] a').click();
  await expect(page).toHaveURL(/\/members\/mobile/);
});

test('the overview in zh-TW and English', async ({ page }) => {
  await page.goto('/members');
  await expect(row(page, XINGCHEN)).toBeVisible();
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1, name: '黨員工作概覽' })).toBeVisible();
  await expect(page.getByTestId('members-overview').getByRole('columnheader', { name: '連續未繳' })).toBeVisible();
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: "Members' work at a glance" })).toBeVisible();
  await expect(page.getByTestId('members-overview').getByRole('columnheader', { name: 'Unpaid 3+ months' })).toBeVisible();
  await expect(page.getByTestId('members-attention')).toContainText('Branches with something to follow up');
  await look(page, 'members-overview-en');
});

test('a branch package carries the branch\'s members\' records and, loaded again here, changes nothing', async ({ page }) => {
  const month = '2026-11';
  await page.goto(`/packages?branch=${XINGCHEN}&month=${month}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('pkg-export-button').click()]);
  expect(download.suggestedFilename()).toBe(`starbranch-package-${XINGCHEN}-${month}.json`);
  const file = join(work, download.suggestedFilename());
  await download.saveAs(file);
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  expect(pkg.version).toBe(2);
  expect(pkg.members.roll.length).toBeGreaterThan(0);
  expect(pkg.members.roll.every((m) => m.branch === XINGCHEN)).toBe(true);
  expect(pkg.members.dues.length).toBeGreaterThan(0);
  expect(pkg.members.dues.every((d) => d.month === month && d.branch === XINGCHEN)).toBe(true);
  expect(pkg.members.mobile_periods.map((p) => p.id)).toContain('demo-mp1');

  await page.getByTestId('pkg-file').setInputFiles(file);
  await expect(page.getByTestId('pkg-card')).toBeVisible();
  await expect(page.getByTestId('pkg-no-change')).toBeVisible();
});
