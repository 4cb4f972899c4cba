/**
 * The annotation mark (src/charts/marks/annotation.ts) and the annotations of every chart step
 * (content/data/charts/<id>.json steps[].annotations): each step says its point on the chart,
 * inside the drawing, over no label or mark, with intervals computed from the events' dates.
 * CONTRAST_PNG=dir also writes every annotated step as PNG (to look at them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { drawChart } from '../../../src/charts/index.ts';
import { annotationLayer, dayBounds, daysLabel, interval, noteFontSize } from '../../../src/charts/marks/annotation.ts';
import type { ChartInput } from '../../../src/charts/types.ts';
import { boxesOverlap, type Box } from '../../../src/charts/shared.ts';
import type { StoryEvent } from '../../../src/schemas.ts';
import { chartIds, chartInput } from './fixture.ts';
import { frameAt } from './annotation-frames.ts';
import { contrast } from '../colour.ts';
import { ui } from '../../../src/lib/ui.ts';

const EN = ui('en');

/** Every chart as the build prepares it (tests/unit/charts/fixture.ts). */
function chartInputs(): ChartInput[] {
  return chartIds.map((id) => chartInput(id));
}

/** The frame each chart function hands to the annotation mark, at a drawing width (the chart's default font size). */
const frameOf = (input: ChartInput, width: number) => frameAt(input, { width });

const day = (date: string): Pick<StoryEvent, 'date' | 'precision'> => ({ date, precision: 'day' });
/** A day given as "that day or shortly before" (facts B-04: the "NATO centre" post). */
const dayOrBefore = (date: string) => ({ date, precision: 'day' as const, dateUncertain: true as const });
const month = (date: string): Pick<StoryEvent, 'date' | 'precision'> => ({ date, precision: 'month' });

describe('interval(a, b): from the dates’ earliest and latest possible days', () => {
  it('counts days between two dates known to the day, in either order', () => {
    expect(interval(day('2022-11-28'), day('2022-12-02'), EN)).toBe('4 days');
    expect(interval(day('2023-11-09'), day('2023-10-23'), EN)).toBe('17 days');
    expect(interval(day('2023-10-23'), day('2023-10-24'), EN)).toBe('1 day');
    expect(interval(day('2023-10-25'), day('2023-10-25'), EN)).toBe('the same day');
    expect(interval(day('2023-12-31'), day('2024-03-01'), EN)).toBe('61 days'); // across a leap day
  });
  it('gives no day count when a date is known only to the month or year', () => {
    expect(interval(day('2023-10-23'), month('2023-10'), EN)).toBe('the same month');
    expect(interval(month('2023-10'), day('2023-11-09'), EN)).toBe('1 calendar month apart');
    expect(interval(month('2022-10'), month('2023-01'), EN)).toBe('3 calendar months apart');
    expect(interval({ date: '2022', precision: 'year' }, day('2024-01-05'), EN)).toBe('2 calendar years apart');
    expect(interval(day('2023-10-23'), month('2023-12'), EN)).not.toMatch(/day/);
  });
  it('says "at least" when the bounds disagree, never an invented exact count', () => {
    // 23 Oct, and an end known only to lie between 23 and 26 Oct, then a later event on 30 Oct
    expect(daysLabel({ earliest: 0, latest: 3 }, { earliest: 7, latest: 7 }, EN)).toBe('at least 4 days');
    expect(daysLabel({ earliest: 0, latest: 0 }, { earliest: 0, latest: 3 }, EN)).toBe('up to 3 days');
    expect(daysLabel(dayBounds(day('2023-10-23')), dayBounds(day('2023-10-25')), EN)).toBe('2 days');
  });
  it('reads a range (until) and a day "or shortly before" (dateUncertain) from the event, in either order', () => {
    // The "NATO centre" post, dated 23 Oct or shortly before, to Peskov's remark on 25 Oct and Putin's visit on 9 Nov.
    expect(interval(dayOrBefore('2023-10-23'), day('2023-10-25'), EN)).toBe('at least 2 days');
    expect(interval(day('2023-11-09'), dayOrBefore('2023-10-23'), EN)).toBe('at least 17 days');
    // An uncertain later end may fall on the earlier day, or any day before: no count at all.
    expect(interval(day('2023-10-20'), dayOrBefore('2023-10-23'), EN)).toBe('up to 3 days');
    expect(interval(dayOrBefore('2023-10-20'), dayOrBefore('2023-10-23'), EN)).toBe('an unknown number of days');
    // A statement reported between 23 and 26 Oct, to 30 Oct.
    const range = { date: '2023-10-23', until: '2023-10-26', precision: 'day' as const };
    expect(interval(range, day('2023-10-30'), EN)).toBe('at least 4 days');
    expect(interval(day('2023-10-20'), range, EN)).toBe('at least 3 days');
  });
});

const inputs = chartInputs();
const WIDTHS = [320, 360, 768, 1440];

