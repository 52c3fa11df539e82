// Branch submission packages: two browser profiles (two separate IndexedDBs) — the branch
// secretary's tablet and the committee's computer — exchange a branch's month and the review
// statuses as files: checked, previewed item by item, conflicts resolved, applied once.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'starbranch-packages-'));
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d8e0b40000000049454e44ae426082', 'hex');

async function capture(page, click, name) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  expect(download.suggestedFilename()).toBe(name);
  const file = join(work, `${Date.now()}-${name}`);
  await download.saveAs(file);
  return file;
}

async function ready(page, path) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('a branch month goes to the committee and the statuses come back', async ({ browser }) => {
  const branchContext = await browser.newContext({ acceptDownloads: true });
  const committeeContext = await browser.newContext({ acceptDownloads: true });
  const secretary = await branchContext.newPage();
  const committee = await committeeContext.newPage();

  // The committee returns the demo branch's November sheet with a reason …
  await ready(committee, '/monthly/demo-b01/2026-11');
  await committee.getByRole('button', { name: '退回' }).click();
  await committee.locator('#sheet-reason').fill('请补充主题党日记录');
  await committee.getByRole('button', { name: '退回' }).click();
  await expect(committee.getByRole('status').filter({ hasText: '已退回' })).toBeVisible();

  // … and sends the month's statuses back as a package.
  await ready(committee, '/packages');
  await committee.getByTestId('pkg-statuses-month').fill('2026-11');
  const statuses = await capture(committee, () => committee.getByTestId('pkg-statuses-button').click(), 'starbranch-statuses-2026-11.json');
  const statusesDoc = JSON.parse(readFileSync(statuses, 'utf8'));
  expect(statusesDoc.format).toBe('starbranch.package');
  expect(statusesDoc.kind).toBe('statuses');
  expect(statusesDoc.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(statusesDoc.statuses).toEqual([{ branch: 'demo-b01', status: 'returned', reason: '请补充主题党日记录' }]);

  // The secretary imports it: one conflict (submitted here, returned there), taken.
  await ready(secretary, '/packages');
  await secretary.getByTestId('pkg-file').setInputFiles(statuses);
  const statusCard = secretary.getByTestId('pkg-card');
  await expect(statusCard.locator('[data-testid=pkg-item][data-state=conflict]')).toHaveCount(1);
  await expect(statusCard.locator('tr[data-field=status] .pkg-ours')).toHaveText('已提交');
  await expect(statusCard.locator('tr[data-field=status] .pkg-theirs')).toHaveText('已退回');
  await secretary.getByTestId('pkg-all-theirs').click();
  await secretary.getByTestId('pkg-apply').click();
  await expect(secretary.getByTestId('pkg-result')).toContainText('已导入 1 条记录');
  await ready(secretary, '/monthly/demo-b01/2026-11');
  await expect(secretary.getByTestId('sheet')).toContainText('已退回');
  await expect(secretary.getByTestId('sheet-history')).toContainText('请补充主题党日记录');
  await expect(secretary.getByTestId('sheet-history')).toContainText('从支部数据包导入');

  // The secretary corrects a score, resubmits, and records the theme day with its photo.
  await secretary.locator('#score-team-leadership').fill('6.5');
  // The demo's ledger-scored indicator differs from what this empty ledger computes: give a reason.
  const override = secretary.locator('#override-mgmt-org_life');
  if (await override.count()) await override.fill('纸质台账已核实');
  await secretary.getByRole('button', { name: '提交审核' }).click();
  await expect(secretary.getByRole('status').filter({ hasText: '已提交' })).toBeVisible();
  await ready(secretary, '/ledger/demo-b01/new?date=2026-11-20');
  await secretary.locator('#ledger-date').fill('2026-11-20');
  await secretary.locator('#ledger-kind').selectOption('theme_day');
  await secretary.locator('#ledger-topic').fill('主题党日:重温入党誓词');
  await secretary.getByTestId('all-present').click();
  await secretary.getByTestId('ledger-files').setInputFiles({ name: '合影.png', mimeType: 'image/png', buffer: PNG });
  await secretary.getByTestId('ledger-save').click();
  await expect(secretary.getByRole('status').filter({ hasText: '台账记录已保存' })).toBeVisible();

  // From the sheet: "export this branch's month".
  await ready(secretary, '/monthly/demo-b01/2026-11');
  await secretary.getByTestId('sheet-export-package').click();
  await expect(secretary).toHaveURL(/\/packages\?branch=demo-b01&month=2026-11$/);
  await expect(secretary.getByTestId('pkg-branch')).toHaveValue('demo-b01');
  const pkg = await capture(secretary, () => secretary.getByTestId('pkg-export-button').click(), 'starbranch-package-demo-b01-2026-11.json');
  const doc = JSON.parse(readFileSync(pkg, 'utf8'));
  expect(doc.kind).toBe('branch_month');
  expect(doc.sheet.status).toBe('submitted');
  expect(doc.ledger.map((r) => r.topic)).toEqual(['主题党日:重温入党誓词']);
  expect(doc.attachments[0].blob_base64).toBe(PNG.toString('base64'));
  expect(doc.device).not.toBe(statusesDoc.device); // one id per browser

  // The committee imports it: the sheet conflicts field by field, the ledger record is new.
  await ready(committee, '/packages');
  await committee.getByTestId('pkg-file').setInputFiles(pkg);
  const card = committee.getByTestId('pkg-card');
  await expect(card.locator('[data-testid=pkg-item][data-kind=sheet]')).toHaveAttribute('data-state', 'conflict');
  await expect(card.locator('[data-testid=pkg-item][data-kind=ledger]')).toHaveAttribute('data-state', 'new');
  await expect(card.locator('tr[data-field=status] .pkg-ours')).toHaveText('已退回');
  await expect(card.locator('tr[data-field=status] .pkg-theirs')).toHaveText('已提交');
  await expect(card.locator('tr[data-field="scores.team.leadership"] .pkg-theirs')).toHaveText('6.5');
  // Fields are named in words, scores by their indicators.
  await expect(card.locator('tr[data-field="scores.team.leadership"] th')).toHaveText('班子建设的得分');
  await expect(card.locator('tr[data-field=status] th')).toHaveText('审核状态');
  const axe = await new AxeBuilder({ page: committee }).include('[data-testid="pkg-import"]').analyze();
  expect(axe.violations).toEqual([]);
  await card.getByTestId('pkg-choice').getByLabel('采用数据包').check();
  await committee.getByTestId('pkg-apply').click();
  await expect(committee.getByTestId('pkg-result')).toContainText('已导入 2 条记录');

  // The committee sees the data.
  await ready(committee, '/monthly/demo-b01/2026-11');
  await expect(committee.getByTestId('sheet')).toContainText('已提交');
  await expect(committee.locator('#score-team-leadership')).toHaveValue('6.5');
  await ready(committee, '/ledger/demo-b01?month=2026-11');
  await expect(committee.getByRole('main')).toContainText('主题党日:重温入党誓词');

  // The same package again: nothing to change, nothing written.
  await ready(committee, '/packages');
  await committee.getByTestId('pkg-file').setInputFiles(pkg);
  await expect(committee.getByTestId('pkg-no-change')).toBeVisible();
  // The sheet, the ledger record and the branch's roll (its members' records) are all identical.
  await expect(committee.locator('[data-testid=pkg-item][data-kind=sheet][data-state=identical]')).toHaveCount(1);
  await expect(committee.locator('[data-testid=pkg-item][data-kind=ledger][data-state=identical]')).toHaveCount(1);
  expect(await committee.locator('[data-testid=pkg-item][data-kind=roll][data-state=identical]').count()).toBeGreaterThan(0);
  await expect(committee.locator('[data-testid=pkg-item]:not([data-state=identical])')).toHaveCount(0);
  await committee.getByTestId('pkg-apply').click();
  await expect(committee.getByTestId('pkg-result')).toContainText('没有需要导入的变化');

  await branchContext.close();
  await committeeContext.close();
});

test('a branch secretary takes in the own branch only: other branches are listed, never written', async ({ browser }) => {
  const branchContext = await browser.newContext({ acceptDownloads: true });
  const committeeContext = await browser.newContext({ acceptDownloads: true });
  const secretary = await branchContext.newPage();
  const committee = await committeeContext.newPage();

  // The committee returns two branches' November sheets and sends the statuses.
  for (const branch of ['demo-b01', 'demo-b02']) {
    await ready(committee, `/monthly/${branch}/2026-11`);
    await committee.getByRole('button', { name: '退回' }).click();
    await committee.locator('#sheet-reason').fill(`请补充 ${branch} 的签到表`);
    await committee.getByRole('button', { name: '退回' }).click();
    await expect(committee.getByRole('status').filter({ hasText: '已退回' })).toBeVisible();
  }
  await ready(committee, '/packages');
  await committee.getByTestId('pkg-statuses-month').fill('2026-11');
  const statuses = await capture(committee, () => committee.getByTestId('pkg-statuses-button').click(), 'starbranch-statuses-2026-11.json');

  // The tablet is the secretary's of 一车间党支部 (demo-b01).
  await ready(secretary, '/settings');
  await secretary.getByTestId('role-badge').click();
  const dialog = secretary.getByTestId('role-dialog');
  await dialog.getByTestId('role-secretary').check();
  await dialog.getByTestId('role-branch').selectOption({ label: '一车间党支部' });
  await dialog.getByTestId('role-submit').click();
  await expect(secretary.getByTestId('role-badge')).toHaveAttribute('data-role', 'secretary');

  await ready(secretary, '/packages');
  await expect(secretary.getByTestId('pkg-own-branch')).toContainText('一车间党支部');
  await secretary.getByTestId('pkg-file').setInputFiles(statuses);
  const card = secretary.getByTestId('pkg-card');
  await expect(card.locator('[data-testid=pkg-item][data-state=conflict]')).toHaveCount(1);
  await expect(card.locator('[data-testid=pkg-item][data-state=other-branch]')).toHaveCount(1);
  await expect(card.locator('[data-testid=pkg-item][data-state=other-branch]')).toContainText('其他支部，不导入');
  await secretary.getByTestId('pkg-all-theirs').click();
  await secretary.getByTestId('pkg-apply').click();
  await expect(secretary.getByTestId('pkg-result')).toContainText('已导入 1 条记录');
  await ready(secretary, '/monthly/demo-b01/2026-11');
  await expect(secretary.getByTestId('sheet')).toContainText('已退回');
  await ready(secretary, '/monthly/demo-b02/2026-11');
  await expect(secretary.getByTestId('sheet')).not.toContainText('已退回');

  // Another branch's month package is refused as a whole.
  await ready(committee, '/packages?branch=demo-b02&month=2026-10');
  const other = await capture(committee, () => committee.getByTestId('pkg-export-button').click(), 'starbranch-package-demo-b02-2026-10.json');
  await ready(secretary, '/packages');
  await secretary.getByTestId('pkg-file').setInputFiles(other);
  await expect(secretary.getByTestId('pkg-card')).toContainText('支部书记只能导入本支部的数据包');
  await expect(secretary.getByTestId('pkg-apply')).toBeDisabled();

  await branchContext.close();
  await committeeContext.close();
});

test('several files at once: a damaged one is refused with its reason, a dropped one is read', async ({ page }) => {
  await ready(page, '/packages?branch=demo-b02&month=2026-10');
  const good = await capture(page, () => page.getByTestId('pkg-export-button').click(), 'starbranch-package-demo-b02-2026-10.json');
  const text = readFileSync(good, 'utf8');
  const tampered = join(work, 'tampered.json');
  writeFileSync(tampered, text.replace('"2026-10"', '"2026-09"'));
  const truncated = join(work, 'truncated.json');
  writeFileSync(truncated, text.slice(0, 40));

  await page.getByTestId('pkg-file').setInputFiles([good, tampered, truncated]);
  await expect(page.getByTestId('pkg-card')).toHaveCount(1);
  const refused = page.getByTestId('pkg-file-refused');
  await expect(refused).toHaveCount(2);
  await expect(refused.nth(0)).toContainText('校验值不符');
  await expect(refused.nth(1)).toContainText('文件不完整');
  await expect(page.getByTestId('pkg-no-change')).toBeVisible();

  // Drag and drop onto the drop zone: the same package again is recognised as a duplicate.
  const transfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.getByTestId('pkg-drop').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('pkg-file-refused')).toHaveCount(3);
  await expect(page.getByTestId('pkg-file-refused').nth(2)).toContainText('同一个数据包');

  mkdirSync('scratch', { recursive: true });
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `scratch/packages-${width}.png`, fullPage: true });
  }
});
