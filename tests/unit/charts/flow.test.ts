import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { contrast } from '../colour.ts';
import { flow, flowStages, layoutFlow, type FlowData, type FlowNode } from '../../../src/charts/flow.ts';
import { boxesOverlap, labelWidth, type Box } from '../../../src/charts/shared.ts';
import { laneColours } from '../../../src/charts/lanes.ts';
import { flowChartSchema, eventSchema, sourceSchema, type StoryEvent } from '../../../src/schemas.ts';
import { sortKey } from '../../../src/lib/dates.ts';
import ui from '../../../content/data/ui.en.json';

const events = (JSON.parse(readFileSync('content/data/events.json', 'utf8')) as unknown[]).map((e) =>
  eventSchema.parse(e),
);
const sources = new Map(
  (JSON.parse(readFileSync('content/data/sources.json', 'utf8')) as unknown[])
    .map((s) => sourceSchema.parse(s))
    .map((s) => [s.id, s]),
);
const chart = flowChartSchema.parse(JSON.parse(readFileSync('content/data/charts/anatomy-of-a-fake.json', 'utf8')));
const byId = new Map(events.map((e) => [e.id, e]));
const data: FlowData = {
  chart,
  events: chart.events.map((id) => byId.get(id)!).sort((a, b) => sortKey(a).localeCompare(sortKey(b))),
  sources,
  text: ui,
};
const WIDTHS = [320, 360, 768, 960, 1440];
const text = (n: FlowNode, kind?: string) =>
  n.lines
    .filter((l) => !kind || l.kind === kind)
    .map((l) => l.text)
    .join(' ');
const BOLD_KINDS = new Set(['label', 'figure']);

