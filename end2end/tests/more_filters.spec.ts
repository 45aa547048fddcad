import { test, expect, type Page } from '@playwright/test';

// The buyers' filters behind "More filters": a visitor opens the disclosure, picks values, and the
// lots shown obey them; the browser's own time zone goes with an auction window; the Russian page
// names the values in Russian. The values themselves come from the page's own dropdowns.

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

async function optionValues(page: Page, name: string): Promise<string[]> {
  return (await page.getByTestId(`filter-${name}`).locator('option').evaluateAll(
    (os) => os.map((o) => (o as HTMLOptionElement).value))).filter((v) => v !== '');
}

test.describe('in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('more filters narrow the lots and send the visitor’s zone with an auction window', async ({ page }) => {
    const errors = watchErrors(page);
    // The demo's auctions are generated around a fixed date, not today: the window is the week
    // from the soonest auction's day, as a visitor in New York would pick it on the calendar.
    const soonest = (await (await page.request.get('/api/v1/search?limit=1')).json()).items[0];
    const [from, to] = await page.evaluate((iso) => {
      const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      const d = new Date(iso);
      const end = new Date(d); end.setDate(end.getDate() + 6);
      return [day(d), day(end)];
    }, soonest.auctionAt);
    await page.goto('/en/cars');
    const more = page.getByTestId('more-filters');
    await expect(more).not.toHaveAttribute('open', /.*/);
    await more.locator('summary').click();
    expect((await optionValues(page, 'color')).length).toBeGreaterThan(2);
    await page.getByTestId('filter-bid_max').fill('5000');
    await page.getByTestId('filter-auction_from').fill(from);
    await page.getByTestId('filter-auction_to').fill(to);
    // The island has replaced the server's 0 (UTC) with the browser's offset, minutes east.
    const tz = await page.evaluate(() => -new Date().getTimezoneOffset());
    expect([-300, -240]).toContain(tz);
    await expect(page.getByTestId('filter-tz')).toHaveValue(String(tz));
    await page.locator('#apply').click();
    await expect(page).toHaveURL(
      new RegExp(`/en/cars\\?bid_max=5000&auction_from=${from}&auction_to=${to}&tz=${tz}$`));
    // Set filters keep the disclosure open and their values filled in.
    await expect(page.getByTestId('more-filters')).toHaveAttribute('open', /.*/);
    await expect(page.getByTestId('filter-auction_from')).toHaveValue(from);
    await expect(page.getByTestId('filter-bid_max')).toHaveValue('5000');
    // The page shows exactly the lots the API gives for the same query, and those obey it:
    // a bid of at most $5,000 and an auction on one of the seven days as New York counts them.
    const query = new URL(page.url()).search;
    const api = await (await page.request.get(`/api/v1/search${query}`)).json();
    expect(api.items.length).toBeGreaterThan(0);
    const shown = await page.getByTestId('lot-number').allTextContents();
    expect(shown).toEqual(api.items.map((i: { lotNumber: number }) => String(i.lotNumber)));
    const [start, end] = await page.evaluate(([f, t]) => {
      const s = new Date(`${f}T00:00:00`);
      const e = new Date(`${t}T00:00:00`); e.setDate(e.getDate() + 1);
      return [s.getTime(), e.getTime()];
    }, [from, to]);
    for (const item of api.items) {
      expect(item.currentBidCents).toBeLessThanOrEqual(500_000);
      const at = new Date(item.auctionAt).getTime();
      expect(at).toBeGreaterThanOrEqual(start);
      expect(at).toBeLessThan(end);
    }
    expect(errors).toEqual([]);
  });

  test('a lower bound above the upper one is refused with a readable message', async ({ page }) => {
    const res = await page.goto('/en/cars?bid_min=900&bid_max=100');
    expect(res?.status()).toBe(400);
    await expect(page.getByText('This catalog link is not valid')).toBeVisible();
  });
});

test('the Russian form names colours, fuels and keys in Russian', async ({ page }) => {
  await page.goto('/ru/cars?keys=no');
  await expect(page.getByTestId('more-filters')).toHaveAttribute('open', /.*/);
  await expect(page.getByTestId('more-filters').locator('summary')).toHaveText('Ещё фильтры');
  const keyLabel = await page.getByTestId('filter-keys').locator('option:checked').textContent();
  expect(keyLabel).toBe('Без ключей');
  for (const name of ['color', 'fuel', 'body']) {
    const labels = (await page.getByTestId(`filter-${name}`).locator('option').allTextContents()).slice(1);
    expect(labels.length).toBeGreaterThan(1);
    // Translated names are Cyrillic; a value with no name yet would show as Copart's Latin text.
    for (const l of labels) expect(l, `${name}: ${l}`).toMatch(/[А-Яа-яЁё]/);
  }
});
