// Issue #19, strict CSP: the release build's index.html carries the policy (scripts/csp.mjs), the
// server adds frame-ancestors, and the policy really refuses what it should — inline script,
// inline style, another origin — while the app itself runs (layout.spec.mjs walks every page and
// finds no refusal and no outside request).
import { test, expect } from '@playwright/test';

test('the policy refuses inline script and style and other origins; the app still runs', async ({ page }) => {
  const refused = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto('/');
  expect(response.headers()['content-security-policy']).toBe("frame-ancestors 'none'");
  await expect(page.locator('.app-header')).toBeVisible();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  for (const part of ["default-src 'self'", "style-src 'self'", "connect-src 'self'", "object-src 'none'", "base-uri 'none'"]) {
    expect(policy).toContain(part);
  }
  expect(refused).toEqual([]);

  const outcome = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
    const styled = document.createElement('div');
    styled.setAttribute('style', 'width: 123px');
    document.body.append(styled);
    let fetched;
    try {
      await fetch('https://example.invalid/');
      fetched = 'fetched';
    } catch (e) {
      fetched = 'refused';
    }
    return { injected: window.__injected === true, width: getComputedStyle(styled).width, fetched };
  });
  expect(outcome.injected).toBe(false);
  expect(outcome.width).not.toBe('123px');
  expect(outcome.fetched).toBe('refused');
  await expect.poll(() => refused.length).toBeGreaterThanOrEqual(3);
});
