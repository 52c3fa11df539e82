// Member ratings as a branch secretary and the committee use them: the 2025 democratic review of
// a branch entered on one sheet — its 民主评议 meeting brought in as a ledger record through a
// backup —, refused while a member graded 不合格 has no handling (the localised message on the
// row, nothing written), then saved; the half-year's mutual scores with a member below the talk
// threshold flagged and one exactly at it not, a score out of range refused; the points ledger
// with an item that earns a star, a refused one; the star members' list and its print layout;
// the committee's thresholds refused when they do not rise. In zh-CN, with passes in zh-TW and
// English, screenshots at 1920, 1024 and 375 px.
import { test, expect } from '@playwright/test';
import { look, restoreEdited, shots } from './helpers.mjs';

// The demo's today: its appraisals of 2025 were held in January 2026, its points run to
// November.
const NOW = new Date('2026-12-02T10:00:00Z');
const LB03 = 'demo-lb03';
const row = (page, member) => page.locator(`tr[data-member="${member}"]`);

async function start(page) {
  await page.clock.setFixedTime(NOW);
  await page.goto('/');
  await expect(page.getByRole('link', { name: '党员', exact: true })).toBeVisible();
}

/** demo-lb03 gets its 民主评议 meeting of 2025, held 2026-01-22, in its ledger. */
async function withReviewMeeting(page) {
  await restoreEdited(page, (stores) => ({
    ...stores,
    ledger: [
      ...stores.ledger,
      {
        id: `${LB03}-dr2025`, branch: LB03, date: '2026-01-22', kind: 'democratic_review',
        topic: '2025年度民主评议党员', place: '党员活动室', host: '何振华',
        attendees: Array.from({ length: 10 }, (_, k) => `${LB03}-m${k}`), absentees: [], minutes: '', attachments: [],
      },
    ],
  }));
}

