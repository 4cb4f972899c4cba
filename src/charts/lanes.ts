/**
 * "Lanes": a short time window drawn as one lane per side of the story (official Moscow,
 * disinformation, responses, what happened), every event at its known precision:
 * a point for a time known to the minute, a bar over the day for a date known to the day,
 * a bar across the whole window (open at both ends) for one known only to the month,
 * a bar over two or more days for a date known only as a range (`until`), and, for an event whose only
 * time is the publication time of a report of it, a bar from the start of that day to a tick at the
 * report's time (never a point at the report's minute).
 * Hatched marks rest on one secondary source or less, or have an uncertain date.
 * Claims that only the article makes are hollow and dashed.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock.
 */
import { defined } from '../lib/defined.ts';
import { annotatedDrawing, noteFontSize, type AnnotationFrame } from './marks/annotation.ts';
import { boxesOverlap, type Box } from './shared.ts';
import { scaleUtc } from 'd3-scale';
import { utcDay } from 'd3-time';
import { svg, px, type Markup } from '../lib/escape.ts';
import { eventInterval, formatEventDate, wallTimeToUtc } from '../lib/dates.ts';
import { lanes as laneOrder, type StoryEvent } from '../schemas.ts';
import type { ChartInput, ChartOptions, Drawing } from './types.ts';
import { DENSITY_LIMITS, clusterLabel, clusterTitle, featuredIds, thin } from './density.ts';
import { MONTHS } from './marks/months.ts';
import { labelWidth, SAFE, wrapText } from './marks/text.ts';

export { labelWidth };
import { hatchPattern } from './marks/defs.ts';
import { openSteps, stepAttrs, stepIndex, type Lit } from './marks/steps.ts';

type Lane = (typeof laneOrder)[number];

/** What lanes() reads of the chart input. */
export type LanesData = Pick<ChartInput<'lanes'>, 'chart' | 'events' | 'text'>;

/** width: px, default 960 (below 560 the narrow layout); idPrefix default "lanes"; fontSize default 12 (11 narrow). */
export type LanesOptions = ChartOptions;

/** Colour of each lane: each is at least 3:1 against white and against #fbfaf7. */
export const laneColours: Record<Lane, string> = {
  official: '#b3261e',
  disinformation: '#6b3d9a',
  response: '#1f6a85',
  context: '#585c61',
};

/** cluster: several events counted together in one day (or, if known only to the month, one month). */
export type MarkShape = 'point' | 'day' | 'open' | 'cluster';

export interface PlacedMark {
  id: string;
  lane: Lane;
  shape: MarkShape;
  claimed: boolean;
  /**
   * Hatched: the event rests on one secondary source or less (status), or its date is uncertain (a range, `until`, or
   * `dateUncertain`).
   */
  uncertain: boolean;
  /**
   * The event's stated time is a report's publication time (timeBasis "report"): the bar runs from the start of that
   * day to the report, which a tick marks at x1.
   */
  report?: boolean;
  x0: number;
  x1: number;
  y: number;
  label: string;
  /** Label anchor and box. */
  lx: number;
  ly: number;
  anchor: 'start' | 'end';
  labelBox: [number, number];
  steps: number[];
  /** For a cluster: the ids of the events it counts, and its description. */
  members?: string[];
  title?: string;
  /** A cluster whose period runs past the window (events known only to the month). */
  openEnds?: boolean;
}

export interface LanesLayout {
  width: number;
  height: number;
  narrow: boolean;
  plot: { x0: number; x1: number; top: number };
  days: { x0: number; x1: number; date: number; label: string; mark?: string }[];
  lanes: { lane: Lane; title: string; y0: number; y1: number; titleY: number }[];
  marks: PlacedMark[];
  fontSize: number;
}

