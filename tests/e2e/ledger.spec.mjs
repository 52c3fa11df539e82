// The e-ledger (电子台账): a branch secretary records meetings with attendance and a photo; the
// month shows what is done, due and overdue; bad input and oversized files are refused inline
// and write nothing; deleting asks first; the committee edits the rules in the rubric.
// October 2026 is a past month for these runs, so every state can be seen in it.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

// A real 2×2 PNG (red, gold, white, dark), so the thumbnail has something to show.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNYIiZ1Ypoew////+WlxAEopwWuH34z5AAAAABJRU5ErkJggg==',
  'base64',
);

const branch = '/ledger/demo-b01';
const october = `${branch}?month=2026-10`;

/** The obligation line of one meeting kind on a branch's month page. */
const obligation = (page, kind) => page.getByTestId('obligations').locator(`[data-kind="${kind}"]`);

async function fillRecord(page, { date, kind, topic, place = '', absent = null }) {
  await page.locator('#ledger-date').fill(date);
  await page.locator('#ledger-kind').selectOption(kind);
  await page.locator('#ledger-topic').fill(topic);
  if (place) await page.locator('#ledger-place').fill(place);
  await page.getByTestId('all-present').click();
  if (absent !== null) {
    const line = page.getByTestId('roll').locator('li').nth(absent.index);
    const name = (await line.locator('.roll-name').textContent()).trim();
    await line.locator('input[type=checkbox]').first().uncheck();
    await line.getByLabel(`${name} 缺席`).check();
    await line.getByLabel(`${name}的缺席原因`).fill(absent.reason);
    return name;
  }
  return null;
}

async function save(page) {
  await page.getByTestId('ledger-save').click();
  await expect(page.getByRole('status').filter({ hasText: '台账记录已保存' })).toBeVisible();
}

test('record a committee meeting with a photo and a group meeting; the month shows done, due and overdue', async ({ page }) => {
  await page.goto('/ledger?month=2026-10');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('电子台账');
  const overviewRow = page.getByTestId('ledger-overview-table').locator('tr', { hasText: '一车间党支部' });
  await expect(overviewRow.locator('td').nth(1)).toHaveText('0/6');
  await page.getByTestId('ledger-branch-picker').selectOption('demo-b01');
  await expect(page).toHaveURL(/\/ledger\/demo-b01\?month=2026-10$/);
  await expect(obligation(page, 'committee_meeting')).toContainText('已逾期');
  await expect(page.getByTestId('ledger-branch-picker')).toHaveValue('demo-b01');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('一车间党支部');

  // A committee meeting with one member away on business and the signed attendance sheet.
  await page.getByRole('link', { name: '+ 新增记录' }).first().click();
  await expect(page).toHaveURL(/\/ledger\/demo-b01\/new\?date=2026-10-01$/);
  await expect(page.locator('#ledger-date')).toHaveValue('2026-10-01');
  const absentee = await fillRecord(page, {
    date: '2026-10-12', kind: 'committee_meeting', topic: '学习贯彻全会精神', place: '三楼会议室',
    absent: { index: 2, reason: '出差' },
  });
  await expect(page.locator('.roll-summary')).toHaveText('出席 5 人，缺席 1 人，出席率 83.33%');
  await page.getByTestId('ledger-files').setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: PNG });
  const thumb = page.getByTestId('attachment').locator('img');
  await expect(thumb).toBeVisible();
  await expect(page.getByTestId('attachment')).toContainText('待保存');
  await page.locator('#ledger-minutes').fill('一、传达学习全会精神;二、研究部署十月重点工作。');
  await save(page);
  await expect(page).toHaveURL(/\/ledger\/demo-b01\?month=2026-10$/);
  await expect(obligation(page, 'committee_meeting')).toContainText('已完成');
  await expect(obligation(page, 'committee_meeting')).toContainText('学习贯彻全会精神');

  // The group meeting, started from its line in the month.
  await obligation(page, 'group_meeting').getByRole('link', { name: /新增记录/ }).click();
  await expect(page.locator('#ledger-kind')).toHaveValue('group_meeting');
  await fillRecord(page, { date: '2026-10-20', kind: 'group_meeting', topic: '党小组集中学习' });
  await save(page);

  // Done for the two held; the monthly theme day is overdue, the quarterly meetings still due.
  await expect(obligation(page, 'committee_meeting')).toContainText('已完成');
  await expect(obligation(page, 'group_meeting')).toContainText('已完成');
  await expect(obligation(page, 'theme_day')).toContainText('已逾期');
  await expect(obligation(page, 'branch_assembly')).toContainText('待开展');
  await expect(obligation(page, 'party_lecture')).toContainText('待开展');
  await expect(page.getByTestId('ledger-calendar').locator('.cal-record')).toHaveCount(2);
  const records = page.getByTestId('ledger-records');
  await expect(records.locator('tbody tr')).toHaveCount(2);
  await expect(records.locator('tr', { hasText: '学习贯彻全会精神' })).toContainText('83.33%');
  await expect(records.locator('tr', { hasText: '党小组集中学习' })).toContainText('100%');
  const attendance = page.getByTestId('ledger-attendance').locator('tr', { hasText: absentee });
  await expect(attendance.locator('td')).toHaveText([absentee, '1', '1', '50% ▼ 低于达标线']);

  // The overview counts them too.
  await page.getByRole('link', { name: '全部支部' }).click();
  await expect(page.getByTestId('ledger-overview-table').locator('tr', { hasText: '一车间党支部' }).locator('td').nth(1)).toHaveText('2/6');

  // Everything, the photo's bytes included, is still there after a reload.
  await page.goto(october);
  await page.getByRole('link', { name: '打开记录：学习贯彻全会精神' }).click();
  await page.reload();
  await expect(page.locator('#ledger-topic')).toHaveValue('学习贯彻全会精神');
  await expect(page.locator('#ledger-place')).toHaveValue('三楼会议室');
  await expect(page.getByLabel(`${absentee}的缺席原因`)).toHaveValue('出差');
  const stored = page.getByTestId('attachment');
  await expect(stored).toHaveCount(1);
  await expect(stored).toContainText('签到表.png');
  await expect(stored).not.toContainText('待保存');
  await expect.poll(() => stored.locator('img').evaluate((img) => img.complete && img.naturalWidth)).toBe(2);
  await expect(stored.getByRole('link', { name: '下载附件：签到表.png' })).toHaveAttribute('download', '签到表.png');
});

