/** The lanes chart's mark glyphs and lane colours (decision 0003: colours from the palette, by theme). */
import { svg, px, type Markup } from '../../lib/escape.ts';
import { type Palette, tokens } from '../marks/palette.ts';
import { BAR, CLUSTER, type Lane, type PlacedMark } from './layout.ts';

/** Colour of each lane in the light theme: each is at least 3:1 against white and against #fbfaf7. */
export const laneColours: Record<Lane, string> = {
  official: tokens.official[0],
  disinformation: tokens.disinformation[0],
  response: tokens.response[0],
  context: tokens.context[0],
};

/** The glyph of one mark, in the colours of `pal`: a point, a day bar, a month band, a report's bar, a cluster. */
export function markShape(m: PlacedMark, p: string, pal: Palette): Markup {
  const colour = pal[m.lane];
  // Arrows out at both ends of a mark that runs past the window.
  const arrows = () => {
    const d = `M${m.x0 + 6},${m.y - 4}l-4,4 4,4M${m.x1 - 6},${m.y - 4}l4,4-4,4`;
    return svg`<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.5"/>`;
  };
  if (m.shape === 'cluster') {
    // Several events counted together: a pale, taller box over their day, underlined like a stack.
    // Events known only to the month: the box runs across the window, dashed and open at both ends.
    const rect = svg`<rect x="${m.x0}" y="${px(m.y - CLUSTER / 2)}" width="${px(m.x1 - m.x0)}" height="${CLUSTER}"`;
    const paint = svg` rx="3" fill="${colour}" fill-opacity="0.1" stroke="${colour}"`;
    const dash = m.openEnds ? svg` stroke-dasharray="5 3"` : '';
    const under = svg`<path d="M${px(m.x0 + 3)},${px(m.y + CLUSTER / 2 + 2)}H${px(m.x1 - 3)}" stroke="${colour}"/>`;
    const box = svg`${rect}${paint}${dash}/>${under}`;
    return m.openEnds ? svg`${box}${arrows()}` : box;
  }
  const cx = px((m.x0 + m.x1) / 2);
  if (m.shape === 'point') {
    const dot = svg`<circle cx="${cx}" cy="${m.y}" r="5"`;
    return m.claimed
      ? svg`${dot} fill="${pal.paper}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="2 2"/>`
      : svg`${dot} fill="${colour}" stroke="${pal.paper}" stroke-width="1"/>`;
  }
  const w = px(m.x1 - m.x0);
  const y = px(m.y - BAR / 2);
  if (m.claimed) {
    const rect = svg`<rect x="${m.x0 + 0.75}" y="${y}" width="${px(w - 1.5)}" height="${BAR}" rx="2"`;
    return svg`${rect} fill="${pal.paper}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 3"/>`;
  }
  if (m.shape === 'open') {
    // Known only to the month: a pale band across the window, dashed, with arrows out at both ends.
    const rect = svg`<rect x="${m.x0}" y="${y}" width="${w}" height="${BAR + 2}"`;
    return svg`${rect} fill="${colour}" fill-opacity="0.12" stroke="${colour}" stroke-dasharray="5 3"/>${arrows()}`;
  }
  const fill = m.uncertain ? `url(#${p}-hatch-${m.lane})` : colour;
  if (m.report) {
    // Known only to lie before a report's publication time: a pale bar up to a tick at that time.
    const rect = svg`<rect x="${m.x0}" y="${y}" width="${w}" height="${BAR}" rx="2"`;
    const ground = m.uncertain ? svg` fill="${fill}" fill-opacity="1"` : svg` fill="${colour}" fill-opacity="0.3"`;
    const paint = svg`${ground} stroke="${colour}"/>`;
    const tick = svg`<path class="report-tick" d="M${m.x1},${px(m.y - BAR / 2 - 4)}V${px(m.y + BAR / 2 + 4)}"`;
    return svg`${rect}${paint}${tick} stroke="${colour}" stroke-width="2.5"/>`;
  }
  return svg`<rect x="${m.x0}" y="${y}" width="${w}" height="${BAR}" rx="2" fill="${fill}" stroke="${colour}"/>`;
}
