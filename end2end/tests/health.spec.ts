import { test, expect } from '@playwright/test';

// The /health dashboard in a real browser: the HTML answer (content negotiation picks it for
// Chromium's Accept header), its overall badge, the seven service cards, the metric cards and
// the two 24-hour SVG charts; the same URL gives JSON to an API client, with the same verdict.
test('health dashboard renders in Chromium and agrees with the JSON', async ({ page, request }) => {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/health')) errors.push(`${r.status()} ${r.url()}`); });

  const response = await page.goto('/health');
  expect(response).not.toBeNull();
  expect(response!.headers()['content-type']).toContain('text/html');
  await expect(page).toHaveTitle(/Vinops health: (healthy|degraded|unhealthy)/);

  const overall = page.locator('#overall');
  await expect(overall).toBeVisible();
  const status = await overall.getAttribute('data-status');
  expect(['healthy', 'degraded', 'unhealthy']).toContain(status);
  // Only "unhealthy" is a 503.
  expect(response!.status()).toBe(status === 'unhealthy' ? 503 : 200);

  const cards = page.locator('section.service');
  await expect(cards).toHaveCount(8);
  for (const name of ['Web', 'Database', 'Redis', 'ETL', 'Image backfill', 'Images', 'Outcomes', 'Photo removal']) {
    const card = page.locator(`section.service[data-service="${name}"]`);
    await expect(card).toBeVisible();
    await expect(card.locator('.badge')).toHaveText(/^(healthy|degraded|unhealthy|unknown|disabled)$/);
  }
  // The e2e server is up with its database: the database card says so.
  await expect(page.locator('section.service[data-service="Database"]')).toHaveAttribute('data-status', 'healthy');
  // The catalog grid (the original's four numbers) and the five metric cards.
  await expect(page.locator('section.metric')).toHaveCount(9);
  for (const label of ['Total Vehicles', 'Total Lots', 'Active Lots', 'Image Coverage']) {
    await expect(page.locator('section.metric', { hasText: label })).toBeVisible();
  }

  const charts = page.locator('figure.chart svg');
  await expect(charts).toHaveCount(2);
  for (const chart of await charts.all()) {
    await expect(chart).toBeVisible();
    await expect(chart.locator('rect')).toHaveCount(24);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(40);
  }
  await expect(page.locator('meta[http-equiv="refresh"]')).toHaveAttribute('content', '30');
  expect(errors).toEqual([]);

  const json = await request.get('/health', { headers: { accept: 'application/json' } });
  expect(json.headers()['content-type']).toContain('application/json');
  const body = await json.json();
  expect(body.status).toBe(status);
  expect(json.status()).toBe(response!.status());
  // The original contract beside this report's own fields.
  expect(typeof body.timestamp).toBe('string');
  expect(typeof body.metrics.totalLots).toBe('number');
  for (const s of Object.values(body.services) as { status: string }[]) {
    expect(['up', 'degraded', 'down']).toContain(s.status);
  }
  expect(Object.keys(body.services)).toEqual(['web', 'database', 'redis', 'etl', 'imageBackfill', 'images', 'photoPurges', 'outcomes']);
});
