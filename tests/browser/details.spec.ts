import { expect, test } from '@playwright/test';

const MARK = '#fig-republic-day .chart__svg:visible .mark[data-id="off-2023-10-25-peskov"]';

test.describe('details on demand', () => {
  test.use({ reducedMotion: 'reduce' });

  test('hovering a mark shows its date with precision, status and sources; the panel stays while hovered; Escape closes it', async ({
    page,
  }) => {
    await page.goto('/');
    await page.locator(MARK).scrollIntoViewIfNeeded();
    await page.locator(MARK).hover();
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toBeVisible();
    await expect(panel).toContainText('25 October 2023, 13:25 Moscow time (UTC+3), to the minute');
    await expect(panel).toContainText('confirmed');
    await expect(panel.locator('a[href^="http"]').first()).toBeVisible();
    await panel.hover();
    await expect(panel).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test('keyboard: focus the chart, arrow keys walk the marks, Escape closes', async ({ page }) => {
    await page.goto('/');
    const box = page.locator('#fig-republic-day .chart__svg:visible');
    await box.focus();
    await page.keyboard.press('Home');
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toBeVisible();
    const first = await panel.innerText();
    await page.keyboard.press('ArrowRight');
    await expect(panel).not.toHaveText(first);
    await expect(box.locator('.mark.is-current')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test('an article-only claim says so in its details', async ({ page }) => {
    await page.goto('/');
    const claim = page.locator('#fig-republic-day .chart__svg:visible .mark[data-id="art-2023-10-25-putin-message"]');
    await claim.scrollIntoViewIfNeeded();
    await claim.click();
    await expect(page.locator('#fig-republic-day .details-panel')).toContainText(
      'claimed by the article; no source found',
    );
  });
});

test.describe('on touch', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 }, reducedMotion: 'reduce' });
  test('tapping a mark shows its details and tapping elsewhere hides them', async ({ page }) => {
    await page.goto('/');
    const mark = page.locator(MARK);
    await mark.scrollIntoViewIfNeeded();
    await mark.tap();
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toBeVisible();
    await page.locator('#fig-republic-day .chart__title').tap();
    await expect(panel).toBeHidden();
  });
});
