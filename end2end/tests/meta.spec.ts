import { test, expect, type Page } from '@playwright/test';
import { firstLot } from './helpers';

/** The `@type` of every JSON-LD script, each parsed by the browser's own JSON.parse. */
async function jsonLdTypes(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('script[type="application/ld+json"]'))
      .map((s) => JSON.parse(s.textContent ?? '')['@type'] as string)
      .sort(),
  );
}

// The Rust tests (server/tests/it/seo_meta.rs) check the head in detail; this checks that Chromium
// reads the same thing: the JSON-LD parses, and the canonical and alternates are absolute.
test('JSON-LD parses in Chromium; canonical and hreflang are absolute', async ({ page }) => {
  const { vin } = await firstLot(page);
  for (const lang of ['en', 'ru', 'uk']) {
    for (const [path, types, ownCanonical] of [
      [`/${lang}`, ['WebSite'], `/${lang}`],
      [`/${lang}/cars?sort=year_desc`, ['BreadcrumbList', 'ItemList'], `/${lang}/cars`],
      [`/${lang}/vin/${vin}`, ['BreadcrumbList', 'Car'], `/${lang}/vin/${vin}`],
    ] as const) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(200);
      expect(await jsonLdTypes(page), path).toEqual(types);
      const canonical = await page.locator('link[rel=canonical]').getAttribute('href');
      expect(new URL(canonical!).pathname + new URL(canonical!).search, path).toBe(ownCanonical);
      for (const hreflang of ['en', 'ru', 'uk', 'x-default']) {
        const href = await page.locator(`link[rel=alternate][hreflang="${hreflang}"]`).getAttribute('href');
        expect(href, `${path} ${hreflang}`).toMatch(/^https?:\/\//);
      }
      await expect(page.locator('meta[property="og:locale"]')).toHaveAttribute('content', { en: 'en_US', ru: 'ru_RU', uk: 'uk_UA' }[lang]);
    }
    // The e2e fixture gives the first lot photos: the VIN page has an absolute og:image.
    await page.goto(`/${lang}/vin/${vin}`);
    await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', /^https?:\/\/.+\/.+/);
  }
});
