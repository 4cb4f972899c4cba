/**
 * The phone timeline's per-step drawings (issue #15 point 1): for each step of the real courtesy/campaigns chart,
 * the focused narrow drawing (`timeline(input, { width, step, focus: true })`) holds every mark the step lights and
 * no other, fits a phone's sticky graphic (60 % of an 800 px screen), keeps the full drawing's text size and marks
 * (hatched stays hatched), and draws a visible break wherever time is skipped.
 */
import { describe, expect, it } from 'vitest';
import { layoutTimeline, timeline, timelineStepKey, type TimelineData } from '../../../src/charts/timeline.ts';
import { boxesOverlap } from '../../../src/charts/shared.ts';
import { brokenScale, monthStretches } from '../../../src/charts/marks/breaks.ts';
import { eventInterval } from '../../../src/lib/dates.ts';
import { chartInput } from './fixture.ts';

const input = chartInput('courtesy-campaigns') as unknown as TimelineData;
const { chart } = input;
const zone = chart.window!.zone;
/**
 * Drawing units: a phone's sticky graphic is at most 60svh, 384 px of a 640 px screen (a phone's visible viewport with
 * its browser bars is often 640-740 px). The page draws these at 320 units and shows them at the scale that fits the
 * tallest into that budget: at 400 units or less that scale (0.96) keeps the 13-unit text at 12.4 px or more on a
 * 360x640 phone, above the 12 px floor (issue #15 point 2). The drawings carry no legend for this; their key stands
 * above the graphic (timelineStepKey).
 */
const MAX_HEIGHT = 400;
const FONT = 13;

