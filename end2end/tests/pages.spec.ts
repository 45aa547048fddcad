import { test, expect } from '@playwright/test';
import { firstLot, watchErrors } from './helpers';

test('no console errors on any page, in every language', async ({ page, baseURL }) => {
  const { vin } = await firstLot(page);
  for (const lang of ['en', 'ru', 'uk']) {
    for (const [path, status] of [
      [`/${lang}`, 200],
      [`/${lang}/cars`, 200],
      [`/${lang}/cars?sort=year_desc&make=FORD`, 200],
      [`/${lang}/vin/${vin}`, 200],
      [`/${lang}/contacts`, 200],
      [`/${lang}/terms`, 200],
      [`/${lang}/no-such-page`, 404],
    ] as const) {
      const errors = watchErrors(page, new URL(path, baseURL).href);
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(status);
      await expect(page.locator('html'), path).toHaveAttribute('lang', lang);
      // Let the islands hydrate and run their effects: errors would show up by then.
      await page.waitForLoadState('networkidle');
      expect(errors, path).toEqual([]);
      page.removeAllListeners('console');
      page.removeAllListeners('pageerror');
    }
  }
});

test('cascading dropdowns: make → model → trim → year, children cleared on change', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/en/cars');
  const [make, model, trim, year] = ['make', 'model', 'trim', 'year'].map((n) => page.getByTestId(`filter-${n}`));
  await expect(model).toBeDisabled();
  // Retried until the island has hydrated. Each try goes through "any make" first: selecting
  // the value already selected fires no change event.
  await expect(async () => {
    await make.selectOption('');
    await make.selectOption('FORD');
    await expect(model).toBeEnabled({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(model.locator('option', { hasText: 'F150' })).toHaveCount(1);
  const fordModels = await model.locator('option').allTextContents();
  await model.selectOption('F150');
  // Trims and years of the F150 arrive; years are 4-digit.
  await expect.poll(() => year.locator('option').count()).toBeGreaterThan(1);
  for (const y of (await year.locator('option').allTextContents()).slice(1)) expect(y).toMatch(/^(19|20)\d\d$/);
  const trims = (await trim.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).filter(Boolean);
  if (trims.length > 0) {
    await trim.selectOption(trims[0]);
    await expect(trim).toHaveValue(trims[0]);
  }
  // Another make clears the chosen model (and below) and brings its own models.
  const other = (await make.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value)))
    .find((v) => v !== '' && v !== 'FORD')!;
  await make.selectOption(other);
  await expect(model).toHaveValue('');
  await expect(trim).toHaveValue('');
  await expect(year).toHaveValue('');
  await expect.poll(async () => (await model.locator('option').allTextContents()).join('|')).not.toBe(fordModels.join('|'));
  await expect(model.locator('option', { hasText: 'F150' })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('apply and reset with JavaScript', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/en/cars');
  const make = page.getByTestId('filter-make');
  const model = page.getByTestId('filter-model');
  await expect(async () => {
    await make.selectOption('');
    await make.selectOption('FORD');
    await expect(model).toBeEnabled({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await model.selectOption('F150');
  await page.getByTestId('filter-sort').selectOption('year_desc');
  await page.locator('#apply').click();
  await expect(page).toHaveURL(/\/en\/cars\?make=FORD&model=F150&sort=year_desc$/);
  const titles = await page.getByTestId('lot-card').getByRole('heading').allTextContents();
  expect(titles.length).toBeGreaterThan(0);
  for (const t of titles) expect(t).toMatch(/FORD F150$/);
  const years = titles.map((t) => Number(t.slice(0, 4)));
  expect(years).toEqual([...years].sort((a, b) => b - a));
  await expect(make).toHaveValue('FORD');
  await expect(model).toHaveValue('F150');

  await page.locator('#reset').click();
  await expect(page).toHaveURL(/\/en\/cars$/);
  await expect(make).toHaveValue('');
  await expect(model).toHaveValue('');
  await expect(page.getByTestId('filter-sort')).toHaveValue('auction_asc');
  expect(errors).toEqual([]);
});

test('language switch keeps the path and the query on every kind of page', async ({ page }) => {
  const { vin } = await firstLot(page);
  await page.goto('/en/cars');
  const cursorPage = (await page.getByTestId('next-page').getAttribute('href'))!;
  for (const [from, to] of [
    ['/en/cars?make=FORD&sort=year_desc', '/ru/cars?make=FORD&sort=year_desc'],
    [cursorPage, cursorPage.replace(/^\/en/, '/ru')],
    [`/en/vin/${vin}`, `/ru/vin/${vin}`],
    ['/en/terms', '/ru/terms'],
    ['/en', '/ru'],
  ]) {
    await page.goto(from);
    await page.getByTestId('lang-ru').click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search, from).toBe(to);
    await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
    // And back.
    await page.getByTestId('lang-en').click();
    expect(new URL(page.url()).pathname + new URL(page.url()).search, to).toBe(from);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  }
  await page.goto('/ru/cars?make=FORD&sort=year_desc');
  await expect(page.getByTestId('filter-make')).toHaveValue('FORD');
  await expect(page.getByTestId('filter-sort')).toHaveValue('year_desc');
  await expect(page.locator('#apply')).toHaveText('Применить');
});
