// Local roles on a shared device: the administrator sets PINs; a branch secretary keeps only the
// own branch; a viewer changes nothing; wrong PINs lock out (also across a reload); leaving the
// kiosk needs the administrator's PIN.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

async function setPin(page, role, pin) {
  const row = page.getByTestId(`pin-row-${role}`);
  await row.getByTestId('pin-edit').click();
  await row.getByTestId('pin-new').fill(pin);
  await row.getByTestId('pin-repeat').fill(pin);
  await row.getByTestId('pin-save').click();
  await expect(row.getByTestId('pin-state')).toHaveText('已设置 PIN 码');
}

async function switchTo(page, role, { pin, branch } = {}) {
  await page.getByTestId('role-badge').click();
  const dialog = page.getByTestId('role-dialog');
  await dialog.getByTestId(`role-${role}`).check();
  if (branch) await dialog.getByTestId('role-branch').selectOption({ label: branch });
  if (pin !== undefined) await dialog.getByTestId('role-pin').fill(pin);
  await dialog.getByTestId('role-submit').click();
}

test('PINs, a secretary limited to the own branch, a read-only viewer and the lock-out', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'admin');
  const section = page.getByTestId('roles-section');
  await expect(section).toContainText('开发者工具');

  // A PIN must be 4–12 digits, typed twice alike; nothing is saved otherwise.
  const admin = page.getByTestId('pin-row-admin');
  await admin.getByTestId('pin-edit').click();
  await admin.getByTestId('pin-new').fill('12');
  await admin.getByTestId('pin-repeat').fill('12');
  await admin.getByTestId('pin-save').click();
  await expect(admin.getByTestId('pin-error')).toHaveText('PIN 码为 4–12 位数字。');
  await admin.getByTestId('pin-new').fill('2468');
  await admin.getByTestId('pin-repeat').fill('2469');
  await admin.getByTestId('pin-save').click();
  await expect(admin.getByTestId('pin-error')).toHaveText('两次输入的 PIN 码不一致。');
  await expect(admin.getByTestId('pin-state')).toHaveText('未设置 PIN 码');
  await admin.getByTestId('pin-edit').click();

  await setPin(page, 'admin', '2468');
  await setPin(page, 'secretary', '1357');
  const results = await new AxeBuilder({ page }).include('[data-testid=roles-section]').analyze();
  expect(results.violations).toEqual([]);

  // The administrator becomes the secretary of 一车间党支部 without a PIN.
  await switchTo(page, 'secretary', { branch: '一车间党支部' });
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'secretary');
  await expect(page.getByTestId('role-badge')).toContainText('一车间党支部');
  await expect(page.getByTestId('not-permitted')).toContainText('党委管理员');
  await expect(page.getByTestId('roles-section')).toHaveCount(0);

  // Own branch: the sheet can be filled; another branch's sheet is read-only.
  await page.goto('/monthly/demo-b01/2026-12');
  await expect(page.getByRole('button', { name: '提交审核' })).toBeVisible();
  await page.goto('/monthly/demo-b02/2026-12');
  await expect(page.getByRole('button', { name: '提交审核' })).toHaveCount(0);
  await expect(page.getByTestId('not-permitted')).toBeVisible();
  // The ledger of another branch offers no new record; the own one does.
  await page.goto('/ledger/demo-b02');
  await expect(page.getByRole('link', { name: '+ 新增记录' })).toHaveCount(0);
  await page.goto('/ledger/demo-b01');
  await expect(page.getByRole('link', { name: '+ 新增记录' }).first()).toBeVisible();
  // No decisions: the quarter cannot be approved, the rubric not edited.
  await page.goto('/quarterly');
  await expect(page.getByTestId('approve')).toHaveCount(0);
  await page.goto('/settings/rubric');
  await expect(page.getByTestId('rubric-form')).toHaveCount(0);
  await expect(page.getByTestId('not-permitted')).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/monthly/demo-b02/2026-12');
  await expect(page.getByTestId('not-permitted')).toBeVisible();
  await page.screenshot({ path: `${shots}/roles-secretary-1024.png`, fullPage: false });
  await page.goto('/settings');
  await expect(page.getByTestId('not-permitted')).toBeVisible();
  await page.getByTestId('role-badge').click();
  await page.screenshot({ path: `${shots}/roles-dialog-1024.png`, fullPage: false });
  await page.keyboard.press('Escape');

  // The viewer changes nothing, and says so.
  await switchTo(page, 'viewer');
  await expect(page.getByTestId('read-only-banner')).toBeVisible();
  await page.goto('/orgs');
  await expect(page.getByRole('link', { name: '+ 新建党组织' })).toHaveCount(0);
  await page.goto('/tasks');
  await expect(page.getByTestId('new-task')).toHaveCount(0);

  // Back to administrator: the PIN is asked; three wrong tries lock out, also after a reload.
  await switchTo(page, 'admin', { pin: '0000' });
  await expect(page.getByTestId('role-error')).toHaveText('PIN 码不正确。');
  const dialog = page.getByTestId('role-dialog');
  await dialog.getByTestId('role-pin').fill('1111');
  await dialog.getByTestId('role-submit').click();
  await expect(page.getByTestId('role-error')).toHaveText('PIN 码不正确。');
  await dialog.getByTestId('role-pin').fill('2222');
  await dialog.getByTestId('role-submit').click();
  await expect(page.getByTestId('role-error')).toContainText('请 30 秒后再试');
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: `${shots}/roles-lockout-375.png`, fullPage: false });
  await page.reload();
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'viewer');
  await switchTo(page, 'admin', { pin: '2468' });
  await expect(page.getByTestId('role-error')).toContainText('错误次数过多');
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'viewer');

  // Time passes (the lock-out is stored; move it into the past rather than wait 30 s).
  await page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('starbranch');
    open.onsuccess = () => {
      const tx = open.result.transaction('meta', 'readwrite');
      const store = tx.objectStore('meta');
      const get = store.get('pin_lockout');
      get.onsuccess = () => {
        const value = JSON.parse(get.result.value);
        value.admin.until_ms = 0;
        store.put({ key: 'pin_lockout', value: JSON.stringify(value) });
      };
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await page.getByTestId('role-dialog').getByTestId('role-pin').fill('2468');
  await page.getByTestId('role-dialog').getByTestId('role-submit').click();
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', 'admin');
  await expect(page.getByTestId('read-only-banner')).toHaveCount(0);
});

test('leaving the kiosk needs the administrator PIN', async ({ page }) => {
  await page.goto('/settings');
  await setPin(page, 'admin', '8642');
  await page.goto('/kiosk');
  await expect(page.getByTestId('kiosk')).toBeVisible();
  await page.getByTestId('kiosk-leave').click();
  const dialog = page.getByTestId('admin-pin-dialog');
  await dialog.getByTestId('admin-pin').fill('1234');
  await dialog.getByTestId('admin-pin-submit').click();
  await expect(dialog.getByTestId('admin-pin-error')).toHaveText('PIN 码不正确。');
  await expect(page.getByTestId('kiosk')).toBeVisible();
  await dialog.getByTestId('admin-pin').fill('8642');
  await dialog.getByTestId('admin-pin-submit').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.app-header')).toBeVisible();
});