/** data-id -> data-steps of every mark group in the markup. */
const marksOf = (svg: string) =>
  new Map(
    [...svg.matchAll(/<g class="mark[^"]*" data-id="([^"]+)" data-steps="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!.split(' ').filter(Boolean).map(Number),
    ]),
  );

describe('timeline per-step (focused) narrow drawings', () => {
  it('the real chart has steps that light marks across its whole narrow drawing (why this exists)', () => {
    const full = timeline(input, { width: 320, fontSize: FONT });
    const tallest = Math.max(...full.steps.map((s) => s.window.y1 - s.window.y0));
    expect(tallest).toBeGreaterThan(MAX_HEIGHT);
  });

  for (const width of [320, 360]) {
    chart.steps.forEach((step, i) => {
      describe(`${step.id} at ${width}`, () => {
        const opts = { width, fontSize: FONT, step: i, focus: true, idPrefix: `t${i}` };
        const d = timeline(input, opts);
        const L = layoutTimeline(input, opts);

        it('contains every mark the step highlights, and only those, with their steps', () => {
          const marks = marksOf(d.svg);
          expect([...marks.keys()].sort()).toEqual([...step.highlight].sort());
          const lit = [...marks].filter(([, s]) => s.includes(i)).map(([id]) => id);
          expect(lit.sort()).toEqual([...step.highlight].sort());
          expect(d.steps[i]!.highlighted.sort()).toEqual([...step.highlight].sort());
        });

        it(`fits a phone's sticky graphic (<= ${MAX_HEIGHT} units tall) at the narrow text size`, () => {
          expect(d.height).toBeLessThanOrEqual(MAX_HEIGHT);
          expect(L.fontSize).toBe(FONT);
          const sizes = new Set([...d.svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1])));
          expect(Math.min(...sizes)).toBeGreaterThanOrEqual(FONT);
        });

        it('keeps each mark as the full drawing draws it (dot or month bar, hatched, hollow) and labels apart', () => {
          const full = layoutTimeline(input, { width, fontSize: FONT });
          for (const m of L.marks) {
            const f = full.marks.find((x) => x.id === m.id)!;
            expect({ id: m.id, shape: m.shape, uncertain: m.uncertain, claimed: m.claimed, side: m.side }).toEqual({
              id: f.id,
              shape: f.shape,
              uncertain: f.uncertain,
              claimed: f.claimed,
              side: f.side,
            });
          }
          for (const a of L.marks)
            for (const b of L.marks)
              if (a !== b) expect(boxesOverlap(a.label, b.label), `${a.id} / ${b.id}`).toBe(false);
        });

        it('draws a break wherever time is skipped, and every event inside a drawn stretch', () => {
          const runs = L.runs!;
          const breaks = L.breaks!;
          expect(runs.length).toBeGreaterThan(0);
          expect(breaks).toHaveLength(runs.length - 1);
          runs.slice(1).forEach((r, k) => {
            const prev = runs[k]!;
            // Skipped time between two stretches, and its break joins exactly them.
            expect(r.t0).toBeGreaterThan(prev.t1);
            expect([breaks[k]!.t0, breaks[k]!.t1]).toEqual([prev.t1, r.t0]);
            expect(breaks[k]!.y1 - breaks[k]!.y0).toBeGreaterThanOrEqual(16);
          });
          expect(d.svg.match(/class="axis-break"/g) ?? []).toHaveLength(breaks.length);
          // Each stretch's year is written at its top.
          for (const r of runs) expect(L.years.some((y) => y.y > r.y0 && y.y < r.y0 + 2 * FONT + 4)).toBe(true);
          for (const id of step.highlight) {
            const e = input.events.find((x) => x.id === id)!;
            const iv = eventInterval(e, zone);
            expect(
              runs.some((r) => iv.start >= r.t0 && iv.end <= r.t1 + 1),
              id,
            ).toBe(true);
          }
          // A day mark (Republic Day) is drawn only inside a drawn stretch, at its date.
          for (const d of L.dayMarks)
            expect(
              runs.some((r) => d.y > r.y0 && d.y < r.y1),
              d.date,
            ).toBe(true);
          const shown = chart.marks.filter((m) => {
            const t = Date.parse(`${m.date}T12:00:00+05:00`);
            return runs.some((r) => t >= r.t0 && t < r.t1);
          });
          expect(L.dayMarks.map((d) => d.date)).toEqual(shown.map((m) => m.date));
          // One scale for every stretch: a day is as long in each.
          const k = runs.map((r) => (r.y1 - r.y0) / (r.t1 - r.t0));
          for (const x of k) expect(x).toBeCloseTo(k[0]!, 9);
        });
      });
    });
  }

  it('the step drawings carry no legend; their key names every entry some step needs, and nothing else', () => {
    const need = new Set<string>();
    chart.steps.forEach((_, i) => {
      const L = layoutTimeline(input, { width: 320, fontSize: FONT, step: i, focus: true });
      expect(L.legend).toEqual([]);
      expect(timeline(input, { width: 320, fontSize: FONT, step: i, focus: true }).svg).toContain(
        '<g class="legend"></g>',
      );
      for (const k of L.keys ?? []) need.add(k);
      // Each drawing's keys: a dot for a day, a bar for a month, and the statuses its marks show.
      for (const m of L.marks) {
        expect(L.keys).toContain(m.shape === 'span' ? 'month' : 'day');
        if (m.claimed) expect(L.keys).toContain('claim');
        else if (m.uncertain) expect(L.keys).toContain('uncertain');
      }
    });
    const key = timelineStepKey(input, { width: 320, fontSize: FONT, idPrefix: 'k' }).value;
    const labels: Record<string, string> = {
      day: input.text.chart.legendDay,
      month: input.text.chart.legendMonth,
      uncertain: input.text.chart.legendUncertain,
      claim: input.text.chart.legendClaim,
      cluster: input.text.chart.legendCluster,
      'day-mark': chart.marks[0]?.label ?? '',
    };
    const texts = [...key.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
    expect(texts.sort()).toEqual([...need].map((k) => esc(labels[k]!)).sort());
    expect([...key.matchAll(/font-size="([\d.]+)"/g)].every((m) => Number(m[1]) >= FONT)).toBe(true);
  });

  it('without focus (or wide) the drawing is the whole chart, unbroken', () => {
    const plain = layoutTimeline(input, { width: 320, fontSize: FONT, step: 0 });
    expect(plain.breaks).toBeUndefined();
    expect(plain.marks.length).toBe(chart.events.length);
    const wide = layoutTimeline(input, { width: 600, fontSize: 14, step: 0, focus: true });
    expect(wide.breaks).toBeUndefined();
  });
});

describe('broken time axis (marks/breaks.ts)', () => {
  const edges = Array.from({ length: 13 }, (_, m) => Date.UTC(2023, m, 1));
  it('widens intervals to whole months and merges across a single skipped month only', () => {
    const s = monthStretches(
      [
        [Date.UTC(2023, 0, 5), Date.UTC(2023, 0, 5)],
        [Date.UTC(2023, 2, 9), Date.UTC(2023, 2, 9)],
        [Date.UTC(2023, 6, 1), Date.UTC(2023, 7, 1)],
      ],
      edges,
    );
    expect(s).toEqual([
      [Date.UTC(2023, 0, 1), Date.UTC(2023, 3, 1)],
      [Date.UTC(2023, 6, 1), Date.UTC(2023, 7, 1)],
    ]);
  });
  it('puts runs on one scale with fixed gaps between them', () => {
    const { runs, breaks, y } = brokenScale(
      [
        [0, 100],
        [300, 400],
      ],
      10,
      224,
      24,
    );
    expect(runs.map((r) => [r.y0, r.y1])).toEqual([
      [10, 110],
      [134, 234],
    ]);
    expect(breaks).toEqual([{ t0: 100, t1: 300, y0: 110, y1: 134 }]);
    expect(y(350)).toBe(184);
  });
});
