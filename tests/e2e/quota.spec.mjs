// A full disk during a write: the browser really runs out of quota (Chrome DevTools Protocol,
// Storage.overrideQuotaForOrigin), the user reads the localised quota message, and the data is
// exactly as before — the whole database exported before and after is identical, after a reload.
// Three write paths: a ledger record with a large attachment, restoring a backup, a monthly sheet.
//
// Two things about Chromium that these tests work with:
// - its IndexedDB keeps the space left to a site cached for 30 s, so an override only bites once
//   that cache has run out (`fillDisk` waits for it);
// - the browser aborts a commit that does not fit (the transaction's `error` is a
//   QuotaExceededError), no request fails — so the app must read the transaction's error.
import { test, expect } from '@playwright/test';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.setTimeout(180_000);

const work = mkdtempSync(join(tmpdir(), 'starbranch-quota-'));
const MiB = 1024 * 1024;
/** K::ErrQuotaExceeded in zh-CN. */
const QUOTA_MESSAGE = '存储空间已满，本次修改未保存，原有数据完好。请清理空间后重试。';

const branch = '/ledger/demo-b01';
const october = `${branch}?month=2026-10`;

/** A PDF of `size` bytes (a header and padding) — the ledger accepts up to 5 MiB. */
function pdf(size) {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.4\n', 0);
  bytes.write('\n%%EOF\n', size - 7);
  return bytes;
}

/** One DevTools session per page: Chromium drops a quota override when its session ends. */
const sessions = new WeakMap();
async function cdpOf(page) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  return sessions.get(page);
}

/** Makes the browser's quota for the app's origin `bytes` (undefined: back to the real one). */
async function setQuota(page, baseURL, bytes) {
  const params = { origin: new URL(baseURL).origin };
  if (bytes !== undefined) params.quotaSize = Math.max(0, Math.floor(bytes));
  await (await cdpOf(page)).send('Storage.overrideQuotaForOrigin', params);
}

/** Chromium's IndexedDB caches the space left to a site for 30 s (kBucketSpaceCacheTimeLimit). */
const SPACE_CACHE_MS = 31_000;

/** Leaves the app `headroom` bytes (negative: already over) and waits until IndexedDB sees it. */
async function fillDisk(page, baseURL, headroom) {
  await setQuota(page, baseURL, (await usageOf(page, baseURL)) + headroom);
  await page.waitForTimeout(SPACE_CACHE_MS);
}

/** What the browser itself counts as used, whatever the page's estimate says. */
async function usageOf(page, baseURL) {
  const { usage } = await (await cdpOf(page)).send('Storage.getUsageAndQuota', { origin: new URL(baseURL).origin });
  return usage;
}

/** Downloads a backup in Settings and returns the file's path. */
async function downloadBackup(page) {
  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  await expect(section).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: '下载备份' }).click()]);
  const file = join(work, `${Date.now()}-${download.suggestedFilename()}`);
  await download.saveAs(file);
  await expect(page.getByRole('status').filter({ hasText: '已下载备份' })).toBeVisible();
  return file;
}

/** Every store's content, through the app's own backup. */
async function snapshot(page) {
  return JSON.parse(readFileSync(await downloadBackup(page), 'utf8')).stores;
}

/** The quota message, shown as an alert; not the generic storage error. */
async function expectQuotaMessage(page) {
  const alert = page.getByRole('alert').filter({ hasText: QUOTA_MESSAGE });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '保存失败' })).toHaveCount(0);
}

async function fillRecord(page, topic) {
  await page.goto(`${branch}/new?date=2026-10-12`);
  await page.locator('#ledger-date').fill('2026-10-12');
  await page.locator('#ledger-kind').selectOption('committee_meeting');
  await page.locator('#ledger-topic').fill(topic);
  await page.getByTestId('all-present').click();
}

async function attach(page, name, size) {
  await page.getByTestId('ledger-files').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(size) });
  await expect(page.getByTestId('attachment')).toContainText(name);
}

test.afterEach(async ({ page, baseURL }) => {
  await setQuota(page, baseURL).catch(() => {});
});

