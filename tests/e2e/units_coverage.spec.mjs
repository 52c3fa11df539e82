// 两新 coverage as a committee sees it: a registry brought in as a backup (how data moves between
// devices), the figures and bars of a day, an earlier day before a unit was deregistered, the gap
// list leading to units, the dashboard card, the kiosk screen; in zh-CN, zh-TW and English, with
// screenshots at 1920, 1024 and 375 px.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'starbranch-coverage-'));

const unit = (id, name, fields) => ({
  id, name, sub_type: 'private', industry: '制造业', employees: 60, above_scale: false, status: 'operating',
  supervisor: '', party_members: 0, full_members: 0, membership_here: 0,
  mass_orgs: { trade_union: true, youth_league: false, womens_federation: false }, registered: '2018-03-01',
  stage: { stage: 'not_formed' }, ...fields,
});

// | unit | area     | formation            | party/full | note                               |
// | u-a  | 新华街道 | 单独建 demo-b01       | 5/5        | above scale                        |
// | u-b  | 新华街道 | 联合建 demo-b02       | 4/3        | candidate for its own branch       |
// | u-c  | 新华街道 | 联合建 demo-b02       | 1/1        |                                    |
// | u-d  | 城南镇   | 委派指导员            | 3/3        | members without an org; candidate  |
// | u-e  | 城南镇   | —                    | 2/1        | above scale, not covered           |
// | u-f  | 城南镇   | —                    | 0/0        | deregistered 2026-06-30            |
const UNITS = [
  unit('u-a', '红星机械有限公司', { credit_code: '91350100M000100Y43', above_scale: true, party_members: 5, full_members: 5,
    membership_here: 5, area: '新华街道', formation: { kind: 'standalone', org: 'demo-b01' }, formed_on: '2021-03-01', stage: { stage: 'formed' } }),
  unit('u-b', '新华商贸有限公司', { credit_code: '93150102MA0N3K7X49', industry: '批发和零售业', party_members: 4, full_members: 3,
    membership_here: 2, area: '新华街道', formation: { kind: 'joint', org: 'demo-b02' }, formed_on: '2022-05-01', stage: { stage: 'formed' } }),
  unit('u-c', '新华物流有限公司', { credit_code: '51150100MJ0000123W', industry: '交通运输业', party_members: 1, full_members: 1,
    area: '新华街道', formation: { kind: 'joint', org: 'demo-b02' }, formed_on: '2022-05-01', stage: { stage: 'formed' } }),
  unit('u-d', '城南农牧民专业合作社', { credit_code: '52150105MJY1234561', sub_type: 'farmer_herder', industry: '农业', party_members: 3,
    full_members: 3, area: '城南镇', formation: { kind: 'instructor', name: '张指导员' }, formed_on: '2023-01-01' }),
  unit('u-e', '城南建材有限公司', { credit_code: '91150000701463622D', above_scale: true, party_members: 2, full_members: 1, area: '城南镇' }),
  unit('u-f', '城南商会', { credit_code: 'Y1150100MA7L8QX2PR', sub_type: 'trade_association', industry: '商务服务业', area: '城南镇',
    status: 'deregistered', status_date: '2026-06-30' }),
];

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

