import { test, expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { firstLot } from './helpers';

// Home, catalog (plain and with "more filters" open) and VIN page in en/ru/uk × light/dark:
// 24 PNGs, full page, 1280 px wide, in end2end/screenshots/ (or SCREENSHOT_DIR), for people to
// look at. Each run overwrites them.
const DIR = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', 'screenshots');
mkdirSync(DIR, { recursive: true });

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready);
  // Lazy images in view have loaded (a broken one would show as such in the picture).
  await expect.poll(() => page.evaluate(() =>
    [...document.images].filter((i) => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight)
      .every((i) => i.complete))).toBe(true);
}

test('screenshots of home, catalog and VIN page in every language and theme', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const probe = await browser.newPage();
  const { vin } = await firstLot(probe);
  await probe.close();
  for (const theme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: theme });
    await context.addCookies([{ name: 'theme', value: theme, url: baseURL! }]);
    const page = await context.newPage();
    for (const lang of ['en', 'ru', 'uk']) {
      for (const [name, path] of [
        ['home', `/${lang}`],
        ['catalog', `/${lang}/cars`],
        // "More filters" open (a filter of it is set), with its labels and option names.
        ['catalog-filters', `/${lang}/cars?keys=no&auction=week`],
        ['vin', `/${lang}/vin/${vin}`],
      ]) {
        await page.goto(path);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await settle(page);
        await page.screenshot({ path: join(DIR, `${name}-${lang}-${theme}.png`), fullPage: true });
      }
    }
    await context.close();
  }
});
