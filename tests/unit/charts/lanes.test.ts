import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lanes, layoutLanes, labelWidth, type LanesData } from '../../../src/charts/lanes.ts';
import { lanesChartSchema, eventSchema, type StoryEvent } from '../../../src/schemas.ts';
import ui from '../../../content/data/ui.en.json';

const events = (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[]).map((e) =>
  eventSchema.parse(e),
);
const chart = lanesChartSchema.parse(JSON.parse(readFileSync('content/data/charts/republic-day.json', 'utf8')));
const byId = new Map(events.map((e) => [e.id, e]));
const data: LanesData = {
  chart,
  events: chart.events.map((id) => byId.get(id)!),
  text: ui,
};
const WIDTHS = [320, 360, 768, 960, 1440];

describe('layoutLanes', () => {
  const L = layoutLanes(data, { width: 960 });
  const mark = (id: string) => L.marks.find((m) => m.id === id)!;

  it('draws every event of the chart exactly once', () => {
    expect(L.marks.map((m) => m.id).sort()).toEqual([...chart.events].sort());
  });
  it(
    'draws a report time as a report time: ' + 'a bar from the start of its day to a tick at the report, never a point',
    () => {
      const peskov = mark('off-2023-10-25-peskov');
      expect(peskov.shape).toBe('day');
      expect(peskov.report).toBe(true);
      // 00:00 Moscow on 25 Oct = 03:00 Almaty (2 days + 3 h into the 4-day window); the report, 13:25 Moscow = 16:25
      // Almaty.
      const at = (h: number, m: number) =>
        L.plot.x0 + ((2 * 24 * 60 + h * 60 + m) / (4 * 24 * 60)) * (L.plot.x1 - L.plot.x0);
      expect(peskov.x0).toBeCloseTo(at(3, 0), 0);
      expect(peskov.x1).toBeCloseTo(at(16, 25), 0);
    },
  );
  it('draws a date known only as a range over every day it may fall on, hatched', () => {
    const post = mark('ctx-2023-10-23-us-embassy-post');
    expect([post.x0, post.x1]).toEqual([L.days[0]!.x0, L.days[1]!.x1]);
    expect(post.uncertain).toBe(true);
  });
  it('fills exactly its day for an event known to the day', () => {
    const hall = mark('ctx-2023-10-23-conference-hall-opening');
    expect(hall.shape).toBe('day');
    expect([hall.x0, hall.x1]).toEqual([L.days[0]!.x0, L.days[0]!.x1]);
    const denial = mark('rsp-2023-10-25-mod-denial');
    expect([denial.x0, denial.x1]).toEqual([L.days[2]!.x0, L.days[2]!.x1]);
  });
  it('runs an event known only to the month across the whole window, open at both ends', () => {
    for (const e of data.events.filter((e) => e.precision === 'month')) {
      const m = mark(e.id);
      expect(m.shape).toBe('open');
      expect([m.x0, m.x1]).toEqual([L.plot.x0, L.plot.x1]);
    }
  });
  it('marks the article-only claims as claims', () => {
    const claimed = L.marks
      .filter((m) => m.claimed)
      .map((m) => m.id)
      .sort();
    expect(claimed).toEqual(
      data.events
        .filter((e) => e.status === 'claimed-by-article')
        .map((e) => e.id)
        .sort(),
    );
    expect(claimed.length).toBeGreaterThan(0);
  });
  it('gives each step its highlighted marks', () => {
    chart.steps.forEach((s, i) => {
      expect(
        L.marks
          .filter((m) => m.steps.includes(i))
          .map((m) => m.id)
          .sort(),
      ).toEqual([...s.highlight].sort());
    });
  });
  it.each(WIDTHS)('keeps labels apart and inside the drawing at %i px', (width) => {
    const W = layoutLanes(data, { width });
    const boxes = W.marks.map((m) => {
      const w = labelWidth(m.label, W.fontSize);
      const lx0 = m.anchor === 'start' ? m.lx : m.lx - w;
      return {
        id: m.id,
        x0: lx0,
        x1: lx0 + w,
        y0: m.ly - W.fontSize,
        y1: m.ly + 3,
        mark: [m.x0, m.x1, m.y - 7, m.y + 7] as const,
      };
    });
    for (const b of boxes) {
      expect(b.x0, b.id).toBeGreaterThanOrEqual(0);
      expect(b.x1, b.id).toBeLessThanOrEqual(width);
    }
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${a.id} label overlaps ${b.id} label`).toBe(false);
        const [mx0, mx1, my0, my1] = b.mark;
        const overMark = b.id !== a.id && a.x0 < mx1 && mx0 < a.x1 && a.y0 < my1 && my0 < a.y1;
        const openBand = data.events.find((e) => e.id === b.id)?.precision === 'month';
        if (!openBand) expect(overMark, `${a.id} label overlaps ${b.id} mark`).toBe(false);
      }
    }
  });
});

describe('lanes (SVG)', () => {
  it('is an accessible image with title and description', () => {
    const out = lanes(data, { width: 760, idPrefix: 't' }).svg;
    expect(out).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="t-title t-desc"/);
    expect(out).toContain(`<title id="t-title">${chart.title}</title>`);
  });
  it('draws claims hollow and dashed', () => {
    const out = lanes(data, { width: 760 }).svg;
    const g = /<g class="mark" data-id="art-2023-10-25-putin-message"[\s\S]*?<\/g>/.exec(out)![0];
    expect(g).toMatch(/fill="#fff"[^>]*stroke-dasharray/);
  });
  it('escapes text that comes from data', () => {
    const evil: StoryEvent = { ...data.events[0]!, title: '<img src=x onerror=alert(1)>' };
    const out = lanes({
      ...data,
      chart: { ...chart, labels: { ...chart.labels, [evil.id]: '<b>"x"</b>' } },
      events: [evil, ...data.events.slice(1)],
    }).svg;
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
  it('is a pure function of data and options', () => {
    expect(lanes(data, { width: 500 }).svg).toBe(lanes(data, { width: 500 }).svg);
    expect(lanes(data, { width: 500 }).svg).not.toBe(lanes(data, { width: 900 }).svg);
  });
});

/**
 * The Republic Day chart on short phones (decision 0002, addendum on short phones): its sticky graphic is at most
 * min(45svh, 100svh - 26rem) (story.css: 26rem leaves its longest step text, 408 px at 360 px, under it). On a 360x640
 * phone that is 224 px, a frame of 211 px (the sticky's 8 + 4 px padding and 1 px rule); the narrow drawing's 13-unit
 * labels stay at 11.95 px or more there only if no step window is taller than 211 * 13 / 11.95 = 229.5 units.
 */
describe('narrow step windows on a 360x640 phone', () => {
  const LIMIT = Math.floor((211 * 13) / 11.95);
  const windows = (d: ReturnType<typeof lanes>) => d.steps.map((s) => Math.ceil(s.window.y1) - Math.floor(s.window.y0));

  it(`are at most ${LIMIT} units tall, every one`, () => {
    const d = lanes(data, { width: 320, fontSize: 13, idPrefix: 'n' });
    expect(Math.max(...windows(d))).toBeLessThanOrEqual(LIMIT);
    // Each window holds its step's lit marks (what the pan shows).
    d.steps.forEach((s, i) => {
      expect(s.highlighted.sort(), chart.steps[i]!.id).toEqual([...chart.steps[i]!.highlight].sort());
    });
  });

  it('sets a lane event lit with the lane above in its top row, so a step spanning lanes spans no whole lane', () => {
    const L = layoutLanes(data, { width: 320, fontSize: 13 });
    const order = L.lanes.map((l) => l.lane);
    expect(order).toEqual(['official', 'response', 'context', 'disinformation']);
    // The greetings (lit with the Defence Ministry's answer, in the lane above) are the first row of "what happened",
    // above the hall's opening, which is earlier.
    const y = (id: string) => L.marks.find((m) => m.id === id)!.y;
    expect(y('ctx-2023-10-25-republic-day-greetings')).toBeLessThan(y('ctx-2023-10-23-conference-hall-opening'));
    expect(y('rsp-2023-10-25-mod-denial')).toBeLessThan(y('rsp-2023-10-26-eurasiareview'));
    // Wide: rows in time order as before.
    const W = layoutLanes(data, { width: 960 });
    const wy = (id: string) => W.marks.find((m) => m.id === id)!.y;
    expect(wy('ctx-2023-10-23-conference-hall-opening')).toBeLessThanOrEqual(
      wy('ctx-2023-10-25-republic-day-greetings'),
    );
  });

  it('gives a row of labels set above their marks one line of text, and keeps each label clear of its mark', () => {
    const L = layoutLanes(data, { width: 320, fontSize: 13 });
    const above = L.marks.filter((m) => m.ly < m.y - 6);
    expect(above.length).toBeGreaterThan(0);
    for (const m of above) {
      // Baseline to bar centre: the label's row is 16 units (it was a 24-unit bar row: 15.5 from baseline to centre),
      // and the label's descenders (3) clear the bar's top (6 above its centre).
      expect(m.y - m.ly, m.id).toBeLessThanOrEqual(12);
      expect(m.ly + 3, m.id).toBeLessThan(m.y - 6);
    }
  });
});
