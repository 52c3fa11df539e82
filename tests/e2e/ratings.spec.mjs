// Ratings shown by the app equal what the audit CLI computes from the app's own export, and
// exchange documents import with a preview, idempotently, and never half-way.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const work = mkdtempSync(join(tmpdir(), 'starbranch-e2e-'));

function cliRate(file, period) {
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'starbranch', '--', 'rate', file, '--period', period], { encoding: 'utf8' });
  return JSON.parse(out);
}

async function exportFile(page) {
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const file = join(work, await download.suggestedFilename());
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: '已导出' })).toBeVisible();
  return file;
}

async function tableScores(page, periodLabel) {
  await page.goto('/quarterly');
  await page.getByTestId('period').selectOption({ label: periodLabel });
  const rows = page.getByTestId('rating-table').locator('tbody tr');
  await expect(rows).toHaveCount(20);
  return rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
}

test('dashboard and quarterly rating agree with the audit CLI on the exported data', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('ratings-overview')).toContainText('星级分布 · 2026年第3季度');
  const file = await exportFile(page);
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  expect(doc.format).toBe('starbranch.exchange');
  expect(doc.evaluations).toHaveLength(215);

  const names = Object.fromEntries(doc.branches.map((b) => [b.name, b.id]));
  for (const [label, period] of [['2026年第3季度', '2026-Q3'], ['2026年第2季度', '2026-Q2']]) {
    const expected = Object.fromEntries(cliRate(file, period).map((r) => [r.branch, r]));
    const rows = await tableScores(page, label);
    for (const [rank, name, , rankInCategory, score] of rows) {
      const want = expected[names[name]];
      // An unranked row (a branch founded within the quarter) shows no rank; the CLI says null.
      const rankOf = (text) => (text.trim() === '' ? null : Number(text));
      expect(rankOf(rank), `${period} ${name} rank`).toBe(want.rank_overall);
      expect(rankOf(rankInCategory), `${period} ${name} category rank`).toBe(want.rank_category);
      if (want.score === null) expect(rankOf(rank), `${period} ${name} is unrated, so unranked`).toBeNull();
      else expect(Number(score), `${period} ${name} score`).toBeCloseTo(want.score, 2);
    }
  }
  // Q2 holds the demo's veto: capped at one star and said so.
  const vetoed = page.getByTestId('rating-table').locator('tr', { hasText: '机关第二党支部' });
  await expect(vetoed).toContainText('一票否决');
  await expect(vetoed.getByRole('img')).toHaveAttribute('aria-label', '1 星');
  // Q4 is incomplete: November is only submitted, December missing.
  await page.getByTestId('period').selectOption({ label: '2026年第4季度' });
  await expect(page.getByTestId('rating-table').locator('tbody tr').first()).toContainText('2026-11');
});

test('a branch radar has five axes and the engine\'s indices', async ({ page }) => {
  const file = await exportFile(page);
  const want = cliRate(file, '2026-Q3').find((r) => r.branch === 'demo-b04');
  await page.goto('/quarterly');
  await page.getByTestId('rating-table').getByRole('link', { name: '后勤服务党支部' }).click();
  await expect(page).toHaveURL(/\/quarterly\/demo-b04\?period=2026-Q3$/);
  const svg = page.locator('figure.radar svg');
  await expect(svg).toHaveAttribute('data-axes', '5');
  await expect(svg.locator('.radar-axis')).toHaveCount(5);
  await expect(svg.locator('.radar-label')).toHaveText(['星级队伍', '星级管理', '星级业绩', '星级服务', '星级品牌']);
  const values = (await svg.locator('g.series-0').getAttribute('data-values')).split(',').map(Number);
  const dims = ['team', 'management', 'performance', 'service', 'brand'].map((d) => want.dimensions[d]);
  values.forEach((v, i) => expect(v).toBeCloseTo(dims[i], 2));
  // The same numbers as a table, and the four series in the legend.
  await expect(page.getByTestId('radar-table').locator('tbody tr')).toHaveCount(5);
  await expect(page.locator('.legend')).toContainText('同类最佳');
  await expect(page.getByTestId('weak-points')).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'tests/e2e/screenshots/radar-1024.png', fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: 'tests/e2e/screenshots/radar-1920.png', fullPage: true });
});