test('a ledger record whose attachment does not fit: the quota message, nothing written', async ({ page, baseURL }) => {
  // The page's estimate claims plenty of room, so the app cannot guess from it: only the
  // browser's refusal of the commit can tell it that the disk is full.
  await page.addInitScript(() => {
    navigator.storage.estimate = async () => ({ usage: 1048576, quota: 10 * 1073741824 });
  });
  const before = await snapshot(page);
  await fillRecord(page, '学习贯彻全会精神');
  await attach(page, '会议纪要.pdf', 4 * MiB);

  await fillDisk(page, baseURL, MiB);
  await page.getByTestId('ledger-save').click();
  await expectQuotaMessage(page);
  // The form keeps what was typed, to try again once there is room.
  await expect(page).toHaveURL(/\/new\?date=2026-10-12$/);
  await expect(page.locator('#ledger-topic')).toHaveValue('学习贯彻全会精神');
  await expect(page.getByTestId('attachment')).toContainText('待保存');

  await setQuota(page, baseURL);
  await page.reload();
  await page.goto(october);
  await expect(page.getByTestId('ledger-records')).toHaveCount(0);
  await expect(page.getByText('本年度还没有台账记录')).toBeVisible();
  expect(await snapshot(page)).toEqual(before);
});

test('restoring a backup that does not fit: the quota message, the current data untouched', async ({ page, baseURL }) => {
  // A backup holding a record with a 3 MiB scan.
  await fillRecord(page, '支部委员会会议');
  await attach(page, '签到表.pdf', 3 * MiB);
  await page.getByTestId('ledger-save').click();
  await expect(page.getByRole('status').filter({ hasText: '台账记录已保存' })).toBeVisible();
  const file = await downloadBackup(page);

  // Then the data changes, so a restore would show.
  await page.goto('/orgs/demo-b01');
  await page.locator('#org-name').fill('改名后的支部');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
  const before = await snapshot(page);

  await page.goto('/settings');
  const section = page.getByTestId('backup-section');
  await section.getByLabel('从文件恢复').setInputFiles(file);
  const preview = section.getByTestId('backup-preview');
  await expect(preview).toBeVisible();
  await fillDisk(page, baseURL, MiB / 2);
  await preview.getByRole('button', { name: '用此备份替换当前数据…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '替换数据' }).click();
  await expectQuotaMessage(page);
  await expect(page.getByRole('status').filter({ hasText: '恢复全部数据' })).toHaveCount(0);

  await setQuota(page, baseURL);
  await page.reload();
  expect(await snapshot(page)).toEqual(before);
  await page.goto('/orgs');
  await expect(page.getByTestId('org-tree')).toContainText('改名后的支部');
  await page.goto(october);
  await expect(page.getByTestId('ledger-records').locator('tbody tr')).toHaveCount(1);
});

/** Saves a draft of an unfilled month on a full disk; returns the error alert shown. */
async function saveSheetOnFullDisk(page, baseURL) {
  await page.goto('/monthly/demo-b07/2026-12');
  await expect(page.getByTestId('sheet')).toContainText('未填报');
  await page.locator('#score-team-leadership').fill('9');
  // Well over the quota, so that any write is refused: a margin of 1 MiB was not enough when the
  // database compacted between the measurement and the save (seen once in CI).
  await setQuota(page, baseURL, Math.floor((await usageOf(page, baseURL)) / 2));
  await page.waitForTimeout(SPACE_CACHE_MS);
  await page.getByRole('button', { name: '保存草稿' }).click();
  const alert = page.getByRole('alert').filter({ hasText: '保存' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '草稿' })).toHaveCount(0);
  return alert;
}

test('a monthly sheet saved on a full disk: refused, the month still unfilled', async ({ page, baseURL }) => {
  const before = await snapshot(page);
  await saveSheetOnFullDisk(page, baseURL);

  await setQuota(page, baseURL);
  await page.reload();
  await expect(page.getByTestId('sheet')).toContainText('未填报');
  await expect(page.locator('#score-team-leadership')).toHaveValue('');
  expect(await snapshot(page)).toEqual(before);
});

// Every store commits through `store::error::commit`, which reads the transaction's own error:
// Chromium reports a commit that does not fit only there, not on any request.
test('a monthly sheet saved on a full disk: the quota message', async ({ page, baseURL }) => {
  await saveSheetOnFullDisk(page, baseURL);
  await expectQuotaMessage(page);
});