describe('every step of every chart says its point on the chart', () => {
  it('has at least one annotation a step', () => {
    const steps = inputs.flatMap((i) =>
      i.chart.steps.map((s) => ({ id: `${i.chart.id}/${s.id}`, n: s.annotations.length })),
    );
    expect(steps.length).toBe(20);
    expect(steps.filter((s) => s.n < 1)).toEqual([]);
  });

  for (const input of inputs) {
    for (const width of WIDTHS) {
      it(`${input.chart.id} at ${width}px: notes inside the drawing, over no label, mark or other note`, () => {
        const frame = frameOf(input, width);
        const layer = annotationLayer(input.chart.steps, frame);
        expect(layer.placed.length).toBe(input.chart.steps.reduce((n, s) => n + s.annotations.length, 0));
        const problems: string[] = [];
        const notes: Box[] = [];
        for (const p of layer.placed) {
          const n = p.note;
          if (n.x0 < 0 || n.y0 < 0 || n.x1 > frame.width || n.y1 > layer.height)
            problems.push(`step ${p.step} "${p.text}" outside ${JSON.stringify(n)}`);
          const hit = frame.avoid.find((b) => boxesOverlap(n, b));
          if (hit) problems.push(`step ${p.step} "${p.text}" covers ${JSON.stringify(hit)}`);
          const other = notes.find((b) => boxesOverlap(n, b));
          if (other) problems.push(`step ${p.step} "${p.text}" covers another note`);
          notes.push(n);
        }
        expect(problems).toEqual([]);
        // The chart function draws exactly this layer, and grows to hold it.
        const markup = drawChart(input, { width, idPrefix: 't' }).svg;
        expect(markup).toContain(`viewBox="0 0 ${frame.width} ${layer.height}"`);
        expect(markup.match(/<g class="annotation" data-steps=/g)?.length).toBe(layer.placed.length);
      });
    }
  }

  it(
    'labels every bracket (and callout with an interval) ' + 'with the interval computed from its two events’ dates',
    () => {
      let checked = 0;
      for (const input of inputs) {
        const byId = new Map(input.events.map((e) => [e.id, e]));
        const layer = annotationLayer(input.chart.steps, frameOf(input, 768));
        input.chart.steps.forEach((s, step) => {
          for (const a of s.annotations) {
            const pair = a.type === 'bracket' ? a : a.type === 'callout' ? a.interval : undefined;
            if (!pair) continue;
            const from = byId.get(pair.from)!;
            const to = byId.get(pair.to)!;
            const label = interval(from, to, EN);
            const texts = layer.placed.filter((p) => p.step === step).map((p) => p.text);
            expect(texts).toContain(a.text ? `${a.text}: ${label}` : label);
            checked++;
          }
        });
      }
      expect(checked).toBeGreaterThanOrEqual(5);
      // The two pairs of the "same seasons" step, as the step text states them (the post is dated 23 October or shortly
      // before, so the count from it is a lower bound).
      const tl = inputs.find((i) => i.chart.id === 'courtesy-campaigns')!;
      const texts = annotationLayer(tl.chart.steps, frameOf(tl, 768))
        .placed.filter((p) => p.type === 'bracket')
        .map((p) => p.text);
      expect(texts.sort()).toEqual(['Post to visit: at least 17 days', 'Visit to interview: 4 days']);
      const rd = inputs.find((i) => i.chart.id === 'republic-day')!;
      expect(annotationLayer(rd.chart.steps, frameOf(rd, 768)).placed.map((p) => p.text)).toContain(
        'Fake to Kremlin remark: at least 2 days',
      );
    },
  );

  it('draws notes at a legible size, in ink with >= 3:1 contrast, and is never dimmed with the marks', () => {
    expect(noteFontSize(360) * (344 / 360)).toBeGreaterThanOrEqual(12);
    expect(contrast('#1d1d1d', '#ffffff')).toBeGreaterThanOrEqual(3);
    const input = inputs.find((i) => i.chart.id === 'republic-day')!;
    const baked = drawChart(input, { width: 760, idPrefix: 't', step: 3 }).svg;
    const groups = [...baked.matchAll(/<g class="annotation" data-steps="(\d+)"([^>]*)>/g)];
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      // A pinned step draws only its own annotations, at full ink.
      expect(g[1]).toBe('3');
      expect(g[2]).not.toMatch(/opacity|display/);
    }
  });

  it('fails loudly on an annotation anchored to a mark the chart does not draw', () => {
    const input = inputs.find((i) => i.chart.id === 'republic-day')!;
    const steps = [{ annotations: [{ type: 'callout' as const, subject: ['no-such-event'], text: 'x' }] }];
    expect(() => annotationLayer(steps, frameOf(input, 760))).toThrow(/no-such-event/);
  });
});

// Writes PNGs of every annotated step when asked (CONTRAST_PNG=/tmp/contrast-shots), for looking at them.
const out = process.env.CONTRAST_PNG;
describe.runIf(Boolean(out))('PNG of every annotated step', () => {
  it('renders', { timeout: 300_000 }, () => {
    mkdirSync(out!, { recursive: true });
    for (const input of inputs)
      for (const width of [360, 760])
        input.chart.steps.forEach((_s, i) => {
          const markup = drawChart(input, { width, idPrefix: 'p', step: i }).svg.replace(
            /^<svg /,
            '<svg style="background:#fff" ',
          );
          const png = new Resvg(markup, {
            background: '#fff',
            fitTo: { mode: 'zoom', value: 1.5 },
            font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
          })
            .render()
            .asPng();
          writeFileSync(join(out!, `${input.chart.id}-${width}-${i}.png`), png);
        });
  });
});
