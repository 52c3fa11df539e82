// Editing the rubric makes a new version; bad rubrics are refused with every problem listed;
// evaluations made under the old version keep their scores.
import { test, expect } from '@playwright/test';

test('edit the rubric: a new version, validation, old scores kept', async ({ page }) => {
  await page.goto('/quarterly');
  const firstScore = await page.getByTestId('rating-table').locator('tbody tr').first().locator('td').nth(4).textContent();

  await page.goto('/settings');
  await page.getByRole('link', { name: '编辑考评体系' }).click();
  await expect(page).toHaveURL(/\/settings\/rubric$/);
  await expect(page.getByText('当前版本：default v1')).toBeVisible();

  // A row that no longer sums to 100 is refused, nothing saved.
  const teamProduction = page.getByLabel('生产类 · 星级队伍', { exact: true });
  await teamProduction.fill('21');
  await page.getByTestId('save-rubric').click();
  await expect(page.getByTestId('rubric-problems')).toContainText('权重合计为 101，应为 100');
  await expect(page.getByTestId('rubric-problems')).toContainText('生产类的权重');

  // A bad maximum is named by its indicator.
  await page.getByLabel('brand.influence · 满分').fill('9.125');
  await page.getByTestId('save-rubric').click();
  await expect(page.getByTestId('rubric-problems')).toContainText('brand.influence');
  await expect(page.getByTestId('rubric-problems')).toContainText('9.125 超过两位小数');

  await page.getByLabel('brand.influence · 满分').fill('10');
  await page.getByLabel('生产类 · 星级管理', { exact: true }).fill('24');
  await page.getByTestId('save-rubric').click();
  await expect(page.getByRole('status').filter({ hasText: '考评体系已保存并启用：default v2' })).toBeVisible();
  await page.reload();
  await expect(page.getByText('当前版本：default v2')).toBeVisible();
  await expect(page.getByLabel('生产类 · 星级队伍', { exact: true })).toHaveValue('21');

  // The demo's evaluations were made under v1 and are still scored under it.
  await page.goto('/quarterly');
  await expect(page.getByTestId('rating-table').locator('tbody tr').first().locator('td').nth(4)).toHaveText(firstScore);
  await page.goto('/settings');
  await expect(page.locator('#export-version')).toContainText('default v1（215 条月度评价）');
});
