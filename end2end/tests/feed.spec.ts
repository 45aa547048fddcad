import { test, expect } from '@playwright/test';

// A visitor follows a search: the catalog page names its feed (head and page), and the feed is an
// Atom document of the same search in the page's language, whose entries open VIN pages.
for (const [lang, label] of [['en', 'Follow this search'], ['ru', 'Следить за этим поиском']]) {
  test(`catalog links the Atom feed of its search (${lang})`, async ({ page, request }) => {
    await page.goto(`/${lang}/cars?sort=year_desc`);
    const feedLink = page.getByTestId('feed-link');
    await expect(feedLink).toContainText(label);
    const href = await feedLink.getAttribute('href');
    // The feed of the selection, whatever the order.
    expect(href).toBe(`/${lang}/cars.atom`);
    await expect(page.locator('head link[type="application/atom+xml"]')).toHaveAttribute('href', href!);

    const res = await request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/atom+xml; charset=utf-8');
    // Parsed by the browser's own XML parser: well-formed, Atom, in the page's language.
    const atom = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const root = doc.documentElement;
      return {
        error: doc.getElementsByTagName('parsererror').length,
        ns: root.namespaceURI,
        lang: root.getAttribute('xml:lang'),
        entries: Array.from(root.getElementsByTagName('entry')).map((e) =>
          e.getElementsByTagName('link')[0]?.getAttribute('href') ?? ''),
      };
    }, await res.text());
    expect(atom.error).toBe(0);
    expect(atom.ns).toBe('http://www.w3.org/2005/Atom');
    expect(atom.lang).toBe(lang);
    expect(atom.entries.length).toBeGreaterThan(10);
    const vinPage = new URL(atom.entries[0]).pathname;
    expect(vinPage).toMatch(new RegExp(`^/${lang}/vin/[A-HJ-NPR-Z0-9]{11,17}$`));
    const opened = await page.goto(vinPage);
    expect(opened?.status()).toBe(200);
  });
}
