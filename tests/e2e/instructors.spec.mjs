// Party-building instructors as the committee works with them (issue 17): add a person to the
// pool, match them with two units step by step (a skipped step refused in place), appoint, print
// the letter of appointment, file the month's report (a visit outside the month refused, nothing
// written), try to let them leave while the assignment is open, end it, then let them leave —
// in zh-CN, with the pages also read in zh-TW and English.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

async function look(page, name) {
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious, `${name} accessibility at ${width}px`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} fits ${width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

// The browser's local day, as the app's "today".
const localDay = (offset = 0) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

async function saved(page, text) {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
}

const NAME = '周立新';
const UNIT_A = '星辰电子科技有限公司';
const UNIT_B = '星湖物流有限公司';

async function addInstructor(page) {
  await page.goto('/instructors');
  await page.getByTestId('instructor-new').click();
  await expect(page).toHaveURL(/\/instructors\/new$/);
  await page.locator('#in-name').fill(NAME);
  await page.locator('#in-birth').fill('1975');
  await page.locator('#in-source').selectOption('department');
  await page.locator('#in-specialties').fill('财务，法律、财务');
  // 部门选派 without the department: refused next to the field, nothing saved.
  await page.getByTestId('instructor-save').click();
  await expect(page.locator('#in-department-error')).toHaveText('此项为必填项。');
  await expect(page).toHaveURL(/\/instructors\/new$/);
  await page.locator('#in-department').fill('区工信局');
  await page.getByTestId('instructor-save').click();
  await saved(page, `已保存：${NAME}`);
  await expect(page).toHaveURL(/\/instructors\/[^/]+$/);
}

test('pool → match → appoint → letter → monthly report → end → leave', async ({ page }) => {
  await addInstructor(page);
  await expect(page.locator('#in-specialties')).toHaveValue('财务、法律');
  const instructorUrl = page.url();

  // The two-way match: a later step dated before an earlier one is refused in place.
  await page.getByTestId('assignment-new').click();
  await expect(page).toHaveURL(/\/assign$/);
  const units = page.getByTestId('assignment-units');
  await page.getByTestId('assignment-unit-search').fill('星');
  await units.getByLabel(UNIT_A).check();
  await units.getByLabel(UNIT_B).check();
  await expect(page.getByTestId('assignment-load')).toContainText('服务单位：2 个（上限 5 个）');
  await page.locator('#as-step-0').fill(localDay(-3));
  await page.locator('#as-step-2').fill(localDay(-1));
  await page.getByTestId('assignment-save').click();
  await expect(page.locator('#as-step-2-error')).toHaveText('请先填写“个人同意”的日期，双向选择须按步骤进行。');
  await expect(page).toHaveURL(/\/assign$/);
  await page.locator('#as-step-1').fill(localDay(-2));
  await page.getByTestId('assignment-save').click();
  await saved(page, '选派已保存。');
  await expect(page).toHaveURL(/\/instructors\/assignments\/[^/]+$/);
  const assignmentUrl = page.url();
  // Not appointed yet: no letter, no reports.
  await expect(page.getByTestId('letter-link')).toHaveCount(0);
  await expect(page.getByTestId('assignment-reports')).toContainText('组织委任后才开始按月上报。');

  // Appoint today with the step's own button.
  await page.getByRole('button', { name: '填今天' }).click();
  await expect(page.locator('#as-step-3')).toHaveValue(localDay());
  await page.getByTestId('assignment-save').click();
  await saved(page, '选派已保存。');
  await expect(page.getByTestId('report-table').locator('tbody tr')).toHaveCount(2);
  await look(page, 'instructor-assignment');

  // The letter of appointment names the person, both units and the role, with the six duties.
  await page.getByTestId('letter-link').click();
  const letter = page.getByTestId('letter');
  await expect(letter).toContainText(`现委任 ${NAME} 同志为 ${UNIT_A}、${UNIT_B} 的党建指导员，自 ${localDay()} 起履行职责。`);
  await expect(letter.locator('.letter-duties li')).toHaveCount(6);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByTestId('letter-print')).toBeHidden();
  await expect(letter).toBeVisible();
  await page.emulateMedia({ media: 'screen' });
  await page.screenshot({ path: `${shots}/instructor-letter-1024.png`, fullPage: true });

  // The month's report: a visit outside the month is refused, nothing written.
  await page.goto(assignmentUrl);
  await page.getByTestId('report-table').getByRole('row').filter({ hasText: UNIT_A }).getByRole('link', { name: '填报' }).click();
  await expect(page.getByTestId('report-state')).toContainText('截止日：');
  const month = localDay().slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const otherMonth = m === 1 ? `${y - 1}-12-15` : `${y}-${String(m - 1).padStart(2, '0')}-15`;
  await page.locator('#rp-visits').fill(`${localDay()}, ${otherMonth}`);
  await page.locator('#rp-services').fill('2');
  await page.locator('#rp-services-text').fill('协助办理高新技术企业认定材料');
  await page.locator('#rp-funding').fill('1,500.50');
  await page.getByTestId('report-save').click();
  await expect(page.locator('#rp-visits-error')).toHaveText(`走访日期 ${otherMonth} 不在报告月份内。`);
  await page.goto(assignmentUrl);
  await expect(page.getByTestId('report-table').getByRole('row').filter({ hasText: UNIT_A })).toContainText('待报');
  await page.getByTestId('report-table').getByRole('row').filter({ hasText: UNIT_A }).getByRole('link', { name: '填报' }).click();
  await page.locator('#rp-visits').fill(localDay());
  await page.locator('#rp-services').fill('2');
  await page.locator('#rp-funding').fill('1,500.50');
  await page.getByTestId('report-save').click();
  await saved(page, '月报已上报。');
  await expect(page.getByTestId('report-state')).toContainText('已按时上报');
  await page.reload();
  await expect(page.locator('#rp-funding')).toHaveValue('1500.5');
  await expect(page.getByRole('button', { name: '重新上报' })).toBeVisible();
  await look(page, 'instructor-report');

  // The report travels as a package: exported on the instructor's page, changed here afterwards,
  // then imported — the difference is shown and taken only when ticked; a tampered file is refused.
  await page.goto(instructorUrl);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-package-export').click()]);
  const packageText = readFileSync(await download.path(), 'utf8');
  expect(JSON.parse(packageText).format).toBe('starbranch.instructor-reports');
  await page.goto(assignmentUrl);
  await page.getByTestId('report-table').getByRole('row').filter({ hasText: UNIT_A }).getByRole('link', { name: '查看' }).click();
  await page.locator('#rp-services').fill('7');
  await page.getByTestId('report-save').click();
  await saved(page, '月报已上报。');
  await page.goto('/instructors');
  const file = (text) => ({ name: 'reports.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('report-package-file').setInputFiles(file(packageText.replace('"services":2', '"services":9')));
  await expect(page.getByTestId('report-package-errors')).toContainText('校验值不符');
  await page.getByTestId('report-package-file').setInputFiles(file(packageText));
  const preview = page.getByTestId('report-package-preview');
  await expect(preview).toContainText('与本机不同');
  await expect(preview).toContainText('本机：走访 1 次、办理事项 7 件；数据包：走访 1 次、办理事项 2 件');
  await preview.getByLabel('采用数据包的内容').check();
  await page.getByTestId('report-package-confirm').click();
  await saved(page, '已导入 1 份月报。');
  await page.goto(assignmentUrl);
  await page.getByTestId('report-table').getByRole('row').filter({ hasText: UNIT_A }).getByRole('link', { name: '查看' }).click();
  await expect(page.locator('#rp-services')).toHaveValue('2');

  // Leaving the pool while the assignment is open is refused with the reason.
  await page.goto(instructorUrl);
  await page.locator('#in-left').fill(localDay());
  await page.getByTestId('instructor-save').click();
  await expect(page.locator('#in-left-error')).toHaveText('还有 1 项选派未结束，请先结束后再办理离任。');

  // End the assignment (its history stays), then the instructor may leave.
  await page.goto(assignmentUrl);
  await page.getByTestId('assignment-ended').check();
  await page.locator('#as-ended-on').fill(localDay());
  await page.locator('#as-end-reason').selectOption('completed');
  await page.getByTestId('assignment-save').click();
  await saved(page, '选派已保存。');
  await page.goto(instructorUrl);
  await expect(page.getByTestId('assignment-table')).toContainText('已结束 · 任期届满');
  await page.locator('#in-left').fill(localDay());
  await page.getByTestId('instructor-save').click();
  await saved(page, `已保存：${NAME}`);
  await page.goto('/instructors');
  const row = page.getByTestId('instructor-table').getByRole('row').filter({ hasText: NAME });
  await expect(row).toContainText('离任');
  await expect(row).toContainText('部门选派 · 区工信局');
  await look(page, 'instructor-pool');
});

test('the pool and its messages read in zh-TW and English; the rules are checked', async ({ page }) => {
  await page.goto('/instructors');
  // The committee's maximum load: out of range is refused in place.
  await page.locator('#in-max-load').fill('0');
  await page.getByTestId('pool-settings-save').click();
  await expect(page.locator('#in-max-load-error')).toHaveText('指导员最多服务单位数应为 1 到 50 之间的整数。');
  await page.locator('#in-max-load').fill('8');
  await page.getByTestId('pool-settings-save').click();
  await saved(page, '规则已保存。');
  await page.reload();
  await expect(page.locator('#in-max-load')).toHaveValue('8');

  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('黨建指導員人才庫');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Instructor pool');
  await page.goto('/instructors/new');
  await page.locator('#in-birth').fill('2015');
  await page.getByTestId('instructor-save').click();
  await expect(page.locator('#in-name-error')).toHaveText('This field is required.');
  await expect(page.locator('#in-birth-error')).toHaveText('The birth year must make the person 18 to 100 years old.');
  await look(page, 'instructor-new-en');
});
