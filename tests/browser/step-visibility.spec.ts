/**
 * Every step seen on every screen (issue 15, point 1): at each size, for every step of every scrolly,
 * the marks the step highlights are in view, at full opacity, unclipped, not under the step text and hit
 * at their centre at every sampled scroll position while the step is active, and the step's whole text is
 * readable at some position while it is active. The geometry is tests/shared/step-visibility.ts (plain DOM,
 * also run in Firefox and WebKit); the highlighted ids per step are kept in a snapshot, so a step cannot
 * pass by lighting fewer marks.
 */
import { expect, test } from '@playwright/test';
import { sweepSteps, type Evaluate } from '../shared/step-sweep.ts';

export const SIZES = [
  // Phones' visible viewports with the browser's bars: often 640-740 px tall (the timeline's step drawings fit 60 %;
  // the Republic Day chart pans its narrow drawing in a graphic that leaves its longest step text room, decision 0002).
  // Known failure there (issue #15 point 1, open), listed so that every other figure is held: at 360x640, the region
  // map's "labs" step text.
  { name: '360x640', width: 360, height: 640, scale: 1, phone: true, known: ['fig-region-map/labs:'] },
  { name: '360x740', width: 360, height: 740, scale: 1, phone: true },
  { name: '390x664', width: 390, height: 664, scale: 1, phone: true },
  { name: '360x800', width: 360, height: 800, scale: 1, phone: true },
  { name: '390x844', width: 390, height: 844, scale: 1, phone: true },
  // A phone on its side: the graphic stands beside the steps at the screen's height (no 60 % share above them).
  { name: '844x390', width: 844, height: 390, scale: 1, phone: false },
  { name: '768x1024', width: 768, height: 1024, scale: 1, phone: false },
  { name: '1024x768', width: 1024, height: 768, scale: 1, phone: false },
  { name: '1440x900', width: 1440, height: 900, scale: 1, phone: false },
  { name: '1920x1080', width: 1920, height: 1080, scale: 1, phone: false },
  // 200 % zoom on 1440x900: the CSS viewport halves, device pixels double.
  { name: '1440x900-zoom200', width: 720, height: 450, scale: 2, phone: false },
] as const;

/**
 * A step's own notes (its annotations' words on the chart) that a reader never sees while the step is active, at the
 * two sizes the issue names first (issue #16 point 2: every step says its point on the chart). Held to this list
 * exactly, so a note that starts or stops being seen changes it. A note is seen on the chart, or in the active step's
 * card: on phones the flow's, the playbook's, the map's and Republic Day's numbered notes sit in the strip under the
 * chart (outside the sticky window, or where the card passes over it), so each card carries its step's numbered notes
 * by a disc with the badge's number (src/scripts/step-notes.ts), and the sweep counts them there only with the badge
 * seen on the chart (tests/shared/step-sweep.ts, notesInCard).
 */
const UNSEEN_NOTES: Partial<Record<(typeof SIZES)[number]['name'], readonly string[]>> = {
  '360x800': ['fig-republic-day/republic-day: "Fake toKremlinremark: atleast 2 days"'],
  '1440x900': [],
};

for (const size of SIZES) {
  test.describe(`steps at ${size.name}`, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      deviceScaleFactor: size.scale,
      reducedMotion: 'reduce',
    });

    test('every highlighted mark is seen and every step text read while its step is active', async ({ page }) => {
      test.setTimeout(240_000);
      await page.goto('/');
      // Playwright's evaluate types its argument as serialisable; the sweep's page functions take plain data.
      const evaluate: Evaluate = (fn, arg) => page.evaluate(fn as never, arg as never);
      const { highlighted, failures, unseenNotes } = await sweepSteps(evaluate, {
        maxGraphicShare: size.phone ? 0.62 : undefined,
      });
      // The highlighted ids per step: a step cannot pass by lighting fewer marks. Soft, so a mismatch still
      // lists the visibility failures below; a .txt name, so the formatter leaves the snapshot as written.
      expect.soft(JSON.stringify(highlighted, null, 1)).toMatchSnapshot(`highlighted-${size.name}.txt`);
      test.info().annotations.push({ type: 'failures', description: String(failures.length) });
      const known: readonly string[] = 'known' in size ? size.known : [];
      const open = failures.filter((f) => !known.some((k) => f.startsWith(k)));
      test.info().annotations.push({ type: 'known failures', description: String(failures.length - open.length) });
      expect.soft(open).toEqual([]);
      test.info().annotations.push({ type: 'unseen notes', description: unseenNotes.join(' | ') || 'none' });
      const unseen = UNSEEN_NOTES[size.name];
      if (unseen) expect(unseenNotes).toEqual(unseen);
    });
  });
}
