import { test, expect, type Page } from '@playwright/test';
import { firstLot, hydrated } from './helpers';

/**
 * The Content-Security-Policy (scripts only from the site or with the response's nonce) must not
 * block anything the site itself runs: the theme boot script, the islands loader, the wasm, the
 * hydration data. Any violation fails: the `securitypolicyviolation` events of the document and
 * Chromium's console reports ("Refused to execute inline script … Content Security Policy").
 */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (/Content[- ]Security[- ]Policy/i.test(String(e))) violations.push(`error: ${e}`);
  });
  return violations;
}

/** Records every `securitypolicyviolation` event from the first byte of each document on. */
async function recordViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

async function pageViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as any).__csp as string[]);
}

test('every page type runs its scripts under the CSP, islands hydrate, the theme toggles', async ({ page }) => {
  const { vin } = await firstLot(page);
  await recordViolations(page);
  const violations = watchCsp(page);
  for (const lang of ['en', 'ru', 'uk']) {
    for (const [path, status] of [
      [`/${lang}`, 200],
      [`/${lang}/cars`, 200],
      [`/${lang}/cars/ford`, 200],
      [`/${lang}/cars/ford/f150`, 200],
      [`/${lang}/vin/${vin}`, 200],
      [`/${lang}/search?q=nothing-like-this`, 400],
      [`/${lang}/contacts`, 200],
      [`/${lang}/terms`, 200],
      [`/${lang}/no-such-page`, 404],
    ] as const) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(status);
      const csp = res!.headers()['content-security-policy'];
      expect(csp, path).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9_-]{16,}'/);
      expect(csp.split(';').find((d) => d.includes('script-src')), path).not.toContain('unsafe-inline');
      expect(csp, path).toContain("frame-ancestors 'none'");
      // The theme boot script ran (it always sets data-theme before the body is parsed).
      await expect(page.locator('html'), path).toHaveAttribute('data-theme', /^(light|dark)$/);
      await page.waitForLoadState('networkidle');
      expect(await pageViolations(page), path).toEqual([]);
    }
  }
  // An island that marks itself hydrated: the wasm loaded and ran under the policy.
  await page.goto(`/en/vin/${vin}`);
  await hydrated(page, 'gallery');
  // The theme toggle island works and the next page arrives in the chosen theme.
  await page.goto('/en/cars');
  const html = page.locator('html');
  const before = await html.getAttribute('data-theme');
  const after = before === 'dark' ? 'light' : 'dark';
  await expect(async () => {
    await page.locator('#theme-toggle').click();
    await expect(html).toHaveAttribute('data-theme', after, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.goto('/en');
  await expect(html).toHaveAttribute('data-theme', after);
  expect(await pageViolations(page)).toEqual([]);
  expect(violations).toEqual([]);
});

test('a page cannot be framed', async ({ page }) => {
  const res = await page.request.get('/en/contacts');
  expect(res.headers()['x-frame-options']).toBe('DENY');
  expect(res.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});
