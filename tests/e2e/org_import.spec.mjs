// Spreadsheet import of organisations and members (/orgs/import, docs/FORMAT.md §12): template
// download, column mapping, preview with row errors (nothing written), one-transaction import,
// the same file twice changes nothing; XLSX too; non-UTF-8 and oversized files refused.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const csvFile = (name, lines) => ({ name, mimeType: 'text/csv', buffer: Buffer.concat([BOM, Buffer.from(lines.join('\r\n') + '\r\n')]) });

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

async function openImport(page) {
  await page.goto('/orgs');
  await page.getByTestId('org-import-link').click();
  await expect(page).toHaveURL(/\/orgs\/import$/);
  await expect(page.getByRole('heading', { level: 1, name: '从表格导入' })).toBeVisible();
}

test('branches: template, mapping, preview, import, the same file again changes nothing', async ({ page }) => {
  await openImport(page);
  const template = await download(page, 'template-csv');
  expect(template.name).toBe('党组织导入模板.csv');
  expect([...template.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = template.bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe('组织名称,层级,上级组织,支部类别,书记,联系方式,成立日期');
  expect(lines[1]).toBe('三车间党支部,党支部,生产党总支,生产类,王小明,0731-12345678,2024-05-01');

  // The template filled in: its example, a new general branch and a branch under it (listed first).
  const file = csvFile('支部.csv', [lines[0], lines[1], '新区第一党支部,,新区党总支,市场经营类,钱二,,2025/3/8', '新区党总支,党总支,星城集团公司党委,,赵一,,']);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-mapping')).toBeVisible();
  await expect(page.getByTestId('map-org_name')).toHaveValue('0');
  await expect(page.getByTestId('map-founded')).toHaveValue('6');
  await expect(page.getByTestId('import-summary')).toHaveText('新建 3 条 · 更新 0 条 · 不变 0 条');
  const preview = page.getByTestId('import-preview');
  await expect(preview.locator('tbody tr')).toHaveCount(3);
  await expect(preview.locator('tbody tr').nth(1)).toContainText('新区党总支');

  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: '导入完成：新建 3 条，更新 0 条。' })).toBeVisible();
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);

  await page.goto('/orgs');
  const tree = page.getByTestId('org-tree');
  await expect(tree).toContainText('三车间党支部');
  await expect(tree).toContainText('新区党总支');
  await expect(tree).toContainText('新区第一党支部');

  // The same file again: everything unchanged, nothing to import.
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('import-summary')).toHaveText('新建 0 条 · 更新 0 条 · 不变 3 条');
  await expect(page.getByTestId('import-nothing')).toBeVisible();
  await expect(page.getByTestId('import-confirm')).toBeDisabled();
});

