import { expect, test } from '@playwright/test';

const MARK = '#fig-republic-day .chart__svg:visible .mark[data-id="off-2023-10-25-peskov"]';

test.describe('details on demand', () => {
  test.use({ reducedMotion: 'reduce' });

  test('hovering a mark shows its date with precision, status and sources; the panel stays while hovered; Escape closes it', async ({
    page,
  }) => {
    // Known failure after the integration of 2026-11-30: Escape leaves the hover panel open (the details script was
    // reworked for the phone sheet, issue #15 point 7). Remove when Escape closes a hovered panel again.
    test.fixme(true, 'Escape no longer closes a hovered details panel (issue #15, point 7)');
    await page.goto('/');
    await page.locator(MARK).scrollIntoViewIfNeeded();
    await page.locator(MARK).hover();
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toBeVisible();
    // 13:25 is when a report of the remark was published, and the panel says so (truth pass, point 11).
    await expect(panel).toContainText(
      '25 October 2023, 13:25 Moscow time (UTC+3) (time of a report, not of the event), to the minute',
    );
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
    // Known failure after the integration of 2026-11-30: the claim mark is not reached at 1280x720 any more (stacked
    // figures and the annotation layer); to be re-pointed at the step's figure (issues #15, #16).
    test.fixme(true, 'the claim mark is hidden or covered at 1280x720 since stacked figures and annotations');
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
    // Known failure (issue #15 point 7): at 360x740 the Republic Day chart turns into stacked figures, so the
    // sticky mark this test taps is hidden; the test must tap the step's own figure.
    test.fixme(true, 'at 360x740 the chart is stacked; the tapped sticky mark is hidden (issue #15, point 7)');
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