test('importing: the own export changes nothing, a new branch needs a parent, bad files are refused', async ({ page }) => {
  const file = await exportFile(page);
  const input = page.getByTestId('import-file');

  await input.setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toContainText('导入不会改变任何内容');
  await page.getByRole('button', { name: '取消' }).click();

  // A document with one more branch and its three confirmed months of Q3.
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  doc.branches.push({ id: 'new-b', name: '新建材料党支部', category: 'production' });
  for (const month of ['2026-07', '2026-08', '2026-09']) {
    const template = doc.evaluations.find((e) => e.branch === 'demo-b01' && e.month === month);
    doc.evaluations.push({ ...template, branch: 'new-b' });
  }
  const grown = join(work, 'grown.json');
  writeFileSync(grown, JSON.stringify(doc));
  await input.setInputFiles(grown);
  await expect(page.getByRole('alert')).toContainText('请先选择它们的上级组织');
  await page.locator('#import-parent').selectOption({ label: '生产党总支' });
  const preview = page.getByTestId('import-preview');
  await expect(preview.locator('tr', { hasText: '党支部' })).toContainText('1');
  await expect(preview.locator('tr', { hasText: '月度评价' })).toContainText('3');
  await page.getByTestId('confirm-import').click();
  await expect(page.getByRole('status').filter({ hasText: '导入完成' })).toBeVisible();
  await page.goto('/quarterly');
  await expect(page.getByTestId('rating-table')).toContainText('新建材料党支部');

  // A broken file: every problem listed with its place, nothing written.
  const broken = JSON.parse(readFileSync(file, 'utf8'));
  broken.evaluations[0].scores['team.leadership'] = 12;
  broken.evaluations[1].branch = 'ghost';
  const bad = join(work, 'bad.json');
  writeFileSync(bad, JSON.stringify(broken));
  await page.goto('/settings');
  await input.setInputFiles(bad);
  const report = page.getByTestId('import-result');
  await expect(report).toContainText('共 2 处问题，未写入任何数据');
  await expect(report).toContainText('12 分超过满分 10');
  await expect(report).toContainText('未知的党支部 ghost');
  await expect(page.getByTestId('confirm-import')).toHaveCount(0);

  // Not JSON at all.
  const junk = join(work, 'junk.json');
  writeFileSync(junk, 'not json');
  await input.setInputFiles(junk);
  await expect(report).toContainText('不是有效的 JSON');
});

test('annual grade: the committee ticks the five haves, the choice stays on refetch and reload', async ({ page }) => {
  await page.goto('/quarterly');
  await page.getByTestId('period').selectOption({ label: '2026年度' });
  const cell = page.getByTestId('five-haves-demo-b02');
  await expect(cell.getByRole('checkbox')).toHaveCount(5);
  await cell.getByLabel('优秀支部书记').check();
  // The write refetches the data; the year stays selected.
  await expect(page.getByTestId('period')).toHaveValue('2026');
  await expect(page.getByTestId('five-haves-demo-b02').getByLabel('优秀支部书记')).toBeChecked();
  // The box ticks at once; the write is done only when the app says so.
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toContainText('优秀支部书记');
  await page.reload();
  await page.getByTestId('period').selectOption({ label: '2026年度' });
  await expect(page.getByTestId('five-haves-demo-b02').getByLabel('优秀支部书记')).toBeChecked();
  await expect(page.getByTestId('five-haves-demo-b02').getByLabel('特色品牌内涵')).not.toBeChecked();
  // The year is not complete yet (December has no confirmed evaluation), and says so.
  await expect(page.getByTestId('rating-table').locator('tr', { hasText: '二车间党支部' })).toContainText('2026-12');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: 'tests/e2e/screenshots/print-annual.png', fullPage: true });
  await expect(page.locator('.signatures')).toBeVisible();
});