test('members: a bad file lists row errors and writes nothing; the corrected file imports', async ({ page }) => {
  await openImport(page);
  await page.getByTestId('import-kind-members').check();
  const header = '姓名,所在党支部,性别,出生日期,入党日期,职务,党员状态';
  const bad = csvFile('党员.csv', [
    header,
    '测试甲,一车间党支部,男,1990-01-01,2015-01-01,党员,正式党员',
    '测试乙,不存在的党支部,女,1991-02-02,2016-02-02,,',
    '测试丙,一车间党支部,男,1990-13-01,2015-01-01,,荣誉党员',
    '测试甲,一车间党支部,男,1990-01-01,2015-01-01,,',
  ]);
  await page.getByTestId('import-file').setInputFiles(bad);
  await expect(page.getByTestId('import-error-count')).toContainText('有 4 处问题');
  const errors = page.getByTestId('import-errors').locator('tbody tr');
  await expect(errors).toHaveCount(4);
  await expect(errors.nth(0)).toContainText('第 3 行');
  await expect(errors.nth(0)).toContainText('找不到党支部“不存在的党支部”');
  await expect(errors.nth(1)).toContainText('第 4 行');
  await expect(errors.nth(1)).toContainText('“1990-13-01”不是有效日期');
  await expect(errors.nth(2)).toContainText('未知的党员状态“荣誉党员”');
  await expect(errors.nth(3)).toContainText('与第 2 行重复');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);

  mkdirSync('scratch', { recursive: true });
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `scratch/org-import-errors-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `no horizontal scroll at ${width}px`).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  const axe = await new AxeBuilder({ page }).include('[data-testid=org-import]').analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Nothing was written: the first, valid row is not on the roll.
  await page.goto('/orgs/demo-b01');
  await expect(page.getByTestId('member-table')).toBeVisible();
  await expect(page.getByTestId('member-table')).not.toContainText('测试甲');

  await openImport(page);
  await page.getByTestId('import-kind-members').check();
  await page.getByTestId('import-file').setInputFiles(csvFile('党员.csv', [header, '测试甲,一车间党支部,男,1990-01-01,2015-01-01,党员,正式党员', '测试乙,二车间党支部,女,1991/2/2,2016/2/2,,预备党员']));
  await expect(page.getByTestId('import-summary')).toHaveText('新建 2 条 · 更新 0 条 · 不变 0 条');
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: '导入完成：新建 2 条' })).toBeVisible();
  await page.goto('/orgs/demo-b01');
  await expect(page.getByTestId('member-table')).toContainText('测试甲');
});

test('columns with unknown headers are mapped by hand', async ({ page }) => {
  await openImport(page);
  await page.getByTestId('import-kind-members').check();
  await page.getByTestId('import-file').setInputFiles(csvFile('roll.csv', ['名字,单位,男女,生日,入党,备注', '测试丁,一车间党支部,女,1992-04-04,2018-04-04,']));
  await expect(page.getByTestId('mapping-problems')).toContainText('请为“姓名”选择一列。');
  await expect(page.getByTestId('import-preview')).toHaveCount(0);
  await page.getByTestId('map-member_name').selectOption({ label: '第 1 列：名字' });
  await page.getByTestId('map-branch').selectOption('1');
  await page.getByTestId('map-gender').selectOption('2');
  await page.getByTestId('map-birth').selectOption('3');
  await page.getByTestId('map-joined').selectOption('4');
  await expect(page.getByTestId('mapping-problems')).toHaveCount(0);
  await expect(page.getByTestId('import-summary')).toHaveText('新建 1 条 · 更新 0 条 · 不变 0 条');
  // The same column for two fields is a mapping problem.
  await page.getByTestId('map-position').selectOption('0');
  await expect(page.getByTestId('mapping-problems')).toContainText('第 1 列被选给了多个字段。');
});

test('the XLSX template imports as it is; the mapping screen at three widths', async ({ page }) => {
  await openImport(page);
  await page.getByTestId('import-kind-members').check();
  const xlsx = await download(page, 'template-xlsx');
  expect(xlsx.name).toBe('党员导入模板.xlsx');
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await page.getByTestId('import-file').setInputFiles({ name: xlsx.name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx.bytes });
  await expect(page.getByTestId('map-member_name')).toHaveValue('0');
  await expect(page.getByTestId('map-status')).toHaveValue('6');
  await expect(page.getByTestId('import-summary')).toHaveText('新建 1 条 · 更新 0 条 · 不变 0 条');
  await expect(page.getByTestId('import-preview')).toContainText('李明');
  await expect(page.getByTestId('import-preview')).toContainText('1990-03-15');
  mkdirSync('scratch', { recursive: true });
  for (const [width, height] of [[1920, 1080], [1024, 768], [375, 812]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `scratch/org-import-preview-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('import-confirm').click();
  await expect(page.getByRole('status').filter({ hasText: '导入完成：新建 1 条' })).toBeVisible();
  await page.goto('/orgs/demo-b01');
  await expect(page.getByTestId('member-table')).toContainText('李明');
});

test('a CSV that is not UTF-8, a damaged workbook and a file over 50 MB are refused', async ({ page }) => {
  await openImport(page);
  // "支部,名称" in GBK.
  const gbk = Buffer.from([0xd6, 0xa7, 0xb2, 0xbf, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0d, 0x0a, 0xd6, 0xa7, 0xb2, 0xbf, 0x2c, 0x41, 0x0d, 0x0a]);
  await page.getByTestId('import-file').setInputFiles({ name: 'gbk.csv', mimeType: 'text/csv', buffer: gbk });
  await expect(page.getByTestId('import-refused')).toContainText('不是 UTF-8 编码');
  await expect(page.getByTestId('import-refused')).toContainText('CSV UTF-8');

  await page.getByTestId('import-file').setInputFiles({ name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]) });
  // The whole sentence: nothing of the parser's English reason reaches it.
  await expect(page.getByTestId('import-refused')).toHaveText('无法读取表格文件“broken.xlsx”，请确认是 .xlsx 或 .csv 文件且未损坏。');
  const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100, 0)]);
  await page.getByTestId('import-file').setInputFiles({ name: 'old.xls', mimeType: 'application/vnd.ms-excel', buffer: xls });
  await expect(page.getByTestId('import-refused')).toHaveText('“old.xls”是旧版 .xls 工作簿，请在 Excel 或 WPS 中另存为 .xlsx 后再导入。');

  // Playwright passes buffers of at most 50 MB, so the file goes through the disk.
  const huge = join(mkdtempSync(join(tmpdir(), 'starbranch-import-')), 'huge.csv');
  writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024 + 1, 0x41));
  await page.getByTestId('import-file').setInputFiles(huge);
  await expect(page.getByTestId('import-refused')).toHaveText('文件“huge.csv”超过 50 MB，未导入。');
  await expect(page.getByTestId('import-mapping')).toHaveCount(0);
});
