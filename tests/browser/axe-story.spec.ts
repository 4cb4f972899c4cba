/**
 * Gates over the production build, part 0: axe (WCAG 2.0-2.2 A/AA and best practices), zero violations, on the
 * story at load and at every step of every chart, under reduced motion on/off and light/dark, at each gate width
 * (the matrix: gates-shared.ts). The longest tests of the browser suite, in a file of their own whose name sorts
 * first, so that the two workers start them first and the short tests fill in around them.
 */
import { expect, test } from '@playwright/test';
import {
  WIDTHS,
  STORY,
  activate,
  expectClean,
  axeMatrix,
  openForMatrix,
  loadAndAxe,
  pageProblems,
  note,
  requireBuild,
} from './gates-shared.ts';

test.beforeAll(requireBuild);

test.describe('axe on the story at every step, reduced motion on/off, light/dark', () => {
  for (const width of WIDTHS) {
    test(`story at ${width}px`, async ({ browser, baseURL }) => {
      // 264 s at 320 px in the last CI run, on an idle machine: room for a loaded one.
      test.setTimeout(600_000);
      const w = await openForMatrix(browser, baseURL!, width);
      const { page } = w;
      const label = `${STORY} @${width}`;
      const tally = { runs: 0, identical: 0 };
      const found = await loadAndAxe(page, STORY, `${label} at load`, tally);
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
      // After every step: a step's state must not make the page scroll sideways or add on* attributes either.
      found.push(...(await pageProblems(page, label, width)));
      expect(found).toEqual([]);
      await expectClean(w, label);
      await w.close();
    });
  }
});
