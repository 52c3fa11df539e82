// The 两新 registry as the committee uses it (issue 14): register units with their credit codes
// checked, meet the 单独建 rule, form a joint branch for two units, find and decide a shell
// organisation (dissolving it archives the branch, and the units' formations are reported as
// broken), in zh-CN with the pages also read in zh-TW and English.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';

const shots = 'tests/e2e/screenshots';
mkdirSync(shots, { recursive: true });

// Screenshots at the three widths, each page also checked for serious accessibility problems and
// for content wider than the screen.
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

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// A well-formed unified social credit code (GB 32100) from its first 17 characters.
function creditCode(first17) {
  const sum = [...first17].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i], 0);
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

// A check character that is wrong for these 17 characters, and the right one.
function wrongCheck(first17) {
  const right = creditCode(first17).at(-1);
  return { code: first17 + (right === '1' ? '2' : '1'), right };
}

const today = () => new Date().toISOString().slice(0, 10);

async function saved(page, text) {
  await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
}

async function newJointBranch(page, name) {
  await page.goto('/orgs/new');
  await page.locator('#org-parent').selectOption({ label: '星城集团公司党委' });
  await page.locator('#org-name').fill(name);
  await page.locator('#org-category').selectOption({ label: '非公改制类' });
  await page.getByRole('button', { name: '保存' }).click();
  await saved(page, `已保存：${name}`);
}

async function fillUnit(page, { name, code, area, industry, party, full }) {
  await page.goto('/units');
  await page.getByTestId('unit-new').click();
  await expect(page).toHaveURL(/\/units\/new$/);
  await page.locator('#unit-name').fill(name);
  await page.locator('#unit-code').fill(code);
  await page.locator('#unit-area').fill(area);
  await page.locator('#unit-industry').fill(industry);
  await page.locator('#unit-registered').fill('2020-05-01');
  await page.locator('#unit-employees').fill('60');
  await page.locator('#unit-party').fill(String(party));
  await page.locator('#unit-full').fill(String(full));
}

