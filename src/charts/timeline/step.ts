import { px } from '../../lib/escape.ts';
import { labelWidth, type Box } from '../shared.ts';
import { monthStretches, type Run, type Span } from '../marks/breaks.ts';
import { monthName, type DrawingText } from '../marks/words.ts';
import {
  PAD,
  dayMarksOf,
  dayTime,
  isUncertain,
  sideTitle,
  zone,
  type Base,
  type Focus,
  type Item,
  type TimelineData,
  type TimelineLayout,
} from './model.ts';

/**
 * A step's focused drawing: the whole months its events fall in (merged across a single skipped month), the axis
 * beside the one side it uses (else centred) and the legend entries its marks and day marks need.
 */
export function focusOf(
  data: TimelineData,
  its: Item[],
  months: { t: number }[],
  end: number,
  width: number,
  fs: number,
): Focus {
  const stretches = monthStretches(
    its.map((i): Span => [i.t0, i.t1]),
    [...months.map((m) => m.t), end],
  );
  const sides = (['above', 'below'] as const).filter((s) => its.some((i) => i.side === s));
  // One side drawn: the other side's room goes to a band wide enough for "Sep 2022" (bold) on one line.
  const BW = sides.length === 2 ? 17 : Math.ceil((labelWidth('Sep 2022', fs) * 1.08 + 8) / 2);
  const axisX = sides.length === 2 ? width / 2 : sides[0] === 'above' ? width - PAD - BW - 2 : PAD + BW + 2;
  const inside = (t: number) => stretches.some(([a, b]) => t >= a && t < b);
  const legend = new Set<string>();
  for (const i of its) {
    legend.add(i.shape === 'span' ? 'month' : 'day');
    if (i.e.status === 'claimed-by-article') legend.add('claim');
    else if (isUncertain(i.e)) legend.add('uncertain');
  }
  if (dayMarksOf(data.chart, () => ({ x: 0, y: 0 }), zone(data)).some((d) => inside(dayTime(d.date, zone(data)))))
    legend.add('day-mark');
  return { stretches, axisX, bandHalf: BW, sides, legend };
}

/**
 * The axis of a focused drawing, run by run: its year at the top of each run and at each January (with the month's
 * name where the band is wide enough), the name of each other month (in its middle, where there is room under the
 * year), and a tick between months (across the band at a year).
 */
export function focusedAxis(
  b: Base,
  runs: readonly Run[],
  band: Box,
  y: (t: number) => number,
  fs: number,
  oneLine: boolean,
  text: DrawingText,
): Pick<TimelineLayout, 'years' | 'ticks' | 'monthLabels'> {
  const xA = px((band.x0 + band.x1) / 2);
  const years: TimelineLayout['years'] = [];
  const ticks: TimelineLayout['ticks'] = [];
  const monthLabels: NonNullable<TimelineLayout['monthLabels']> = [];
  for (const r of runs) {
    const ms = b.months.filter((m) => m.t >= r.t0 && m.t < r.t1);
    let below = -Infinity;
    ms.forEach((m, i) => {
      const top = y(m.t);
      const next = b.months.find((n) => n.t > m.t)?.t ?? r.t1;
      const bottom = i === ms.length - 1 ? r.y1 : y(next);
      const name = monthName(text, m.m);
      const major = m.m === 1;
      if (i > 0 && major) ticks.push({ x1: band.x0, y1: px(top), x2: band.x1, y2: px(top), major });
      if (i > 0 && !major)
        ticks.push(
          { x1: band.x0, y1: px(top), x2: band.x0 + 4, y2: px(top), major },
          { x1: band.x1 - 4, y1: px(top), x2: band.x1, y2: px(top), major },
        );
      // The year at the top of a run and at each January: with its month where the band is wide enough.
      if (i === 0 || major) {
        years.push({ x: xA, y: px(top + fs + 2), label: oneLine ? `${name} ${m.y}` : String(m.y) });
        below = top + fs + 2;
        if (oneLine) return;
      }
      const at = Math.max(oneLine ? top + fs + 2 : (top + bottom) / 2 + fs * 0.35, below + fs + 1);
      if (at <= bottom - 1) {
        monthLabels.push({ x: xA, y: px(at), label: name });
        below = at;
      }
    });
  }
  return { years, ticks, monthLabels };
}

/**
 * A step's own drawing's side titles: each on its own row across the drawing's width (courtesy, the left side, from
 * the left edge; campaigns, the right side, to the right edge), so that a title takes one line, not the three or four
 * a half-width column wraps it to.
 */
export function focusedTitles(b: Base, focus: Focus, legendBottom: number): TimelineLayout['sideTitles'] {
  const fs = b.fontSize;
  let y = legendBottom + 6 + fs;
  return focus.sides.map((side) => {
    const at =
      side === 'above' ? { x: PAD, y, anchor: 'start' as const } : { x: b.width - PAD, y, anchor: 'end' as const };
    const title = sideTitle(side, b.titles[side], at, b.width - 2 * PAD, fs);
    y += title.lines.length * (fs + 3) + 2;
    return title;
  });
}
