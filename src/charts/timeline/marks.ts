/** The timeline's SVG pieces: a mark's glyph and leader, the axis and its breaks, a legend swatch, lines of text. */
import { px, svg, type Markup } from '../../lib/escape.ts';
import type { Box, PlacedLegendItem } from '../shared.ts';
import type { AxisBreak } from '../marks/breaks.ts';
import type { Palette } from '../marks/palette.ts';
import { R, sideToken, type TimelineLayout, type TimelineMark } from './model.ts';

export function glyphMarkup(m: TimelineMark, p: string, narrow: boolean, pal: Palette): Markup {
  const colour = pal[sideToken[m.side]];
  const g = m.glyph;
  if (m.shape === 'point') {
    const cx = px((g.x0 + g.x1) / 2);
    const cy = px((g.y0 + g.y1) / 2);
    if (m.claimed)
      return svg`<circle cx="${cx}" cy="${cy}" r="${R - 0.75}" fill="${pal.paper}" stroke="${colour}"\
 stroke-width="1.5" stroke-dasharray="2 2"/>`;
    if (m.uncertain)
      return svg`<circle cx="${cx}" cy="${cy}" r="${R - 0.5}" fill="url(#${p}-hatch-${m.side})" stroke="${colour}"/>`;
    return svg`<circle cx="${cx}" cy="${cy}" r="${R}" fill="${colour}" stroke="${pal.paper}"/>`;
  }
  const w = px(g.x1 - g.x0);
  const h = px(g.y1 - g.y0);
  if (m.shape === 'cluster') {
    // Several events counted over their bin: a pale rounded box, underlined like a stack; no end caps, so it never
    // reads as one event's span.
    const under = narrow
      ? svg`<path d="M${px(g.x1 + 2.5)},${px(g.y0 + 2)}V${px(g.y1 - 2)}" stroke="${colour}"/>`
      : svg`<path d="M${px(g.x0 + 2)},${px(g.y1 + 2.5)}H${px(g.x1 - 2)}" stroke="${colour}"/>`;
    return svg`<rect x="${g.x0}" y="${g.y0}" width="${w}" height="${h}" rx="2" fill="${colour}" fill-opacity="0.15"\
 stroke="${colour}"/>${under}`;
  }
  // A bar over the whole month (or year), with end caps so it reads as a span, not a point.
  const caps = narrow
    ? svg`<path d="M${g.x0 - 2},${g.y0}h${w + 4}M${g.x0 - 2},${g.y1}h${w + 4}" stroke="${colour}" stroke-width="1.5"/>`
    : svg`<path d="M${g.x0},${g.y0 - 2}v${h + 4}M${g.x1},${g.y0 - 2}v${h + 4}" stroke="${colour}" stroke-width="1.5"/>`;
  const fill = m.claimed ? pal.paper : m.uncertain ? `url(#${p}-hatch-${m.side})` : colour;
  return svg`<rect x="${g.x0}" y="${g.y0}" width="${w}" height="${h}" fill="${fill}"\
 stroke="${colour}"${m.claimed ? svg` stroke-dasharray="3 2"` : ''}/>${caps}`;
}

/**
 * Skipped time: the band stops, and the gap carries the usual broken-axis sign (two slanted strokes across the axis)
 * joined by a dotted centre line, so the break reads as time left out, never as continuous time.
 */
export function breakMarkup(k: AxisBreak, band: Box, pal: Palette): Markup {
  const x0 = px(band.x0 - 4);
  const x1 = px(band.x1 + 4);
  const xm = px((band.x0 + band.x1) / 2);
  const m = (k.y0 + k.y1) / 2;
  const s = (dy: number) => svg`M${x0},${px(m + dy + 3)}L${x1},${px(m + dy - 3)}`;
  return svg`<path class="axis-break" d="${s(-4)}${s(4)}" stroke="${pal.axis}" stroke-width="1.5" fill="none"/><path\
 d="M${xm},${px(k.y0)}V${px(m - 8)}M${xm},${px(m + 8)}V${px(k.y1)}" stroke="${pal.axis}" stroke-dasharray="2 2"/>`;
}