/** Downloads this browser's backup, puts these units in place of its own and restores it through Settings. */
async function restoreWithUnits(page, units = UNITS) {
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载备份' }).click()]);
  const original = join(work, `${Date.now()}-original.json`);
  await download.saveAs(original);
  const backup = JSON.parse(readFileSync(original, 'utf8'));
  // The test's canonical form must be the app's, or the file below would be refused.
  expect(seal(backup).sha256).toBe(backup.sha256);
  const file = join(work, `${Date.now()}-units.json`);
  writeFileSync(file, JSON.stringify(seal({ ...backup, stores: { ...backup.stores, units } })));
  await section.getByLabel('从文件恢复').setInputFiles(file);
  const preview = section.getByTestId('backup-preview');
  await expect(preview.locator('tr[data-store="units"] td')).toHaveText(String(units.length));
  await preview.getByRole('button', { name: '用此备份替换当前数据…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '替换数据' }).click();
  await expect(page.getByRole('status').filter({ hasText: '恢复全部数据' })).toBeVisible();
}

async function expectFigure(group, kind, percent, fraction) {
  const figure = group.locator(`[data-figure="${kind}"]`);
  await expect(figure.locator('.stat-value, .kiosk-number')).toHaveText(percent);
  if (fraction) await expect(figure).toContainText(fraction);
}

async function barValues(chart, label) {
  const row = chart.locator(`g.pb-row[data-label="${label}"]`);
  return [await row.locator('.pb-0').getAttribute('data-value'), await row.locator('.pb-1').getAttribute('data-value')];
}

test('without units the page invites registering one and the dashboard stays as it was', async ({ page }) => {
  // The demo's district emptied of its units through a restored backup.
  await restoreWithUnits(page, []);
  await page.goto('/units/coverage');
  await expect(page.getByText('还没有登记两新组织')).toBeVisible();
  await expect(page.getByRole('link', { name: '登记单位' })).toHaveAttribute('href', '/units/new');
  await page.goto('/');
  await expect(page.getByTestId('dashboard-cards')).toBeVisible();
  await expect(page.getByTestId('dashboard-coverage')).toHaveCount(0);
});

test('coverage of a day, an earlier day, the gap list, the dashboard and the kiosk', async ({ page }) => {
  await restoreWithUnits(page);

  await page.goto('/units/coverage');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('党的组织和工作覆盖');
  const all = page.getByTestId('coverage-all');
  // Today: u-f is deregistered; of a–e, a, b, c have an organisation and d an instructor.
  await expectFigure(all, 'org', '60.00%', '3 / 5');
  await expectFigure(all, 'work', '80.00%', '4 / 5');
  await expect(all).toContainText('在册单位 5 个');
  const above = page.getByTestId('coverage-above-scale');
  await expectFigure(above, 'org', '50.00%', '1 / 2');
  await expectFigure(above, 'work', '50.00%', '1 / 2');
  const bars = page.getByTestId('coverage-area-bars');
  expect(await barValues(bars, '新华街道')).toEqual(['100.00', '100.00']);
  expect(await barValues(bars, '城南镇')).toEqual(['0.00', '50.00']);
  await expect(bars.locator('g.pb-row[data-label="城南镇"]')).toContainText('50.00% · 1 / 2');
  await expect(bars.locator('svg desc')).toContainText('城南镇：组织覆盖率 0.00% · 0 / 2，工作覆盖率 50.00% · 1 / 2');
  const trend = page.getByTestId('coverage-trend');
  await expect(trend.locator('.ts-0 .trend-point')).toHaveCount(12);
  await expect(trend.locator('.ts-0 .trend-point').last()).toHaveAttribute('data-value', '60.00');
  // The social organisation u-f is deregistered: only kinds with an active unit have a row.
  await expect(page.getByTestId('coverage-by-kind').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('coverage-by-industry')).toContainText('制造业');

  const members = page.getByTestId('gap-members');
  await expect(members.locator('li')).toHaveCount(2);
  await expect(members.locator('li[data-unit="u-d"]')).toContainText('城南镇');
  await expect(members.locator('li[data-unit="u-d"]')).toContainText('党员 3 名，委派指导员');
  await expect(page.getByTestId('gap-above-scale').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('gap-above-scale').locator('li[data-unit="u-e"]')).toContainText('未覆盖');
  const candidates = page.getByTestId('gap-candidates');
  await expect(candidates.locator('li')).toHaveCount(2);
  await expect(candidates.locator('li[data-unit="u-b"]')).toContainText('正式党员 3 名，目前为联合建');
  const axe = await new AxeBuilder({ page }).include('.coverage-page').analyze();
  expect(axe.violations).toEqual([]);

  // Before u-f was deregistered it still counts among the active units.
  await page.locator('#coverage-date').fill('2026-06-01');
  await expectFigure(all, 'org', '50.00%', '3 / 6');
  await expectFigure(all, 'work', '66.67%', '4 / 6');
  expect(await barValues(bars, '城南镇')).toEqual(['0.00', '33.33']);
  await page.locator('#coverage-date').fill('2026-06-30');
  await expectFigure(all, 'org', '60.00%', '3 / 5');

  // A gap leads to the unit's record.
  await members.getByRole('link', { name: '城南建材有限公司' }).click();
  await expect(page).toHaveURL(/\/units\/u-e$/);

  // The dashboard card: today's figures and the open shell flags (both branches hold no
  // organisational life in the restored ledger), with the way to both pages.
  await page.goto('/');
  const card = page.getByTestId('dashboard-coverage');
  await expectFigure(card, 'org', '60.00%', '3 / 5');
  await expectFigure(card, 'work', '80.00%', '4 / 5');
  await expect(card.locator('[data-figure="shells"] .stat-value')).toHaveText(/^\d+$/);
  await expect(card.getByRole('link', { name: '前往空壳排查' })).toHaveAttribute('href', '/units/shells');
  await card.getByRole('link', { name: '查看覆盖率' }).click();
  await expect(page).toHaveURL(/\/units\/coverage$/);

  // The kiosk: figures and areas, no unit's name.
  await page.goto('/kiosk?screen=coverage&interval_ms=600000');
  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk).toHaveAttribute('data-screen', 'coverage');
  const screen = page.getByTestId('kiosk-coverage');
  await expectFigure(screen.getByTestId('kiosk-coverage-all'), 'org', '60.00%', '3 / 5');
  expect(await barValues(screen.getByTestId('kiosk-area-bars'), '城南镇')).toEqual(['0.00', '50.00']);
  const wall = await kiosk.innerText();
  for (const u of UNITS) expect(wall).not.toContain(u.name);
  expect(wall).not.toContain('张指导员');
  await expect(page.locator('.kiosk-dots li[data-dot="coverage"]')).toHaveCount(1);
});

test('the coverage page and the kiosk screen in zh-TW and English, at three widths', async ({ page }) => {
  await restoreWithUnits(page);
  await page.goto('/units/coverage');
  await page.getByTestId('language').selectOption('zh-TW');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('黨的組織和工作覆蓋');
  await expect(page.getByTestId('coverage-all')).toContainText('組織覆蓋率');
  await expect(page.getByTestId('gap-candidates')).toContainText('正式黨員 3 名，目前為聯合建');

  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Party organisation and work coverage');
  await expectFigure(page.getByTestId('coverage-all'), 'org', '60.00%', '3 / 5');
  await expect(page.getByTestId('gap-members')).toContainText('2 Party members; Not covered');
  await expect(page.getByTestId('coverage-by-kind')).toContainText('Specialised cooperative');

  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.goto('/units/coverage');
    await expect(page.getByTestId('coverage-area-bars')).toBeVisible();
    // Nothing wider than the screen (a table scrolls inside its own region).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/units-coverage-${width}.png`, fullPage: true, animations: 'disabled' });
  }
  // The Settings kiosk section lists the screen, switched on.
  await page.goto('/settings');
  await expect(page.getByTestId('kiosk-form').locator('input[data-screen="coverage"]')).toBeChecked();
  // Last: once the kiosk is shown, this browser stays on it.
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.goto('/kiosk?screen=coverage&interval_ms=600000');
    await expect(page.getByTestId('kiosk-coverage')).toBeVisible();
    await expect(page.getByTestId('kiosk').locator('.kiosk-title')).toHaveText('Party coverage of non-public units');
    await page.screenshot({ path: `${shots}/kiosk-${width}-coverage.png`, animations: 'disabled' });
  }
});
