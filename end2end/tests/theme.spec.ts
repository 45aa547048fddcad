import { test, expect, type Page } from '@playwright/test';
import { watchErrors } from './helpers';

type ThemeLog = { changes: { old: string | null; body: boolean; t: number }[]; loadAt: number; now: string | null };

// Installed before any page script: records every change of <html data-theme> (with the value
// it replaced, and whether <body> existed yet, i.e. whether anything could have been painted).
function recordTheme() {
  const w = window as unknown as { __theme: { old: string | null; body: boolean; t: number }[]; __loadAt: number };
  w.__theme = [];
  new MutationObserver((records) => {
    for (const r of records) w.__theme.push({ old: r.oldValue, body: !!document.body, t: performance.now() });
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-theme'], attributeOldValue: true });
  addEventListener('load', () => { w.__loadAt = performance.now(); });
}

async function themeLog(page: Page): Promise<ThemeLog> {
  // Past load and hydration, so a late change (an island, an effect) would be in the log.
  await page.waitForLoadState('load');
  await page.waitForTimeout(1500);
  return page.evaluate(() => {
    const w = window as unknown as { __theme: ThemeLog['changes']; __loadAt: number };
    return { changes: w.__theme, loadAt: w.__loadAt, now: document.documentElement.getAttribute('data-theme') };
  });
}

/** Every value <html data-theme> had, in order (null: no attribute). */
const values = (log: ThemeLog) => [...log.changes.map((c) => c.old), log.now];

async function expectNoFlash(log: ThemeLog, theme: string) {
  expect(log.now).toBe(theme);
  // Any change happened before <body> existed (before first paint), none after load, and the
  // other theme never appeared.
  for (const c of log.changes) {
    expect(c.body, 'theme changed after <body> was parsed').toBe(false);
    expect(c.t).toBeLessThan(log.loadAt);
  }
  const other = theme === 'dark' ? 'light' : 'dark';
  expect(values(log)).not.toContain(other);
}

test('a theme cookie is applied by the server, in the first response', async ({ page, context, baseURL }) => {
  const errors = watchErrors(page);
  await context.addCookies([{ name: 'theme', value: 'dark', url: baseURL! }]);
  const res = await page.request.get('/en/cars');
  expect(await res.text()).toMatch(/^<!DOCTYPE html><html[^>]* data-theme="dark"/i);
  expect(res.headers()['vary']).toMatch(/cookie/i);
  // The system says light: the saved choice wins, and the page is dark from its first byte.
  await page.emulateMedia({ colorScheme: 'light' });
  await page.addInitScript(recordTheme);
  await page.goto('/en/cars');
  const log = await themeLog(page);
  expect(values(log)[0], 'data-theme as parsed from the server HTML').toBe('dark');
  await expectNoFlash(log, 'dark');
  expect(errors).toEqual([]);
});

test('a theme saved in localStorage is applied before first paint and copied to the cookie', async ({ page, context, baseURL }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await context.addInitScript(() => { try { localStorage.setItem('theme', 'dark'); } catch { /* about:blank */ } });
  await page.addInitScript(recordTheme);
  await page.goto('/en');
  const log = await themeLog(page);
  expect(values(log)[0], 'no cookie yet: the server did not know').toBeNull();
  await expectNoFlash(log, 'dark');
  const cookies = await context.cookies(baseURL!);
  expect(cookies.find((c) => c.name === 'theme')?.value).toBe('dark');
  // From now on the server knows too.
  expect(await (await page.request.get('/en')).text()).toMatch(/<html[^>]* data-theme="dark"/);
});

test('without a saved choice the system preference is applied before first paint', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.addInitScript(recordTheme);
  await page.goto('/ru/cars');
  await expectNoFlash(await themeLog(page), 'dark');
});

test('the toggle switches, remembers, and the next page arrives in the new theme', async ({ page, context, baseURL }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/en');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  // Retried until the island has hydrated and attached its handler.
  await expect(async () => {
    await page.locator('#theme-toggle').click();
    await expect(html).toHaveAttribute('data-theme', 'dark', { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('dark');
  expect((await context.cookies(baseURL!)).find((c) => c.name === 'theme')?.value).toBe('dark');
  // The dark canvas is really painted (the tokens switch).
  const bg = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(bg).toBe('rgb(23, 23, 24)');

  await page.addInitScript(recordTheme);
  await page.goto('/en/cars');
  const log = await themeLog(page);
  expect(values(log)[0]).toBe('dark');
  await expectNoFlash(log, 'dark');

  await page.locator('#theme-toggle').click();
  await expect(html).toHaveAttribute('data-theme', 'light');
  expect((await context.cookies(baseURL!)).find((c) => c.name === 'theme')?.value).toBe('light');
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the theme cookie alone gives a dark page', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'theme', value: 'dark', url: baseURL! }]);
    await page.goto('/en/cars');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const bg = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(bg).toBe('rgb(23, 23, 24)');
  });
});
