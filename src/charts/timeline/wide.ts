/** The wide timeline: time left to right, marks and labels in rows off the axis on either side. */
import { scaleUtc } from 'd3-scale';
import { px } from '../../lib/escape.ts';
import { blockWidth, labelWidth, wrapText, type Box } from '../shared.ts';
import {
  LABEL_GAP,
  PAD,
  R,
  dayMarksOf,
  hit,
  identity,
  zone,
  type Base,
  type Item,
  type Iv,
  type Side,
  type TimelineData,
  type TimelineLayout,
  type TimelineMark,
} from './model.ts';

export function layoutWide(data: TimelineData, b: Base, legendBottom: number): TimelineLayout {
  const { width, fontSize: fs } = b;
  const ROW = fs + 10;
  const X0 = PAD + 4;
  const X1 = width - PAD - 4;
  const x = scaleUtc().domain([b.start, b.end]).range([X0, X1]);

  interface Placed {
    it: Item;
    gx0: number;
    gx1: number;
    lines: string[];
    anchor: 'start' | 'end';
    tx0: number;
    tx1: number;
    row: number;
    glyphRow: number;
  }
  const placeSide = (side: Side): { placed: Placed[]; rows: number } => {
    const rows: { text: Iv[] }[] = [];
    const row = (r: number) => (rows[r] ??= { text: [] });
    const placed: Placed[] = [];
    for (const it of b.all.filter((i) => i.side === side)) {
      let gx0: number, gx1: number;
      if (it.shape === 'point') {
        gx0 = x(it.t0) - R;
        gx1 = x(it.t0) + R;
      } else {
        // A cluster keeps 1 px clear at each end, so that neighbouring bins never touch.
        const inset = it.cluster ? 1 : 0;
        gx0 = x(it.t0) + inset;
        gx1 = Math.max(x(it.t1) - inset, gx0 + 4);
      }
      const w = labelWidth(it.text, fs);
      const right = X1 + 4 - (gx1 + LABEL_GAP);
      const left = gx0 - LABEL_GAP - PAD;
      let lines = [it.text];
      let anchor: 'start' | 'end' = 'start';
      if (w > right && w <= left) anchor = 'end';
      else if (w > right) {
        // Neither side has room for one line: wrap on the roomier side.
        anchor = left > right ? 'end' : 'start';
        lines = wrapText(it.text, Math.max(left, right), fs);
      }
      const bw = blockWidth(lines, fs);
      const tx0 = anchor === 'start' ? gx1 + LABEL_GAP : gx0 - LABEL_GAP - bw;
      const tx1 = anchor === 'start' ? gx1 + LABEL_GAP + bw : gx0 - LABEL_GAP;
      const n = lines.length;
      const textIv: Iv = [Math.min(tx0, gx0) - 6, Math.max(tx1, gx1) + 6];
      // No stems cross the rows: a mark's own short tick on the axis shows where it falls,
      // so packing is plain interval packing and always finds a row.
      let r = 0;
      while (rows.slice(r, r + n).some((o) => hit(o.text, textIv))) r++;
      for (let k = r; k < r + n; k++) row(k).text.push(textIv);
      const glyphRow = side === 'above' ? r + n - 1 : r;
      placed.push({ it, gx0, gx1, lines, anchor, tx0, tx1, row: r, glyphRow });
    }
    return { placed, rows: rows.length };
  };
  const above = placeSide('above');
  const below = placeSide('below');

  const titleAboveY = legendBottom + 6 + fs;
  const aboveTop = titleAboveY + 8;
  const bandTop = aboveTop + above.rows * ROW + 6;
  const band: Box = { x0: X0, x1: X1, y0: px(bandTop), y1: px(bandTop + 18) };
  const belowTop = band.y1 + 6;
  const belowBottom = belowTop + below.rows * ROW;
  const titleBelowY = belowBottom + 6 + fs;
  const height = Math.ceil(titleBelowY + 8);
  const rowCentre = (side: Side, r: number) =>
    side === 'above' ? bandTop - 6 - r * ROW - ROW / 2 : belowTop + r * ROW + ROW / 2;

  const marks: TimelineMark[] = [];
  for (const [side, res] of [
    ['above', above],
    ['below', below],
  ] as const) {
    for (const p of res.placed) {
      const cy = rowCentre(side, p.glyphRow);
      const half = p.it.shape === 'point' ? R : 5;
      const glyph: Box = { x0: px(p.gx0), x1: px(p.gx1), y0: px(cy - half), y1: px(cy + half) };
      const cx = px((p.gx0 + p.gx1) / 2);
      // The mark's trace on the axis: a tick for a point, a line along the band's edge for a span.
      const edge = side === 'above' ? band.y0 - 1.5 : band.y1 + 1.5;
      const line: [number, number][] =
        p.it.shape === 'point'
          ? [
              [cx, px(edge + (side === 'above' ? -5 : 5))],
              [cx, edge],
            ]
          : [
              [glyph.x0, edge],
              [glyph.x1, edge],
            ];
      const ly = cy + fs * 0.35;
      const lastLy = ly + (p.lines.length - 1) * ROW;
      marks.push({
        ...identity(p.it, b),
        side,
        shape: p.it.shape,
        glyph,
        line,
        lines: p.lines,
        lx: px(p.anchor === 'start' ? p.tx0 : p.tx1),
        ly: px(ly),
        lineHeight: ROW,
        anchor: p.anchor,
        label: { x0: px(p.tx0), x1: px(p.tx1), y0: px(ly - fs), y1: px(lastLy + 3) },
      });
    }
  }

  const years: TimelineLayout['years'] = [];
  const ticks: TimelineLayout['ticks'] = [];
  b.months.forEach((m, i) => {
    const mx = px(x(m.t));
    const major = m.m === 1 || i === 0;
    if (major) years.push({ x: px(mx + 4), y: px(band.y0 + 9 + fs * 0.35), label: String(m.y) });
    if (i > 0)
      ticks.push(
        major
          ? { x1: mx, y1: band.y0, x2: mx, y2: band.y1, major }
          : { x1: mx, y1: band.y0, x2: mx, y2: band.y0 + 4, major },
      );
  });
  const dayMarks = dayMarksOf(data.chart, (t) => ({ x: px(x(t)), y: px(band.y1 - 4) }), zone(data));
  const sideTitles: TimelineLayout['sideTitles'] = (['above', 'below'] as const).map((side) => {
    const y = side === 'above' ? titleAboveY : titleBelowY;
    const w = labelWidth(b.titles[side], fs) * 1.08;
    return {
      side,
      lines: [b.titles[side]],
      x: PAD,
      y: px(y),
      anchor: 'start' as const,
      box: { x0: PAD, x1: px(PAD + w), y0: px(y - fs), y1: px(y + 3) },
    };
  });
  return {
    width,
    height,
    narrow: false,
    fontSize: fs,
    legend: b.legend,
    band,
    scale: { t0: b.start, t1: b.end, r0: X0, r1: X1 },
    years,
    ticks,
    dayMarks,
    sideTitles,
    marks,
  };
}