const ROW = 24;
const BAR = 12;
const CLUSTER = 16;
const PAD = 8;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * Lane order, top to bottom. Wide: the order of the schema (official Moscow, the fake, the answers, what happened).
 * Narrow (phones): official Moscow, then what happened and the answers, the fake last, so the lanes a step lights
 * together stay together: the Republic Day step lights Peskov's remark, the Defence Ministry's answer and the
 * greetings, which the wide order sets ~490 units apart (more than a phone's sticky graphic shows at 12 px text).
 * The caption's words hold for both: official Moscow above, the fake and the answers to it below.
 */
export const NARROW_LANES: readonly Lane[] = ['official', 'context', 'response', 'disinformation'];

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutLanes(data: LanesData, options: LanesOptions = {}): LanesLayout {
  const width = options.width ?? 960;
  const narrow = width < 560;
  const fontSize = options.fontSize ?? (narrow ? 11 : 12);
  const { chart } = data;
  if (!chart.window) throw new Error(`lanes: chart "${chart.id}" needs a "window"`);
  const zone = chart.window.zone;
  const [sy, sm, sd] = chart.window.start.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = chart.window.end.split('-').map(Number) as [number, number, number];
  const start = wallTimeToUtc(sy, sm, sd, 0, 0, zone);
  const end = wallTimeToUtc(ey, em, ed, 0, 0, zone);
  const gutter = narrow ? 0 : 136;
  const x0 = gutter + PAD;
  const x1 = width - PAD;
  const x = scaleUtc().domain([start, end]).range([x0, x1]);
  const top = 40;

  // Day columns in the chart's zone (whole days: the window starts and ends at midnight).
  const days: LanesLayout['days'] = [];
  const nDays = Math.round((Date.UTC(ey, em - 1, ed) - Date.UTC(sy, sm - 1, sd)) / 86400000);
  for (let i = 0; i < nDays; i++) {
    const civil = utcDay.offset(new Date(Date.UTC(sy, sm - 1, sd)), i);
    const iso = civil.toISOString().slice(0, 10);
    const d0 = wallTimeToUtc(civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate(), 0, 0, zone);
    const d1 = wallTimeToUtc(civil.getUTCFullYear(), civil.getUTCMonth() + 1, civil.getUTCDate() + 1, 0, 0, zone);
    const label = narrow
      ? `${civil.getUTCDate()} ${MONTHS[civil.getUTCMonth()]}`
      : `${WEEKDAYS[civil.getUTCDay()]} ${civil.getUTCDate()} ${MONTHS[civil.getUTCMonth()]}`;
    days.push({ x0: px(x(d0)), x1: px(x(d1)), date: d0, label, mark: chart.marks.find((m) => m.date === iso)?.label });
  }

  // One rule for every chart: a step with an empty highlight lights every mark.
  const steps = stepIndex(
    chart,
    data.events.map((e) => e.id),
  );
  const allSteps = openSteps(chart);

  const room = narrow
    ? noteRoom(chart, width, new Map(data.events.map((e) => [e.id, e.lane])))
    : new Map<string, number>();
  const lanesOut: LanesLayout['lanes'] = [];
  const marks: PlacedMark[] = [];
  const featured = featuredIds(chart);
  let y = top;
  for (const lane of narrow ? NARROW_LANES : laneOrder) {
    const all = data.events.filter((e) => e.lane === lane).map((e) => ({ e, iv: eventInterval(e, zone) }));
    if (all.length === 0) continue;
    // Over the lane's limit, events nobody is pointed at are counted per day (or month, if that is all that is known).
    const thinned = thin(all, {
      limit: DENSITY_LIMITS.lane,
      unit: 'day',
      zone,
      group: lane,
      event: (it) => it.e,
      featured,
    });
    // An event or a cluster, never both: the union lets `cluster ? … : e` read e as an event.
    type Interval = { start: number; end: number };
    type Entry =
      | { e: StoryEvent; iv: Interval; cluster?: undefined }
      | { e?: undefined; iv: Interval; cluster: (typeof thinned.clusters)[number] };
    const idOf = (it: Entry) => (it.cluster ? it.cluster.id : it.e.id);
    const inLane: Entry[] = [
      ...thinned.single,
      ...thinned.clusters.map((c) => ({ iv: { start: c.bin.t0, end: c.bin.t1 }, cluster: c })),
    ].sort((a: Entry, b: Entry) => a.iv.start - b.iv.start || a.iv.end - b.iv.end || idOf(a).localeCompare(idOf(b)));
    const titleY = narrow ? y + 14 : y + 16;
    const rowsTop = narrow ? y + 20 : y + 4;
    const rows: [number, number][][] = [];
    const placed: { m: Omit<PlacedMark, 'y' | 'ly'>; row: number; labelAbove: boolean }[] = [];
    for (const { e, iv, cluster } of inLane) {
      const label = cluster ? clusterLabel(data.text, cluster.members.length) : (chart.labels[e.id] ?? e.title);
      // The estimate over SAFE, as notes are measured: wider fonts (DejaVu Sans; italic for the article's claims) still
      // end inside the drawing.
      const w = labelWidth(label, fontSize) / SAFE;
      const open = iv.start < start || iv.end > end;
      const shape: MarkShape = cluster ? 'cluster' : iv.start === iv.end ? 'point' : open ? 'open' : 'day';
      const mx0 = shape === 'point' ? x(iv.start) - 5 : Math.max(x0, x(iv.start)) + (cluster ? 1 : 0);
      const mx1 = shape === 'point' ? x(iv.start) + 5 : Math.min(x1, x(iv.end)) - (cluster ? 1 : 0);
      let lx: number,
        anchor: 'start' | 'end',
        box: [number, number],
        labelAbove = false;
      if (shape === 'open' || (shape === 'cluster' && w + 24 <= mx1 - mx0)) {
        // Label inside the bar, which spans the window.
        lx = mx0 + 12;
        anchor = 'start';
        box = [mx0, mx1];
      } else if (mx1 + 6 + w <= x1) {
        lx = mx1 + 6;
        anchor = 'start';
        box = [mx0, mx1 + 6 + w];
      } else if (mx0 - 6 - w >= x0) {
        lx = mx0 - 6;
        anchor = 'end';
        box = [mx0 - 6 - w, mx1];
      } else {
        // Neither side has room: the label takes its own row above the mark.
        labelAbove = true;
        anchor = 'start';
        lx = Math.max(x0, Math.min(mx0, x1 - w));
        box = [Math.min(mx0, lx), Math.max(mx1, lx + w)];
      }
      const extent: [number, number] = [box[0] - PAD / 2, box[1] + PAD / 2];
      let row = -1;
      if (!labelAbove) row = rows.findIndex((r) => !r.some((b) => overlaps(b, extent)));
      if (row === -1) {
        row = rows.length;
        rows.push([]);
        if (labelAbove) rows.push([]);
      }
      defined(rows[row], `row ${row} of lane ${lane}`).push(extent);
      if (labelAbove) defined(rows[row + 1], `row ${row + 1} of lane ${lane}`).push(extent);
      placed.push({
        m: cluster
          ? {
              id: cluster.id,
              lane,
              shape,
              claimed: false,
              uncertain: false,
              x0: px(mx0),
              x1: px(mx1),
              label,
              lx: px(lx),
              anchor,
              labelBox: [px(box[0]), px(box[1])],
              steps: allSteps,
              members: cluster.members.map((it) => it.e.id),
              openEnds: open,
              title: clusterTitle(
                data.text,
                cluster,
                cluster.members.map((it) => it.e),
                data.text.lanes[lane],
              ),
            }
          : {
              id: e.id,
              lane,
              shape,
              claimed: e.status === 'claimed-by-article',
              uncertain:
                e.status === 'reported' ||
                e.status === 'unverified' ||
                e.until !== undefined ||
                e.dateUncertain === true,
              ...(e.timeBasis === 'report' ? { report: true } : {}),
              x0: px(mx0),
              x1: px(mx1),
              label,
              lx: px(lx),
              anchor,
              labelBox: [px(box[0]), px(box[1])],
              steps: steps.get(e.id) ?? [],
            },
        row,
        labelAbove,
      });
    }
    // Narrow: free room under the row of each mark a step annotates, so its note sits right under it (a phone
    // drawing has no free columns beside its marks) and its leader crosses nothing.
    const extra = new Map<number, number>();
    for (const p of placed) {
      const r = room.get(p.m.id);
      const markRow = p.labelAbove ? p.row + 1 : p.row;
      if (r) extra.set(markRow, Math.max(extra.get(markRow) ?? 0, r));
    }
    const rowTop: number[] = [];
    let next = rowsTop;
    for (let i = 0; i < rows.length; i++) {
      rowTop.push(next);
      next += ROW + (extra.get(i) ?? 0);
    }
    const at = (i: number) => defined(rowTop[i], `row ${i} of lane ${lane}`);
    for (const p of placed) {
      const markRow = p.labelAbove ? p.row + 1 : p.row;
      const cy = at(markRow) + ROW / 2;
      const ly = p.labelAbove ? at(p.row) + ROW / 2 + fontSize * 0.35 + 4 : cy + fontSize * 0.35;
      marks.push({ ...p.m, y: px(cy), ly: px(ly) });
    }
    const y1 = next + 6;
    lanesOut.push({ lane, title: data.text.lanes[lane], y0: y, y1, titleY });
    y = y1;
  }
  return { width, height: Math.ceil(y + 4), narrow, plot: { x0, x1, top }, days, lanes: lanesOut, marks, fontSize };
}

/**
 * Narrow layout: the room (drawing units) a note needs under each annotated mark: a callout's first subject, both ends
 * of a bracket. The note's lines at the annotation mark's size and measure, plus its gaps.
 */
function noteRoom(chart: LanesData['chart'], width: number, laneOf: ReadonlyMap<string, Lane>): Map<string, number> {
  const fs = noteFontSize(width);
  const lh = Math.round(fs * 1.25);
  const measure = Math.min(width - 8, width * 0.62) * SAFE;
  const out = new Map<string, number>();
  const add = (id: string, text: string) => {
    const h = wrapText(text, measure, fs).length * lh + 4 + 16;
    out.set(id, Math.max(out.get(id) ?? 0, h));
  };
  for (const s of chart.steps)
    for (const a of s.annotations) {
      if (a.type === 'callout' && a.subject[0]) add(a.subject[0], a.text);
      // A bracket runs under the lower of its two marks (the later lane; both in one lane); its label names the interval.
      if (a.type === 'bracket') {
        const rank = (id: string) => NARROW_LANES.indexOf(laneOf.get(id) ?? 'context');
        const lower = Math.max(rank(a.from), rank(a.to));
        for (const id of [a.from, a.to]) if (rank(id) === lower) add(id, `${a.text ?? ''}: at least 99 days`);
      }
    }
  return out;
}

function markShape(m: PlacedMark, p: string): Markup {
  const colour = laneColours[m.lane];
  if (m.shape === 'cluster') {
    // Several events counted together: a pale, taller box over their day, underlined like a stack.
    // Events known only to the month: the box runs across the window, dashed and open at both ends.
    const box = svg`<rect x="${m.x0}" y="${px(m.y - CLUSTER / 2)}" width="${px(m.x1 - m.x0)}" height="${CLUSTER}" rx="3" fill="${colour}" fill-opacity="0.1" stroke="${colour}"${m.openEnds ? svg` stroke-dasharray="5 3"` : ''}/><path d="M${px(m.x0 + 3)},${px(m.y + CLUSTER / 2 + 2)}H${px(m.x1 - 3)}" stroke="${colour}"/>`;
    return m.openEnds
      ? svg`${box}<path d="M${m.x0 + 6},${m.y - 4}l-4,4 4,4M${m.x1 - 6},${m.y - 4}l4,4-4,4" fill="none" stroke="${colour}" stroke-width="1.5"/>`
      : box;
  }
  if (m.shape === 'point') {
    return m.claimed
      ? svg`<circle cx="${px((m.x0 + m.x1) / 2)}" cy="${m.y}" r="5" fill="#fff" stroke="${colour}" stroke-width="1.5" stroke-dasharray="2 2"/>`
      : svg`<circle cx="${px((m.x0 + m.x1) / 2)}" cy="${m.y}" r="5" fill="${colour}" stroke="#fff" stroke-width="1"/>`;
  }
  const w = px(m.x1 - m.x0);
  const y = px(m.y - BAR / 2);
  if (m.claimed) {
    return svg`<rect x="${m.x0 + 0.75}" y="${y}" width="${px(w - 1.5)}" height="${BAR}" rx="2" fill="#fff" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 3"/>`;
  }
  if (m.shape === 'open') {
    // Known only to the month: a pale band across the window, dashed, with arrows out at both ends.
    return svg`<rect x="${m.x0}" y="${y}" width="${w}" height="${BAR + 2}" fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-dasharray="5 3"/><path d="M${m.x0 + 6},${m.y - 4}l-4,4 4,4M${m.x1 - 6},${m.y - 4}l4,4-4,4" fill="none" stroke="${colour}" stroke-width="1.5"/>`;
  }
  const fill = m.uncertain ? `url(#${p}-hatch-${m.lane})` : colour;
  if (m.report) {
    // Known only to lie before a report's publication time: a pale bar up to a tick at that time.
    return svg`<rect x="${m.x0}" y="${y}" width="${w}" height="${BAR}" rx="2" fill="${m.uncertain ? fill : colour}" fill-opacity="${m.uncertain ? 1 : 0.3}" stroke="${colour}"/><path class="report-tick" d="M${m.x1},${px(m.y - BAR / 2 - 4)}V${px(m.y + BAR / 2 + 4)}" stroke="${colour}" stroke-width="2.5"/>`;
  }
  return svg`<rect x="${m.x0}" y="${y}" width="${w}" height="${BAR}" rx="2" fill="${fill}" stroke="${colour}"/>`;
}

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition, its events and the words it prints
 * @param options width (px, default 960), idPrefix (default "lanes"), fontSize (px)
 */
export function lanes(data: LanesData, options: LanesOptions = {}): Drawing {
  const p = options.idPrefix ?? 'lanes';
  const L = layoutLanes(data, options);
  const fs = L.fontSize;
  const titles = new Map(data.events.map((e) => [e.id, e]));
  const hatch = laneOrder.map((lane) => hatchPattern(`${p}-hatch-${lane}`, laneColours[lane], 6));
  const days = L.days.map(
    (d, i) => svg`
<g class="day">${d.mark ? svg`<rect class="day-mark" x="${d.x0}" y="${L.plot.top - 4}" width="${px(d.x1 - d.x0)}" height="${L.height - L.plot.top}" fill="#f3e9c6"/>` : ''}<line x1="${d.x0}" x2="${d.x0}" y1="${L.plot.top - 16}" y2="${L.height}" stroke="#d6d3cc"/>${i === L.days.length - 1 ? svg`<line x1="${d.x1}" x2="${d.x1}" y1="${L.plot.top - 16}" y2="${L.height}" stroke="#d6d3cc"/>` : ''}<text class="day-label" x="${px((d.x0 + d.x1) / 2)}" y="${L.plot.top - 22}" text-anchor="middle" font-size="${fs}" fill="#333">${d.label}</text>${d.mark ? svg`<text class="day-mark-label" x="${px((d.x0 + d.x1) / 2)}" y="${L.plot.top - 7}" text-anchor="middle" font-size="${fs}" font-weight="700" fill="#6b4e00">${d.mark}</text>` : ''}</g>`,
  );
  const laneEls = L.lanes.map(
    (l, i) => svg`
<g class="lane" data-lane="${l.lane}">${i > 0 ? svg`<line x1="0" x2="${L.width}" y1="${l.y0}" y2="${l.y0}" stroke="#bdb9b0"/>` : ''}<text class="lane-title" x="${L.narrow ? L.plot.x0 : 0}" y="${l.titleY}" font-size="${fs}" font-weight="700" fill="${laneColours[l.lane]}">${l.title}</text></g>`,
  );
  const markEls = L.marks.map((m) => {
    if (m.members) {
      return svg`
<g class="mark cluster" data-id="${m.id}" ${stepAttrs(m.steps, options.step)} data-lane="${m.lane}" data-count="${m.members.length}"><title>${m.title ?? m.label}</title>${markShape(m, p)}<text x="${m.lx}" y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}" font-weight="700" fill="#1d1d1d">${m.label}</text></g>`;
    }
    const e = titles.get(m.id);
    const status = m.claimed
      ? ' (the article\u2019s claim; no source found)'
      : m.shape === 'open'
        ? ` (${data.text.chart.monthOnly})`
        : m.report && e?.time
          ? ` (${e.time} is when a report of it was published, not when it happened; it happened earlier that day)`
          : e?.until
            ? ` (${formatEventDate(e)}: date uncertain)`
            : e?.dateUncertain
              ? ' (date uncertain)'
              : '';
    return svg`
<g class="mark" data-id="${m.id}" ${stepAttrs(m.steps, options.step)} data-lane="${m.lane}"><title>${e?.title ?? m.label}${status}</title>${markShape(m, p)}<text x="${m.lx}" y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}"${m.claimed ? svg` font-style="italic"` : ''} fill="#1d1d1d">${m.label}</text></g>`;
  });
  const body = svg`<defs>${hatch}</defs>${days}${laneEls}${markEls}`;
  // Narrow: each note sits under its mark, so a step's window holds its notes too (a phone's sticky graphic shows them).
  return annotatedDrawing(data.chart, options, lanesAnnotationFrame(data, L, p), body, lanesLit(L), L.narrow);
}

/** Each mark with the box of its glyph and label (and the label's own row when it sits above). */
export function lanesLit(L: LanesLayout): Lit[] {
  return L.marks.map((m) => ({
    id: m.id,
    steps: m.steps,
    box: {
      x0: Math.min(m.x0, m.labelBox[0]),
      x1: Math.max(m.x1, m.labelBox[1]),
      y0: Math.min(m.y - ROW / 2, m.ly - L.fontSize),
      y1: m.y + ROW / 2,
    },
  }));
}

/**
 * What the annotation mark needs from a lanes layout: mark boxes by id (a cluster answers for its members), labels and
 * lane titles.
 */
export function lanesAnnotationFrame(data: LanesData, L: LanesLayout, idPrefix: string): AnnotationFrame {
  const anchors = new Map<string, Box>();
  const avoid: Box[] = [];
  for (const m of L.marks) {
    const half = (m.shape === 'cluster' ? CLUSTER : BAR) / 2 + 1;
    const glyph = { x0: m.x0, x1: m.x1, y0: m.y - half, y1: m.y + half };
    anchors.set(m.id, glyph);
    for (const id of m.members ?? []) anchors.set(id, glyph);
    avoid.push(glyph, { x0: m.labelBox[0], x1: m.labelBox[1], y0: m.ly - L.fontSize, y1: m.ly + 3 });
  }
  for (const d of L.days) avoid.push({ x0: d.x0, x1: d.x1, y0: L.plot.top - 22 - L.fontSize, y1: L.plot.top - 4 });
  for (const l of L.lanes) {
    const x0 = L.narrow ? L.plot.x0 : 0;
    avoid.push({ x0, x1: x0 + labelWidth(l.title, L.fontSize) * 1.1, y0: l.titleY - L.fontSize, y1: l.titleY + 3 });
  }
  const under = { x0: L.plot.x0, x1: L.plot.x1, y0: L.plot.top - 1, y1: L.plot.top + 10 };
  return {
    width: L.width,
    height: L.height,
    anchors,
    avoid,
    time: 'x',
    // A bracket runs just under the day headings, over the day columns it joins, where nothing is drawn there (beside
    // its two marks it ran between two lanes' rows, and its note's leader had to cross the bars in between).
    ...(avoid.some((b) => boxesOverlap(b, under)) ? {} : { bracketAt: L.plot.top + 6 }),
    events: new Map(data.events.map((e) => [e.id, e])),
    idPrefix,
  };
}
