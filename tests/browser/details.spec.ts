import { expect, type Page, test } from '@playwright/test';
import { firstSeenMark, glyphPoint } from '../shared/step-visibility.ts';
import { nearChart } from './helpers.ts';

/** The first instance of a mark that the reader can see: in the sticky drawing or in a step's own figure. */
async function visibleMark(page: Page, fig: string, which: string) {
  await nearChart(page, fig);
  const all = page.locator(`${fig} :is(.chart__svg, .step__figure) > svg .mark${which}`);
  const i = await all.evaluateAll(firstSeenMark);
  expect(i, `a visible mark ${which} in ${fig}`).toBeGreaterThanOrEqual(0);
  return all.nth(i);
}

const PESKOV = 'off-2023-10-25-peskov';

test.describe('details on demand', () => {
  test.use({ reducedMotion: 'reduce' });

  test(
    'hovering a mark shows its date with precision, status and sources; ' +
      'the panel stays while hovered; Escape closes it',
    async ({ page }) => {
      await page.goto('/');
      const mark = await visibleMark(page, '#fig-republic-day', `[data-id="${PESKOV}"]`);
      await mark.scrollIntoViewIfNeeded();
      await mark.hover({ position: await mark.evaluate(glyphPoint) });
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
    },
  );

  test('keyboard: focus the chart, arrow keys walk the marks, Escape closes', async ({ page }) => {
    await page.goto('/');
    await nearChart(page, '#fig-republic-day');
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
    // Whichever drawing the screen shows: the sticky one, or a step's own figure when the chart is stacked.
    const claim = await visibleMark(page, '#fig-republic-day', '[data-id="art-2023-10-25-putin-message"]');
    await claim.scrollIntoViewIfNeeded();
    await claim.click({ position: await claim.evaluate(glyphPoint) });
    await expect(page.locator('#fig-republic-day .details-panel')).toContainText(
      'claimed by the article; no source found',
    );
  });
});

