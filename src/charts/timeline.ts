/**
 * "Timeline": years on one time axis, with two groups of events on either side of it:
 * courtesy (cordial messages and visits) above, campaigns (hostile narratives and fakes)
 * below. Every event is drawn at its known precision: a dot for a day (or finer), a bar with
 * end caps spanning the whole month for an event known only to the month, and a bar over the
 * year for one known only to the year. Claims only the article makes are hollow and dashed;
 * reported or unverified events, and events whose date is uncertain (`until`, `dateUncertain`), are hatched.
 *
 * Which side an event goes on is the chart definition's choice, not the function's:
 * official and context lanes go above, disinformation and response lanes below, unless
 * the chart's `below` or `above` (event ids) says otherwise.
 *
 * Wide (width >= 560): time runs left to right; marks and labels sit in rows off the axis, and
 * each mark also leaves a tick (or, for a span, a line) on the axis's edge.
 * Narrow: time runs down a central axis; courtesy on the left, campaigns on the right, with
 * wrapped labels pushed down where needed and joined to their marks by leader lines.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock.
 */
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { defined } from '../lib/defined.ts';
import { svg, px, type Markup } from '../lib/escape.ts';
import { eventDate } from './marks/event-date.ts';
import type { Drawing } from './types.ts';
import { stepAttrs, type Lit } from './marks/steps.ts';
import { pointsBox, unionBox } from './marks/box.ts';
import { FONT_FAMILY, hatchPattern, layoutLegend, type Box } from './shared.ts';
import { paletteOf } from './marks/palette.ts';
import { fill, monthName } from './marks/words.ts';
import {
  LEGEND_ORDER,
  PAD,
  sideToken,
  zone,
  type TimelineData,
  type TimelineLayout,
  type TimelineOptions,
} from './timeline/model.ts';
import { layoutTimeline, legendItems } from './timeline/layout.ts';
import { axisMarkup, glyphMarkup, leaderMarkup, legendSwatch, textLines } from './timeline/marks.ts';

export {
  sideColours,
  sideOf,
  type Side,
  type TimelineData,
  type TimelineLayout,
  type TimelineMark,
  type TimelineOptions,
} from './timeline/model.ts';
export { layoutTimeline } from './timeline/layout.ts';
export { dodge } from './timeline/narrow.ts';

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition, its events, their actors and the words it prints
 * @param options width (px, default 760; narrow below 560), idPrefix (default "timeline"), fontSize (px)
 */
export function timeline(data: TimelineData, options: TimelineOptions = {}): Drawing {
  const p = options.idPrefix ?? 'timeline';
  const pal = paletteOf(options.theme);
  const L = layoutTimeline(data, options);
  const fs = L.fontSize;
  const byId = new Map(data.events.map((e) => [e.id, e]));
  const hatches = [
    hatchPattern(`${p}-hatch-above`, pal[sideToken.above], 4, pal.paper),
    hatchPattern(`${p}-hatch-below`, pal[sideToken.below], 4, pal.paper),
    hatchPattern(`${p}-hatch-legend`, pal.quiet, 4, pal.paper),
  ];
  const defs = svg`<defs>${hatches}</defs>`;
  const legend = L.legend.map(
    (it) =>
      svg`${legendSwatch(it, p, fs, pal)}<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs}"\
 fill="${pal.ink}">${it.label}</text>`,
  );
  const titles = L.sideTitles.map(
    (t) =>
      svg`<text class="side-title" x="${t.x}" y="${t.y}" text-anchor="${t.anchor}" font-size="${fs}"\
 font-weight="700" fill="${pal[sideToken[t.side]]}">${textLines(t.lines, t.x, t.y, fs + 3)}</text>`,
  );
  const marks = L.marks.map((m) => {
    const stepped = stepAttrs(m.steps, options.step);
    const glyph = glyphMarkup(m, p, L.narrow, pal);
    const label = textLines(m.lines, m.lx, m.ly, m.lineHeight);
    if (m.members) {
      return svg`
<g class="mark cluster" data-id="${m.id}" ${stepped} data-side="${m.side}" data-count="${m.members.length}"><title>\
${m.title ?? ''}</title>${leaderMarkup(m, L.narrow, pal)}${glyph}<text x="${m.lx}" y="${m.ly}"\
 text-anchor="${m.anchor}" font-size="${fs}" font-weight="700" fill="${pal.ink}">${label}</text></g>`;
    }
    const e = defined(byId.get(m.id), `the event of mark ${m.id}`);
    const actor = data.actors.get(e.actor)?.name ?? e.actor;
    const status = e.status === 'confirmed' ? '' : ` (${data.text.statuses[e.status]})`;
    const precision = e.precision === 'month' || e.precision === 'year' ? `, ${data.text.precisions[e.precision]}` : '';
    const line = leaderMarkup(m, L.narrow, pal);
    // A focused drawing (a phone's sticky graphic) leaves hover titles to the full drawing: on the page, details come
    // from the data table (chart-details.ts), and the story's bytes stay within budget.
    const hover = L.runs
      ? ''
      : svg`<title>${e.title}${status}. ${actor}, ${e.channel}; ${eventDate(e, data.text)}${precision}.</title>`;
    const italic = m.claimed ? svg` font-style="italic"` : '';
    return svg`
<g class="mark" data-id="${m.id}" ${stepped} data-side="${m.side}">${hover}${line}${glyph}<text x="${m.lx}"\
 y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}"${italic} fill="${pal.ink}">${label}</text></g>`;
  });
  const body = svg`${defs}<g class="legend">${legend}</g>${axisMarkup(L, pal)}${titles}${marks}`;
  const frame = L.runs ? focusedFrame(data, L, options.step ?? -1) : data.chart;
  return annotatedDrawing(frame, options, timelineAnnotationFrame(data, L, p), body, timelineLit(L));
}

