/**
 * Every chart keeps the drawing contract (docs/decisions/0001): one call returns the markup,
 * its own size and, per step, the ids it lights and the window that holds them.
 */
import { describe, expect, it } from 'vitest';
import { chartFunctions } from '../../../src/charts/index.ts';
import { boxesOverlap } from '../../../src/charts/marks/box.ts';
import { stepCss, stepIndex, stepViews } from '../../../src/charts/marks/steps.ts';
import { LAYOUTS, chartIds, chartInput } from './fixture.ts';

const marks = (svg: string) =>
  [...svg.matchAll(/<g class="mark(?: cluster)?" data-id="([^"]+)" data-steps="([^"]*)"/g)].map((m) => ({
    id: m[1] ?? '',
    steps: (m[2] ?? '').split(' ').filter(Boolean).map(Number),
  }));

describe('Drawing', () => {
  for (const id of chartIds) {
    for (const [layout, width] of Object.entries(LAYOUTS)) {
      const input = chartInput(id);
      const d = chartFunctions[input.chart.kind](input, { width, idPrefix: 'd' });
      it(`${id} ${layout}: returns its size, the same as its viewBox`, () => {
        expect(d.width).toBe(width);
        expect(d.svg).toContain(`viewBox="0 0 ${d.width} ${d.height}"`);
        expect(d.height).toBeGreaterThan(100);
      });
      it(`${id} ${layout}: one view per step, lighting exactly the marks whose data-steps name it`, () => {
        expect(d.steps.map((s) => s.id)).toEqual(input.chart.steps.map((s) => s.id));
        const drawn = marks(d.svg);
        d.steps.forEach((s, i) => {
          const lit = [...new Set(drawn.filter((m) => m.steps.includes(i)).map((m) => m.id))].sort();
          expect([...s.highlighted].sort(), s.id).toEqual(lit);
        });
      });
      it(`${id} ${layout}: each step's window lies in the drawing and is smaller when the step lights less`, () => {
        for (const s of d.steps) {
          const w = s.window;
          expect(w.x0, s.id).toBeGreaterThanOrEqual(0);
          expect(w.y0, s.id).toBeGreaterThanOrEqual(0);
          expect(w.x1, s.id).toBeLessThanOrEqual(d.width);
          expect(w.y1, s.id).toBeLessThanOrEqual(d.height);
          expect(w.x1 - w.x0, s.id).toBeGreaterThan(0);
          expect(w.y1 - w.y0, s.id).toBeGreaterThan(0);
        }
      });
    }
  }

  it('baking a step (option step) dims exactly the marks outside it, and nothing else changes', () => {
    const input = chartInput('republic-day');
    const all = chartFunctions.lanes(input, { width: 760 });
    const baked = chartFunctions.lanes(input, { width: 760, step: 1 });
    const dimmed = marks(all.svg).filter((m) => !m.steps.includes(1)).length;
    expect(dimmed).toBeGreaterThan(0);
    expect(baked.svg.match(/ opacity="0.3"/g)?.length).toBe(dimmed);
    // Beside the dimming, only the annotation layer differs: a pinned step draws its own annotations alone (issue 16).
    const withoutNotes = (svg: string) =>
      svg.replace(/<g class="annotations".*<\/g><\/g>(?=<\/svg>|\n<\/svg>)/s, '').replace(/viewBox="[^"]*"/, '');
    expect(withoutNotes(baked.svg.replaceAll(' opacity="0.3"', ''))).toBe(withoutNotes(all.svg));
    expect(baked.svg).toContain('<g class="annotation" data-steps="1">');
    expect(baked.svg).not.toContain('<g class="annotation" data-steps="0">');
  });

  it('fonts: a file names the embedded font, the page the system stack', () => {
    const input = chartInput('playbook');
    expect(chartFunctions.matrix(input, { fonts: 'embedded' }).svg).toMatch(
      /^<svg [^>]*font-family="'DejaVu Sans', sans-serif"/,
    );
    expect(chartFunctions.matrix(input, {}).svg).toMatch(/^<svg [^>]*font-family="system-ui, /);
  });

  it('the timeline narrow: a step about a few events has a window shorter than the drawing', () => {
    const input = chartInput('courtesy-campaigns');
    const d = chartFunctions.timeline(input, { width: 360 });
    const quote = d.steps.find((s) => s.id === 'tl-quote');
    expect(quote).toBeDefined();
    if (!quote) return;
    expect(quote.window.y1 - quote.window.y0).toBeLessThan(d.height * 0.8);
  });
});

/** One element per line, so that a change to one mark is a one-line diff. */
const pretty = (svg: string) => `${svg.replace(/></g, '>\n<')}\n`;

describe('snapshots: one per chart per layout, pretty-printed', () => {
  for (const id of chartIds) {
    for (const [layout, width] of Object.entries(LAYOUTS)) {
      it(`${id} ${layout}`, async () => {
        const d = chartFunctions[chartInput(id).chart.kind](chartInput(id), { width, idPrefix: 'snap' });
        await expect(pretty(d.svg)).toMatchFileSnapshot(`./__snapshots__/${id}.${layout}.svg`);
      });
    }
  }
});

describe('stepViews', () => {
  const chart = {
    steps: [
      { id: 'a', highlight: ['x'] },
      { id: 'b', highlight: [] },
      { id: 'c', highlight: ['nothing-drawn'] },
    ],
  };
  const drawn = [
    { id: 'x', box: { x0: 10, y0: 10, x1: 20, y1: 20 }, steps: [0, 1] },
    { id: 'y', box: { x0: 100, y0: 200, x1: 150, y1: 260 }, steps: [1] },
  ];
  const views = stepViews(chart, drawn, 300, 400);
  it('boxes what a step lights, with a margin, clipped to the drawing', () => {
    expect(views[0]).toEqual({ id: 'a', highlighted: ['x'], window: { x0: 4, y0: 4, x1: 26, y1: 26 } });
    expect(boxesOverlap(views[0]!.window, drawn[1]!.box)).toBe(false);
  });
  it('an empty highlight lights everything: its window holds every mark', () => {
    expect(views[1]).toEqual({ id: 'b', highlighted: ['x', 'y'], window: { x0: 4, y0: 4, x1: 156, y1: 266 } });
  });
  it('a step that lights nothing drawn looks at the whole drawing', () => {
    expect(views[2]!.window).toEqual({ x0: 0, y0: 0, x1: 300, y1: 400 });
  });
  it('stepIndex: an empty highlight lights every id, a named one only its own', () => {
    const idx = stepIndex(chart, ['x', 'y']);
    expect(idx.get('x')).toEqual([0, 1]);
    expect(idx.get('y')).toEqual([1]);
  });
});

describe('stepCss', () => {
  it('lights every step of the longest chart, with no cap (a tenth step too)', () => {
    const css = stepCss(10);
    expect(css).toContain('[data-active-step] .mark{opacity:0.3}');
    for (let i = 0; i < 10; i++) expect(css).toContain(`[data-active-step="${i}"] .mark[data-steps~="${i}"]`);
    expect(css).not.toContain('data-active-step="10"');
  });
});