export function legendSwatch(it: PlacedLegendItem, p: string, fs: number, pal: Palette): Markup {
  const c = pal.quiet;
  const cy = px(it.y - fs * 0.35);
  const x = it.x;
  switch (it.key) {
    case 'day':
      return svg`<circle cx="${x + 6}" cy="${cy}" r="5" fill="${c}"/>`;
    case 'month':
      return svg`<rect x="${x + 1}" y="${cy - 4}" width="20" height="8" fill="${c}"/><path\
 d="M${x + 1},${cy - 6}v12M${x + 21},${cy - 6}v12" stroke="${c}" stroke-width="1.5"/>`;
    case 'uncertain':
      return svg`<circle cx="${x + 6}" cy="${cy}" r="5" fill="url(#${p}-hatch-legend)" stroke="${c}"/>`;
    case 'claim':
      return svg`<circle cx="${x + 6}" cy="${cy}" r="4.5" fill="${pal.paper}" stroke="${c}" stroke-width="1.5"\
 stroke-dasharray="2 2"/>`;
    case 'cluster':
      return svg`<rect x="${x + 1}" y="${cy - 5}" width="20" height="10" rx="2" fill="${c}" fill-opacity="0.15"\
 stroke="${c}"/><path d="M${x + 3},${cy + 7.5}h16" stroke="${c}"/>`;
    default:
      return svg`<path d="M${x},${cy + 4}l5,-8 5,8z" fill="${pal.dayMark}"/>`;
  }
}

export function textLines(lines: readonly string[], x: number, y: number, lh: number): Markup[] {
  return lines.map((l, i) => svg`<tspan x="${x}" y="${px(y + i * lh)}">${l}</tspan>`);
}

/** A mark's stem (wide) or leader (narrow). */
export function leaderMarkup(m: TimelineMark, narrow: boolean, pal: Palette): Markup {
  const points = m.line.map((pt) => `${pt[0]},${pt[1]}`).join(' ');
  const colour = pal[sideToken[m.side]];
  return narrow
    ? svg`<polyline points="${points}" fill="none" stroke="${colour}" stroke-opacity="0.6"/>`
    : svg`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="2"/>`;
}

const dayTitle = (d: { label: string; date: string }) => svg`<title>${d.label}, ${d.date}</title>`;

/** The axis: its band (one per drawn stretch), breaks, ticks, years, month names and day marks. */
export function axisMarkup(L: TimelineLayout, pal: Palette): Markup {
  const fs = L.fontSize;
  const b = L.band;
  const runs = L.runs?.map((r) => ({ ...b, y0: px(r.y0), y1: px(r.y1) })) ?? [b];
  const bands = runs.map(
    (r) =>
      svg`<rect x="${r.x0}" y="${r.y0}" width="${px(r.x1 - r.x0)}" height="${px(r.y1 - r.y0)}" fill="${pal.axisBand}"\
 stroke="${pal.axis}"/>`,
  );
  const ticks = L.ticks.map(
    (t) =>
      svg`<line x1="${t.x1}" y1="${t.y1}" x2="${t.x2}" y2="${t.y2}" stroke="${pal.axis}"\
${t.major ? '' : svg` stroke-width="0.75"`}/>`,
  );
  const middle = L.narrow ? svg` text-anchor="middle"` : '';
  const years = L.years.map(
    (y) =>
      svg`<text x="${y.x}" y="${y.y}" font-size="${fs}" font-weight="700" fill="${pal.ink}"${middle}>${y.label}</text>`,
  );
  const months = (L.monthLabels ?? []).map(
    (m) => svg`<text x="${m.x}" y="${m.y}" font-size="${fs}" fill="${pal.ink}" text-anchor="middle">${m.label}</text>`,
  );
  const days = L.dayMarks.map((d) =>
    L.narrow
      ? svg`<path d="M${d.x + 4},${d.y - 4}l-7,4 7,4z" fill="${pal.dayMark}">${dayTitle(d)}</path>`
      : svg`<path d="M${d.x - 4},${d.y + 4}l4,-7 4,7z" fill="${pal.dayMark}">${dayTitle(d)}</path>`,
  );
  const breaks = (L.breaks ?? []).map((k) => breakMarkup(k, b, pal));
  return svg`<g class="axis">${bands}${breaks}${ticks}${years}${months}${days}</g>`;
}
