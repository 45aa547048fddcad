import { test, expect } from '@playwright/test';
import { lotNumbers, lotNumbersOf, watchErrors } from './helpers';

test('load more appends the next page, moves the next link and the URL, and announces it', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/en/cars');
  const cards = page.getByTestId('lot-card');
  await expect(cards).toHaveCount(48);
  const first = await lotNumbers(page);
  const next = page.getByTestId('next-page');
  const nextBefore = (await next.getAttribute('href'))!;
  expect(nextBefore).toMatch(/^\/en\/cars\?cursor=/);
  // The same page a crawler gets by following the link.
  const secondByLink = await lotNumbersOf(page, nextBefore);

  const button = page.getByTestId('load-more');
  await expect(button).toBeVisible({ timeout: 15_000 }); // shown once the island hydrated
  await expect(button).toHaveText('Load more');
  await button.click();
  await expect(cards).toHaveCount(96);
  const all = await lotNumbers(page);
  expect(all.slice(0, 48)).toEqual(first);
  expect(all.slice(48)).toEqual(secondByLink);
  expect(new Set(all).size).toBe(96);

  const status = page.getByRole('status').filter({ hasText: /lots loaded/ });
  await expect(status).toHaveText('More lots loaded: 48');
  await expect(status).toHaveAttribute('aria-live', 'polite');
  // The address is the page that was loaded; the next link moved one page on.
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(nextBefore);
  const nextAfter = (await next.getAttribute('href'))!;
  expect(nextAfter).not.toBe(nextBefore);
  // And it still works as a plain link: the page after contains none of the loaded lots.
  await next.click();
  await expect(page).toHaveURL(nextAfter);
  const third = await lotNumbers(page);
  expect(third.length).toBeGreaterThan(0);
  for (const lot of third) expect(all).not.toContain(lot);
  expect(errors).toEqual([]);
});

test('load more walks a filtered result to its end, every lot once', async ({ page }) => {
  const errors = watchErrors(page);
  // A make with between 2 and 6 pages of lots (the demo data has several).
  await page.goto('/en/cars');
  const makes = (await page.getByTestId('filter-make').locator('option').evaluateAll(
    (os) => os.map((o) => (o as HTMLOptionElement).value),
  )).filter((m) => m !== '');
  let chosen: { url: string; total: number } | undefined;
  for (const make of makes) {
    const url = `/en/cars?make=${encodeURIComponent(make).replace(/%20/g, '+')}`;
    const html = await (await page.request.get(url)).text();
    const total = Number(/data-testid="result-count"[^>]*>([\d,]+) lots?</.exec(html)?.[1].replace(/,/g, ''));
    if (total > 48 && total <= 6 * 48) { chosen = { url, total }; break; }
  }
  expect(chosen, 'a make with 2-6 pages').toBeDefined();
  await page.goto(chosen!.url);
  const button = page.getByTestId('load-more');
  for (let i = 0; i < 6 && (await page.getByTestId('next-page').count()) > 0; i++) {
    const before = await page.getByTestId('lot-card').count();
    await button.click();
    await expect.poll(() => page.getByTestId('lot-card').count()).toBeGreaterThan(before);
  }
  const all = await lotNumbers(page);
  expect(all.length).toBe(chosen!.total);
  expect(new Set(all).size).toBe(chosen!.total);
  await expect(page.getByTestId('next-page')).toHaveCount(0);
  await expect(button).toBeHidden();
  await expect(page.getByTestId('load-more-status')).toHaveText('All lots are shown.');
  // The button is gone, so focus went to the first card that came last.
  await expect(page.locator(':focus')).toHaveAttribute('href', /^\/en\/vin\//);
  expect(errors).toEqual([]);
});

test('Russian load more speaks Russian', async ({ page }) => {
  await page.goto('/ru/cars');
  const button = page.getByTestId('load-more');
  await expect(button).toHaveText('Показать ещё', { timeout: 15_000 });
  await button.click();
  await expect(page.getByTestId('load-more-status')).toHaveText('Загружено ещё лотов: 48');
  await expect(page.getByTestId('lot-card').nth(60).locator('dt').first()).toHaveText('Лот');
});
