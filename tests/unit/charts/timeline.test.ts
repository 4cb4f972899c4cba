import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contrast } from '../colour.ts';
import {
  layoutTimeline,
  sideColours,
  sideOf,
  timeline,
  type TimelineData,
  type TimelineLayout,
} from '../../../src/charts/timeline.ts';
import { boxesOverlap, labelWidth, wrapText, type Box } from '../../../src/charts/shared.ts';
import { actorSchema, timelineChartSchema, eventSchema, type StoryEvent } from '../../../src/schemas.ts';
import { eventInterval, sortKey } from '../../../src/lib/dates.ts';
import ui from '../../../content/data/ui.en.json';

const events = (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[]).map((e) =>
  eventSchema.parse(e),
);
const actors = new Map(
  (JSON.parse(readFileSync('content/data/actors.json', 'utf8')) as unknown[])
    .map((a) => actorSchema.parse(a))
    .map((a) => [a.id, a]),
);
const chart = timelineChartSchema.parse(
  JSON.parse(readFileSync('content/data/charts/courtesy-campaigns.json', 'utf8')),
);
const byId = new Map(events.map((e) => [e.id, e]));
const data: TimelineData = {
  chart,
  events: chart.events.map((id) => byId.get(id)!).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  actors,
  text: ui,
};
const WIDTHS = [320, 360, 768, 960, 1440];
const ZONE = chart.window!.zone;
const pos = (L: TimelineLayout, t: number) =>
  L.scale.r0 + ((t - L.scale.t0) / (L.scale.t1 - L.scale.t0)) * (L.scale.r1 - L.scale.r0);
const markGroup = (svgText: string, id: string) =>
  new RegExp(`<g class="mark" data-id="${id}"[\\s\\S]*?</g>`).exec(svgText)?.[0] ?? '';

