import { test, expect, type Page } from '@playwright/test';

// Console errors and uncaught exceptions: a broken island or a missing asset fails the test.
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The VIN and lot number of the first card of the catalog. */
async function firstLot(page: Page): Promise<{ vin: string; lot: string }> {
  await page.goto('/en/cars');
  const card = page.getByTestId('lot-card').first();
  const lot = (await card.getByTestId('lot-number').textContent())!.trim();
  const href = (await card.getByRole('link').first().getAttribute('href'))!;
  return { vin: href.split('/').pop()!, lot };
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('filter form applies and resets with plain GET', async ({ page }) => {
    await page.goto('/en/cars');
    const make = page.getByTestId('filter-make');
    // FORD: the demo data's most common make, with models above the dropdown threshold.
    const chosen = 'FORD';
    expect(await make.locator('option').allTextContents()).toContain(chosen);
    await make.selectOption(chosen);
    await page.locator('#apply').click();
    // The form's empty fields are dropped by a redirect to the canonical URL.
    await expect(page).toHaveURL(new RegExp(`/en/cars\\?make=${encodeURIComponent(chosen).replace(/%20/g, '\\+')}$`));
    await expect(page.getByTestId('filter-make')).toHaveValue(chosen);
    const titles = await page.getByTestId('lot-card').getByRole('heading').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t).toContain(chosen);
    // Models of the chosen make are now offered (server-rendered, no JS).
    expect(await page.getByTestId('filter-model').locator('option').count()).toBeGreaterThan(1);

    await page.locator('#reset').click();
    await expect(page).toHaveURL(/\/en\/cars$/);
    await expect(page.getByTestId('filter-make')).toHaveValue('');
  });

  test('next page is a plain link', async ({ page }) => {
    await page.goto('/en/cars');
    const first = await page.getByTestId('lot-number').allTextContents();
    // A full page load of an uncached cursor page: wait for the navigation itself (a busy
    // machine took longer than toHaveURL's 5 s once).
    await Promise.all([
      page.waitForURL(/cursor=/, { timeout: 30_000 }),
      page.getByTestId('next-page').click(),
    ]);
    const second = await page.getByTestId('lot-number').allTextContents();
    expect(second.length).toBeGreaterThan(0);
    for (const lot of second) expect(first).not.toContain(lot);
  });

  test('home search goes to the VIN page, bad input shows an inline message', async ({ page }) => {
    const { vin } = await firstLot(page);
    await page.goto('/en');
    await page.locator('#q').fill(` ${vin.toLowerCase()} `);
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(page).toHaveURL(new RegExp(`/en/vin/${vin}$`));
    await page.goto('/en');
    await page.locator('#q').fill('IOQ');
    await page.getByRole('button', { name: 'Find' }).click();
    await expect(page.getByTestId('search-error')).toBeVisible();
  });
});

test('cascading dropdowns refetch models when the make changes', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/en/cars');
  const model = page.getByTestId('filter-model');
  await expect(model).toBeDisabled();
  const make = page.getByTestId('filter-make');
  // Retried until the island has hydrated and attached its handler. Each try goes through
  // "any make" first: selecting the value already selected fires no change event, so a first
  // try that came before hydration would otherwise never be seen.
  await expect(async () => {
    await make.selectOption('');
    await make.selectOption('FORD');
    await expect(model).toBeEnabled({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(model.locator('option', { hasText: 'F150' })).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('language switch keeps the path and the query', async ({ page }) => {
  await page.goto('/en/cars?sort=year_desc');
  await page.getByTestId('lang-ru').click();
  await expect(page).toHaveURL(/\/ru\/cars\?sort=year_desc$/);
  await expect(page.getByTestId('filter-sort')).toHaveValue('year_desc');
  await expect(page.locator('#apply')).toHaveText('Применить');
});

test('VIN page shows the Copart lot number and no console errors', async ({ page }) => {
  const { vin, lot } = await firstLot(page);
  const errors = watchErrors(page);
  const res = await page.goto(`/en/vin/${vin}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByTestId('vin-chip')).toHaveText(vin);
  await expect(page.getByTestId('vin-lot-number').first()).toBeVisible();
  expect(await page.getByTestId('vin-lot-number').allTextContents()).toContain(lot);
  await expect(page.getByTestId('gallery')).toBeVisible();
  expect(errors).toEqual([]);
});

test('home and catalog pages load without console errors', async ({ page }) => {
  const errors = watchErrors(page);
  for (const path of ['/en', '/ru', '/en/cars', '/ru/cars?type=auto']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
  }
  await expect(page.getByTestId('freshness').or(page.getByTestId('result-count'))).toBeVisible();
  expect(errors).toEqual([]);
});
