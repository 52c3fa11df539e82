// The instructors' half-year notice and year-end review as the committee uses them: two
// instructors, their appointments and monthly reports brought in as a backup (how data moves
// between devices; the pool, assignment and report pages are another journey), then the notice
// of the half with its figures, chart, export and print layout; a review entered — 述职, comment,
// grade, ten survey forms, one of them with the keyboard —, a form refused for a missing answer
// that writes nothing, one deleted after a confirmation; the result, the commendation and
// replacement lists, the committee's rule changed and refused; a viewer who may not write. In
// zh-CN, with shorter passes in zh-TW and English and screenshots at 1920, 1024 and 375 px.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'starbranch-instructors-'));

// Every date below is read against this day: the reports of July–October are owed (October's
// was due on 5 November), November's is not due until 5 December.
const NOW = new Date('2026-12-02T10:00:00Z');

const QUESTIONS = ['宣传政策信息', '指导党组织建设', '协调解决实际问题', '服务企业发展', '工作作风和廉洁自律'];

const instructor = (id, name, fields) => ({
  id, name, gender: 'male', source: 'serving_cadre', department: '', specialties: [], contact: '', ...fields,
});
const appointed = (id, who, unit) => ({
  id, instructor: who, units: [unit], role: 'instructor',
  steps: { requested_on: '2026-06-20', consented_on: '2026-06-22', signed_on: '2026-06-25', appointed_on: '2026-07-01' },
});
const report = (assignment, who, unit, month, filed_on, visits, fields = {}) => ({
  key: `${assignment}|${unit}|${month}`, assignment, instructor: who, unit, month, visits, services: 0, services_text: '',
  problems_solved: 0, problems_text: '', party_work: { organisation_formed: false, activists: 0, mass_orgs: 0 },
  funding: 0, note: '', filed_on, ...fields,
});
const forms = (n, answer, respondent = 'employee') =>
  Array.from({ length: n }, () => ({ respondent, answers: QUESTIONS.map(() => answer) }));
const review = (who, grade, responses) => ({
  key: `${who}|2026`, instructor: who, year: '2026', report_text: '', leader_comment: '', leader_grade: grade,
  questions: QUESTIONS, responses,
});

// | instructor | unit | Jul–Oct reports                        | review                              |
// | 王建国     | u1   | 4 filed, September's late (10-09)      | entered in the journey              |
// | 李芳       | u2   | July and August filed, two missing     | stored: 不称职, ten forms 不满意     |
function records(u1, u2, reviews) {
  return {
    instructors: [
      instructor('i-wang', '王建国', { specialties: ['财务'], contact: '13800000001' }),
      instructor('i-li', '李芳', { gender: 'female', source: 'retired_cadre' }),
    ],
    assignments: [appointed('a-li', 'i-li', u2), appointed('a-wang', 'i-wang', u1)],
    instructor_reports: [
      report('a-li', 'i-li', u2, '2026-07', '2026-08-04', ['2026-07-10']),
      report('a-li', 'i-li', u2, '2026-08', '2026-09-03', ['2026-08-20']),
      report('a-wang', 'i-wang', u1, '2026-07', '2026-08-03', ['2026-07-08', '2026-07-22'], { services: 1 }),
      report('a-wang', 'i-wang', u1, '2026-08', '2026-09-04', ['2026-08-12'], { services: 1, funding: 500.5 }),
      report('a-wang', 'i-wang', u1, '2026-09', '2026-10-09', ['2026-09-03', '2026-09-17'], { services: 1, problems_solved: 1 }),
      report('a-wang', 'i-wang', u1, '2026-10', '2026-11-02', ['2026-10-15'],
        { services: 1, party_work: { organisation_formed: true, activists: 1, mass_orgs: 0 } }),
    ],
    year_end_reviews: reviews,
  };
}
const LI_UNFIT = review('i-li', 'unfit', forms(10, 'dissatisfied'));

/** The canonical form of docs/FORMAT.md §9.2: no white space, object members sorted by key. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function seal(doc) {
  const { sha256: _, ...body } = doc;
  return { ...body, sha256: createHash('sha256').update(canonical(body), 'utf8').digest('hex') };
}

/** Downloads this browser's backup, adds the instructors' records and restores it through
 * Settings; returns the two units served (the demo district's first two operating units). */