/**
 * The key of a timeline's per-step drawings (issue #15 point 1), which carry none: the entries some step's marks need,
 * laid out at the options' width and text size, as a complete SVG. The page shows it once, above the sticky graphic,
 * where the step drawings replace the whole one (whose legend is its own); so each step drawing keeps its height for
 * its marks.
 */
export function timelineStepKey(data: TimelineData, options: TimelineOptions = {}): Markup {
  const p = `${options.idPrefix ?? 'timeline'}-key`;
  const pal = paletteOf(options.theme);
  const layouts = data.chart.steps.map((_, i) => layoutTimeline(data, { ...options, step: i, focus: true }));
  const keys = new Set(layouts.flatMap((L) => L.keys ?? []));
  const fs = layouts[0]?.fontSize ?? 11;
  const width = layouts[0]?.width ?? 320;
  const items = legendItems(data, false)
    .filter((it) => keys.has(it.key))
    .sort((a, c) => LEGEND_ORDER.indexOf(a.key) - LEGEND_ORDER.indexOf(c.key));
  const placed = layoutLegend(items, PAD, 2, width - 2 * PAD, fs);
  const height = Math.ceil(placed.bottom);
  const entries = placed.items.map(
    (it) =>
      svg`${legendSwatch(it, p, fs, pal)}<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs}"\
 fill="${pal.ink}">${it.label}</text>`,
  );
  const hatch = hatchPattern(`${p}-hatch-legend`, pal.quiet, 4, pal.paper);
  return svg`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}"\
 height="${height}" role="img" aria-label="${items.map((it) => it.label).join('; ')}"\
 font-family="${FONT_FAMILY}"><defs>${hatch}</defs>${entries}</svg>`;
}

/**
 * A focused drawing's own title and description: the step's title and the stretches of time its axis shows (the rest
 * skipped).
 */
function focusedFrame(data: TimelineData, L: TimelineLayout, step: number): TimelineData['chart'] {
  const st = defined(data.chart.steps[step], `step ${step} of timeline ${data.chart.id}`);
  const w = data.text.drawing;
  // The month and year of an instant in the chart's zone, in the strings' words.
  const parts = new Intl.DateTimeFormat('en-GB', { month: 'numeric', year: 'numeric', timeZone: zone(data) });
  const month = (t: number) => {
    const p = Object.fromEntries(parts.formatToParts(t).map((x) => [x.type, x.value]));
    return fill(w.monthYear, { month: monthName(data.text, Number(p.month)), year: p.year ?? '' });
  };
  const runs = (L.runs ?? []).map((r) => {
    const [a, z] = [month(r.t0), month(r.t1 - 1)];
    return a === z ? a : fill(w.runRange, { from: a, to: z });
  });
  return {
    ...data.chart,
    title: fill(w.stepTitle, { chart: data.chart.title, step: st.title }),
    description: fill(w.stepDescription, { runs: runs.join(w.listSeparator) }),
  };
}

/** Each mark with the box of its glyph, its stem or leader, and its label. */
export function timelineLit(L: TimelineLayout): Lit[] {
  return L.marks.map((m) => ({
    id: m.id,
    steps: m.steps,
    box: unionBox([m.glyph, m.label, pointsBox(m.line) ?? m.glyph]) ?? m.glyph,
  }));
}

/**
 * What the annotation mark needs from a timeline layout: mark boxes by id (a cluster answers for its members) and
 * everything drawn.
 */
export function timelineAnnotationFrame(data: TimelineData, L: TimelineLayout, idPrefix: string): AnnotationFrame {
  const anchors = new Map<string, Box>();
  for (const m of L.marks) {
    anchors.set(m.id, m.glyph);
    for (const id of m.members ?? []) anchors.set(id, m.glyph);
  }
  const avoid = [
    ...L.marks.flatMap((m) => [m.glyph, m.label]),
    ...L.legend.map((it) => it.box),
    ...L.sideTitles.map((t) => t.box),
    L.band,
  ];
  return {
    width: L.width,
    height: L.height,
    anchors,
    avoid,
    time: L.narrow ? 'y' : 'x',
    bracketAt: L.narrow ? L.band.x0 - 1 : L.band.y1 + 6,
    events: new Map(data.events.map((e) => [e.id, e])),
    idPrefix,
    text: data.text,
    bottomSideBySide: L.runs !== undefined,
  };
}
