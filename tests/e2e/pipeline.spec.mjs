// The development pipeline (发展党员) as a branch secretary keeps it: an applicant recorded and
// taken through every stage — 积极分子 with two 培养联系人, 发展对象 (refused first when it comes
// less than a year after 积极分子, nothing written), 政审 and the first public notice, the branch
// meeting and approval (on the roll as 预备党员), the second notice, 转正 — and then on the
// branch's roll; the list and the overview follow; shorter runs in zh-TW and English.
import { test, expect } from '@playwright/test';
import { daysAgo, look } from './helpers.mjs';

const BRANCH = 'demo-lb01';

async function record(page, { kind, on, until, notice }) {
  const form = page.getByTestId('pl-step-form');
  if (kind) await form.getByTestId(`pl-kind-${kind}`).check();
  if (on) await form.locator('#pl-on').fill(on);
  if (until) await form.locator('#pl-until').fill(until);
  if (notice) {
    await form.locator('#pl-notice-start').fill(notice[0]);
    await form.locator('#pl-notice-end').fill(notice[1]);
  }
  await form.getByTestId('pl-step-save').click();
}

async function stage(page, text) {
  await expect(page.getByTestId('pl-stage')).toHaveText(text);
}

test('an applicant goes through every stage to full member, an early step refused on the way', async ({ page }) => {
  await page.goto(`/members/pipeline?branch=${BRANCH}`);
  await expect(page.getByRole('heading', { level: 1, name: '发展党员' })).toBeVisible();
  const before = Number(await page.getByTestId('pl-counts').locator('[data-figure="applicant"] .stat-value').innerText());
  await page.getByTestId('pl-new').click();
  await expect(page).toHaveURL(/\/members\/pipeline\/new/);

  // Too young on the application day: refused at its field, nothing saved.
  await page.locator('#pl-name').fill('赵新苗');
  await page.locator('#pl-birth').fill(daysAgo(365 * 17));
  await page.locator('#pl-applied').fill(daysAgo(10));
  await page.getByTestId('pl-save').click();
  await expect(page.locator('#pl-applied-error')).toContainText('年满 18 周岁');
  await expect(page).toHaveURL(/\/members\/pipeline\/new/);
  await look(page, 'pipeline-application');

  await page.locator('#pl-birth').fill(daysAgo(365 * 30));
  await page.locator('#pl-applied').fill(daysAgo(1200));
  await page.getByTestId('pl-save').click();
  await expect(page).toHaveURL(/\/members\/pipeline\/(?!new)[^/]+$/);
  await stage(page, '入党申请人');

  // 积极分子 with two full members of the branch as contacts.
  const form = page.getByTestId('pl-step-form');
  await form.locator('#pl-contact-1').selectOption({ index: 1 });
  await form.locator('#pl-contact-2').selectOption({ index: 1 });
  await record(page, { on: daysAgo(1100) });
  await expect(page.locator('#pl-contacts-error')).toContainText('不能是同一人');
  await form.locator('#pl-contact-2').selectOption({ index: 2 });
  await record(page, { on: daysAgo(1100) });
  await stage(page, '入党积极分子');

  // 发展对象 only 200 days later: refused with the first day allowed, nothing written.
  await record(page, { on: daysAgo(900) });
  await expect(page.locator('#pl-on-error')).toContainText('最早为');
  await stage(page, '入党积极分子');
  await expect(page.getByTestId('pl-timeline')).not.toContainText('发展对象');
  await look(page, 'pipeline-refused');
  await record(page, { on: daysAgo(700) });
  await stage(page, '发展对象');

  // 政审 and a five-day first notice, then the branch meeting and the approval.
  await page.getByTestId('pl-step-form').getByTestId('pl-vetted').check();
  await record(page, { kind: 'vetting', notice: [daysAgo(690), daysAgo(686)] });
  await expect(page.getByTestId('pl-timeline')).toContainText('政审已完成');
  await expect(page.getByTestId('pl-timeline')).toContainText(daysAgo(686));
  await record(page, { kind: 'probationary', on: daysAgo(680), until: daysAgo(670) });
  await stage(page, '预备党员');
  await expect(page.getByTestId('pl-on-roll')).toBeVisible();

  // The second notice, then 转正 a year and a few days after the approval.
  await record(page, { kind: 'second_notice', notice: [daysAgo(310), daysAgo(306)] });
  // Each save redraws the page with the new record: wait for it before the next step.
  await expect(page.getByTestId('pl-timeline')).toContainText(daysAgo(306));
  await record(page, { kind: 'full', on: daysAgo(300) });
  await stage(page, '正式党员');
  await expect(page.getByTestId('pl-next-list')).toContainText('已完成全部发展程序');
  await expect(page.getByTestId('pl-step-form')).toHaveCount(0);
  await look(page, 'pipeline-person');

  // On the branch's roll with the dates filled.
  await page.getByTestId('pl-on-roll').click();
  await expect(page).toHaveURL(new RegExp(`/orgs/${BRANCH}$`));
  await expect(page.getByRole('cell', { name: '赵新苗' })).toBeVisible();

  // The list counts them as a full member (shown with the closed ones).
  await page.goto(`/members/pipeline?branch=${BRANCH}`);
  await expect(page.getByTestId('pl-counts').locator('[data-figure="applicant"] .stat-value')).toHaveText(String(before));
  await expect(page.getByTestId('pl-list')).not.toContainText('赵新苗');
  await page.getByTestId('pl-show-closed').check();
  await expect(page.getByTestId('pl-list')).toContainText('赵新苗');
  await look(page, 'pipeline-list');
});

test('the pipeline in zh-TW and English: the list, and an empty application refused in words', async ({ page }) => {
  await page.goto('/members/pipeline');
  await expect(page.getByRole('heading', { level: 1, name: '发展党员' })).toBeVisible();
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1, name: '發展黨員' })).toBeVisible();
  await page.getByTestId('pl-new').click();
  await page.getByTestId('pl-save').click();
  await expect(page.locator('#pl-name-error')).toContainText('請填寫姓名');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Record an application' })).toBeVisible();
  await page.getByTestId('pl-save').click();
  await expect(page.locator('#pl-name-error')).toContainText('Enter the Name');
  await expect(page.locator('#pl-branch-field-error')).toContainText('Enter the Branch');
  await page.goto('/members/pipeline');
  await expect(page.getByRole('heading', { level: 1, name: 'Membership pipeline' })).toBeVisible();
  await look(page, 'pipeline-list-en');
});
