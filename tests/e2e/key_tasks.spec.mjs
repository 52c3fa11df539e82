// Key tasks (重点工作任务): the committee assigns a task to two branches, one reports it done on
// time with evidence, the other is shown overdue; bad input is refused inline and writes nothing;
// a reported task cannot be deleted until the report is undone. Each test starts from the demo
// organisation in a fresh browser profile. Dates are computed from today, so the journeys hold
// on any day.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

/** The local calendar day `offset` days from today, as YYYY-MM-DD. */
function day(offset = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Creates a task through the form on /tasks and waits for its card. */
async function createTask(page, { title, branches, due, points = '4', description = '' }) {
  await page.getByTestId('new-task').click();
  const form = page.getByTestId('task-form');
  await form.locator('#task-title').fill(title);
  await form.locator('#task-description').fill(description);
  for (const name of branches) await form.getByLabel(name, { exact: true }).check();
  await form.locator('#task-due').fill(due);
  await form.locator('#task-points').fill(points);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: `已新建任务：${title}` })).toBeVisible();
  await expect(form).toBeHidden();
  return page.getByTestId('task-card').filter({ hasText: title });
}

test('assign to two branches: one reports on time with evidence, the other is overdue', async ({ page }) => {
  const due = day(-2);
  await page.goto('/tasks');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('重点工作任务');
  await expect(page.getByText('还没有重点工作任务。')).toBeVisible();
  // The indicator select offers only key-task indicators, and the only one is preselected.
  await page.getByTestId('new-task').click();
  await expect(page.locator('#task-indicator')).toHaveValue('perf.key_tasks');
  await expect(page.locator('#task-indicator option')).toHaveCount(2);
  await page.getByRole('button', { name: '取消' }).click();

  const card = await createTask(page, {
    title: '安全生产专项检查',
    description: '提交检查记录和整改清单',
    branches: ['一车间党支部', '二车间党支部'],
    due,
  });
  await expect(card).toContainText(due);
  await expect(card).toContainText('重点工作任务');
  await expect(card.locator('.kt-branch')).toHaveCount(2);
  await expect(card.locator('.kt-branch', { hasText: '一车间党支部' })).toContainText('逾期未完成');

  // The branch reports it done: evidence is required, the date defaults to today.
  await page.getByTestId('task-branch').selectOption('demo-b01');
  await expect(page).toHaveURL(/\/tasks\/demo-b01$/);
  const item = page.getByTestId('branch-task').filter({ hasText: '安全生产专项检查' });
  await expect(item.locator('.kt-badge')).toHaveText(/逾期未完成/);
  await item.getByRole('button', { name: '标记完成：安全生产专项检查' }).click();
  await expect(page.locator('#done-on')).toHaveValue(day(0));
  await page.getByRole('button', { name: '确认完成' }).click();
  await expect(page.locator('#done-evidence-error')).toHaveText('此项为必填项。');
  await page.locator('#done-on').fill(day(1));
  await page.getByRole('button', { name: '确认完成' }).click();
  await expect(page.locator('#done-on-error')).toHaveText('日期不能晚于今天。');
  await page.locator('#done-on').fill(due);
  await page.locator('#done-evidence').fill('安监字〔2026〕12号检查记录');
  await page.getByRole('button', { name: '确认完成' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已标记完成：安全生产专项检查' })).toBeVisible();

  await page.reload();
  await expect(item.locator('.kt-badge')).toHaveText(/按时完成/);
  await expect(item).toContainText('安监字〔2026〕12号检查记录');
  await expect(item).toContainText(`${due} 完成`);

  // The other branch: overdue, in red with words and an icon, and what finishing now is worth.
  await page.getByTestId('task-branch').selectOption('demo-b02');
  await expect(page).toHaveURL(/\/tasks\/demo-b02$/);
  const other = page.getByTestId('branch-task').filter({ hasText: '安全生产专项检查' });
  await expect(other.locator('.kt-badge')).toHaveText(/逾期未完成/);
  await expect(other.locator('.kt-badge .kt-icon')).toHaveText('!');
  await expect(other.getByTestId('overdue-note')).toContainText('已过完成期限');
  await expect(other).toHaveClass(/kt-task-overdue/);

  // The committee sees both, with counts.
  await page.getByRole('link', { name: '党委：全部任务' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  const after = page.getByTestId('task-card').filter({ hasText: '安全生产专项检查' });
  await expect(after.locator('.kt-branch', { hasText: '一车间党支部' })).toContainText('按时完成');
  await expect(after.locator('.kt-branch', { hasText: '二车间党支部' })).toContainText('逾期未完成');
  await expect(after.locator('.kt-count-OnTime')).toHaveText('按时完成 1');
  await expect(after.locator('.kt-count-Overdue')).toHaveText('逾期未完成 1');
  await expect(page.getByTestId('task-stats')).toContainText('任务数');

  // The dashboard lists the overdue one; the month's sheet scores the key-task indicator.
  await page.goto('/');
  await expect(page.getByTestId('overdue-tasks')).toContainText('二车间党支部 · 安全生产专项检查');
  await expect(page.getByTestId('overdue-tasks')).not.toContainText('一车间党支部');
  await page.goto(`/monthly/demo-b01/${due.slice(0, 7)}`);
  await expect(page.getByTestId('auto-perf.key_tasks')).toContainText('安全生产专项检查：按时完成');
});

test('an invalid task shows every problem inline and writes nothing', async ({ page }) => {
  await page.goto('/tasks');
  await page.getByTestId('new-task').click();
  await page.locator('#task-title').fill('   ');
  await page.locator('#task-points').fill('abc');
  await page.getByTestId('task-form').getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#task-title-error')).toHaveText('此项为必填项。');
  await expect(page.locator('#task-due-error')).toHaveText('此项为必填项。');
  await expect(page.locator('#task-points-error')).toHaveText('请输入大于 0 的数字，最多两位小数。');
  await expect(page.locator('#task-branches-error')).toHaveText('此项为必填项。');
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toBeVisible();

  // Fixing some fields clears their messages; points above the indicator's maximum are refused.
  await page.locator('#task-title').fill('主题党日活动');
  await page.getByTestId('task-all-branches').check();
  await expect(page.getByTestId('task-form').getByRole('checkbox', { checked: true })).toHaveCount(21);
  await page.locator('#task-due').fill(day(5));
  await page.locator('#task-points').fill('12');
  await page.getByTestId('task-form').getByRole('button', { name: '保存' }).click();
  await expect(page.locator('#task-points-error')).toHaveText('分值不能超过该指标的满分 10 分。');
  await expect(page.locator('#task-title-error')).toHaveText('');
  await expect(page.locator('#task-branches-error')).toHaveText('');

  await page.reload();
  await expect(page.getByText('还没有重点工作任务。')).toBeVisible();
  await expect(page.getByTestId('task-card')).toHaveCount(0);
});

test('a reported task cannot be deleted until the report is undone', async ({ page }) => {
  await page.goto('/tasks');
  const card = await createTask(page, { title: '党员承诺践诺', branches: ['设备维修党支部'], due: day(0), points: '3' });
  await page.goto('/tasks/demo-b03');
  const item = page.getByTestId('branch-task').filter({ hasText: '党员承诺践诺' });
  await expect(item.locator('.kt-badge')).toHaveText(/待完成/);
  await item.getByRole('button', { name: /^标记完成/ }).click();
  await page.locator('#done-evidence').fill('承诺书公示照片');
  await page.getByRole('button', { name: '确认完成' }).click();
  await expect(item.locator('.kt-badge')).toHaveText(/按时完成/);

  await page.goto('/tasks');
  await card.getByRole('button', { name: '删除' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('党员承诺践诺');
  await dialog.getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '未删除：设备维修党支部 已报告完成' })).toBeVisible();
  await expect(card).toBeVisible();

  await page.goto('/tasks/demo-b03');
  await item.getByRole('button', { name: '撤销完成' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '撤销完成' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已撤销完成：党员承诺践诺' })).toBeVisible();
  await expect(item.locator('.kt-badge')).toHaveText(/待完成/);

  await page.goto('/tasks');
  await card.getByRole('button', { name: '删除' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '删除' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已删除任务：党员承诺践诺' })).toBeVisible();
  await expect(page.getByText('还没有重点工作任务。')).toBeVisible();
});

test('layout at 1920, 1024 and 375 px: screenshots, touch targets, accessibility, languages', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/tasks');
  await expect(page.getByText('还没有重点工作任务。')).toBeVisible();
  await page.screenshot({ path: `${shots}/tasks-empty-1920.png`, fullPage: true });
  await createTask(page, { title: '安全生产专项检查', branches: ['一车间党支部', '二车间党支部', '设备维修党支部'], due: day(-2), description: '提交检查记录和整改清单,附现场照片。' });
  await createTask(page, { title: '年度党建述职材料', branches: ['机关第一党支部', '一车间党支部'], due: day(10), points: '3' });
  await page.goto('/tasks/demo-b01');
  const item = page.getByTestId('branch-task').filter({ hasText: '安全生产专项检查' });
  await item.getByRole('button', { name: /^标记完成/ }).click();
  await page.locator('#done-on').fill(day(-3));
  await page.locator('#done-evidence').fill('安监字〔2026〕12号检查记录');
  await page.getByRole('button', { name: '确认完成' }).click();
  await expect(item.locator('.kt-badge')).toHaveText(/按时完成/);

  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    const views = [
      ['tasks', '/tasks', null],
      ['tasks-form', '/tasks', async () => {
        await page.getByTestId('new-task').click();
        await page.getByTestId('task-form').getByRole('button', { name: '保存' }).click();
        await expect(page.locator('#task-title-error')).not.toHaveText('');
      }],
      ['tasks-branch', '/tasks/demo-b02', null],
      ['tasks-complete', '/tasks/demo-b01', async () => {
        await page.getByTestId('branch-task').filter({ hasText: '年度党建述职材料' }).getByRole('button', { name: /^标记完成/ }).click();
      }],
    ];
    for (const [name, path, act] of views) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.loading')).toHaveCount(0);
      if (act) await act();
      await page.waitForTimeout(200);
      await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `${name} fits ${width}px without sideways scrolling`).toBeLessThanOrEqual(width);
      if (width <= 1280) {
        const small = await page.locator('.app-nav a, .btn, select, input:not([type=checkbox]):not(.visually-hidden), .check').evaluateAll((els) =>
          els.filter((e) => e.offsetParent !== null).map((e) => [e.textContent.trim() || e.id, e.getBoundingClientRect().height]).filter(([, h]) => h < 44));
        expect(small, `${name} touch targets`).toEqual([]);
      }
      const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
      expect(serious, `${name} accessibility at ${width}px`).toEqual([]);
    }
  }

  // The page in the other two languages.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/tasks');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('重點工作任務');
  await expect(page.locator('nav#app-nav[aria-label="主導覽"]')).toContainText('重點工作任務');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Key tasks');
  await expect(page.getByTestId('task-card').first()).toContainText('Overdue, not done');
  await page.screenshot({ path: `${shots}/tasks-en-1024.png`, fullPage: true });
});