async function restoreWithInstructors(page, reviews = [LI_UNFIT]) {
  await page.clock.setFixedTime(NOW);
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载备份' }).click()]);
  const original = join(work, `${Date.now()}-original.json`);
  await download.saveAs(original);
  const backup = JSON.parse(readFileSync(original, 'utf8'));
  expect(seal(backup).sha256).toBe(backup.sha256);
  const [u1, u2] = backup.stores.units.filter((u) => u.status === 'operating');
  const file = join(work, `${Date.now()}-instructors.json`);
  writeFileSync(file, JSON.stringify(seal({ ...backup, stores: { ...backup.stores, ...records(u1.id, u2.id, reviews) } })));
  await section.getByLabel('从文件恢复').setInputFiles(file);
  const preview = section.getByTestId('backup-preview');
  await expect(preview.locator('tr[data-store="instructor_reports"] td')).toHaveText('6');
  await preview.getByRole('button', { name: '用此备份替换当前数据…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '替换数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复全部数据' })).toBeVisible();
  return { u1, u2 };
}

const cells = async (row) => (await row.locator('td, th').allInnerTexts()).map((t) => t.trim());

/** Fills in the survey form on screen: who, then one answer per question. */
async function fillForm(entry, respondent, answers) {
  await entry.getByTestId('respondent').getByRole('radio', { name: respondent, exact: true }).check();
  for (const [i, answer] of answers.entries()) {
    if (answer) await entry.locator(`fieldset[data-question="${i + 1}"]`).getByRole('radio', { name: answer, exact: true }).check();
  }
}

async function switchTo(page, role) {
  await page.getByTestId('role-badge').click();
  const dialog = page.getByTestId('role-dialog');
  await dialog.getByTestId(`role-${role}`).check();
  await dialog.getByTestId('role-submit').click();
  await expect(page.getByTestId('role-badge')).toHaveAttribute('data-role', role);
}

test('the half-year notice, a review entered form by form, the result, the lists and the rule', async ({ page }) => {
  const { u1, u2 } = await restoreWithInstructors(page);

  // --- The notice of the half: today's, 2026 下半年. ---
  await page.goto('/instructors/notice');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('党建指导员工作半年通报');
  await expect(page.getByTestId('notice-half')).toHaveText('2026年下半年');
  await expect(page.getByTestId('half-next')).toHaveAttribute('aria-disabled', 'true');
  const table = page.getByTestId('notice-table');
  // 李 (U+674E) sorts before 王 (U+738B).
  await expect(table.locator('tbody tr')).toHaveCount(3);
  expect(await cells(table.locator('tbody tr').nth(0))).toEqual(['李芳', u2.name, '4', '2', '0', '2', '2', '0', '0', '0', '0', '0.00']);
  expect(await cells(table.locator('tbody tr').nth(1))).toEqual(['王建国', u1.name, '4', '4', '1', '0', '6', '4', '1', '1', '1', '500.50']);
  expect(await cells(page.getByTestId('notice-total'))).toEqual(['合计', '8', '6', '1', '2', '8', '4', '1', '1', '1', '500.50']);
  const figures = page.getByTestId('notice-figures');
  await expect(figures.locator('[data-figure="instructors"] .stat-value')).toHaveText('2');
  await expect(figures.locator('[data-figure="reports"] .stat-value')).toHaveText('6 / 8');
  await expect(figures.locator('[data-figure="missing"] .stat-value')).toHaveText('2');
  const chart = page.getByTestId('notice-chart');
  await expect(chart.locator('g.cb-row[data-label="王建国"] .cb-0')).toHaveAttribute('data-value', '4');
  await expect(chart.locator('g.cb-row[data-label="李芳"] .cb-0')).toHaveAttribute('data-value', '2');
  await expect(chart.locator('g.cb-row[data-label="李芳"] .cb-1')).toHaveAttribute('data-value', '4');
  await expect(chart.locator('svg desc')).toContainText('李芳：已报 2 份，应报 4 份；王建国：已报 4 份，应报 4 份');
  expect((await new AxeBuilder({ page }).include('.notice-page').analyze()).violations).toEqual([]);

  // The table as a spreadsheet, with the headers on screen.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(csv.suggestedFilename()).toBe('党建指导员工作半年通报-2026-H2.csv');
  const text = readFileSync(await csv.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('指导员,单位,应报,已报,迟报,缺报,走访（次）,办理事项（件）,解决问题（个）,发展积极分子（名）,组建党组织（个）,活动经费（元）');
  expect(lines).toContain(`王建国,${u1.name},4,4,1,0,6,4,1,1,1,500.50`);
  expect(lines.at(-1)).toBe('合计,,8,6,1,2,8,4,1,1,1,500.50');

  // Printed: the controls go, the period, the day of the figures and the signature line come.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.period-picker')).toBeHidden();
  for (const tabs of await page.locator('.section-tabs').all()) await expect(tabs).toBeHidden();
  await expect(page.getByTestId('export-csv')).toBeHidden();
  await expect(page.getByTestId('notice-print-line')).toHaveText('通报期间：2026年下半年；统计截至 2026-12-02');
  await expect(page.locator('.signatures')).toBeVisible();
  await expect(page.locator('.signatures')).toContainText('党委（盖章）');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.signatures')).toBeHidden();

  // The half before: nobody was appointed yet.
  await page.getByTestId('half-previous').click();
  await expect(page).toHaveURL(/\/instructors\/notice\?half=2026-H1$/);
  await expect(page.getByText('这半年没有应报的月报，也没有收到月报。')).toBeVisible();
  await page.getByTestId('half-next').click();
  await expect(table.locator('tbody tr')).toHaveCount(3);

  // --- The year: 李芳's stored review makes her 不称职, her assignment is to be replaced. ---
  await page.goto('/instructors/year');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('党建指导员年度述职评议');
  await expect(page.getByTestId('review-year')).toHaveText('2026年度');
  const year = page.getByTestId('year-table');
  const li = year.locator('tr[data-instructor="i-li"]');
  const wang = year.locator('tr[data-instructor="i-wang"]');
  await expect.poll(async () => (await cells(li)).slice(0, 8)).toEqual(['李芳', '2 / 4', '0', '2', '0', '0', '0.00%', '不称职']);
  await expect.poll(async () => (await cells(wang)).slice(0, 8)).toEqual(['王建国', '4 / 4', '1', '6', '4', '1', '—', '尚未评议']);
  await expect(page.getByTestId('commend-list')).toContainText('本年度还没有评为优秀的指导员。');
  const replace = page.getByTestId('replace-list');
  await expect(replace.locator('li[data-assignment="a-li"]')).toContainText('李芳');
  await expect(replace.locator('li[data-assignment="a-li"]')).toContainText(u2.name);
  await expect(replace.locator('li[data-assignment="a-li"]')).toContainText('需调整');
  await expect(page.getByTestId('rule-text')).toHaveText(/优秀 ≥ 95%，称职 ≥ 85%，基本称职 ≥ 70%.*至少 10 份调查表/);
  expect((await new AxeBuilder({ page }).include('.year-page').analyze()).violations).toEqual([]);

  // --- 王建国's review. ---
  await wang.getByRole('link', { name: '王建国的述职评议' }).click();
  await expect(page).toHaveURL(/\/instructors\/year\/i-wang\?year=2026$/);
  await expect(page.getByTestId('review-subtitle')).toHaveText('王建国 · 2026年度');
  await expect(page.getByTestId('review-figures')).toHaveText('全年月报：已报 4 份，应报 4 份，迟报 1 份。');
  await expect(page.getByTestId('review-not-saved')).toBeVisible();
  const outcome = page.getByTestId('survey-outcome');
  await expect(outcome).toHaveText('尚缺：领导评定等次；调查表 0/10 份');
  await page.getByLabel('述职报告').fill('全年走访企业 6 次，帮助企业组建党支部。');
  await page.getByLabel('企业领导点评').fill('工作扎实，服务到位。');
  await page.getByTestId('leader-grade').getByRole('radio', { name: '优秀', exact: true }).check();
  await expect(outcome).toHaveText('尚缺：调查表 0/10 份');
  await page.getByTestId('review-save').click();
  await expect(page.getByRole('status').filter({ hasText: '已保存王建国的述职评议' })).toBeVisible();
  await expect(page.getByTestId('review-not-saved')).toHaveCount(0);

  // The default questions, since the committee has set none.
  const entry = page.getByTestId('survey-entry');
  for (const [i, q] of QUESTIONS.entries()) {
    await expect(entry.locator(`fieldset[data-question="${i + 1}"] legend`)).toHaveText(`${i + 1}. ${q}`);
  }
  const add = page.getByTestId('survey-add');
  await fillForm(entry, '党员', QUESTIONS.map(() => '非常满意'));
  await add.click();
  await expect(page.getByRole('status').filter({ hasText: '已录入第 1 份调查表' })).toBeVisible();

  // The second form with the keyboard only: focus is back on the first choice.
  await expect(entry.getByRole('heading', { name: '第 2 份调查表' })).toBeVisible();
  const member = entry.getByTestId('respondent').getByRole('radio', { name: '党员', exact: true });
  await expect(member).toBeFocused();
  await expect(member).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(entry.getByTestId('respondent').getByRole('radio', { name: '职工群众' })).toBeChecked();
  for (let q = 1; q <= QUESTIONS.length; q += 1) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await expect(entry.locator(`fieldset[data-question="${q}"]`).getByRole('radio', { name: '非常满意' })).toBeChecked();
  }
  await page.keyboard.press('Tab');
  await expect(add).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '已录入第 2 份调查表' })).toBeVisible();

  // Eight more: one all 基本满意, six all 满意, the last with one 不满意 — 49 of 50 answers.
  const plan = [
    ['党员', QUESTIONS.map(() => '基本满意')],
    ...Array.from({ length: 6 }, () => ['职工群众', QUESTIONS.map(() => '满意')]),
    ['职工群众', ['满意', '满意', '满意', '满意', '不满意']],
  ];
  for (const [n, [who, answers]] of plan.entries()) {
    await fillForm(entry, who, answers);
    await add.click();
    await expect(page.getByRole('status').filter({ hasText: `已录入第 ${n + 3} 份调查表` })).toBeVisible();
  }
  const forms = page.getByTestId('forms-table');
  await expect(forms.locator('tbody tr')).toHaveCount(10);
  expect(await cells(forms.locator('tr[data-form="2"]'))).toEqual(['2', '职工群众', ...QUESTIONS.map(() => '非常满意'), '删除']);
  const tally = page.getByTestId('survey-tally');
  await expect(tally.getByTestId('tally-forms')).toHaveText('调查表 10 份，答题 50 项');
  await expect(tally.locator('[data-answer="0"] dd')).toHaveText('10');
  await expect(tally.locator('[data-answer="1"] dd')).toHaveText('34');
  await expect(tally.locator('[data-answer="2"] dd')).toHaveText('5');
  await expect(tally.locator('[data-answer="3"] dd')).toHaveText('1');
  await expect(page.getByTestId('survey-rate')).toHaveText('98.00%');
  await expect(outcome).toHaveText('优秀');

  // A form with a question left out is refused by the save, inline; nothing is written.
  await fillForm(entry, '党员', ['不满意', '不满意', '不满意', '不满意', null]);
  await add.click();
  await expect(entry.locator('#survey-entry-error')).toHaveText('第 11 份调查表没有回答全部问题。');
  await expect(entry.locator('fieldset[data-question="5"]')).toHaveClass(/field-invalid/);
  await expect(entry.locator('fieldset[data-question="5"]')).toContainText('请选择一项。');
  await expect(entry.locator('fieldset[data-question="4"]')).not.toHaveClass(/field-invalid/);
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toBeVisible();
  await expect(forms.locator('tbody tr')).toHaveCount(10);
  await page.reload();
  await expect(forms.locator('tbody tr')).toHaveCount(10);
  await expect(page.getByTestId('survey-rate')).toHaveText('98.00%');
  await expect(page.getByLabel('述职报告')).toHaveValue('全年走访企业 6 次，帮助企业组建党支部。');
  await expect(page.getByTestId('leader-grade').getByRole('radio', { name: '优秀', exact: true })).toBeChecked();

  // An eleventh form, all 不满意: 49 of 55 is 称职; deleted again after a confirmation.
  await fillForm(entry, '党员', QUESTIONS.map(() => '不满意'));
  await add.click();
  await expect(page.getByRole('status').filter({ hasText: '已录入第 11 份调查表' })).toBeVisible();
  await expect(page.getByTestId('survey-rate')).toHaveText('89.09%');
  await expect(outcome).toHaveText('称职');
  await forms.getByRole('button', { name: '删除第 11 份调查表' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('删除第 11 份调查表？');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(forms.locator('tbody tr')).toHaveCount(11);
  await forms.getByRole('button', { name: '删除第 11 份调查表' }).click();
  await dialog.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已删除第 11 份调查表' })).toBeVisible();
  await expect(forms.locator('tbody tr')).toHaveCount(10);
  await expect(outcome).toHaveText('优秀');
  expect((await new AxeBuilder({ page }).include('.review-page').analyze()).violations).toEqual([]);

  // --- Back on the year page: the result and the commendation. ---
  await page.getByRole('link', { name: '返回年度述职评议' }).click();
  await expect.poll(async () => (await cells(wang)).slice(6, 8)).toEqual(['98.00%', '优秀']);
  await expect(page.getByTestId('commend-list').locator('li[data-instructor="i-wang"]')).toContainText('王建国');
  await expect(page.getByTestId('commend-list')).toContainText('98.00%');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('year-print-line')).toHaveText('评议年度：2026年度；统计截至 2026-12-02');
  await expect(page.locator('.signatures')).toBeVisible();
  await expect(page.locator('.period-picker')).toBeHidden();
  await expect(page.getByTestId('commend-list')).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // --- The rule: 优秀 from 99 % makes 王建国 称职; thresholds out of order are refused. ---
  const card = page.getByTestId('rule-card');
  await card.getByText('修改评定规则').click();
  await page.locator('#rule-excellent').fill('99');
  await page.getByTestId('rule-save').click();
  await expect(page.getByRole('status').filter({ hasText: '评定规则已保存' })).toBeVisible();
  await expect(page.getByTestId('rule-text')).toContainText('优秀 ≥ 99%');
  await expect.poll(async () => (await cells(wang)).slice(6, 8)).toEqual(['98.00%', '称职']);
  await expect(page.getByTestId('commend-list')).toContainText('本年度还没有评为优秀的指导员。');
  await card.getByText('修改评定规则').click();
  await expect(page.locator('#rule-excellent')).toHaveValue('99');
  await page.locator('#rule-competent').fill('100');
  await page.getByTestId('rule-default-questions').uncheck();
  await expect(page.locator('#rule-questions')).toHaveValue(QUESTIONS.join('\n'));
  await page.locator('#rule-questions').fill('');
  await page.getByTestId('rule-save').click();
  await expect(page.locator('#rule-thresholds-error')).toHaveText('等次线应满足：100 ≥ 优秀 ≥ 称职 ≥ 基本称职 ≥ 0。');
  await expect(page.locator('#rule-questions-error')).toHaveText('调查问题至少 1 个、最多 20 个，每个不超过 100 字且不重复。');
  await expect(page.getByTestId('rule-text')).toContainText('称职 ≥ 85%');
  await page.locator('#rule-competent').fill('85');
  await page.locator('#rule-excellent').fill('95');
  await page.getByTestId('rule-default-questions').check();
  await page.getByTestId('rule-save').click();
  await expect(page.getByRole('status').filter({ hasText: '评定规则已保存' })).toBeVisible();
  await expect.poll(async () => (await cells(wang)).slice(6, 8)).toEqual(['98.00%', '优秀']);

  // --- A viewer reads, but may not write. ---
  await switchTo(page, 'viewer');
  await expect(page.getByTestId('rule-card').getByText('修改评定规则')).toHaveCount(0);
  await page.goto('/instructors/year/i-wang?year=2026');
  await expect(page.getByText('此功能需要党委管理员身份。')).toBeVisible();
  await expect(page.getByTestId('review-save')).toBeDisabled();
  await expect(page.getByTestId('survey-add')).toBeDisabled();
  await expect(page.getByTestId('forms-table').getByRole('button', { name: '删除第 1 份调查表' })).toBeDisabled();
  await switchTo(page, 'admin');
  await expect(page.getByTestId('survey-add')).toBeEnabled();
});

