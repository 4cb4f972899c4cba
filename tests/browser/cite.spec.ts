import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';

test('every in-page anchor on the story resolves to an element', async ({ page }) => {
  await page.goto('/');
  const missing = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLAnchorElement>('a[href*="#"]')]
      .filter((a) => a.origin === location.origin && a.pathname === location.pathname)
      .map((a) => decodeURIComponent(a.hash.slice(1)))
      .filter((id) => id && !document.getElementById(id)),
  );
  expect(missing).toEqual([]);
});

test('a renamed (redirected) id lands on its new section', async ({ page }) => {
  const redirects = JSON.parse(readFileSync('content/data/redirects.json', 'utf8')) as { from: string; to: string }[];
  expect(redirects.length).toBeGreaterThan(0);
  for (const r of redirects) {
    await page.goto(`/#${r.from}`);
    const target = page.locator(`[id="${r.to}"]`);
    await expect(target).toBeInViewport();
    expect(await page.locator(`[id="${r.from}"]`).evaluate((el, to) => el.closest(`[id="${to}"]`) !== null, r.to)).toBe(
      true,
    );
  }
});

test('a copied quote link opens the page at that paragraph with the text targeted', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  // The module arrives after the first paint; a reader can select words before it does (what raced in CI, stop 22).
  // It is held back until the words are selected, so the button must come for a selection made before it.
  let release = () => {};
  const held = new Promise<void>((r) => {
    release = r;
  });
  let requested = false;
  await page.route(/\/quote-link\.[\w-]+\.js$/, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  await page.goto('/');
  await page.locator('#p12').scrollIntoViewIfNeeded();
  await page.evaluate(() => {
    const p = document.getElementById('p12')!;
    const text = p.firstChild!.nodeType === 3 ? p.firstChild! : p.childNodes[1]!;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 60);
    const sel = getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  await expect.poll(() => requested).toBe(true);
  release();
  const button = page.getByRole('button', { name: 'Copy link to this quote' });
  await expect(button).toBeVisible();
  await button.click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/#p12:~:text=`));
  const fresh = await context.newPage();
  await fresh.goto(link);
  await expect(fresh.locator('#p12')).toBeInViewport();
  expect(await fresh.evaluate(() => location.hash)).toBe('#p12');
  expect(await fresh.evaluate(() => document.querySelector(':target')?.id)).toBe('p12');
  await context.close();
});

test('the APA citation of a paragraph is selectable text on its cite page and names the anchor', async ({
  page,
  browser,
}) => {
  await page.goto('/cite/p06/');
  const text = await page.locator('body').innerText();
  expect(text).toMatch(
    new RegExp(
      "Tomorrow['’]s Affairs Staff\\. \\(n\\.d\\.\\)\\. Frequent storms of Russian disinformation in Kazakhstan" +
        ' - a response to the loss of influence\\.',
    ),
  );
  expect(text).toContain('#p06');
  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto('/');
  await p.locator('details.cite').first().locator('summary').click();
  await expect(p.locator('details.cite').first().locator('.cite__text')).toContainText(
    /Tomorrow['’]s Affairs Staff\. \(n\.d\.\)\./,
  );
  await noJs.close();
});

test('JSON-LD: a NewsArticle with its corrections on the story', async ({ page }) => {
  await page.goto('/');
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const docs = blocks.map((b) => JSON.parse(b) as Record<string, unknown>);
  expect(docs.map((d) => d['@type'])).toEqual(['NewsArticle']);
  const article = docs[0]!;
  expect(article).toMatchObject({
    headline: expect.stringContaining('Frequent storms'),
    author: { name: "Tomorrow's Affairs Staff" },
    inLanguage: 'en',
    publisher: { name: "Tomorrow's Affairs" },
  });
  expect(article).not.toHaveProperty('datePublished');
  expect((article.correction as unknown[]).length).toBeGreaterThan(0);
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(og).toMatch(/social\/story\.png$/);
});

test('a ClaimReview per reviewed claim, on the page that shows each review to the reader', async ({ page }) => {
  const claims = JSON.parse(readFileSync('content/data/claims.json', 'utf8')) as { claim: string; finding: string }[];
  await page.goto('/notes/');
  const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
  const reviews = blocks
    .map((b) => JSON.parse(b) as Record<string, unknown>)
    .filter((d) => d['@type'] === 'ClaimReview');
  expect(reviews.map((r) => r.claimReviewed)).toEqual(claims.map((c) => c.claim));
  for (const r of reviews) {
    expect(r).toMatchObject({
      reviewRating: { alternateName: 'False' },
      itemReviewed: { appearance: expect.any(Array) },
    });
    // The review's URL lands on this page, on a block the reader sees with the claim, its rating and the finding.
    const url = new URL(r.url as string);
    expect(url.pathname).toBe('/notes/');
    await page.goto(url.pathname + url.hash);
    const block = page.locator(`[id="${url.hash.slice(1)}"]`);
    await expect(block).toBeInViewport();
    await expect(block).toContainText(r.claimReviewed as string);
    await expect(block).toContainText(`Rating: ${(r.reviewRating as { alternateName: string }).alternateName}.`);
    await expect(block).toContainText(r.reviewBody as string);
    // Every place the review says the claim appeared, and every source it cites, is on the page too.
    for (const a of (r.itemReviewed as { appearance: { name: string; url?: string }[] }).appearance) {
      await expect(block).toContainText(a.name);
      if (a.url) await expect(block.locator(`a[href="${a.url}"]`)).toHaveCount(1);
    }
    for (const href of r.citation as string[]) await expect(block.locator(`a[href="${href}"]`)).toHaveCount(1);
  }
});

test('a chapter share page previews that chapter', async ({ page, request }) => {
  await page.goto('/share/discrediting/');
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /^Discrediting state policy/);
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  const png = await (await request.get(new URL(image!).pathname)).body();
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.readUInt32BE(16)).toBe(1200);
});
