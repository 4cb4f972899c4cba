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
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { boxesOverlap, type Box } from './shared.ts';
import { svg, px } from '../lib/escape.ts';
import { eventDate } from './marks/event-date.ts';
import { lanes as laneOrder } from '../schemas.ts';
import type { Drawing } from './types.ts';
import { labelWidth } from './marks/text.ts';
import { hatchPattern } from './marks/defs.ts';
import { paletteOf } from './marks/palette.ts';
import { stepAttrs, type Lit } from './marks/steps.ts';
import { BAR, CLUSTER, layoutLanes, ROW, type LanesData, type LanesLayout, type LanesOptions } from './lanes/layout.ts';
import { markShape } from './lanes/marks.ts';

export { labelWidth };
export { laneColours } from './lanes/marks.ts';
export {
  layoutLanes,
  NARROW_LANES,
  type LanesData,
  type LanesLayout,
  type LanesOptions,
  type MarkShape,
  type PlacedMark,
} from './lanes/layout.ts';

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition, its events and the words it prints
 * @param options width (px, default 960), idPrefix (default "lanes"), fontSize (px)
 */
export function lanes(data: LanesData, options: LanesOptions = {}): Drawing {
  const p = options.idPrefix ?? 'lanes';
  const pal = paletteOf(options.theme);
  const L = layoutLanes(data, options);
  const fs = L.fontSize;
  const titles = new Map(data.events.map((e) => [e.id, e]));
  const hatch = laneOrder.map((lane) => hatchPattern(`${p}-hatch-${lane}`, pal[lane], 6, pal.paper));
  const days = L.days.map((d, i) => {
    const mid = px((d.x0 + d.x1) / 2);
    const at = svg`<rect class="day-mark" x="${d.x0}" y="${L.plot.top - 4}"`;
    const ground = d.mark
      ? svg`${at} width="${px(d.x1 - d.x0)}" height="${L.height - L.plot.top}" fill="${pal.highlight}"/>`
      : '';
    const rule = (x: number) =>
      svg`<line x1="${x}" x2="${x}" y1="${L.plot.top - 16}" y2="${L.height}" stroke="${pal.rule}"/>`;
    const label = svg`<text class="day-label" x="${mid}" y="${L.plot.top - 22}" text-anchor="middle" font-size="${fs}"`;
    const markAt = svg`<text class="day-mark-label" x="${mid}" y="${L.plot.top - 7}" text-anchor="middle"`;
    const markLabel = d.mark
      ? svg`${markAt} font-size="${fs}" font-weight="700" fill="${pal.highlightInk}">${d.mark}</text>`
      : '';
    const last = i === L.days.length - 1 ? rule(d.x1) : '';
    return svg`
<g class="day">${ground}${rule(d.x0)}${last}${label} fill="${pal.inkSoft}">${d.label}</text>${markLabel}</g>`;
  });
  const laneEls = L.lanes.map((l, i) => {
    const rule = i > 0 ? svg`<line x1="0" x2="${L.width}" y1="${l.y0}" y2="${l.y0}" stroke="${pal.ruleStrong}"/>` : '';
    const title = svg`<text class="lane-title" x="${L.narrow ? L.plot.x0 : 0}" y="${l.titleY}" font-size="${fs}"`;
    return svg`
<g class="lane" data-lane="${l.lane}">${rule}${title} font-weight="700" fill="${pal[l.lane]}">${l.title}</text></g>`;
  });
  const markEls = L.marks.map((m) => {
    if (m.members) {
      const state = stepAttrs(m.steps, options.step);
      const g = svg`<g class="mark cluster" data-id="${m.id}" ${state} data-lane="${m.lane}"`;
      const text = svg`<text x="${m.lx}" y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}" font-weight="700"`;
      const count = svg` data-count="${m.members.length}"><title>${m.title ?? m.label}</title>`;
      return svg`
${g}${count}${markShape(m, p, pal)}${text} fill="${pal.ink}">${m.label}</text></g>`;
    }
    const e = titles.get(m.id);
    const t = data.text.chart;
    const status = m.claimed
      ? ` (${t.markClaim})`
      : m.shape === 'open'
        ? ` (${t.monthOnly})`
        : m.report && e?.time
          ? ` (${t.markReport.replace('{time}', e.time)})`
          : e?.until
            ? ` (${t.markRange.replace('{date}', eventDate(e, data.text))})`
            : e?.dateUncertain
              ? ` (${t.markDateUncertain})`
              : '';
    const g = svg`<g class="mark" data-id="${m.id}" ${stepAttrs(m.steps, options.step)} data-lane="${m.lane}">`;
    const italic = m.claimed ? svg` font-style="italic"` : '';
    const at = svg`<text x="${m.lx}" y="${m.ly}" text-anchor="${m.anchor}" font-size="${fs}"`;
    const text = svg`${at}${italic} fill="${pal.ink}">`;
    return svg`
${g}<title>${e?.title ?? m.label}${status}</title>${markShape(m, p, pal)}${text}${m.label}</text></g>`;
  });
  const body = svg`<defs>${hatch}</defs>${days}${laneEls}${markEls}`;
  // Narrow: each note sits under its mark, so a step's window holds its notes too (a phone's sticky graphic shows
  // them).
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
    text: data.text,
  };
}
