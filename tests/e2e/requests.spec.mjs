// 企业有话说 as the committee uses it: a unit's request raised (点单), accepted by a department
// (接单), taken on (领单), sent to a joint consultation (会商) and resolved (办结), with the forms
// refusing what is wrong in place and writing nothing, and the counts, the dashboard, the unit's
// page and the kiosk following — in zh-CN, then shorter journeys in zh-TW and English.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseLanguage } from './helpers.mjs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

// Screenshots at the three widths, each also checked for serious accessibility problems and for
// content wider than the screen.
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

// Days as the app counts them (its clock is the browser's, as is this one).
const daysAgo = (n) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const UNIT = '星辰电子科技有限公司';

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

// The demo district comes with its own requests and instructors; these journeys count from none.
// This browser's backup is downloaded, its requests and instructors replaced (by `instructors`,
// the pool the 领单 step offers) and restored through Settings — the way a user moves data.
async function startWithoutDemoRequests(page, instructors = []) {
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载备份' }).click()]);
  const backup = JSON.parse(readFileSync(await download.path(), 'utf8'));
  const stores = { ...backup.stores, requests: [], instructors, assignments: [], instructor_reports: [], year_end_reviews: [] };
  const file = join(tmpdir(), `requests-e2e-${Date.now()}-${Math.random()}.json`);
  writeFileSync(file, JSON.stringify(seal({ ...backup, stores })));
  await section.getByLabel('从文件恢复').setInputFiles(file);
  await section.getByTestId('backup-preview').getByRole('button', { name: '用此备份替换当前数据…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '替换数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复全部数据' })).toBeVisible();
}

async function notice(page, text) {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
}

async function figure(page, scope, kind) {
  return page.getByTestId(scope).locator(`[data-figure="${kind}"] .stat-value`);
}

// Raises a request of UNIT from the list page; returns its page's URL.
async function raise(page, { text, on, category, button }) {
  await page.goto('/requests');
  await page.getByTestId('request-new').click();
  await expect(page).toHaveURL(/\/requests\/new$/);
  await page.locator('#rq-unit-search').fill('星辰电子');
  await page.locator('#rq-unit').selectOption({ label: `${UNIT} · 星湖街道` });
  if (category) await page.locator('#rq-category').selectOption({ label: category });
  await page.locator('#rq-text').fill(text);
  await page.locator('#rq-raised').fill(on);
  await page.getByTestId('request-save').click();
  await expect(page).toHaveURL(/\/requests\/(?!new)[^/]+$/);
  await expect(page.getByTestId('step-form')).toBeVisible();
  return page.url();
}

async function step(page, { choice, name, on, text, button }) {
  const form = page.getByTestId('step-form');
  if (choice) await form.getByTestId(`step-choice-${choice}`).check();
  if (name !== undefined) await form.locator('#rq-step-department, #rq-step-person').fill(name);
  if (text !== undefined) await form.locator('#rq-step-text').fill(text);
  await form.locator('#rq-step-on').fill(on);
  await form.getByRole('button', { name: button }).click();
}

test('a request from 点单 to 办结, refused in place where wrong, counted everywhere', async ({ page }) => {
  await startWithoutDemoRequests(page);
  await page.goto('/requests');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('企业有话说');
  await expect(page.locator('.empty-state')).toContainText('还没有登记企业诉求。');

  // 点单 with nothing filled in: every problem at its field, and nothing is written.
  await page.getByTestId('request-new').click();
  await page.locator('#rq-raised').fill('');
  await page.getByTestId('request-save').click();
  await expect(page.locator('#rq-unit-error')).toHaveText('请选择提出诉求的单位。');
  await expect(page.locator('#rq-text-error')).toHaveText('此项为必填项。');
  await expect(page.locator('#rq-raised-error')).toHaveText('此项为必填项。');
  await expect(page.getByRole('alert').filter({ hasText: '未保存' })).toBeVisible();
  await expect(page).toHaveURL(/\/requests\/new$/);

  // The unit search narrows the picker.
  await page.locator('#rq-unit-search').fill('星辰电子');
  await expect(page.locator('#rq-unit option')).toHaveCount(2);
  await expect(page.locator('#rq-unit-found')).toHaveText('找到 1 个单位');

  const url = await raise(page, { text: '新建生产线需要技术改造贴息政策支持', on: daysAgo(20), category: '融资' });
  await notice(page, `已保存“${UNIT}”的诉求。`);
  await expect(page.getByTestId('request-status')).toHaveText('已点单');
  await expect(page.getByTestId('request-text')).toHaveText('新建生产线需要技术改造贴息政策支持');
  await expect(page.getByTestId('request-timeline')).toContainText('等待接单');

  // 接单 dated before the 点单 is refused at the date, and the request is unchanged.
  await step(page, { name: '区金融办', on: daysAgo(21), button: '确认接单' });
  await expect(page.locator('#rq-step-on-error')).toHaveText('不能早于点单日期。');
  await page.reload();
  await expect(page.getByTestId('request-status')).toHaveText('已点单');
  await step(page, { name: '区金融办', on: daysAgo(19), button: '确认接单' });
  await notice(page, `已记录接单：${UNIT}`);
  await expect(page.getByTestId('request-status')).toHaveText('已接单');
  await expect(page.getByTestId('request-timeline')).toContainText('区金融办');

  // 领单 — no instructor in the pool yet, so a name is typed.
  await expect(page.getByTestId('step-form')).toHaveAttribute('data-step', 'take');
  await step(page, { name: '王建国', on: daysAgo(18), button: '确认领单' });
  await expect(page.getByTestId('request-status')).toHaveText('已领单');

  // Twenty days open against a time limit of fifteen: overdue, in the list, its counts and the dashboard.
  await page.goto('/requests');
  const row = page.getByTestId('request-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(UNIT);
  await expect(row).toContainText('已领单');
  await expect(row).toContainText('区金融办');
  await expect(row.getByTestId('overdue-badge')).toHaveText('逾期 5 天');
  await expect(await figure(page, 'request-counts', 'raised')).toHaveText('1');
  await expect(await figure(page, 'request-counts', 'open')).toHaveText('1');
  await expect(await figure(page, 'request-counts', 'overdue')).toHaveText('1');
  await expect(page.getByTestId('request-departments')).toContainText('区金融办');
  await page.locator('#rq-filter-status').selectOption({ label: '已办结' });
  await expect(page.locator('.empty-state')).toHaveText('没有符合条件的诉求。');
  await page.locator('#rq-filter-status').selectOption({ label: '全部' });
  await page.goto('/');
  await expect(await figure(page, 'dashboard-requests', 'overdue')).toHaveText('1');
  await page.getByTestId('dashboard-requests-overdue').click();
  await expect(page).toHaveURL(/\/requests\?overdue=1$/);
  await expect(page.getByTestId('request-overdue-only')).toBeChecked();
  await expect(page.getByTestId('request-table').locator('tbody tr')).toHaveCount(1);

  // 会商, then 办结: without a resolution it is refused in place and nothing is written.
  await page.goto(url);
  await step(page, { choice: 'consult', on: daysAgo(10), text: '金融办、工信局联席会商贴息方案', button: '转入会商' });
  await expect(page.getByTestId('request-status')).toHaveText('会商中');
  await step(page, { on: daysAgo(2), text: '', button: '确认办结' });
  await expect(page.locator('#rq-step-text-error')).toHaveText('此项为必填项。');
  await page.reload();
  await expect(page.getByTestId('request-status')).toHaveText('会商中');
  await step(page, { on: daysAgo(2), text: '已落实技术改造贴息 50 万元', button: '确认办结' });
  await notice(page, `已记录办结：${UNIT}`);
  await expect(page.getByTestId('request-status')).toHaveText('已办结');
  await expect(page.getByTestId('step-form')).toHaveCount(0);
  const timeline = page.getByTestId('request-timeline').locator('li');
  await expect(timeline).toHaveCount(5);
  await expect(timeline.last()).toContainText('已落实技术改造贴息 50 万元');
  await look(page, 'requests-request');

  // The counts follow: resolved this year, nothing open or overdue.
  await page.goto('/requests');
  await expect(await figure(page, 'request-counts', 'resolved')).toHaveText('1');
  await expect(await figure(page, 'request-counts', 'open')).toHaveText('0');
  await expect(await figure(page, 'request-counts', 'overdue')).toHaveText('0');
  await expect(page.getByTestId('request-table').locator('tbody tr')).toContainText('已办结');
  await expect(page.getByTestId('request-category-bars').locator('desc')).toContainText('融资：点单 1 件，办结 1 件');
  await look(page, 'requests-list');

  // The list as a spreadsheet, as shown.
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(file.suggestedFilename()).toBe(`企业诉求-${daysAgo(0)}.csv`);
  const lines = readFileSync(await file.path()).subarray(3).toString('utf8').trim().split('\r\n');
  expect(lines[0]).toBe('提出单位,属地,诉求类别,诉求内容,点单日期,办理状态,接单部门,领单人,办结日期,办理结果,办理天数,逾期天数');
  expect(lines.slice(1)).toEqual([`${UNIT},星湖街道,融资,新建生产线需要技术改造贴息政策支持,${daysAgo(20)},已办结,区金融办,王建国,${daysAgo(2)},已落实技术改造贴息 50 万元,18,`]);
  await page.goto('/');
  await expect(await figure(page, 'dashboard-requests', 'resolved')).toHaveText('1');
  await expect(await figure(page, 'dashboard-requests', 'open')).toHaveText('0');
  await page.getByTestId('dashboard-requests').screenshot({ path: `${shots}/requests-dashboard-card.png` });

  // The unit's page lists it and raises the next one for the unit.
  await page.goto('/units/demo-u01');
  const listed = page.getByTestId('unit-requests');
  await expect(listed.locator('li')).toHaveCount(1);
  await expect(listed).toContainText('融资');
  await expect(listed).toContainText('已办结');
  await listed.getByTestId('unit-request-new').click();
  await expect(page).toHaveURL(/\/requests\/new\?unit=demo-u01$/);
  await expect(page.locator('#rq-unit')).toHaveValue('demo-u01');

  // The kiosk shows the year's resolved requests, and nothing of what was asked.
  await page.goto('/kiosk?screen=coverage');
  const wall = page.getByTestId('kiosk-requests');
  await expect(wall.locator('[data-figure="resolved"] .kiosk-number')).toHaveText('1');
  await expect(wall).toContainText('今年点单 1 件，办理中 0 件');
  await expect(page.getByTestId('kiosk')).not.toContainText('贴息');
  for (const [width, height] of [[1920, 1080], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/requests-kiosk-${width}.png` });
  }
});

test('企業有話說 in zh-TW: raise, accept, an instructor takes it on, the time limit', async ({ page }) => {
  await startWithoutDemoRequests(page, [
    { id: 'e2e-instructor', name: '李紅', gender: 'female', source: 'serving_cadre', department: '', specialties: [], contact: '' },
  ]);
  await page.goto('/requests');
  await chooseLanguage(page, 'zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('企業有話說');
  await expect(page.locator('.empty-state')).toContainText('還沒有登記企業訴求。');
  await raise(page, { text: '招工難，希望對接職業院校', on: daysAgo(3), category: '用工' });
  await notice(page, `已儲存「${UNIT}」的訴求。`);
  await expect(page.getByTestId('request-status')).toHaveText('已點單');
  await expect(page.getByTestId('request-timeline')).toContainText('等待接單');
  await step(page, { name: '', on: daysAgo(2), button: '確認接單' });
  await expect(page.locator('#rq-step-department-error')).toHaveText('此項為必填項。');
  await step(page, { name: '區人社局', on: daysAgo(2), button: '確認接單' });
  await notice(page, `已記錄接單：${UNIT}`);
  await expect(page.getByTestId('request-status')).toHaveText('已接單');
  await expect(page.getByTestId('step-choice-take')).toBeChecked();
  await expect(page.locator('label[for="rq-step-on"]')).toContainText('領單日期');
  await page.getByTestId('step-choice-consult').check();
  await expect(page.locator('label[for="rq-step-on"]')).toContainText('會商日期');
  await expect(page.getByRole('button', { name: '轉入會商' })).toBeVisible();
  await page.getByTestId('step-choice-take').check();
  await page.locator('#rq-step-instructor').selectOption({ label: '李紅 · 黨建指導員' });
  await expect(page.locator('#rq-step-person')).toHaveCount(0);
  await step(page, { on: daysAgo(1), button: '確認領單' });
  await notice(page, `已記錄領單：${UNIT}`);
  await expect(page.getByTestId('request-status')).toHaveText('已領單');
  await expect(page.getByTestId('request-timeline')).toContainText('李紅 · 黨建指導員');

  await page.getByRole('link', { name: '返回訴求列表' }).click();
  await expect(page.getByTestId('request-table')).toContainText('用工');
  await expect(page.getByTestId('request-counts')).toContainText('今年點單');
  await page.locator('#rq-due').fill('0');
  await page.getByTestId('request-due-save').click();
  await expect(page.locator('#rq-due-error')).toHaveText('請填寫 1–365 的整數。');
  await page.locator('#rq-due').fill('2');
  await page.getByTestId('request-due-save').click();
  await notice(page, '辦理時限已儲存：2 天。');
  await expect(page.getByTestId('request-table').getByTestId('overdue-badge')).toHaveText('逾期 1 天');
});

test('enterprise requests in English: a step taken back, a correction, a deletion, read-only for others', async ({ page }) => {
  await startWithoutDemoRequests(page);
  await page.goto('/requests');
  await chooseLanguage(page, 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enterprise requests');
  await raise(page, { text: 'Needs advice on the new export tax rebate', on: daysAgo(6), category: 'Policy advice' });
  await notice(page, `Saved the request of “${UNIT}”.`);
  await expect(page.getByTestId('request-status')).toHaveText('Raised');
  await step(page, { name: 'District Commerce Bureau', on: daysAgo(5), button: 'Accept' });
  await expect(page.getByTestId('request-status')).toHaveText('Accepted');
  await expect(page.getByTestId('request-timeline')).toContainText('Waiting: Taken on');
  await step(page, { name: 'Li Hong', on: daysAgo(4), button: 'Take it on' });
  await expect(page.getByTestId('request-status')).toHaveText('Taken on');
  await step(page, { on: daysAgo(5), text: 'Rebate filed', button: 'Mark as resolved' });
  await expect(page.locator('#rq-step-on-error')).toHaveText('Cannot be earlier than “Taken on”.');
  await look(page, 'requests-request-en');

  // Taking back the last step asks first.
  await page.getByTestId('request-undo').click();
  await expect(page.getByRole('alertdialog')).toContainText('The step “Taken on” is taken back and the request is “Accepted” again');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Take back the last step' }).click();
  await notice(page, `Step taken back (Taken on): ${UNIT}`);
  await expect(page.getByTestId('request-status')).toHaveText('Accepted');

  // Correcting the 点单 day to after the 接单 is refused with the reason in the notice.
  await page.getByTestId('request-edit').click();
  await page.locator('#rq-raised').fill(daysAgo(1));
  await page.getByTestId('request-save').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Cannot be earlier than “Raised on”.' })).toBeVisible();
  await page.locator('#rq-raised').fill(daysAgo(6));
  await page.locator('#rq-text').fill('Needs advice on the export tax rebate for 2026');
  await page.getByTestId('request-save').click();
  await notice(page, `Saved the request of “${UNIT}”.`);
  await expect(page.getByTestId('request-text')).toHaveText('Needs advice on the export tax rebate for 2026');

  await page.goto('/requests');
  await look(page, 'requests-list-en');

  // A viewer reads but cannot write.
  await page.getByTestId('role-badge').click();
  await page.getByTestId('role-dialog').getByTestId('role-viewer').check();
  await page.getByTestId('role-dialog').getByTestId('role-submit').click();
  await expect(page.getByTestId('request-new')).toHaveCount(0);
  await expect(page.getByTestId('request-due')).toContainText('Time limit: 15 days.');
  await page.getByTestId('request-table').getByRole('link', { name: UNIT }).click();
  await expect(page.getByTestId('not-permitted')).toBeVisible();
  await expect(page.getByTestId('step-form')).toHaveCount(0);
  await expect(page.getByTestId('request-delete')).toHaveCount(0);

  // Back as administrator: deleted, after a confirmation.
  await page.getByTestId('role-badge').click();
  await page.getByTestId('role-dialog').getByTestId('role-admin').check();
  await page.getByTestId('role-dialog').getByTestId('role-submit').click();
  await page.getByTestId('request-delete').click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete the request' }).click();
  await notice(page, `Deleted the request of “${UNIT}”.`);
  await expect(page).toHaveURL(/\/requests$/);
  await expect(page.locator('.empty-state')).toContainText('No request has been raised yet.');
});