test('an annual appraisal, mutual scores with a flagged member, points and the star list', async ({ page }) => {
  await start(page);
  await withReviewMeeting(page);

  // The branches, and the committee's standards refused when they do not rise.
  await page.goto('/members/ratings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('党员评议与积分');
  await expect(page.getByTestId('mr-branches').locator(`li[data-branch="${LB03}"]`)).toContainText('金桥乳业');
  await page.locator('#mr-star-2').fill('10');
  await page.getByTestId('mr-settings-save').click();
  await expect(page.locator('#mr-stars-error')).toHaveText('星级积分须从1起逐级递增。');
  await look(page, 'member-ratings-home');
  await page.reload();
  await expect(page.locator('#mr-star-2')).toHaveValue('40');

  // The 2025 appraisal: the meeting is the branch's 民主评议 record; one 不合格 without handling.
  await page.goto(`/members/ratings/${LB03}?year=2025`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2025年度民主评议党员');
  await expect(page.getByTestId('mr-counts')).toHaveText('该年度还没有保存评议等次。');
  await expect(page.getByTestId('mr-meeting')).toHaveValue(`${LB03}-dr2025`);
  const grades = ['excellent', 'excellent', 'qualified', 'qualified', 'qualified', 'qualified', 'qualified', 'qualified', 'basically_qualified', 'unqualified'];
  for (const [k, grade] of grades.entries()) {
    await row(page, `${LB03}-m${k}`).getByTestId('mr-grade').selectOption(grade);
  }
  await expect(row(page, `${LB03}-m0`).getByTestId('mr-handling')).toBeDisabled();
  await expect(row(page, `${LB03}-m9`).getByTestId('mr-handling')).toBeEnabled();
  await page.getByTestId('mr-appraisal-save').click();
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toContainText('评为不合格，须选择处置方式。');
  await expect(row(page, `${LB03}-m9`).locator('.field-error')).toContainText('评为不合格，须选择处置方式。');
  await look(page, 'member-ratings-appraisal-refused');
  await page.reload();
  await expect(page.getByTestId('mr-counts')).toHaveText('该年度还没有保存评议等次。');
  await expect(row(page, `${LB03}-m0`).getByTestId('mr-grade')).toHaveValue('');

  for (const [k, grade] of grades.entries()) {
    await row(page, `${LB03}-m${k}`).getByTestId('mr-grade').selectOption(grade);
  }
  await row(page, `${LB03}-m9`).getByTestId('mr-handling').selectOption('rectify');
  await row(page, `${LB03}-m9`).getByTestId('mr-note').fill('限期六个月改正');
  await page.getByTestId('mr-appraisal-save').click();
  await expect(page.getByRole('status').filter({ hasText: '已保存10名党员的民主评议等次' })).toBeVisible();
  await expect(page.getByTestId('mr-share')).toHaveText('合格及以上占比：80.00%');
  await expect(page.locator('[data-grade="unqualified"]')).toHaveText('1');
  await page.reload();
  await expect(row(page, `${LB03}-m9`).getByTestId('mr-handling')).toHaveValue('rectify');
  await look(page, 'member-ratings-appraisal');

  // Mutual scores: the stored first half flags 褚文军 (mean 56.4 < 60).
  await page.goto('/members/ratings/demo-lb01/mutual?half=2026-H1');
  await expect(page.getByTestId('mr-flagged').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('mr-flagged').locator('li[data-member="demo-lb01-m7"]')).toContainText('56.4');
  // The second half, entered per rater: 59.67 is flagged, exactly 60 is not; 101 is refused.
  await page.getByTestId('mr-half').getByRole('link', { name: '下一个半年' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2026年下半年');
  const scores = { m0: '90 88 92', m1: '59 60 60', m2: '60 60', m3: '101 80' };
  for (const [m, text] of Object.entries(scores)) await row(page, `demo-lb01-${m}`).getByTestId('mr-scores').fill(text);
  await expect(row(page, 'demo-lb01-m1').locator('[data-cell="mean"]')).toHaveText('59.67');
  await expect(row(page, 'demo-lb01-m1').locator('[data-cell="talk"]')).toContainText('需谈话');
  await expect(row(page, 'demo-lb01-m2').locator('[data-cell="talk"]')).toHaveText('');
  await page.getByTestId('mr-mutual-save').click();
  await expect(row(page, 'demo-lb01-m3').locator('.field-error')).toContainText('的分数须为0到100的整数');
  await page.reload();
  await expect(row(page, 'demo-lb01-m0').getByTestId('mr-scores')).toHaveValue('');
  for (const [m, text] of Object.entries({ ...scores, m3: '80 85' })) {
    await row(page, `demo-lb01-${m}`).getByTestId('mr-scores').fill(text);
  }
  await page.getByTestId('mr-mutual-save').click();
  await expect(page.getByRole('status').filter({ hasText: '已保存4名党员的互评分' })).toBeVisible();
  await expect(page.getByTestId('mr-flagged').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('mr-flagged').locator('li[data-member="demo-lb01-m1"]')).toContainText('59.67');
  await look(page, 'member-ratings-mutual');

  // Points: 褚… m3 has 19 points, one short of a star; a refused item, then one more point.
  await page.goto('/members/ratings/demo-lb01/points?year=2026');
  await expect(row(page, 'demo-lb01-m0').locator('[data-cell="total"]')).toHaveText('104');
  await expect(row(page, 'demo-lb01-m0').locator('[data-cell="stars"]')).toHaveAttribute('data-stars', '5');
  await expect(row(page, 'demo-lb01-m7').locator('[data-cell="total"]')).toHaveText('0');
  await expect(row(page, 'demo-lb01-m3').locator('[data-cell="stars"]')).toHaveAttribute('data-stars', '0');
  const form = page.getByTestId('mr-item-form');
  await form.getByTestId('mr-item-member').selectOption('demo-lb01-m3');
  await form.getByTestId('mr-item-kind').selectOption('volunteer');
  await form.getByTestId('mr-item-points').fill('1');
  await form.getByTestId('mr-item-save').click();
  await expect(page.locator('#mr-item-reason-error')).toHaveText('此项必填。');
  await expect(page.getByTestId('mr-items').locator('tbody tr')).toHaveCount(9);
  await form.getByTestId('mr-item-reason').fill('敬老院志愿服务');
  await form.getByTestId('mr-item-save').click();
  await expect(page.getByRole('status').filter({ hasText: '录入积分项目' })).toBeVisible();
  await expect(row(page, 'demo-lb01-m3').locator('[data-cell="total"]')).toHaveText('20');
  await expect(row(page, 'demo-lb01-m3').locator('[data-cell="stars"]')).toHaveAttribute('data-stars', '1');
  await expect(page.getByTestId('mr-items').locator('tbody tr')).toHaveCount(10);
  await look(page, 'member-ratings-points');

  // The star members, most stars first, and the page as it prints.
  await page.getByTestId('mr-to-stars').click();
  const list = page.getByTestId('mr-star-table').locator('tbody tr');
  await expect(list).toHaveCount(4);
  await expect(list.nth(0)).toHaveAttribute('data-member', 'demo-lb01-m0');
  await expect(list.nth(3)).toHaveAttribute('data-stars', '1');
  await look(page, 'member-ratings-stars');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.section-tabs').first()).toBeHidden();
  await expect(page.getByTestId('mr-print')).toBeHidden();
  await expect(page.getByTestId('mr-star-sheet')).toBeVisible();
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: `${shots}/member-ratings-stars-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.length).toBeGreaterThan(1000);
  await page.emulateMedia({ media: 'screen' });
});

test('the appraisal, mutual scores and star list in zh-TW and English', async ({ page }) => {
  await start(page);
  await page.goto('/members/ratings/demo-lb02?year=2025');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2025年度民主評議黨員');
  await expect(page.getByTestId('mr-share')).toHaveText('合格及以上佔比：83.33%');
  await look(page, 'member-ratings-appraisal-zh-TW');

  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('democratic review of members, 2025');
  // demo-lb02-m1 turned 不合格 without handling: refused in English, nothing written.
  await row(page, 'demo-lb02-m1').getByTestId('mr-grade').selectOption('unqualified');
  await page.getByTestId('mr-appraisal-save').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toContainText('is graded unqualified: choose the handling decided.');
  await look(page, 'member-ratings-appraisal-en');
  await page.reload();
  await expect(row(page, 'demo-lb02-m1').getByTestId('mr-grade')).toHaveValue('qualified');

  await page.goto('/members/ratings/demo-lb01/mutual?half=2026-H1');
  await expect(page.getByTestId('mr-flagged')).toContainText('Members with a mean below 60, flagged for a talk');
  await expect(page.getByTestId('mr-flagged').locator('li')).toHaveCount(1);
  await look(page, 'member-ratings-mutual-en');

  await page.goto('/members/ratings/demo-lb01/stars?year=2026');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Star members of');
  await expect(page.getByTestId('mr-star-table').locator('tbody tr')).toHaveCount(3);
  await look(page, 'member-ratings-stars-en');
  await page.goto('/members/ratings/demo-lb01/points?year=2026');
  await look(page, 'member-ratings-points-en');
});
