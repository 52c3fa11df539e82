// The committee's quarter: adjust a branch's stars with a reason, approve and publish, reload —
// published and locked down to the monthly sheets; reopen with a reason, the earlier result kept.
import { test, expect } from '@playwright/test';

const table = (page) => page.getByTestId('rating-table');
const rowOf = (page, name) => table(page).locator('tbody tr', { hasText: name });

test('adjust, approve, reload: published and locked; reopen keeps the record', async ({ page }) => {
  await page.goto('/quarterly');
  await expect(page.getByTestId('period')).toHaveValue('2026-Q3');
  await expect(page.getByTestId('review-state')).toHaveText('审核中');
  const logistics = rowOf(page, '后勤服务党支部');
  await expect(logistics.getByRole('img')).toHaveAttribute('aria-label', '3 星');

  // An adjustment needs a reason and a name; refused ones change nothing.
  await logistics.getByRole('button', { name: '调整 后勤服务党支部 的星级' }).click();
  const form = page.getByTestId('adjust-form');
  await expect(page.locator('#adjust-stars')).toBeFocused();
  await page.locator('#adjust-stars').selectOption('4');
  await form.getByRole('button', { name: '保存调整' }).click();
  await expect(page.getByTestId('review-error')).toHaveText('请写明理由。');
  await page.locator('#adjust-reason').fill('线下质量验收:服务群众台账完整,群众满意度 98%');
  await form.getByRole('button', { name: '保存调整' }).click();
  await expect(page.getByTestId('review-error')).toHaveText('请填写审核人姓名。');
  await expect(logistics.getByRole('img')).toHaveAttribute('aria-label', '3 星');

  await page.locator('#reviewer').fill('李主任');
  await page.locator('#adjust-reason').fill('线下质量验收:服务群众台账完整,群众满意度 98%');
  await form.getByRole('button', { name: '保存调整' }).click();
  await expect(page.getByRole('status').filter({ hasText: '星级调整已保存' })).toBeVisible();
  await expect(logistics.getByRole('img')).toHaveAttribute('aria-label', '4 星');
  await expect(logistics).toContainText('由 3 星调整 · 线下质量验收');
  await expect(logistics).toContainText('李主任');

  // Sort by stars, descending: the adjusted branch sits among the 4-star ones.
  await page.getByRole('button', { name: /^星级/ }).click();
  await expect(table(page).locator('thead th[aria-sort="descending"]')).toContainText('星级');
  const order = await table(page).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.dataset.branch));
  expect(order.indexOf('demo-b04')).toBeLessThan(order.indexOf('demo-b06'));

  // Approve with confirmation.
  await page.getByTestId('approve').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('2026年第3季度');
  await dialog.getByRole('button', { name: '审批发布' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已审批发布 2026年第3季度' })).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('review-state')).toHaveText('已发布');
  await expect(page.getByTestId('publications')).toContainText('李主任');
  await expect(page.getByTestId('publications')).toContainText('default@1');
  await expect(rowOf(page, '后勤服务党支部').getByRole('img')).toHaveAttribute('aria-label', '4 星');
  await expect(table(page).getByRole('button', { name: /调整/ })).toHaveCount(0);
  await expect(page.getByTestId('approve')).toHaveCount(0);

  // Its months are locked: the sheet says why and offers no reopening.
  await page.goto('/monthly/demo-b04/2026-08');
  await expect(page.getByTestId('sheet')).toContainText('已发布');
  await expect(page.getByTestId('published-hint')).toBeVisible();
  await expect(page.locator('#score-team-leadership')).toBeDisabled();
  await expect(page.getByRole('button', { name: '重新打开' })).toHaveCount(0);

  // Reopening needs a reason; the publication stays on record.
  await page.goto('/quarterly');
  await page.getByRole('button', { name: '重新打开本季度' }).click();
  await expect(page.getByTestId('review-error')).toHaveText('请写明理由。');
  await page.locator('#reopen-reason').fill('八月安全分录入有误,需更正');
  await page.getByRole('button', { name: '重新打开本季度' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已重新打开 2026年第3季度' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('review-state')).toHaveText('审核中');
  await expect(page.getByTestId('publications')).toContainText('八月安全分录入有误');
  await expect(rowOf(page, '后勤服务党支部')).toContainText('由 3 星调整');
  await page.goto('/monthly/demo-b04/2026-08');
  await expect(page.getByTestId('sheet')).toContainText('已确认');
  await expect(page.getByRole('button', { name: '重新打开' })).toBeVisible();
});

test('a quarter with months awaiting review cannot be approved', async ({ page }) => {
  await page.goto('/quarterly');
  await page.getByTestId('period').selectOption('2026-Q4');
  await page.locator('#reviewer').fill('李主任');
  await page.getByTestId('approve').click();
  await page.getByRole('alertdialog').getByRole('button', { name: '审批发布' }).click();
  await expect(page.getByTestId('review-error')).toContainText('尚未确认');
  await expect(page.getByTestId('review-error')).toContainText('一车间党支部 2026-11');
  await page.reload();
  await page.getByTestId('period').selectOption('2026-Q4');
  await expect(page.getByTestId('review-state')).toHaveText('审核中');
});

test('commendation list and star distribution follow the ranking', async ({ page }) => {
  await page.goto('/quarterly');
  const list = page.getByTestId('commendation');
  await expect(list).toContainText('一车间党支部');
  // The one-star non-public branch leads its category but is in the rectification tier.
  await expect(list).not.toContainText('物业公司党支部');
  const bars = page.locator('svg.star-bars rect.bar');
  await expect(bars).toHaveCount(25);
  const total = await bars.evaluateAll((rects) => rects.reduce((n, r) => n + Number(r.dataset.count), 0));
  expect(total).toBe(20);
  // Narrowing to a general branch leaves the ranks as computed over everyone.
  const scope = page.getByTestId('scope-filter');
  const options = await scope.locator('option').allTextContents();
  expect(options.length).toBeGreaterThan(1);
});

test('a weak point becomes a rectification task, tracked to verification and shown on the dashboard', async ({ page }) => {
  await page.goto('/quarterly/demo-b06?period=2026-Q3');
  await expect(page.getByTestId('weak-indicators')).toBeVisible();
  await page.getByTestId('weak-points').getByRole('button', { name: '整改：星级管理' }).click();
  const form = page.getByTestId('rectification-form');
  await expect(form).toContainText('整改：星级管理');
  await expect(page.locator('#rect-owner')).not.toHaveValue('');
  // A past due date within the quarter is allowed (and makes the task overdue at once).
  await page.locator('#rect-due').fill('2026-09-30');
  await form.getByRole('button', { name: '生成整改任务' }).click();
  await expect(page.locator('#rect-measure-error')).toHaveText('此项为必填项。');
  await expect(page.getByTestId('rectifications')).toContainText('暂无整改任务');
  await page.locator('#rect-measure').fill('每月召开一次支委会专题研究制度执行');
  await form.getByRole('button', { name: '生成整改任务' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已生成整改任务' })).toBeVisible();
  const list = page.getByTestId('rectifications');
  await expect(list).toContainText('每月召开一次支委会专题研究制度执行');
  await expect(list).toContainText('待整改');
  await expect(list).toContainText('已逾期');

  await page.goto('/');
  const queue = page.getByTestId('work-queue');
  await expect(queue).toContainText('机关第二党支部 · 星级管理');
  await expect(page.getByTestId('overdue-rectifications')).toContainText('1');
  await queue.getByRole('link', { name: /机关第二党支部 · 星级管理/ }).click();
  await expect(page).toHaveURL(/\/quarterly\/demo-b06\?period=2026-Q3$/);

  await list.getByRole('button', { name: '开始整改' }).click();
  await expect(list).toContainText('整改中');
  await list.getByRole('button', { name: '标记完成' }).click();
  await expect(list.getByRole('alert')).toHaveText('标记完成须填写整改佐证。');
  await list.getByPlaceholder('整改佐证').fill('支委会记录 3 份');
  await list.getByRole('button', { name: '标记完成' }).click();
  await expect(list).toContainText('已完成（待验收）');
  await expect(list).toContainText('支委会记录 3 份');
  await list.getByRole('button', { name: '验收通过' }).click();
  await expect(list).toContainText('已验收');
  await page.reload();
  await expect(page.getByTestId('rectifications')).toContainText('已验收');
  await page.goto('/');
  await expect(page.getByTestId('work-queue')).not.toContainText('机关第二党支部 · 星级管理');
});

test('the commendation rule is set in Settings and used by the quarter', async ({ page }) => {
  await page.goto('/settings');
  const form = page.getByTestId('commend-form');
  await form.locator('select').selectOption('share');
  await form.locator('input').fill('0');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#commend-error')).toContainText('1–100');
  await form.locator('input').fill('100');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '推先名额已保存' })).toBeVisible();
  await page.goto('/quarterly');
  await expect(page.getByText('每个类别排名前 100% 的党支部')).toBeVisible();
  // Every ranked branch outside the rectification tier: 2026-Q3 has fourteen with 3 stars or more.
  await expect(page.getByTestId('commendation').locator('li > div')).toHaveCount(14);
});
