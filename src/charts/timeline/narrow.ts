/**
 * The narrow timeline: time down a central axis, courtesy on the left and campaigns on the right, wrapped labels
 * pushed down where needed and joined to their marks by leaders. With a focus, a step's own drawing on a broken axis.
 */
import { scaleUtc } from 'd3-scale';
import { defined } from '../../lib/defined.ts';
import { px } from '../../lib/escape.ts';
import { SAFE, blockWidth, boxesOverlap, labelWidth, wrapText, type Box } from '../shared.ts';
import { brokenScale } from '../marks/breaks.ts';
import {
  LEGEND_ORDER,
  PAD,
  R,
  dayMarksOf,
  sideTitle,
  dayTime,
  hit,
  identity,
  zone,
  type Base,
  type Iv,
  type Side,
  type TimelineData,
  type TimelineLayout,
  type TimelineMark,
} from './model.ts';
import { focusedAxis, focusedTitles } from './step.ts';

/**
 * Tops for blocks stacked along one axis, in order, each as near its wanted top as the
 * blocks around it allow: overlapping neighbours merge into a cluster centred on their
 * wanted positions (never above `minTop`).
 */
export function dodge(blocks: readonly { want: number; h: number }[], gap: number, minTop: number): number[] {
  const clusters: { first: number; n: number; offsets: number[]; top: number; h: number }[] = [];
  blocks.forEach((b, i) => {
    let c = { first: i, n: 1, offsets: [0], top: Math.max(minTop, b.want), h: b.h };
    for (let prev = clusters.at(-1); prev && prev.top + prev.h + gap > c.top; prev = clusters.at(-1)) {
      clusters.pop();
      const offsets = [...prev.offsets, ...c.offsets.map((o) => o + prev.h + gap)];
      const merged = { first: prev.first, n: prev.n + c.n, offsets, top: 0, h: prev.h + gap + c.h };
      const mean =
        offsets.reduce(
          (sum, o, k) => sum + (defined(blocks[merged.first + k], `label block ${merged.first + k}`).want - o),
          0,
        ) / offsets.length;
      merged.top = Math.max(minTop, mean);
      c = merged;
    }
    clusters.push(c);
  });
  return clusters.flatMap((c) => c.offsets.map((o) => c.top + o));
}

