// 党费收缴 as a branch secretary keeps it: the demo year of 星辰电子's branch read with its
// collection rate and the members flagged for months unpaid (6 or more prominently), a month
// entered on one screen by keyboard, a refused entry that writes nothing, the grid exported — in
// zh-CN, then read in zh-TW and English.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { daysAgo, look } from './helpers.mjs';

const BRANCH = 'demo-lb01';
const row = (page, k) => page.locator(`tr[data-member="${BRANCH}-m${k}"]`);

async function notice(page, text) {
  await expect(page.getByRole('status').filter({ hasText: text }).or(page.getByRole('alert').filter({ hasText: text })).first()).toBeVisible();
}

test('a month of dues entered by keyboard, a refused entry, flagged members and the export', async ({ page }) => {
  await page.goto(`/members/dues?branch=${BRANCH}&month=2026-11`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('党费收缴');
  // November: 168 of 205 yuan paid (two members unpaid) → 81.95 %.
  await expect(page.getByTestId('dues-rate-month').locator('.stat-value')).toHaveText('81.95%');
  await expect(page.getByTestId('dues-rate-month')).toContainText('实缴 168.00 元 / 应缴 205.00 元');
  const flags = page.getByTestId('dues-flag');
  await expect(flags).toHaveCount(2);
  await expect(flags.nth(0)).toHaveAttribute('data-flag', 'prominent');
  await expect(flags.nth(0)).toContainText('连续 6 个月未缴（2026-06—2026-11）');
  await expect(flags.nth(0)).toContainText('党章第九条');
  await expect(flags.nth(1)).toHaveAttribute('data-flag', 'flagged');
  await look(page, 'dues-november');

  // Across the year end: February shows the run from December 2025.
  await page.getByTestId('dues-month').fill('2026-02');
  await page.getByTestId('dues-month').dispatchEvent('change');
  await expect(page).toHaveURL(/month=2026-02/);
  await expect(flags).toHaveCount(1);
  await expect(flags.first()).toContainText('连续 3 个月未缴（2025-12—2026-02）');

  // December, not entered yet: the amounts due start from November's.
  const today = daysAgo(0);
  await page.goto(`/members/dues?branch=${BRANCH}&month=2026-12`);
  await expect(page.getByTestId('dues-rate-month').locator('.stat-value')).toHaveText('无应缴');
  await expect(row(page, 0).getByTestId('due')).toHaveValue('20.00');
  // A refused entry first: paid more than due.
  await row(page, 0).getByTestId('paid').fill('20');
  await row(page, 5).getByTestId('paid').fill('999');
  await row(page, 5).getByTestId('paid-on').fill(today);
  await page.getByTestId('dues-save').click();
  await notice(page, '有 2 处需要修改，本月党费未保存。');
  await expect(row(page, 5).locator('.field-error')).toHaveText('实缴不能多于应缴。');
  await expect(row(page, 0).locator('.field-error')).toHaveText('已缴纳的请填写缴纳日期。');
  await look(page, 'dues-refused');
  await page.reload();
  await expect(row(page, 0).getByTestId('paid')).toHaveValue('');
  await expect(page.getByTestId('dues-rate-month').locator('.stat-value')).toHaveText('无应缴');

  // By keyboard, in the grid's order: Enter and Tab move through the cells; "paid in full" too.
  const rows = page.getByTestId('dues-grid').locator('tbody tr');
  const fen = (text) => Math.round(Number(text) * 100);
  const due0 = await rows.nth(0).getByTestId('due').inputValue();
  const due2 = await rows.nth(2).getByTestId('due').inputValue();
  await rows.nth(0).getByTestId('paid').click();
  await page.keyboard.type(due0);
  await page.keyboard.press('Enter');
  await expect(rows.nth(0).getByTestId('paid-on')).toBeFocused();
  await page.keyboard.type(today);
  await page.keyboard.press('Enter');
  await expect(rows.nth(1).getByTestId('due')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(rows.nth(1).getByTestId('paid')).toBeFocused();
  await page.keyboard.type('10');
  await page.keyboard.press('Tab');
  await page.keyboard.type(today);
  await page.keyboard.press('Tab');
  await expect(rows.nth(1).getByTestId('paid-in-full')).toBeFocused();
  await rows.nth(2).getByTestId('paid-in-full').focus();
  await page.keyboard.press('Enter');
  await expect(rows.nth(2).getByTestId('paid')).toHaveValue(due2);
  await expect(rows.nth(2).getByTestId('paid-on')).toHaveValue(today);
  await page.getByTestId('dues-save').focus();
  await page.keyboard.press('Enter');
  await notice(page, '已保存 10 条党费记录。');
  // Paid ÷ 205 yuan due, to the hundredth of a percent, half up.
  const paid = fen(due0) + 1000 + fen(due2);
  const hundredths = Math.floor((2 * paid * 10000 + 20500) / (2 * 20500));
  await expect(page.getByTestId('dues-rate-month').locator('.stat-value')).toHaveText(`${(hundredths / 100).toFixed(2)}%`);
  const second = await rows.nth(1).getAttribute('data-member');
  await page.reload();
  await expect(page.locator(`tr[data-member="${second}"]`).getByTestId('paid')).toHaveValue('10.00');
  await expect(page.locator(`tr[data-member="${second}"]`)).toHaveClass(/dues-unpaid/);
  await expect(flags.nth(0)).toContainText('连续 7 个月未缴');
  await look(page, 'dues-december');

  // The grid as a spreadsheet.
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toMatch(/^党费收缴-.*-2026-12\.xlsx$/);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text).toContain('应缴（元）');
  expect(text).toContain(`,${today}`);
});

test('the dues read in zh-TW and English, and a refusal is worded there', async ({ page }) => {
  await page.goto(`/members/dues?branch=${BRANCH}&month=2026-11`);
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('黨費收繳');
  await expect(page.getByTestId('dues-flag').first()).toContainText('連續 6 個月未繳');
  await look(page, 'dues-zh-tw');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Party dues');
  await expect(page.getByTestId('dues-rate-month').locator('.stat-label')).toHaveText('Collection rate this month');
  await expect(page.getByTestId('dues-flag').first()).toContainText('6 months unpaid in a row (2026-06–2026-11)');
  await row(page, 3).getByTestId('paid').fill('-5');
  await row(page, 3).getByTestId('paid-on').fill('2026-10-31');
  await page.getByTestId('dues-save').click();
  await notice(page, 'problems to fix; nothing was saved.');
  await expect(row(page, 3).locator('.field-error').first()).toHaveText('The amount cannot be negative.');
  await look(page, 'dues-en');
  await page.reload();
  await expect(row(page, 3).getByTestId('paid')).toHaveValue('');
});
