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
  await expect(page.getByTestId('rating-table').locator('tbody tr')).toHaveCount(8);

  const csv = await download(page, 'export-csv');
  expect(csv.name).toBe('季度评星-2026-Q3.csv');
  const lines = csvLines(csv.bytes);
  expect(lines).toHaveLength(9);
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
  expect(shown).toBeLessThan(8);
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
