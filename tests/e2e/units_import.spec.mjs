// The 两新 unit registry to and from a spreadsheet (/units/import, docs/FORMAT.md §13): the
// template, a file with an error (row number shown, nothing written), the corrected file
// imported, the units on /units, then the export in zh-TW (CSV) and English (XLSX) read back by
// the import as unchanged; the page at three widths.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(first17) {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csvFile = (name, lines) => ({ name, mimeType: 'text/csv', buffer: Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n')]) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function look(page, name) {
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${shots}/${name}-${width}.png`, fullPage: true });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include('[data-testid=unit-import]').analyze();
    const serious = axe.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    expect(serious, `${name} accessibility at ${width}px`).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} fits ${width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

test('template, a bad file writes nothing, the fixed file imports, the export reads back unchanged', async ({ page }) => {
  await page.goto('/units/import');
  await expect(page.getByRole('heading', { level: 1, name: '导入两新组织' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '两新组织分区' })).toBeVisible();

  const template = await download(page, 'template-csv');
  expect(template.name).toBe('两新组织导入模板.csv');
  expect([...template.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, example] = template.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(header.startsWith('单位名称,统一社会信用代码,类型,细分类型,')).toBe(true);
  expect(header.split(',')).toHaveLength(25);

  // The template's example and one unit with its own branch; the first try has a wrong check
  // character in row 3.
  const cells = example.split(',');
  const good = creditCode('91150100MA0000077');
  const wrong = good.slice(0, 17) + (good.at(-1) === '1' ? '2' : '1');
  const unit = (code) => {
    const row = [...cells];
    Object.assign(row, { 0: '星河软件有限公司', 1: code, 11: '5', 12: '4', 13: '4', 18: '单独建', 19: '一车间党支部', 21: '2020-07-01', 22: '已组建' });
    return row.join(',');
  };
  await page.getByTestId('import-file').setInputFiles(csvFile('单位.csv', [header, example, unit(wrong)]));
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('map-unit_name')).toHaveValue('0');
  await expect(page.getByTestId('map-model_year')).toHaveValue('24');
  await expect(page.getByTestId('import-error-count')).toContainText('有 1 处问题');
  const errors = page.getByTestId('import-errors').locator('tbody tr');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('第 3 行');
  await expect(errors.first()).toContainText('统一社会信用代码');
  await expect(errors.first()).toContainText('校验码应为');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  // Nothing written: the registry still holds the demo district's 40 units only.
  await expect(page.getByTestId('unit-export-count')).toContainText('全部 40 个单位');

  await page.getByTestId('import-file').setInputFiles(csvFile('单位.csv', [header, example, unit(good)]));
  await expect(page.getByTestId('import-summary')).toHaveText('新建 2 条 · 更新 0 条 · 不变 0 条');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toContainText('导入完成：新建 2 个单位，更新 0 个，不变 0 个。');
  await expect(page.getByTestId('unit-export-count')).toContainText('全部 42 个单位');

  await page.goto('/units');
  await expect(page.locator('main')).toContainText('星河软件有限公司');
  await expect(page.locator('main')).toContainText('示例科技有限公司');

  // zh-TW: the export as CSV, imported again: every row unchanged, nothing to import.
  await page.goto('/units/import');
  await page.getByTestId('language').selectOption('zh-TW');
  const csv = await download(page, 'export-csv');
  expect(csv.name).toBe('兩新組織庫.csv');
  expect(csv.bytes.subarray(3).toString('utf8')).toContain('單獨建');
  await page.getByTestId('import-file').setInputFiles({ name: csv.name, mimeType: 'text/csv', buffer: csv.bytes });
  await expect(page.getByTestId('import-summary')).toHaveText('新建 0 筆 · 更新 0 筆 · 不變 42 筆');
  await expect(page.getByTestId('import-nothing')).toBeVisible();
  await expect(page.getByTestId('import-confirm')).toBeDisabled();

  // English: the export as XLSX, imported again: unchanged too.
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Import non-public units' })).toBeVisible();
  const xlsx = await download(page, 'export-xlsx');
  expect(xlsx.name).toBe('unit-registry.xlsx');
  await page.getByTestId('import-file').setInputFiles({ name: xlsx.name, mimeType: XLSX, buffer: xlsx.bytes });
  await expect(page.getByTestId('import-summary')).toHaveText('0 new · 0 updated · 42 unchanged');
  await expect(page.getByTestId('import-preview').locator('tbody tr')).toHaveCount(42);
  await expect(page.getByTestId('import-preview')).toContainText('Own branch');
  await look(page, 'units-import-preview');
});

test('a lone joint branch is a note, not an error, in English', async ({ page }) => {
  await page.goto('/units/import');
  await page.getByTestId('language').selectOption('en');
  const template = await download(page, 'template-csv');
  expect(template.name).toBe('unit-import-template.csv');
  const [header, example] = template.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  // The English example's name holds a comma (a quoted field): replaced before splitting.
  expect(example.startsWith('"Example Technology Co., Ltd.",')).toBe(true);
  const row = example.replace('"Example Technology Co., Ltd."', 'Lone Trading').split(',');
  Object.assign(row, { 18: 'Joint branch', 19: '一车间党支部', 21: '2021-01-01', 22: '' });
  await page.getByTestId('import-file').setInputFiles(csvFile('units.csv', [header, row.join(',')]));
  await expect(page.getByTestId('import-summary')).toHaveText('1 new · 0 updated · 0 unchanged');
  await expect(page.getByTestId('import-warning-count')).toContainText('Notes, which do not stop the import: 1');
  await expect(page.getByTestId('import-warnings')).toContainText('Row 2');
  await expect(page.getByTestId('import-confirm')).toBeEnabled();
  await look(page, 'units-import-note');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-result')).toContainText('Imported: new units 1');
});