describe('layoutFlow', () => {
  const L = layoutFlow(data, { width: 760 });
  const node = (id: string) => L.nodes.find((n) => n.id === id)!;

  it('draws every event of the chart exactly once, in the stage the chart definition gives it', () => {
    expect(L.nodes.map((n) => n.id).sort()).toEqual([...chart.events].sort());
    const stages = flowStages(chart);
    expect(stages.map((s) => s.name)).toEqual([
      'The real event',
      'The first post',
      'Amplifiers',
      'Reach',
      'The Kremlin',
      'Denials',
      'Russian MFA, later',
    ]);
    for (const s of stages) for (const id of s.ids) expect(node(id).stage, id).toBe(s.n);
    expect(L.headers.map((h) => h.lines.join(' '))).toEqual(stages.map((s) => `${s.n}. ${s.name}`));
  });

  it('runs the stages in order: left to right within a row, then down to the next row', () => {
    const stageBox = (n: number) => {
      const ns = L.nodes.filter((x) => x.stage === n);
      return { x0: Math.min(...ns.map((x) => x.x0)), y0: Math.min(...ns.map((x) => x.y0)) };
    };
    for (let n = 1; n < 7; n++) {
      const [a, b] = [stageBox(n), stageBox(n + 1)];
      expect(b.x0 > a.x0 || b.y0 > a.y0, `stage ${n + 1} after ${n}`).toBe(true);
    }
    for (let n = 1; n < 7; n++)
      expect(
        L.links.some((l) => l.from === n && l.to === n + 1 && l.arrow),
        `link ${n} -> ${n + 1}`,
      ).toBe(true);
    expect(L.links.every((l) => l.to === l.from + 1)).toBe(true);
  });

  it('shows known figures with their source', () => {
    expect(text(node('dis-2023-10-sladkov'), 'figure')).toBe('more than 1,000,000 followers');
    expect(text(node('dis-2023-10-sladkov'), 'source')).toBe('source: Eurasia Review');
    expect(text(node('dis-2023-10-milbloggers-2m-views'), 'figure')).toBe('more than 2,000,000 views');
    expect(text(node('dis-2023-10-milbloggers-2m-views'), 'source')).toContain('DFRLab');
  });

  it('says "unknown" where no figure was found, and never prints a number the data lacks', () => {
    expect(text(node('dis-2023-10-23-voenkory-rv-post'), 'unknown')).toBe('Views: unknown (none found)');
    expect(text(node('dis-2023-10-23-mk'), 'unknown')).toBe('Audience: unknown (none found)');
    expect(text(node('dis-2023-10-23-aif'), 'unknown')).toBe('Audience: unknown (none found)');
    for (const n of L.nodes) {
      const e = byId.get(n.id)!;
      const audience = (e.figures ?? []).filter((f) => ['views', 'followers', 'subscribers'].includes(f.kind));
      if (audience.length === 0) {
        // Only the date carries digits (the labels here have none).
        expect(text(n).replace(/\d{1,2} \w{3} \d{4}|\w{3} \d{4}/, ''), n.id).not.toMatch(/\d/);
        expect(
          n.lines.some((l) => l.kind === 'figure'),
          n.id,
        ).toBe(false);
      }
    }
  });

  it('shows dates no more precise than known', () => {
    expect(text(node('dis-2023-10-sladkov'), 'date')).toBe('Oct 2023');
    expect(text(node('rsp-2023-10-us-consulate-statement'), 'date')).toBe('Oct 2023');
    expect(text(node('off-2023-11-08-sternik'), 'date')).toBe('8 Nov 2023');
  });

  it('hatches what only one secondary source reports', () => {
    const out = flow(data, { width: 760, idPrefix: 'h' }).svg;
    for (const e of data.events) {
      const g = new RegExp(`<g class="mark" data-id="${e.id}"[\\s\\S]*?</g>`).exec(out)![0];
      expect(/url\(#h-hatch-/.test(g), e.id).toBe(e.status === 'reported' || e.status === 'unverified');
    }
  });

  it('gives each step exactly its highlighted nodes', () => {
    chart.steps.forEach((s, i) => {
      expect(
        L.nodes
          .filter((n) => n.steps.includes(i))
          .map((n) => n.id)
          .sort(),
      ).toEqual([...s.highlight].sort());
    });
  });

  it('fails loudly when an event has no stage', () => {
    const stages = chart.stages.map((s, i) =>
      i === 2 ? { ...s, events: ['dis-2023-10-sladkov', 'dis-2023-10-23-mk'] } : s,
    );
    expect(() => layoutFlow({ ...data, chart: { ...chart, stages } })).toThrow(/dis-2023-10-23-aif.*0 stages/);
  });

  it.each(WIDTHS)('keeps nodes, headers and text apart and inside the drawing at %i px', (width) => {
    const W = layoutFlow(data, { width });
    const inside = (b: Box, what: string) => {
      expect(b.x0, what).toBeGreaterThanOrEqual(0);
      expect(b.y0, what).toBeGreaterThanOrEqual(0);
      expect(b.x1, what).toBeLessThanOrEqual(width);
      expect(b.y1, what).toBeLessThanOrEqual(W.height);
    };
    const boxes = [
      ...W.nodes.map((n) => ({ id: n.id, box: n as Box })),
      ...W.headers.map((h) => ({ id: `stage ${h.stage}`, box: h.box })),
      ...W.legend.map((l) => ({ id: `legend ${l.key}`, box: l.box })),
    ];
    for (const b of boxes) inside(b.box, b.id);
    for (const a of boxes)
      for (const b of boxes) if (a !== b) expect(boxesOverlap(a.box, b.box), `${a.id} overlaps ${b.id}`).toBe(false);
    for (const n of W.nodes) {
      for (const l of n.lines) {
        const w = labelWidth(l.text, l.size) * (BOLD_KINDS.has(l.kind) ? 1.08 : 1);
        expect(n.tx + w, `${n.id}: "${l.text}" overflows`).toBeLessThanOrEqual(n.x1 - 4);
        expect(l.y - l.size, `${n.id}: "${l.text}" above its node`).toBeGreaterThanOrEqual(n.y0);
        expect(l.y + 3, `${n.id}: "${l.text}" below its node`).toBeLessThanOrEqual(n.y1);
      }
      for (let i = 1; i < n.lines.length; i++)
        expect(n.lines[i]!.y - n.lines[i - 1]!.y, n.id).toBeGreaterThanOrEqual(n.lines[i]!.size);
    }
  });
});

describe('flow (SVG)', () => {
  it('is an accessible image with title and description, and a title on every mark', () => {
    const out = flow(data, { width: 760, idPrefix: 'f' }).svg;
    expect(out).toMatch(/^<svg [^>]*class="chart-svg"[^>]*role="img"[^>]*aria-labelledby="f-title f-desc"/);
    expect(out).toContain(`<title id="f-title">${chart.title}</title>`);
    expect(out.match(/<g class="mark"[^>]*><title>[^<]+<\/title>/g)).toHaveLength(chart.events.length);
    expect(out).toContain('marker-end="url(#f-arrow)"');
  });

  it('escapes text that comes from data', () => {
    const evil: StoryEvent = { ...byId.get('dis-2023-10-sladkov')!, title: '<img src=x onerror=alert(1)>' };
    const out = flow({
      ...data,
      chart: {
        ...chart,
        labels: { ...chart.labels, [evil.id]: '<img src=x onerror=alert(1)>' },
        stages: chart.stages.map((s, i) => (i === 0 ? { ...s, title: '<script>x()</script>' } : s)),
      },
      events: data.events.map((e) => (e.id === evil.id ? evil : e)),
    }).svg;
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<script');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is a pure function of data and options', () => {
    expect(flow(data, { width: 500 }).svg).toBe(flow(data, { width: 500 }).svg);
    expect(flow(data, { width: 760 }).svg).not.toBe(flow(data, { width: 1440 }).svg);
  });

  it('stays within 15 KB gzipped at 760 px', () => {
    expect(gzipSync(flow(data, { width: 760 }).svg).length).toBeLessThanOrEqual(15 * 1024);
  });

  it('uses colours of at least 3:1 against the page backgrounds', () => {
    for (const c of [...Object.values(laneColours), '#6b6b6b'])
      for (const bg of ['#ffffff', '#fbfaf7']) expect(contrast(c, bg), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
  });
});
