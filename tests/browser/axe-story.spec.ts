/**
 * Gates over the production build, part 0: axe (WCAG 2.0-2.2 A/AA and best practices), zero violations, on the
 * story at load and at every step of every chart, under reduced motion on/off and light/dark, at each gate width
 * (the matrix: gates-shared.ts). The longest tests of the browser suite, in a file of their own whose name sorts
 * first, so that the two workers start them first and the short tests fill in around them.
 */
import { expect, test } from '@playwright/test';
import {
  WIDTHS,
  device,
  STORY,
  open,
  settle,
  activate,
  overflow,
  handlerAttributes,
  expectClean,
  axeMatrix,
  note,
  requireBuild,
} from './gates-shared.ts';

test.beforeAll(requireBuild);

test.describe('axe on the story at every step, reduced motion on/off, light/dark', () => {
  for (const width of WIDTHS) {
    test(`story at ${width}px`, async ({ browser, baseURL }) => {
      test.setTimeout(300_000);
      const w = await open(browser, baseURL!, {
        ...device(width),
        reducedMotion: 'no-preference',
        colorScheme: 'light',
      });
      const { page } = w;
      const label = `${STORY} @${width}`;
      const tally = { runs: 0, identical: 0 };
      await page.goto(STORY);
      await settle(page);
      const found = await axeMatrix(page, `${label} at load`, undefined, tally);
      const figures = await page.locator('scrolly-section figure[data-step-ids]').all();
      expect(figures.length).toBeGreaterThan(0);
      for (const figure of figures) {
        const figId = (await figure.getAttribute('id'))!;
        const ids = (await figure.getAttribute('data-step-ids'))!.split(' ');
        for (const [i, id] of ids.entries()) {
          // Scrolled to with motion on, so the step's transitions really run before the check.
          await activate(page, figure, id, i);
          // A step changes only its figure (chart state, active step); the rest was checked at load.
          found.push(...(await axeMatrix(page, `${label} step ${figId}/${id}`, `[id="${figId}"]`, tally)));
        }
      }
      note(tally);
      if (width === 320) expect(await overflow(page), `${label}: horizontal overflow (px)`).toBe(0);
      expect(await handlerAttributes(page), `${label}: on* attributes`).toEqual([]);
      expect(found).toEqual([]);
      await expectClean(w, label);
      await w.close();
    });
  }
});
