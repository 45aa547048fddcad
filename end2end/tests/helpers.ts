import { expect, type Page } from '@playwright/test';

/**
 * Collects console errors and uncaught exceptions, so a broken island or a missing asset fails
 * the test. `expectedStatusUrl`: a page that is meant to answer with an error status (the 404
 * page); Chromium logs its own document's status as a console error, which is not a fault.
 */
export function watchErrors(page: Page, expectedStatusUrl?: string): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const own = expectedStatusUrl && m.location().url === expectedStatusUrl;
    if (own && /Failed to load resource: the server responded with a status of 404/.test(m.text())) return;
    errors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** The lots of the e2e photo fixture (deploy/scripts/test.sh): the first 8 of `/en/cars`. */
export const PHOTO_LOTS = 8;

/** The VIN and lot number of the first card of the catalog (a lot with fixture photos). */
export async function firstLot(page: Page): Promise<{ vin: string; lot: string }> {
  await page.goto('/en/cars');
  const card = page.getByTestId('lot-card').first();
  const lot = (await card.getByTestId('lot-number').textContent())!.trim();
  const href = (await card.getByRole('link').first().getAttribute('href'))!;
  return { vin: href.split('/').pop()!, lot };
}

/** Lot numbers on a page's cards, in order. */
export async function lotNumbers(page: Page): Promise<string[]> {
  return (await page.getByTestId('lot-number').allTextContents()).map((s) => s.trim());
}

/** Lot numbers in a page's server HTML, fetched without a browser (what a crawler sees). */
export async function lotNumbersOf(page: Page, url: string): Promise<string[]> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/data-testid="lot-number"[^>]*>(\d+)</g)].map((m) => m[1]);
}

/** Waits until an island marked with `data-ready` has hydrated. */
export async function hydrated(page: Page, testId: string): Promise<void> {
  await expect(page.getByTestId(testId)).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
}
