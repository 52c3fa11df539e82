// Settings warns when the browser's storage is 80 % full. The quota cannot be filled reliably
// in a test, so the browser's own estimate is replaced for the nearly-full case.
import { test, expect } from '@playwright/test';

test('no warning with room to spare', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('storage-state')).toBeVisible();
  await expect(page.getByTestId('quota-warning')).toHaveCount(0);
});

test('a nearly full storage is announced with what to do', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.storage.estimate = async () => ({ usage: 90 * 1048576, quota: 100 * 1048576 });
  });
  await page.goto('/settings');
  await expect(page.getByTestId('quota-warning')).toContainText('90%');
  await expect(page.getByTestId('quota-warning')).toContainText('下载备份');
});