test('invalid input is refused inline and writes nothing; an oversized or foreign file is refused', async ({ page }) => {
  await page.goto(`${branch}/new?date=2026-10-05`);
  await page.getByTestId('ledger-save').click();
  await expect(page.locator('#ledger-topic-error')).toHaveText('此项为必填项。');
  await expect(page.locator('#ledger-attendance-error')).toHaveText('请至少勾选一名出席党员。');
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toBeVisible();

  // An absence needs its reason; a date cannot lie ahead.
  await page.locator('#ledger-topic').fill('主题党日活动');
  await page.locator('#ledger-date').fill('2099-01-01');
  const line = page.getByTestId('roll').locator('li').first();
  const name = (await line.locator('.roll-name').textContent()).trim();
  await line.getByLabel(`${name} 缺席`).check();
  await page.getByTestId('ledger-save').click();
  await expect(page.locator('#ledger-date-error')).toHaveText('日期不能晚于今天。');
  await expect(page.locator('#ledger-attendance-error')).toContainText(`请填写${name}的缺席原因。`);
  await expect(page.locator('#ledger-topic-error')).toHaveText('');

  // Files are checked the moment they are chosen.
  await page.getByTestId('ledger-files').setInputFiles({ name: '会议录像.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
  await expect(page.locator('#ledger-files-error')).toHaveText('“会议录像.pdf”大小为 6 MB，超过 5 MB 的上限，未添加。');
  await page.getByTestId('ledger-files').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  await expect(page.locator('#ledger-files-error')).toContainText('“logo.svg”的类型（image/svg+xml）不支持');
  await expect(page.getByTestId('attachment')).toHaveCount(0);

  await page.goto(october);
  await expect(page.getByTestId('ledger-branch-picker')).toHaveValue('demo-b01');
  await expect(page.getByTestId('ledger-records')).toHaveCount(0);
  await expect(page.getByText('本年度还没有台账记录')).toBeVisible();
});

test('deleting a record asks first, then removes it with its files', async ({ page }) => {
  await page.goto(`${branch}/new?date=2026-10-08`);
  await fillRecord(page, { date: '2026-10-08', kind: 'theme_day', topic: '重温入党誓词' });
  await page.getByTestId('ledger-files').setInputFiles([
    { name: '合影.png', mimeType: 'image/png', buffer: PNG },
    { name: '方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ]);
  await expect(page.getByTestId('attachment')).toHaveCount(2);
  // Removing a file before saving keeps it out.
  await page.getByRole('button', { name: '移除附件：合影.png' }).click();
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await save(page);
  await expect(obligation(page, 'theme_day')).toContainText('已完成');

  await page.getByRole('link', { name: '打开记录：重温入党誓词' }).click();
  await expect(page.getByTestId('attachment')).toHaveCount(1);
  await expect(page.getByTestId('attachment')).toContainText('方案.pdf');
  await page.getByTestId('ledger-delete').click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('“重温入党誓词”（2026-10-08）及其 1 个附件');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#ledger-topic')).toHaveValue('重温入党誓词');

  await page.getByTestId('ledger-delete').click();
  await page.getByRole('alertdialog').getByRole('button', { name: '删除记录' }).click();
  await expect(page.getByRole('status').filter({ hasText: '台账记录已删除：重温入党誓词' })).toBeVisible();
  await expect(page).toHaveURL(/\/ledger\/demo-b01\?month=2026-10$/);
  await expect(obligation(page, 'theme_day')).toContainText('已逾期');
  await page.reload();
  await expect(page.getByText('本年度还没有台账记录')).toBeVisible();
});

test('the committee changes the ledger rules: a new rubric version, and the month follows', async ({ page }) => {
  await page.goto('/settings/rubric');
  const rules = page.getByTestId('ledger-rules');
  await expect(rules.getByLabel('党小组会')).toHaveValue('monthly');
  await rules.getByLabel('出席率达标线（%）').fill('120');
  await page.getByTestId('save-rubric').click();
  await expect(page.getByTestId('rubric-problems')).toContainText('出席率达标线：120 分超过满分 100');

  await rules.getByLabel('出席率达标线（%）').fill('90');
  await rules.getByLabel('党小组会').selectOption('quarterly');
  await rules.getByLabel('其他活动').selectOption('yearly');
  await page.getByTestId('save-rubric').click();
  await expect(page.getByRole('status').filter({ hasText: '考评体系已保存并启用：default v2' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('ledger-rules').getByLabel('党小组会')).toHaveValue('quarterly');
  await expect(page.getByTestId('ledger-rules').getByLabel('出席率达标线（%）')).toHaveValue('90');

  await page.goto(october);
  await expect(obligation(page, 'group_meeting')).toContainText('每季度一次');
  await expect(obligation(page, 'group_meeting')).toContainText('待开展');
  await expect(obligation(page, 'other')).toContainText('每年一次');
  await expect(page.getByText('达标线 90%')).toBeVisible();
});

test('the ledger in zh-TW and English', async ({ page }) => {
  await page.goto(october);
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('E-ledger');
  await expect(obligation(page, 'committee_meeting')).toContainText('Branch committee meeting');
  await expect(obligation(page, 'committee_meeting')).toContainText('Overdue');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(obligation(page, 'theme_day')).toContainText('主題黨日');
  await expect(obligation(page, 'theme_day')).toContainText('已逾期');
});

for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
  test(`ledger layout at ${width}px: screenshots, touch targets and accessibility`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    // One record with a photo and an absence, so every part of the pages has content.
    await page.goto(`${branch}/new?date=2026-10-12`);
    await fillRecord(page, { date: '2026-10-12', kind: 'committee_meeting', topic: '学习贯彻全会精神', place: '三楼会议室', absent: { index: 1, reason: '病假' } });
    await page.getByTestId('ledger-files').setInputFiles([
      { name: '签到表.png', mimeType: 'image/png', buffer: PNG },
      { name: '会议方案.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') },
    ]);
    await page.screenshot({ path: `${shots}/ledger-form-${width}.png`, fullPage: true });
    await save(page);
    for (const [name, path] of [['ledger', '/ledger?month=2026-10'], ['ledger-branch', october], ['ledger-record', null]]) {
      if (path) {
        await page.goto(path);
      } else {
        await page.goto(october);
        await page.getByRole('link', { name: '打开记录：学习贯彻全会精神' }).click();
        await expect(page.getByTestId('attachment').first()).toBeVisible();
      }
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${name} fits ${width}px without sideways scrolling`).toBeLessThanOrEqual(width);
      if (width <= 1024) {
        const small = await page.locator('.app-nav a, .btn, select, input:not([type=checkbox]):not(.visually-hidden), .table td a, .ob-record').evaluateAll((els) =>
          els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim() || e.id, e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
        expect(small, `${name} touch targets`).toEqual([]);
      }
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(serious, `${name} accessibility`).toEqual([]);
    }
  });
}
