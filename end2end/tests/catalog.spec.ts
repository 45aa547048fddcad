import { test, expect, type Page } from '@playwright/test';

// Collects console errors and uncaught exceptions so a broken island or a 404 asset fails the test.
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

test('English catalog shows real lots from the database', async ({ page }) => {
  const errors = watchErrors(page);
  const res = await page.goto('/en/cars');
  expect(res?.status()).toBe(200);
  await expect(page).toHaveTitle(/Car catalog — Vinops/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Car catalog');

  const cards = page.getByTestId('lot-card');
  expect(await cards.count()).toBeGreaterThan(10);
  const first = cards.first();
  // A real Copart lot number (8 digits), a year/make/model title, a status and a location.
  await expect(first.getByTestId('lot-number')).toHaveText(/^\d{8}$/);
  await expect(first.getByRole('heading')).toHaveText(/^(19|20)\d\d [A-Z]/);
  await expect(first.getByTestId('status')).not.toBeEmpty();
  // A price badge, when shown, is a dollar amount or a status text.
  const prices = await page.getByTestId('price').allTextContents();
  expect(prices.length).toBeGreaterThan(0);
  for (const p of prices) expect(p).toMatch(/^\$[\d,]+$|^[A-Z][a-z ]+$/);
  await expect(first.getByTestId('location')).toHaveText(/[A-Z]+, [A-Z]{2}/);
  await expect(page.getByTestId('result-count')).toHaveText(/^[\d,]+ lots$/);

  // The Tailwind stylesheet is served and applied (cards are laid out as a grid).
  const display = await page.getByTestId('catalog').evaluate((el) => getComputedStyle(el).display);
  expect(display).toBe('grid');
  expect(errors).toEqual([]);
});

test('theme toggle island hydrates and switches to dark mode', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/en/cars');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-theme', 'light');
  // Retried until the wasm island has hydrated and attached its handler.
  await expect(async () => {
    await page.locator('#theme-toggle').click();
    await expect(html).toHaveAttribute('data-theme', 'dark', { timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.reload();
  await expect(html).toHaveAttribute('data-theme', 'dark');
  expect(errors).toEqual([]);
});

test('language switch keeps the page and translates it', async ({ page }) => {
  await page.goto('/en/cars');
  await page.getByTestId('lang-ru').click();
  await expect(page).toHaveURL(/\/ru\/cars$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Каталог автомобилей');
  await expect(page.getByTestId('result-count')).toHaveText(/лот/);
  // Each page offers every other language, by its own name.
  await expect(page.getByTestId('lang-en')).toHaveText('English');
  await page.getByTestId('lang-uk').click();
  await expect(page).toHaveURL(/\/uk\/cars$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Каталог автомобілів');
  await expect(page.getByTestId('result-count')).toHaveText(/лот/);
  await expect(page.getByTestId('lang-ru')).toHaveText('Русский');
});

test('unknown language is a localized 404', async ({ page }) => {
  const res = await page.goto('/de/cars');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
});