test('register units, meet the formation rules, form a joint branch, screen and dissolve a shell', async ({ page }) => {
  await newJointBranch(page, '新城商贸联合党支部');

  // A wrong check character is refused with the character it should be; nothing is saved.
  const first = '91150102MA0NXC7K3';
  const wrong = wrongCheck(first);
  await fillUnit(page, { name: '新城甲商贸有限公司', code: wrong.code.toLowerCase(), area: '新城街道', industry: '批发和零售业', party: 2, full: 2 });
  await page.getByTestId('unit-save').click();
  await expect(page.locator('#unit-code-error')).toHaveText(`校验码应为“${wrong.right}”，填写的是“${wrong.code.at(-1)}”：请核对代码。`);
  await expect(page).toHaveURL(/\/units\/new$/);

  // 单独建 with two full members is refused, and the message points to 联合建.
  await page.locator('#unit-code').fill(creditCode(first));
  await page.locator('#unit-formation').selectOption({ label: '单独建' });
  await expect(page.getByTestId('standalone-hint')).toContainText('至少 3 名正式党员');
  await page.locator('#unit-formation-org').selectOption({ label: '　新城商贸联合党支部' });
  await page.locator('#unit-formed-on').fill('2024-03-01');
  await page.locator('#unit-stage').selectOption({ label: '已组建' });
  await page.getByTestId('unit-save').click();
  await expect(page.locator('#unit-formation-error')).toContainText('单独建需要至少 3 名正式党员，“新城甲商贸有限公司”只有 2 名');
  await expect(page.locator('#unit-formation-error')).toContainText('联合建');

  // As a joint branch it is saved, and the registry notes that the joint branch has one unit yet.
  await page.locator('#unit-formation').selectOption({ label: '联合建' });
  await page.getByTestId('unit-save').click();
  await saved(page, '已保存：新城甲商贸有限公司');
  await expect(page).toHaveURL(/\/units\/[^/]+$/);
  await page.goto('/units');
  await expect(page.getByTestId('unit-findings')).toContainText('联合党支部“新城商贸联合党支部”只覆盖一个单位（新城甲商贸有限公司）');

  // The second unit joins the branch: the form names who else it covers; the finding is gone.
  await fillUnit(page, { name: '新城乙物流有限公司', code: creditCode('91150102MA0NXC7K4'), area: '新城街道', industry: '交通运输业', party: 3, full: 1 });
  await page.locator('#unit-formation').selectOption({ label: '联合建' });
  await page.locator('#unit-formation-org').selectOption({ label: '　新城商贸联合党支部' });
  await expect(page.getByTestId('sharing-hint')).toHaveText('同一党组织还覆盖：新城甲商贸有限公司');
  await page.locator('#unit-formed-on').fill('2024-03-01');
  await page.locator('#unit-stage').selectOption({ label: '已组建' });
  await page.getByTestId('unit-save').click();
  await saved(page, '已保存：新城乙物流有限公司');
  await page.goto('/units');
  await expect(page.getByText('新城商贸联合党支部”只覆盖一个单位')).toHaveCount(0);

  // The joint branch lists its member units.
  await page.goto('/orgs');
  await page.getByTestId('org-tree').getByRole('link', { name: '新城商贸联合党支部' }).click();
  const covered = page.getByTestId('covered-units');
  await expect(covered.locator('li')).toHaveCount(2);
  await expect(covered).toContainText('新城甲商贸有限公司');
  await expect(covered).toContainText('新城乙物流有限公司');
  await page.goto('/units');

  // Search and filters narrow the list.
  await page.getByTestId('unit-search').fill('新城乙');
  await expect(page.getByTestId('unit-table').locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('unit-search').fill('');
  await page.locator('#unit-filter-formation').selectOption({ label: '联合建' });
  await page.locator('#unit-filter-area').selectOption({ label: '新城街道' });
  const rows = page.getByTestId('unit-table').locator('tbody tr');
  await expect(rows.filter({ hasText: '新城甲商贸有限公司' })).toHaveCount(1);
  await expect(rows.filter({ hasText: '新城乙物流有限公司' })).toContainText('新城商贸联合党支部');
  await look(page, 'units-registry');

  // The new branch has nobody on its roll and no organisational life: a possible shell.
  await page.goto('/units/shells');
  const card = page.getByTestId('shell-flag').filter({ hasText: '新城商贸联合党支部' });
  await expect(card).toContainText('正式党员只有 0 名（不足 3 名）');
  await expect(card).toContainText('电子台账中没有组织生活记录');
  await expect(card).toContainText('待处置');

  // A decision needs a reason.
  await card.getByRole('button', { name: '记录决定' }).click();
  await expect(card.locator('.field-error')).toHaveText('此项为必填项。');
  await card.getByLabel('理由').fill('两家企业党员组织关系尚未转入，限期一个月整顿');
  await card.getByRole('button', { name: '记录决定' }).click();
  await saved(page, '已记录处置决定：整顿。');
  await expect(card).toContainText('已处置');
  await expect(page.getByTestId('shell-decisions')).toContainText('两家企业党员组织关系尚未转入');
  await look(page, 'units-shells');

  // Dissolving asks first; cancelling changes nothing.
  await card.getByLabel('处置决定').selectOption({ label: '撤销' });
  await card.getByLabel('理由').fill('两家企业已并入园区联合党委，支部撤销');
  await card.getByRole('button', { name: '记录决定' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('“新城商贸联合党支部”将被撤销并归档');
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('shell-decisions')).not.toContainText('已并入园区联合党委');
  await card.getByRole('button', { name: '记录决定' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '撤销' }).click();
  await saved(page, '已记录处置决定：撤销。');

  // The archived branch is no longer screened; the units now name a dissolved organisation.
  await expect(page.getByTestId('shell-flag').filter({ hasText: '新城商贸联合党支部' })).toHaveCount(0);
  await expect(page.getByTestId('shell-decisions')).toContainText('已并入园区联合党委');
  await page.goto('/units');
  await expect(page.getByTestId('unit-findings')).toContainText('“新城甲商贸有限公司”选的党组织不存在或已撤销。');
  await page.goto('/orgs');
  await page.getByText('显示已归档').click();
  await expect(page.getByTestId('org-tree').locator('tr', { hasText: '新城商贸联合党支部' })).toContainText('已归档');

  // The same pages in the other two languages.
  await page.getByTestId('language').selectOption('zh-TW');
  await page.getByRole('navigation', { name: '主導覽' }).getByRole('link', { name: '兩新組織' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('兩新組織庫');
  await expect(page.getByTestId('unit-findings')).toContainText('「新城甲商贸有限公司」選的黨組織不存在或已撤銷。');
  await page.getByTestId('language').selectOption('en');
  await page.getByRole('link', { name: 'Shell screening' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Screening for shell organisations');
  await expect(page.getByTestId('shell-decisions')).toContainText('Dissolve');
  await page.getByRole('link', { name: 'Registry' }).click();
  await expect(page.locator('#unit-filter-formation')).toContainText('Joint branch');
});

test('a unit edited and deleted, in English', async ({ page }) => {
  await page.goto('/units');
  await page.getByTestId('language').selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Registry of non-public units');
  await page.getByTestId('unit-new').click();
  await page.locator('#unit-name').fill('Riverside Bookkeeping Association');
  await page.locator('#unit-code').fill(creditCode('51150102MJ0NXC7K5'));
  await page.locator('#unit-type').selectOption({ label: 'Trade association' });
  await page.locator('#unit-registered').fill('2019-01-15');
  await page.locator('#unit-party').fill('1');
  await page.locator('#unit-full').fill('4');
  await page.locator('#unit-stage').selectOption({ label: 'Formed' });
  await page.getByTestId('unit-save').click();
  await expect(page.locator('#unit-full-error')).toHaveText('Full members (4) cannot exceed party members (1).');
  await expect(page.locator('#unit-stage-error')).toHaveText('A unit no Party organisation covers can only be “Not formed”: form an organisation first.');
  await page.locator('#unit-full').fill('1');
  await page.locator('#unit-stage').selectOption({ label: 'Not formed' });
  await page.locator('#unit-formation').selectOption({ label: 'Instructor assigned' });
  await page.locator('#unit-instructor').fill('Liu Wei');
  await page.locator('#unit-formed-on').fill('2025-06-01');
  await page.getByTestId('unit-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Riverside Bookkeeping Association' })).toBeVisible();

  // Deregistered: the status date is asked for, then the row is shown as closed.
  await look(page, 'units-form-en');
  await page.locator('#unit-status').selectOption({ label: 'Deregistered' });
  await page.getByTestId('unit-save').click();
  await expect(page.locator('#unit-status-date-error')).toHaveText('This field is required.');
  await page.locator('#unit-status-date').fill(today());
  await page.getByTestId('unit-save').click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await page.getByRole('link', { name: 'Registry', exact: true }).click();
  const row = page.getByTestId('unit-table').locator('tr', { hasText: 'Riverside Bookkeeping Association' });
  await expect(row).toContainText('Deregistered');
  await expect(row).toContainText('Instructor assigned');
  await expect(row).toContainText('Liu Wei');

  // Delete, confirmed.
  await row.getByRole('link').click();
  await page.getByRole('button', { name: 'Delete unit' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete unit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Riverside Bookkeeping Association”.' })).toBeVisible();
  await expect(page).toHaveURL(/\/units$/);
  await expect(page.locator('td', { hasText: 'Riverside Bookkeeping Association' })).toHaveCount(0);
});