test.describe('stacked figures and a data page that cannot load', () => {
  test.use({ reducedMotion: 'reduce', viewport: { width: 1280, height: 800 } });

  test("stacked figures: Tab reaches each step's own figure, arrow keys show its marks' details", async ({ page }) => {
    await page.goto('/');
    await page.locator('#scrolly-republic-day .stack-switch').click();
    const figure = page.locator('#scrolly-republic-day .step').nth(1).locator('.step__figure');
    await expect(figure).toBeVisible();
    // Its copy of the drawing, made once the drawing is inline (the chart is on screen now).
    await expect(figure.locator('svg .mark').first()).toBeAttached();
    // The sticky drawing is not shown with stacked figures: the step's own copy is the only way to its marks.
    await expect(page.locator('#scrolly-republic-day .chart__frame')).toBeHidden();
    await expect(figure).toHaveAttribute('tabindex', '0');
    await expect(figure).toHaveAttribute('aria-label', /arrow keys/);
    // Reached by Tab from the step that holds it (the step itself is a stop first).
    await page.locator('#scrolly-republic-day .step').nth(1).focus();
    await page.keyboard.press('Tab');
    await expect(figure).toBeFocused();
    await page.keyboard.press('Home');
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toBeVisible();
    // The row's words and sources from the data page, not just the mark's label.
    await expect(panel.locator('a[href^="http"]').first()).toBeVisible();
    const first = await panel.innerText();
    await page.keyboard.press('ArrowRight');
    await expect(panel).not.toHaveText(first);
    await expect(figure.locator('.mark.is-current')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();
  });

  test("the data page cut off: the panel says the details could not load and links to the mark's row", async ({
    page,
  }) => {
    let asked = 0;
    await page.route('**/data/republic-day/', (route) => {
      asked++;
      return route.abort('connectionreset');
    });
    await page.goto('/');
    await nearChart(page, '#fig-republic-day');
    const box = page.locator('#fig-republic-day .chart__svg:visible');
    await box.focus();
    await page.keyboard.press('Home');
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toContainText('The details could not load.');
    const link = panel.getByRole('link', { name: 'Open its row on the data page' });
    const id = await box.locator('.mark.is-current').getAttribute('data-id');
    await expect(link).toHaveAttribute('href', new RegExp(`/data/republic-day/#row-republic-day-${id}$`));
    expect(asked).toBeGreaterThan(0);
    // The row exists on the data page the link names.
    await page.unroute('**/data/republic-day/');
    const rows = await page.request.get('/data/republic-day/');
    expect(await rows.text()).toContain(`id="row-republic-day-${id}"`);
    // Tried again on the next mark: with the page reachable, the panel shows the row's sources.
    await page.keyboard.press('ArrowRight');
    await expect(panel.locator('a[href^="http"]').first()).toBeVisible();
    await expect(panel).not.toContainText('could not load');
  });
});

test.describe('on touch', () => {
  test.use({ hasTouch: true, isMobile: true, viewport: { width: 360, height: 740 }, reducedMotion: 'reduce' });
  test('tapping a mark shows its details and tapping elsewhere hides them', async ({ page }) => {
    await page.goto('/');
    // At 360x740 the chart's graphic is sticky (it stacked before its narrow lanes were made shorter): the reader
    // taps the remark while the step that lights it is active, the step's card just under the graphic.
    await nearChart(page, '#fig-republic-day');
    const step = page.locator('#step-republic-day-republic-day');
    await step.evaluate((el) => el.scrollIntoView({ block: 'end', behavior: 'instant' }));
    await expect(page.locator('#fig-republic-day')).toHaveAttribute('data-active-step', '2', { timeout: 15_000 });
    const mark = page.locator(`#fig-republic-day .chart__sticky .chart__svg > svg .mark[data-id="${PESKOV}"]`);
    await expect(mark).toBeInViewport();
    await mark.tap({ position: await mark.evaluate(glyphPoint) });
    const panel = page.locator('#fig-republic-day .details-panel');
    await expect(panel).toBeVisible();
    await page.locator('#fig-republic-day .chart__title').tap();
    await expect(panel).toBeHidden();
  });
});

for (const [width, height] of [
  [360, 800],
  [1440, 900],
] as const) {
  test.describe(`hit areas at ${width}x${height}`, () => {
    test.use({ viewport: { width, height }, reducedMotion: 'reduce' });
    test('every mark of every chart has a tap target of at least 24x24 CSS px', async ({ page }) => {
      await page.goto('/');
      const figures = await page.locator('chart-details').evaluateAll((els) => els.map((e) => e.closest('figure')!.id));
      expect(figures.length).toBeGreaterThanOrEqual(5);
      let measured = 0;
      for (const id of figures) {
        await nearChart(page, `#${id}`);
        // Every drawing the reader sees (the sticky one or the steps' own figures), once it is on screen.
        const small = await page.locator(`#${id}`).evaluate(async (fig) => {
          const out: string[] = [];
          let count = 0;
          const svgs = [...fig.querySelectorAll<SVGSVGElement>(':is(.chart__svg, .step__figure) > svg')].filter(
            (s) => s.getClientRects().length > 0,
          );
          for (const svg of svgs) {
            svg.scrollIntoView({ block: 'center' });
            await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
            const s = svg.getBoundingClientRect();
            for (const m of svg.querySelectorAll<SVGGraphicsElement>('.mark')) {
              const r = m.getBoundingClientRect();
              const cx = r.left + r.width / 2;
              const cy = r.top + r.height / 2;
              // A mark cropped out of a step's window is not shown there.
              if (r.width === 0 || cx < s.left || cx > s.right || cy < s.top || cy > s.bottom) continue;
              const hit = svg.querySelector(`.mark-hits [data-hit="${CSS.escape(m.getAttribute('data-id') ?? '')}"]`);
              const h = hit?.getBoundingClientRect() ?? r;
              const w = Math.max(r.right, h.right) - Math.min(r.left, h.left);
              const t = Math.max(r.bottom, h.bottom) - Math.min(r.top, h.top);
              count++;
              if (w < 23.95 || t < 23.95) out.push(`${m.getAttribute('data-id')}: ${w.toFixed(1)}x${t.toFixed(1)}`);
            }
          }
          return { out, count };
        });
        measured += small.count;
        expect(small.out.slice(0, 8), id).toEqual([]);
      }
      expect(measured).toBeGreaterThan(40);
    });
  });
}
