import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { watchErrors } from './helpers';

// The price charts and the VIN timeline as a visitor sees them: the VIN of the relist fixture
// (deploy/scripts/test.sh: two earlier, unsold attempts), its model's hub and its model year's
// hub, in every language. Each chart's picture goes to end2end/screenshots/ (or SCREENSHOT_DIR).
const VIN = process.env.E2E_RELIST_VIN ?? '';
const DIR = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', 'screenshots');
mkdirSync(DIR, { recursive: true });

test.beforeAll(() => {
  expect(VIN, 'E2E_RELIST_VIN is set by deploy/scripts/test.sh').toMatch(/^[A-Z0-9]{6,17}$/);
});

for (const lang of ['en', 'ru', 'uk']) {
  test(`VIN timeline, similar lots and the hub charts (${lang})`, async ({ page }) => {
    const errors = watchErrors(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`/${lang}/vin/${VIN}`);

    // Three attempts, oldest first, drawn and tabled; the middle one stopped at $1,450.
    const timeline = page.getByTestId('timeline');
    await expect(timeline.getByTestId('timeline-row')).toHaveCount(3);
    const chart = page.getByTestId('timeline-chart');
    await expect(chart.locator('svg[role="img"]')).toBeVisible();
    await expect(chart.getByTestId('chart-attempt')).toHaveCount(3);
    const bids = await timeline.getByTestId('timeline-bid').allTextContents();
    expect(bids[1]).toMatch(/1[,\u202f\u00a0 ]?450/);
    // Every bid shown says what it is (a tooltip explains it).
    const source = timeline.getByTestId('timeline-bid').nth(1).getByTestId('price-source');
    await expect(source).toHaveAttribute('title', /.{20,}/);
    await chart.screenshot({ path: join(DIR, `chart-timeline-${lang}.png`) });

    // Similar lots link to VIN pages of the same make and model.
    const crumbs = page.getByTestId('breadcrumbs');
    const modelLink = crumbs.getByRole('link').nth(3);
    const modelName = (await modelLink.textContent())!.trim();
    const similar = page.getByTestId('similar');
    await expect(similar.getByTestId('lot-card').first()).toBeVisible();
    const other = similar.getByTestId('lot-card').first().getByRole('link').first();
    await expect(other).toContainText(modelName);

    // The trail goes through the model year's hub: its chart is by month of sale.
    const yearLink = crumbs.getByRole('link').nth(4);
    await expect(yearLink).toHaveText(/^\d{4}$/);
    await yearLink.click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/cars/[^/]+/[^/]+/\\d{4}$`));
    const yearChart = page.getByTestId('price-chart');
    await expect(yearChart.locator('svg[role="img"] desc')).not.toBeEmpty();
    const rows = page.getByTestId('hub-price-row');
    expect(await rows.count()).toBeGreaterThan(0);
    await yearChart.screenshot({ path: join(DIR, `chart-year-${lang}.png`) });

    // Up to the model's hub: a chart by model year, its years in the table linking down.
    await page.getByTestId('breadcrumbs').getByRole('link').nth(3).click();
    await expect(page).toHaveURL(new RegExp(`/${lang}/cars/[^/]+/[^/?]+$`));
    const modelChart = page.getByTestId('price-chart');
    await expect(modelChart.getByTestId('chart-slot').first()).toBeVisible();
    await expect(page.getByTestId('hub-spread').first()).toBeVisible();
    await expect(page.getByTestId('hub-years').getByRole('link').first()).toBeVisible();
    await modelChart.screenshot({ path: join(DIR, `chart-model-${lang}.png`) });
    expect(errors).toEqual([]);
  });
}