test('the notice and the review in zh-TW and English, at three widths', async ({ page }) => {
  const done = [...forms(9, 'very_satisfied', 'member'), ...forms(1, 'satisfied')];
  await restoreWithInstructors(page, [LI_UNFIT, review('i-wang', 'excellent', done)]);
  await page.goto('/instructors/notice');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('黨建指導員工作半年通報');
  await expect(page.getByTestId('notice-half')).toHaveText('2026年下半年');
  await expect(page.getByTestId('notice-total')).toContainText('合計');
  await page.goto('/instructors/year/i-wang?year=2026');
  await expect(page.getByTestId('survey-tally')).toContainText('滿意率');
  await expect(page.getByTestId('survey-outcome')).toHaveText('優秀');
  await expect(page.getByTestId('survey-add')).toHaveText('輸入此表');

  await page.getByTestId('language').selectOption('en');
  await expect(page.getByTestId('review-subtitle')).toHaveText('王建国 · 2026');
  await expect(page.getByTestId('survey-outcome')).toHaveText('Excellent');
  await expect(page.getByTestId('survey-rate')).toHaveText('100.00%');
  await page.goto('/instructors/year');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Instructors' year-end review");
  await expect.poll(async () => (await cells(page.getByTestId('year-table').locator('tr[data-instructor="i-li"]'))).slice(6, 8))
    .toEqual(['0.00%', 'Not competent']);
  await expect(page.getByTestId('replace-list')).toContainText('To replace');
  await page.goto('/instructors/notice');
  await expect(page.getByTestId('notice-half')).toHaveText('Second half of 2026');
  await expect(page.getByTestId('notice-chart').locator('svg desc')).toContainText('王建国: 4 filed, 4 owed');

  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    for (const [name, path, ready] of [
      ['notice', '/instructors/notice', 'notice-table'],
      ['year', '/instructors/year', 'year-table'],
      ['review', '/instructors/year/i-wang?year=2026', 'forms-table'],
    ]) {
      await page.goto(path);
      await expect(page.getByTestId(ready)).toBeVisible();
      // Nothing wider than the screen (a table scrolls inside its own region).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} at ${width}px`).toBeLessThanOrEqual(0);
      if (width <= 1024) {
        // A radio's target is its whole label (.choice), 44 px high like every other control.
        const small = await page.locator('.page .btn, .page select, .page input:not([type=checkbox]):not([type=radio]), .page .table td a, .page .choice')
          .evaluateAll((els) => els.filter((e) => e.offsetParent !== null)
            .map((e) => [e.textContent.trim() || e.id, e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
        expect(small, `${name} touch targets at ${width}px`).toEqual([]);
      }
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include('.page').analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`), `${name} at ${width}px`).toEqual([]);
      await page.screenshot({ path: `${shots}/instructors-${name}-${width}.png`, fullPage: true, animations: 'disabled' });
    }
  }
  // The printed pages, at the width of A4 landscape (297 mm at 96 dpi).
  await page.setViewportSize({ width: 1123, height: 794 });
  await page.emulateMedia({ media: 'print' });
  for (const [name, path, ready] of [['notice', '/instructors/notice', 'notice-table'], ['year', '/instructors/year', 'year-table']]) {
    await page.goto(path);
    await expect(page.getByTestId(ready)).toBeVisible();
    await expect(page.locator('.signatures')).toBeVisible();
    await page.screenshot({ path: `${shots}/instructors-${name}-print.png`, fullPage: true, animations: 'disabled' });
  }
});