export function layoutNarrow(data: TimelineData, b: Base, legendBottom: number): TimelineLayout {
  const { width, fontSize: fs } = b;
  const LH = fs + 3;
  const xA = b.focus?.axisX ?? width / 2;
  const BW = b.focus?.bandHalf ?? 17;
  const SUB = 13;
  const track: Record<Side, number> = { above: xA - BW - 6 - R, below: xA + BW + 6 + R };
  const dir: Record<Side, number> = { above: -1, below: 1 };

  // Side titles over each half (a step's own drawing: each across the width, step.ts).
  const colW = { above: xA - BW - 6 - PAD, below: width - PAD - (xA + BW + 6) };
  const sideTitles: TimelineLayout['sideTitles'] = b.focus
    ? focusedTitles(b, b.focus, legendBottom)
    : (['above', 'below'] as const).map((side) => {
        const y = legendBottom + 6 + fs;
        const at =
          side === 'above'
            ? { x: xA - BW - 6, y, anchor: 'end' as const }
            : { x: xA + BW + 6, y, anchor: 'start' as const };
        return sideTitle(side, b.titles[side], at, colW[side], fs);
      });
  const plotTop = Math.max(...sideTitles.map((t) => t.box.y1)) + 12;

  // A focused drawing: a month is tall enough for its name and year on the axis (one line where the band is wide
  // enough, else two); breaks of GAP between stretches.
  const GAP = 18;
  const oneLine = 2 * BW - 6 >= labelWidth('Sep 2022', fs) * 1.08;
  const focusMonths = (b.focus?.stretches ?? []).reduce(
    (n, [a, z]) => n + b.months.filter((m) => m.t >= a && m.t < z).length,
    0,
  );
  let length = b.focus
    ? focusMonths * (oneLine ? fs + 10 : 2 * fs + 8) + (b.focus.stretches.length - 1) * GAP
    : Math.max(480, b.months.length * 13);
  let result: { marks: TimelineMark[]; bottom: number; y: (t: number) => number; length: number } | undefined;
  let lastWorst = Infinity;
  // A focused drawing must fit a phone's sticky graphic: it grows at most three times.
  for (let attempt = 0; attempt < (b.focus ? 4 : 12); attempt++) {
    const y = b.focus
      ? brokenScale(b.focus.stretches, plotTop, length, GAP).y
      : scaleUtc()
          .domain([b.start, b.end])
          .range([plotTop, plotTop + length]);
    const yOf = (t: number) => y(t);
    const marks: TimelineMark[] = [];
    let worst = 0;
    let crossing = false;
    for (const side of ['above', 'below'] as const) {
      const its = b.all.filter((i) => i.side === side);
      // Glyphs: a sub-column further out wherever two would touch. Packed latest first, so the
      // earlier of two touching marks sits outside and takes the first label: time order holds.
      const subs: Iv[][] = [];
      // Events first, as if there were no clusters; clusters then take the first column where they fit
      // (a cluster's pale box never blocks a leader: see the crossing check below).
      const glyphs = [...[...its].reverse().filter((i) => !i.cluster), ...its.filter((i) => i.cluster)].map((it) => {
        // Clusters keep clear of their neighbours' 2 px margin, so that adjacent bins share a column.
        const inset = it.cluster ? 2.5 : 0;
        const g0 = it.shape === 'point' ? yOf(it.t0) - R : yOf(it.t0) + inset;
        const g1 = it.shape === 'point' ? yOf(it.t0) + R : Math.max(yOf(it.t1) - inset, g0 + 4);
        let k = 0;
        while (hit(subs[k], [g0 - 2, g1 + 2])) k++;
        (subs[k] ??= []).push([g0 - 2, g1 + 2]);
        const cx = track[side] + dir[side] * k * SUB;
        const half = it.shape === 'point' ? R : 4;
        return {
          it,
          k,
          box: { x0: px(cx - half), x1: px(cx + half), y0: px(g0), y1: px(g1) } as Box,
          cx,
          cy: (g0 + g1) / 2,
        };
      });
      const maxK = Math.max(0, ...glyphs.map((g) => g.k));
      const inner = track[side] + dir[side] * (maxK * SUB + R + 10);
      const avail = side === 'above' ? inner - PAD : width - PAD - inner;
      // Labels in time order; outer sub-columns first among glyphs at the same height.
      const order = [...glyphs].sort((a, c) => a.cy - c.cy || c.k - a.k || a.it.e.id.localeCompare(c.it.e.id));
      // Glyphs side by side (touching in time): the outer one takes the first label, so the
      // inner one's leader can run down its own column and pass under the outer glyph.
      for (let changed = true; changed; ) {
        changed = false;
        for (let i = 1; i < order.length; i++) {
          const [a, c] = [defined(order[i - 1], `label ${i - 1}`), defined(order[i], `label ${i}`)];
          if (c.k > a.k && c.box.y0 < a.box.y1 + 2) {
            order[i - 1] = c;
            order[i] = a;
            changed = true;
          }
        }
      }
      const blocks = order.map((g) => {
        const lines = wrapText(g.it.text, avail * SAFE, fs);
        return { g, lines, want: g.cy + fs * 0.35 - fs, h: fs + (lines.length - 1) * LH + 3 };
      });
      const tops = dodge(blocks, 5, plotTop - 4);
      blocks.forEach(({ g, lines, want }, i) => {
        const top = defined(tops[i], `the top of label ${i}`);
        worst = Math.max(worst, Math.abs(top - want));
        const ly = top + fs;
        const bottom = ly + (lines.length - 1) * LH + 3;
        const w = blockWidth(lines, fs);
        const lx = inner;
        const label: Box =
          side === 'above'
            ? { x0: px(inner - w), x1: px(inner), y0: px(top), y1: px(bottom) }
            : { x0: px(inner), x1: px(inner + w), y0: px(top), y1: px(bottom) };
        const midY = ly - fs * 0.35;
        const edgeX = inner - dir[side] * 3;
        const outerX = g.cx + dir[side] * (g.it.shape === 'point' ? R : 4);
        // Straight across when the label sits level with the mark; otherwise down the mark's own column first, then
        // across.
        // A cluster's leader leaves its box straight across wherever the label sits level with the box.
        const level = g.it.cluster ? midY >= g.box.y0 + 2 && midY <= g.box.y1 - 2 : Math.abs(midY - g.cy) <= R;
        const line: [number, number][] = level
          ? [
              [px(outerX), px(g.it.cluster ? midY : g.cy)],
              [px(edgeX), px(midY)],
            ]
          : [
              [px(g.cx), midY > g.cy ? g.box.y1 : g.box.y0],
              [px(g.cx), px(midY)],
              [px(edgeX), px(midY)],
            ];
        marks.push({
          ...identity(g.it, b),
          side,
          shape: g.it.shape,
          glyph: g.box,
          line,
          lines,
          lx: px(lx),
          ly: px(ly),
          lineHeight: LH,
          anchor: side === 'above' ? 'end' : 'start',
          label,
        });
      });
    }
    // A leader must not run through another mark's glyph.
    for (const m of marks) {
      for (let i = 1; i < m.line.length && !crossing; i++) {
        const [a, c] = [
          defined(m.line[i - 1], `point ${i - 1} of a leader`),
          defined(m.line[i], `point ${i} of a leader`),
        ];
        const seg: Box = {
          x0: Math.min(a[0], c[0]) - 0.5,
          x1: Math.max(a[0], c[0]) + 0.5,
          y0: Math.min(a[1], c[1]) - 0.5,
          y1: Math.max(a[1], c[1]) + 0.5,
        };
        crossing = marks.some((o) => o !== m && !o.members && boxesOverlap(seg, o.glyph));
      }
    }
    result = { marks, bottom: Math.max(plotTop + length, ...marks.map((m) => m.label.y1)), y: yOf, length };
    // Stop when labels sit near their marks, or when more room no longer brings them nearer
    // (a stack of labels at one time, as dense data makes, does not shrink with length).
    if (!crossing && (worst <= 4 * LH || worst > lastWorst - LH / 2)) break;
    lastWorst = worst;
    // Labels pushed far from their marks, or a leader through a mark: give time more room.
    length = Math.round(length * 1.12);
  }
  const placed = defined(result, 'a placement of the narrow timeline (the loop runs at least once)');
  const { marks, bottom, y } = placed;
  length = placed.length;
  const band: Box = { x0: px(xA - BW), x1: px(xA + BW), y0: px(plotTop), y1: px(plotTop + length) };
  // What the whole narrow drawing and a step's own share.
  const common = {
    width,
    height: Math.ceil(bottom + 10),
    narrow: true,
    fontSize: fs,
    legend: b.legend,
    band,
    scale: { t0: b.start, t1: b.end, r0: plotTop, r1: plotTop + length },
  };
  if (b.focus) {
    const broken = brokenScale(b.focus.stretches, plotTop, length, GAP);
    return {
      ...common,
      ...focusedAxis(b, broken.runs, band, y, fs, oneLine, data.text),
      breaks: broken.breaks,
      runs: broken.runs,
      keys: LEGEND_ORDER.filter((k) => b.focus?.legend.has(k)),
      // Only the day marks inside a drawn stretch (by time: a skipped one has no place on the axis).
      dayMarks: dayMarksOf(data.chart, (t) => ({ x: px(band.x1 - 5), y: px(y(t)) }), zone(data)).filter((d) => {
        const t = dayTime(d.date, zone(data));
        return broken.runs.some((r) => t >= r.t0 && t < r.t1);
      }),
      sideTitles,
      marks,
    };
  }
  const years: TimelineLayout['years'] = [];
  const ticks: TimelineLayout['ticks'] = [];
  b.months.forEach((m, i) => {
    const my = px(y(m.t));
    const major = m.m === 1 || i === 0;
    if (major) years.push({ x: px(xA), y: px(my + fs + 2), label: String(m.y) });
    if (i > 0) {
      if (major) ticks.push({ x1: band.x0, y1: my, x2: band.x1, y2: my, major });
      else
        ticks.push(
          { x1: band.x0, y1: my, x2: band.x0 + 4, y2: my, major },
          { x1: band.x1 - 4, y1: my, x2: band.x1, y2: my, major },
        );
    }
  });
  const dayMarks = dayMarksOf(data.chart, (t) => ({ x: px(band.x1 - 5), y: px(y(t)) }), zone(data));
  return {
    ...common,
    years,
    ticks,
    dayMarks,
    sideTitles,
    marks,
  };
}
