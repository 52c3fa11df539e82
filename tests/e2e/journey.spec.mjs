// Issue 5's journey: the ledger is the source. A branch records its month's meetings, the sheet
// fills 组织生活 from them, the rest is entered, the branch submits, the committee confirms,
// and after a reload the month is locked — with totals equal to the engine's on the export.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The sheet's review status chip. */
const status = (page) => page.locator('.sheet-meta .status');

async function addMeeting(page, branch, date, kind, topic) {
  await page.goto(`/ledger/${branch}/new?date=${date}`);
  await page.locator('#ledger-date').fill(date);
  await page.locator('#ledger-kind').selectOption(kind);
  await page.locator('#ledger-topic').fill(topic);
  await page.getByTestId('all-present').click();
  await page.getByTestId('ledger-save').click();
  await expect(page.getByRole('status').filter({ hasText: '台账记录已保存' })).toBeVisible();
}

test('meetings in the ledger score 组织生活; submit, confirm, reload: locked and equal to the engine', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('dashboard-cards')).toBeVisible();
  // November's monthly meetings for 二车间党支部 (quarterly and yearly ones fall due in December).
  await addMeeting(page, 'demo-b02', '2026-11-10', 'committee_meeting', '研究十一月重点工作');
  await addMeeting(page, 'demo-b02', '2026-11-12', 'group_meeting', '党小组集中学习');
  await addMeeting(page, 'demo-b02', '2026-11-18', 'theme_day', '主题党日:走进红色教育基地');

  // The demo's November sheet is submitted: the committee returns it so the branch can redo it.
  await page.goto('/monthly/demo-b02/2026-11');
  await page.locator('#sheet-reason').fill('请按台账重新核定组织生活得分');
  await page.getByRole('button', { name: '退回' }).click();
  await expect(status(page)).toHaveText('已退回');

  const note = page.getByTestId('auto-mgmt.org_life');
  await expect(note).toContainText('自动计算：10 分');
  await expect(note).toContainText('本月应开展的组织生活均已按要求开展');
  await note.getByRole('button', { name: '采用自动计算值' }).click();
  await expect(page.locator('#score-mgmt-org_life')).toHaveValue('10');
  // Enter the rest: every manual indicator at 80 % of its maximum.
  for (const input of await page.locator('input.score-input').all()) {
    const id = await input.getAttribute('id');
    if (id === 'score-mgmt-org_life' || id === 'score-perf-key_tasks') continue;
    const max = Number((await input.locator('xpath=..').locator('.score-max').textContent()).match(/[\d.]+/)[0]);
    await input.fill(String(max * 0.8));
  }
  for (const reason of await page.locator('input[id^="override-"]').all()) {
    await reason.fill('按任务完成情况核定');
  }
  const shown = Number(await page.getByTestId('live-score').textContent());
  await page.getByRole('button', { name: '提交审核' }).click();
  await expect(status(page)).toHaveText('已提交');
  await page.getByRole('button', { name: '审核确认' }).click();
  await expect(status(page)).toHaveText('已确认');

  await page.reload();
  await expect(status(page)).toHaveText('已确认');
  await expect(page.locator('#score-mgmt-org_life')).toBeDisabled();
  await expect(page.locator('#score-mgmt-org_life')).toHaveValue('10');
  await expect(page.getByTestId('live-score')).toHaveText(shown.toFixed(2));

  // The same month rated by the audit CLI from the app's export.
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
  const file = join(mkdtempSync(join(tmpdir(), 'sb-journey-')), 'export.json');
  await download.saveAs(file);
  const rows = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'starbranch', '--', 'rate', file, '--period', '2026-11'], { encoding: 'utf8' }));
  const b02 = rows.find((r) => r.branch === 'demo-b02');
  expect(b02.complete).toBe(true);
  expect(b02.score).toBeCloseTo(shown, 2);
});
