// Spreadsheet exports: the quarterly ranking and the monthly grid download as CSV (UTF-8 with a
// BOM, one line per row on screen) and as XLSX, named after the table and its period.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** The CSV's records (no field here spans lines), after checking the BOM and CRLF ends. */
function csvLines(bytes) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.subarray(3).toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  return text.slice(0, -2).split('\r\n');
}

test('the quarterly ranking downloads as CSV and XLSX, as filtered on screen', async ({ page }) => {
  await page.goto('/quarterly');
  await expect(page.getByTestId('rating-table').locator('tbody tr')).toHaveCount(20);

  const csv = await download(page, 'export-csv');
  expect(csv.name).toBe('季度评星-2026-Q3.csv');
  const lines = csvLines(csv.bytes);
  expect(lines).toHaveLength(21);
  expect(lines[0]).toBe('总排名,党支部,支部类别,类别排名,得分,星级,阶梯,说明');
  expect(csv.bytes.toString('utf8')).toContain('一车间党支部');
  // The first row is the top of the ranking, as on screen: rank 1, a score with two decimals.
  const first = await page.getByTestId('rating-table').locator('tbody tr').first().locator('td').allTextContents();
  expect(lines[1]).toMatch(new RegExp(`^1,${first[1].trim()},`));
  expect(lines[1].split(',')[4]).toBe(first[4].trim());

  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toBe('季度评星-2026-Q3.xlsx');
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

  // A filter narrows the export exactly as it narrows the table.
  await page.getByTestId('category-filter').selectOption({ label: '生产类' });
  const shown = await page.getByTestId('rating-table').locator('tbody tr').count();
  expect(shown).toBeLessThan(20);
  const filtered = csvLines((await download(page, 'export-csv')).bytes);
  expect(filtered).toHaveLength(shown + 1);
  for (const line of filtered.slice(1)) expect(line.split(',')[2]).toBe('生产类');
});

test('the monthly grid downloads as CSV with a header and its rows', async ({ page }) => {
  await page.goto('/monthly');
  const rows = page.getByTestId('monthly-grid').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();

  const csv = await download(page, 'export-csv');
  expect(csv.name).toMatch(/^月度评价-\d{4}-\d{2}\.csv$/);
  const lines = csvLines(csv.bytes);
  expect(lines[0]).toBe('党支部,支部类别,审核状态,得分,报送');
  expect(lines).toHaveLength(count + 1);
  expect(lines.some((l) => l.startsWith('一车间党支部,生产类,'))).toBe(true);

  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toMatch(/^月度评价-\d{4}-\d{2}\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});

/** A download from the buttons inside `scope` (a page may show two tables with export buttons). */
async function downloadIn(page, scope, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), scope.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test('the annual grades of the year summary download as CSV and XLSX, tier by tier', async ({ page }) => {
  await page.goto('/quarterly');
  await expect(page.getByTestId('rating-table').locator('tbody tr').first()).toBeVisible();
  const year = (await page.getByTestId('period').inputValue()).slice(0, 4);
  await page.getByTestId('period').selectOption(year);
  const summary = page.getByTestId('year-summary');
  await expect(summary).toBeVisible();
  const counts = (await summary.locator('li strong').allTextContents()).map(Number);

  const csv = await downloadIn(page, summary, 'export-csv');
  expect(csv.name).toBe(`年度定级-${year}.csv`);
  const lines = csvLines(csv.bytes);
  expect(lines[0]).toBe('阶梯,党支部,支部类别,得分,星级,管理重点');
  expect(lines).toHaveLength(1 + counts.reduce((a, b) => a + b, 0));
  // Tier by tier, as listed: tier 1 rows first.
  const tiers = lines.slice(1).map((l) => l.split(',')[0]);
  expect([...tiers].sort()).toEqual(tiers);

  const xlsx = await downloadIn(page, summary, 'export-xlsx');
  expect(xlsx.name).toBe(`年度定级-${year}.xlsx`);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});

test('the month ledger table downloads as CSV and XLSX with its rows', async ({ page }) => {
  await page.goto('/ledger');
  const rows = page.getByTestId('ledger-overview-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  const count = await rows.count();
  const first = await rows.first().locator('td').allTextContents();

  const csv = await download(page, 'export-csv');
  expect(csv.name).toMatch(/^电子台账-\d{4}-\d{2}\.csv$/);
  const lines = csvLines(csv.bytes);
  expect(lines[0]).toBe('党支部,已完成,应开展,逾期,待开展,本月记录');
  expect(lines).toHaveLength(count + 1);
  const [done, required] = first[1].trim().split('/');
  expect(lines[1]).toBe(`${first[0].trim()},${done},${required},${first[2].replace(/\D/g, '') || 0},${first[3].trim()},${first[4].trim()}`);

  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toMatch(/^电子台账-\d{4}-\d{2}\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
});
