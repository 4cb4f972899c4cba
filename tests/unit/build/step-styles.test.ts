import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartFiles, longestSteps, STEP_STYLES_MARKER, withStepStyles } from '../../../src/build/step-styles.ts';

const storyCss = readFileSync('src/styles/story.css', 'utf8');
const realCharts = chartFiles('content').map((f) => readFileSync(f, 'utf8'));

/** The real region map with `n` steps: its own, then copies of its last step under new ids. */
function plantedChart(n: number): string {
  const chart = JSON.parse(readFileSync('content/data/charts/region-map.json', 'utf8')) as {
    id: string;
    steps: { id: string }[];
  };
  const last = chart.steps.at(-1)!;
  while (chart.steps.length < n) chart.steps.push({ ...last, id: `planted-${chart.steps.length}` });
  return JSON.stringify({ ...chart, id: 'planted' });
}

/**
 * The value of `property` for an element of class `cls` whose data-steps are `steps`, inside an ancestor with
 * data-active-step="active", under the plain rules of `css` whose selectors have the two forms the step styles use.
 * Later rules win (the step selectors all have the same specificity).
 */
function computed(css: string, cls: string, steps: number[], active: number, property: string): string | undefined {
  let value: string | undefined;
  for (const [, selectors = '', body = ''] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const decl = new RegExp(`(?:^|;)\\s*${property}\\s*:\\s*([^;]+)`).exec(body);
    if (!decl) continue;
    const matches = selectors.split(',').some((raw) => {
      const s = raw.trim();
      const m = /^\[data-active-step(?:="(\d+)")?\]\s+\.([\w-]+)(?:\[data-steps~="(\d+)"\])?$/.exec(s);
      if (!m || m[2] !== cls) return false;
      if (m[1] !== undefined && Number(m[1]) !== active) return false;
      return m[3] === undefined || steps.includes(Number(m[3]));
    });
    if (matches) value = decl[1]!.trim();
  }
  return value;
}

describe('step styles, generated from the chart definitions', () => {
  it('story.css carries the marker and no hand-written rule for a numbered step (no cap can come back by hand)', () => {
    expect(storyCss).toContain(STEP_STYLES_MARKER);
    expect(storyCss).not.toMatch(/data-active-step="\d+"/);
  });

  it('a planted chart with 10 steps lights the marks and annotations of its tenth step (index 9)', () => {
    const steps = longestSteps([...realCharts, plantedChart(10)]);
    expect(steps).toBe(10);
    const css = withStepStyles(storyCss, steps);
    expect(computed(css, 'mark', [9], 9, 'opacity')).toBe('1');
    expect(computed(css, 'mark', [8], 9, 'opacity')).toBe('0.3');
    expect(computed(css, 'annotation', [9], 9, 'opacity')).toBe('1');
    expect(computed(css, 'annotation', [9], 9, 'visibility')).toBe('visible');
    expect(computed(css, 'annotation', [2], 9, 'visibility')).toBe('hidden');
    for (let i = 0; i < 10; i++) expect(computed(css, 'mark', [i], i, 'opacity')).toBe('1');
  });

  it('a cap at 8 steps would leave step 9 dimmed (the check above can fail)', () => {
    const capped = withStepStyles(storyCss, 8);
    expect(computed(capped, 'mark', [9], 9, 'opacity')).toBe('0.3');
  });

  it('the real charts get rules for exactly as many steps as the longest has', () => {
    const n = longestSteps(realCharts);
    const css = withStepStyles(storyCss, n);
    expect(css).toContain(`[data-active-step="${n - 1}"] .mark[data-steps~="${n - 1}"]`);
    expect(css).not.toContain(`[data-active-step="${n}"]`);
  });

  it('refuses a stylesheet without the marker, naming it', () => {
    expect(() => withStepStyles('.mark{}', 4)).toThrow(/marker .* is missing/);
  });
});