describe('layoutTimeline', () => {
  it('draws every event of the chart exactly once, at both layouts', () => {
    for (const width of [360, 760]) {
      const L = layoutTimeline(data, { width });
      expect(L.marks.map((m) => m.id).sort()).toEqual([...chart.events].sort());
      const out = timeline(data, { width }).svg;
      for (const id of chart.events) expect(out.split(`data-id="${id}"`).length - 1, id).toBe(1);
    }
  });

  it.each([360, 760, 1440])(
    'spans the whole month for an event known only to the month, never a point (%i px)',
    (width) => {
      const L = layoutTimeline(data, { width });
      const monthly = data.events.filter((e) => e.precision === 'month');
      expect(monthly.length).toBeGreaterThan(2);
      for (const e of monthly) {
        const m = L.marks.find((x) => x.id === e.id)!;
        const iv = eventInterval(e, ZONE);
        expect(m.shape, e.id).toBe('span');
        const [a, b] = L.narrow ? [m.glyph.y0, m.glyph.y1] : [m.glyph.x0, m.glyph.x1];
        expect(a, e.id).toBeCloseTo(pos(L, iv.start), 0);
        expect(b, e.id).toBeCloseTo(pos(L, iv.end), 0);
        // A month is visibly longer than a day's dot.
        expect(b - a, e.id).toBeGreaterThan(12);
      }
    },
  );

  it.each([360, 760])('puts an event known to the day at the middle of its day, as a point (%i px)', (width) => {
    const L = layoutTimeline(data, { width });
    for (const e of data.events.filter((x) => x.precision === 'day')) {
      const m = L.marks.find((x) => x.id === e.id)!;
      const iv = eventInterval(e, ZONE);
      expect(m.shape, e.id).toBe('point');
      const c = L.narrow ? (m.glyph.y0 + m.glyph.y1) / 2 : (m.glyph.x0 + m.glyph.x1) / 2;
      expect(Math.abs(c - pos(L, (iv.start + iv.end) / 2)), e.id).toBeLessThan(0.2);
    }
  });

  it('puts the sides where the chart definition says, not by hard-coded ids', () => {
    const L = layoutTimeline(data, { width: 760 });
    const side = (id: string) => L.marks.find((m) => m.id === id)!.side;
    for (const e of data.events) {
      if (e.lane === 'disinformation') expect(side(e.id), e.id).toBe('below');
      else if (e.id !== 'off-2022-12-02-borodavkin-russophobia') expect(side(e.id), e.id).toBe('above');
    }
    // The ambassador's interview is official, but the chart's `below` draws it with the campaigns.
    const ambassador = byId.get('off-2022-12-02-borodavkin-russophobia')!;
    expect(ambassador.lane).toBe('official');
    expect(side(ambassador.id)).toBe('below');
    expect(sideOf(ambassador, {})).toBe('above');
    // Above the axis means above the band.
    for (const m of L.marks) {
      if (m.side === 'above') expect(m.glyph.y1).toBeLessThan(L.band.y0);
      else expect(m.glyph.y0).toBeGreaterThan(L.band.y1);
    }
  });

  it('draws the article-only claim hollow and dashed, and labels it as the article\u2019s claim', () => {
    const claimed = data.events.filter((e) => e.status === 'claimed-by-article');
    expect(claimed.map((e) => e.id)).toEqual(['art-2023-10-25-putin-message']);
    for (const width of [360, 760]) {
      const L = layoutTimeline(data, { width });
      const m = L.marks.find((x) => x.id === 'art-2023-10-25-putin-message')!;
      expect(m.claimed).toBe(true);
      expect(m.lines.join(' ')).toContain("(article's claim)");
      const g = markGroup(timeline(data, { width }).svg, m.id);
      expect(g).toMatch(/<circle[^>]*fill="#fff"[^>]*stroke-dasharray/);
      expect(g).toContain('font-style="italic"');
    }
    expect(
      layoutTimeline(data)
        .marks.filter((m) => m.claimed)
        .map((m) => m.id),
    ).toEqual(['art-2023-10-25-putin-message']);
  });

  it('hatches reported and unverified events', () => {
    const out = timeline(data, { width: 760, idPrefix: 'h' }).svg;
    for (const e of data.events) {
      const g = markGroup(out, e.id);
      const hatched = /url\(#h-hatch-(above|below)\)/.test(g);
      expect(hatched, e.id).toBe(
        e.status === 'reported' || e.status === 'unverified' || e.until !== undefined || e.dateUncertain === true,
      );
    }
  });

  it('gives each step exactly its highlighted marks; an empty highlight shows all', () => {
    const L = layoutTimeline(data, { width: 760 });
    chart.steps.forEach((s, i) => {
      expect(
        L.marks
          .filter((m) => m.steps.includes(i))
          .map((m) => m.id)
          .sort(),
      ).toEqual([...s.highlight].sort());
    });
    const all = layoutTimeline({
      ...data,
      chart: { ...chart, steps: [{ id: 'all', title: 'All', text: 'Everything.', highlight: [], annotations: [] }] },
    });
    expect(all.marks.every((m) => m.steps.join(' ') === '0')).toBe(true);
    const out = timeline(data, { width: 760 }).svg;
    expect(markGroup(out, 'art-2023-10-25-putin-message')).toContain('data-steps="3"');
  });

  it.each(WIDTHS)('keeps labels apart, off other marks and inside the drawing at %i px', (width) => {
    const L = layoutTimeline(data, { width });
    expect(L.narrow).toBe(width < 560);
    const inside = (b: Box, what: string) => {
      expect(b.x0, what).toBeGreaterThanOrEqual(0);
      expect(b.y0, what).toBeGreaterThanOrEqual(0);
      expect(b.x1, what).toBeLessThanOrEqual(width);
      expect(b.y1, what).toBeLessThanOrEqual(L.height);
    };
    // Label boxes from the lines actually drawn (not from the layout's own box).
    const labels = L.marks.map((m) => {
      const w = Math.max(...m.lines.map((l) => labelWidth(l, L.fontSize)));
      const x0 = m.anchor === 'start' ? m.lx : m.lx - w;
      return {
        id: m.id,
        box: { x0, x1: x0 + w, y0: m.ly - L.fontSize, y1: m.ly + (m.lines.length - 1) * m.lineHeight + 3 },
      };
    });
    const others = [
      ...L.sideTitles.map((t) => ({ id: `title-${t.side}`, box: t.box })),
      ...L.legend.map((l) => ({ id: `legend-${l.key}`, box: l.box })),
    ];
    for (const l of [...labels, ...others]) inside(l.box, l.id);
    for (const m of L.marks) inside(m.glyph, `${m.id} glyph`);
    const texts = [...labels, ...others];
    for (const a of texts) {
      for (const b of texts) if (a !== b) expect(boxesOverlap(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
      for (const m of L.marks)
        if (m.id !== a.id) expect(boxesOverlap(a.box, m.glyph), `${a.id} overlaps the mark of ${m.id}`).toBe(false);
      expect(boxesOverlap(a.box, L.band), `${a.id} overlaps the axis`).toBe(false);
    }
    for (const a of L.marks)
      for (const b of L.marks)
        if (a !== b) expect(boxesOverlap(a.glyph, b.glyph), `${a.id} glyph on ${b.id}`).toBe(false);
    // Leaders (narrow) never run through another mark.
    for (const m of L.marks) {
      for (let i = 1; i < m.line.length; i++) {
        const [p, q] = [m.line[i - 1]!, m.line[i]!];
        const seg = {
          x0: Math.min(p[0], q[0]) - 0.4,
          x1: Math.max(p[0], q[0]) + 0.4,
          y0: Math.min(p[1], q[1]) - 0.4,
          y1: Math.max(p[1], q[1]) + 0.4,
        };
        for (const o of L.marks)
          if (o !== m) expect(boxesOverlap(seg, o.glyph), `${m.id} line crosses ${o.id}`).toBe(false);
      }
    }
  });

  it('refuses an event outside the window rather than drawing it at the edge', () => {
    const early: StoryEvent = { ...data.events[0]!, id: 'early', date: '2021-01-01' };
    expect(() => layoutTimeline({ ...data, events: [early, ...data.events] })).toThrow(/outside the window/);
  });
});

describe('timeline (SVG)', () => {
  it('is an accessible image with title and description, and a title on every mark', () => {
    const out = timeline(data, { width: 760, idPrefix: 't' }).svg;
    expect(out).toMatch(
      new RegExp(
        '^<svg [^>]*class="chart-svg"[^>]*viewBox="0 0 760 \\d+(\\.\\d)?"[^>]*role="img"' +
          '[^>]*aria-labelledby="t-title t-desc"',
      ),
    );
    expect(out).toContain(`<title id="t-title">${chart.title}</title>`);
    expect(out).toContain('<desc id="t-desc">');
    const marks = out.match(/<g class="mark"[^>]*>/g)!;
    expect(marks).toHaveLength(chart.events.length);
    expect(out.match(/<g class="mark"[^>]*><title>[^<]+<\/title>/g)).toHaveLength(chart.events.length);
    for (const m of marks) expect(m).toMatch(/data-steps="[\d ]*"/);
  });

  it('escapes text that comes from data', () => {
    const evil: StoryEvent = {
      ...data.events[0]!,
      title: '<img src=x onerror=alert(1)>',
      channel: '"><script>x()</script>',
    };
    const out = timeline({
      ...data,
      chart: { ...chart, title: '<img src=x onerror=alert(1)>', labels: { ...chart.labels, [evil.id]: '<b>"x"</b>' } },
      events: [evil, ...data.events.slice(1)],
    }).svg;
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('&lt;b&gt;&quot;x&quot;&lt;/b&gt;');
  });

  it('is a pure function of data and options', () => {
    expect(timeline(data, { width: 500 }).svg).toBe(timeline(data, { width: 500 }).svg);
    expect(timeline(data, { width: 760 }).svg).not.toBe(timeline(data, { width: 960 }).svg);
  });

  it('stays within 15 KB gzipped at 760 px', () => {
    expect(gzipSync(timeline(data, { width: 760 }).svg).length).toBeLessThanOrEqual(15 * 1024);
  });

  it('uses colours of at least 3:1 against the page backgrounds, and tells the sides apart by position too', () => {
    const out = timeline(data, { width: 760 }).svg;
    for (const c of [...Object.values(sideColours), '#8a6d00', '#565656']) {
      expect(out).toContain(c);
      for (const bg of ['#ffffff', '#fbfaf7']) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('wrapText when crowding leaves no room', () => {
  it('ends, one character a line at worst, instead of looping', () => {
    expect(wrapText('abc de', 0, 11)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(wrapText('abc', -40, 11)).toEqual(['a', 'b', 'c']);
  });
});
