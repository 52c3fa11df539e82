// Backup and restore: the whole database goes into one file and comes back exactly; a file that
// was changed or cut off is refused with its reason and changes nothing.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'starbranch-backup-'));

async function downloadBackup(page) {
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  await expect(section).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载备份' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^starbranch-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = join(work, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: '已下载备份' })).toBeVisible();
  return file;
}

async function orgTree(page) {
  await page.goto('/orgs');
  await page.getByLabel('显示已归档').check();
  const tree = page.getByTestId('org-tree');
  await expect(tree).toContainText('党支部');
  return tree.innerText();
}

test('download a backup, change data, restore the file: everything is as before', async ({ page }) => {
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  await expect(section.getByTestId('last-backup')).toHaveText('从未备份');
  await expect(section.getByTestId('backup-reminder')).toContainText('还没有做过备份');

  const file = await downloadBackup(page);
  await expect(section.getByTestId('last-backup')).not.toHaveText('从未备份');
  await expect(section.getByTestId('backup-reminder')).toHaveCount(0);
  const backup = JSON.parse(readFileSync(file, 'utf8'));
  expect(backup.format).toBe('starbranch.backup');
  expect(backup.sha256).toMatch(/^[0-9a-f]{64}$/);
  const before = await orgTree(page);

  // Change the data: rename one branch, archive another.
  await page.goto('/orgs/demo-b01');
  await page.locator('#org-name').fill('改名后的支部');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  await page.goto('/orgs/demo-b08');
  await page.getByRole('button', { name: '归档' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '归档' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已归档' })).toBeVisible();
  expect(await orgTree(page)).not.toBe(before);

  // Restore: preview first, then a confirmation that names what is replaced.
  await page.goto('/settings');
  await section.getByLabel('从文件恢复').setInputFiles(file);
  const preview = section.getByTestId('backup-preview');
  await expect(preview).toBeVisible();
  await expect(preview.getByTestId('backup-schema')).toHaveText('7');
  await expect(preview.locator('tr[data-store="orgs"] td')).toHaveText(String(backup.stores.orgs.length));
  await expect(preview.locator('tr[data-store="evaluations"] td')).toHaveText(String(backup.stores.evaluations.length));
  // The demo district's instructors and requests travel with the rest.
  expect(backup.stores.instructors.length).toBe(8);
  expect(backup.stores.requests.length).toBe(16);
  await expect(preview.locator('tr[data-store="instructor_reports"] td')).toHaveText(String(backup.stores.instructor_reports.length));
  const axe = await new AxeBuilder({ page }).include('[data-testid="backup-section"]').analyze();
  expect(axe.violations).toEqual([]);

  await preview.getByRole('button', { name: '用此备份替换当前数据…' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('不能撤销');
  await dialog.getByRole('button', { name: '替换数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复全部数据' })).toBeVisible();
  await expect(section.getByTestId('backup-preview')).toHaveCount(0);

  expect(await orgTree(page)).toBe(before);
  await expect(page.getByTestId('org-tree')).not.toContainText('改名后的支部');

  // The restored data backs up to the same content.
  const again = JSON.parse(readFileSync(await downloadBackup(page), 'utf8'));
  expect(again.stores).toEqual(backup.stores);
});

test('a changed or cut-off file is refused with its reason and nothing changes', async ({ page }) => {
  const file = await downloadBackup(page);
  const text = readFileSync(file, 'utf8');
  const tampered = join(work, 'tampered.json');
  writeFileSync(tampered, text.replace('一车间党支部', '篡改的支部'));
  const truncated = join(work, 'truncated.json');
  writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
  const before = await orgTree(page);

  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  for (const [path, reason] of [[tampered, '校验值不符'], [truncated, '文件不完整']]) {
    await section.getByLabel('从文件恢复').setInputFiles(path);
    const refused = section.getByRole('alert').filter({ hasText: '未恢复' });
    await expect(refused).toContainText(reason);
    await expect(refused).toContainText('当前数据没有改动');
    await expect(section.getByTestId('backup-preview')).toHaveCount(0);
    await expect(section.getByRole('button', { name: '用此备份替换当前数据…' })).toHaveCount(0);
  }
  expect(await orgTree(page)).toBe(before);
  await expect(page.getByTestId('org-tree')).not.toContainText('篡改的支部');
});

test('the reminder follows the chosen limits: after N changes it shows in Settings and on the dashboard', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('dashboard-backup-reminder')).toContainText('还没有做过备份');
  await downloadBackup(page);
  const section = page.getByTestId('backup-section');
  await expect(section.getByTestId('changes-since')).toHaveText('0');

  // Limits are checked before they are saved.
  const rule = section.getByTestId('reminder-rule');
  await rule.getByTestId('reminder-changes').fill('0');
  await rule.getByRole('button', { name: '保存' }).click();
  await expect(section.getByText('修改次数应为 1–10000')).toBeVisible();
  await rule.getByTestId('reminder-days').fill('7');
  await rule.getByTestId('reminder-changes').fill('2');
  await rule.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '备份提醒已保存' })).toBeVisible();

  await page.goto('/');
  await expect(page.getByTestId('dashboard-backup-reminder')).toHaveCount(0);
  // Two changes: two members' positions edited.
  for (const position of ['组织委员', '宣传委员']) {
    await page.goto('/orgs/demo-b01');
    await page.getByRole('button', { name: '编辑' }).first().click();
    const form = page.getByTestId('member-form');
    await form.getByLabel('党内职务').fill(position);
    await form.getByRole('button', { name: '保存' }).click();
    await expect(form).toHaveCount(0);
  }
  await page.goto('/');
  await expect(page.getByTestId('dashboard-backup-reminder')).toContainText('已有 2 处修改');
  await page.getByTestId('dashboard-backup-reminder').getByRole('link', { name: '前往备份' }).click();
  await expect(page.getByTestId('backup-section').getByTestId('changes-since')).toHaveText('2');
  await expect(page.getByTestId('reminder-days')).toHaveValue('7');
});

test('merging another device’s backup adds what is missing, keeps what is here, and twice changes nothing', async ({ page, browser }) => {
  // Another device (its own profile, its own database) adds a member and backs up.
  const other = await browser.newContext();
  const device = await other.newPage();
  await device.goto('/orgs/demo-b03');
  await device.getByRole('button', { name: '添加党员' }).click();
  await device.locator('#member-name').fill('合并测试');
  await device.locator('#member-birth').fill('1990-04-05');
  await device.locator('#member-joined').fill('2018-07-01');
  await device.getByTestId('member-form').getByRole('button', { name: '保存' }).click();
  await expect(device.getByTestId('member-table')).toContainText('合并测试');
  const file = await downloadBackup(device);
  await other.close();

  // Here, the same demo branch was renamed: that stays.
  await page.goto('/orgs/demo-b03');
  await page.locator('#org-name').fill('本机改名的支部');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();

  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  await section.getByLabel('从文件恢复').setInputFiles(file);
  await section.getByTestId('backup-merge').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(/将新增 \d+ 条记录/);
  await dialog.getByRole('button', { name: '合并到本机数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已合并' })).toBeVisible();

  await page.goto('/orgs/demo-b03');
  await expect(page.getByTestId('member-table')).toContainText('合并测试');
  await expect(page.locator('#org-name')).toHaveValue('本机改名的支部');

  await page.goto('/settings');
  await section.getByLabel('从文件恢复').setInputFiles(file);
  await section.getByTestId('backup-merge').click();
  await expect(page.getByRole('status').filter({ hasText: '无需合并' })).toBeVisible();
});
