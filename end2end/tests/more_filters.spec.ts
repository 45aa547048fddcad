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
    await page.goto('/en/cars');
    const more = page.getByTestId('more-filters');
    await expect(more).not.toHaveAttribute('open', /.*/);
    await more.locator('summary').click();
    const colors = await optionValues(page, 'color');
    expect(colors.length).toBeGreaterThan(2);
    await page.getByTestId('filter-color').selectOption(colors[0]);
    await page.getByTestId('filter-bid_max').fill('5000');
    await page.getByTestId('filter-auction').selectOption('week');
    // The island has replaced the server's 0 (UTC) with the browser's offset, minutes east.
    const tz = await page.evaluate(() => -new Date().getTimezoneOffset());
    expect([-300, -240]).toContain(tz);
    await expect(page.getByTestId('filter-tz')).toHaveValue(String(tz));
    await page.locator('#apply').click();
    const color = encodeURIComponent(colors[0]).replace(/%20/g, '+');
    await expect(page).toHaveURL(
      new RegExp(`/en/cars\\?color=${color.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}&bid_max=5000&auction=week&tz=${tz}$`));
    // Set filters keep the disclosure open and their values selected.
    await expect(page.getByTestId('more-filters')).toHaveAttribute('open', /.*/);
    await expect(page.getByTestId('filter-color')).toHaveValue(colors[0]);
    await expect(page.getByTestId('filter-auction')).toHaveValue('week');
    // The page shows exactly the lots the API gives for the same query, and those obey it:
    // a bid of at most $5,000 and an auction within the visitor's next seven days.
    const query = new URL(page.url()).search;
    const api = await (await page.request.get(`/api/v1/search${query}`)).json();
    const shown = await page.getByTestId('lot-number').allTextContents();
    expect(shown).toEqual(api.items.map((i: { lotNumber: number }) => String(i.lotNumber)));
    // The week's bounds as the browser (in New York) counts days.
    const [start, end] = await page.evaluate(() => {
      const s = new Date(); s.setHours(0, 0, 0, 0);
      const e = new Date(s); e.setDate(e.getDate() + 7);
      return [s.getTime(), e.getTime()];
    });
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
