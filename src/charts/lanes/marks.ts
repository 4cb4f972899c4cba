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
      ? svg`<circle cx="${px((m.x0 + m.x1) / 2)}" cy="${m.y}" r="5" fill="${pal.paper}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="2 2"/>`
      : svg`<circle cx="${px((m.x0 + m.x1) / 2)}" cy="${m.y}" r="5" fill="${colour}" stroke="${pal.paper}" stroke-width="1"/>`;
  }
  const w = px(m.x1 - m.x0);
  const y = px(m.y - BAR / 2);
  if (m.claimed) {
    return svg`<rect x="${m.x0 + 0.75}" y="${y}" width="${px(w - 1.5)}" height="${BAR}" rx="2" fill="${pal.paper}" stroke="${colour}" stroke-width="1.5" stroke-dasharray="4 3"/>`;
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
