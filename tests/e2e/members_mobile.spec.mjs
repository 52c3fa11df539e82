// 流动党员 as a branch secretary keeps track of them: the overdue two-monthly reports on the
// dashboard and on the branch's page, a report filed that clears one, a report outside the period
// refused in place, the return that ends the period, and a new time away registered — in zh-CN,
// then read in zh-TW and English.
import { test, expect } from '@playwright/test';
import { daysAgo, look } from './helpers.mjs';

async function notice(page, text) {
  await expect(page.getByRole('status').filter({ hasText: text }).or(page.getByRole('alert').filter({ hasText: text })).first()).toBeVisible();
}

test('an overdue report on the dashboard and the branch page, cleared by filing one; the return', async ({ page }) => {
  const today = daysAgo(0);
  await page.goto('/');
  const card = page.getByTestId('mobile-overdue');
  await expect(card.getByTestId('mobile-overdue-item')).toHaveCount(2);
  await look(page, 'mobile-dashboard');
  await page.goto('/orgs/demo-lb01');
  await expect(card.getByTestId('mobile-overdue-item')).toHaveCount(1);
  await expect(card).toContainText('逾期');
  await card.getByTestId('mobile-overdue-item').getByRole('link').click();
  await expect(page).toHaveURL(/\/members\/mobile\/demo-mp1$/);
  await expect(page.getByTestId('mobile-state')).toContainText('汇报已逾期');
  await look(page, 'mobile-period-overdue');

  // A report before leaving is refused in place and writes nothing.
  await page.locator('#mm-report-date').fill('2026-01-01');
  await page.locator('#mm-report-content').fill('电话汇报近况');
  await page.getByTestId('mobile-report-save').click();
  await expect(page.locator('#mm-report-date-error')).toHaveText('汇报日期须在外出日期之后、返回日期之前。');
  await page.reload();
  await expect(page.getByTestId('mobile-reports').locator('li')).toHaveCount(1);

  // Filed today: due again in two months, and gone from the lists.
  await page.locator('#mm-report-date').fill(today);
  await page.locator('#mm-report-content').fill('电话汇报：在深圳工作顺利，参加了流入地党支部的主题党日。');
  await page.getByTestId('mobile-report-save').click();
  await notice(page, '汇报已登记。');
  await expect(page.getByTestId('mobile-reports').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('mobile-state')).toContainText('下次汇报截止');
  await page.goto('/orgs/demo-lb01');
  await expect(card).toContainText('没有逾期的流动党员汇报。');
  await page.goto('/');
  await expect(card.getByTestId('mobile-overdue-item')).toHaveCount(1);

  // The return ends the period (confirmed) and keeps it as history.
  await page.goto('/members/mobile/demo-mp1');
  await page.locator('#mm-returned').fill(today);
  await page.getByTestId('mobile-return').click();
  await page.getByRole('alertdialog').getByRole('button', { name: '返回，结束流动' }).click();
  await notice(page, '已结束流动，党员状态已恢复。');
  await expect(page.getByTestId('mobile-state')).toContainText(`${today} 返回`);
  await page.goto('/members/mobile?branch=demo-lb01');
  await expect(page.getByTestId('mobile-period')).toHaveCount(2);
  await expect(page.getByRole('heading', { name: '已返回（历史）' })).toBeVisible();

  // A new time away: refused without its required fields, then registered.
  await page.getByTestId('mobile-start-save').click();
  await expect(page.locator('#mm-member-error')).toHaveText('请填写此项。');
  await expect(page.locator('#mm-left-error')).toHaveText('请填写此项。');
  await expect(page.getByTestId('mobile-period')).toHaveCount(2);
  await page.locator('#mm-member').selectOption('demo-lb01-m6');
  await page.locator('#mm-certificate').fill('LD-2026-0106');
  await page.locator('#mm-destination').fill('上海市');
  await page.locator('#mm-left').fill(today);
  await page.getByTestId('mobile-start-save').click();
  await notice(page, '已登记流动党员');
  await expect(page.locator('[data-testid="mobile-period"][data-member="demo-lb01-m6"]')).toContainText('下次汇报截止');
  await look(page, 'mobile-branch');
});

test('the mobile members read in zh-TW and English', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByTestId('mobile-overdue').getByRole('heading')).toContainText('流動黨員匯報逾期');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('mobile-overdue').getByRole('heading')).toContainText("Mobile members' overdue reports");
  await expect(page.getByTestId('mobile-overdue-item').first()).toContainText('days overdue');
  await page.goto('/members/mobile/demo-mp3');
  await expect(page.getByTestId('mobile-state')).toContainText('days overdue (due 2026-10-15)');
  await page.getByTestId('mobile-report-save').click();
  await expect(page.locator('#mm-report-content-error')).toHaveText('This field is required.');
  await look(page, 'mobile-period-en');
  await page.goto('/members/mobile?branch=demo-lb01');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('流動黨員');
  await look(page, 'mobile-branch-zh-tw');
});
