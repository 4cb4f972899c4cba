/**
 * "Matrix": narratives (rows) by country (columns), from content/data/playbook.json. Each
 * cell is a mark (data-id "<narrative>-<country>") in one of three states, told apart by
 * glyph, fill and stroke, not by colour:
 *   documented          solid square, tinted cell, its first example's date, title and source;
 *   partial             half-filled square, striped cell, the same plus what is missing;
 *   article-claim-only  hollow dashed square, white dashed cell, "the article's claim".
 *
 * Words the chart prints come from the chart definition:
 *   `words`: documented / partial / claim / missing (state names); source, example, examples;
 *   `cellTitles[<cell id>]`: a short title for the cell's first example (else its full title);
 *   `cellNotes[<cell id>]`: a short form of the cell's note (else the note itself).
 * Steps: a chart's `highlight` lists event ids, and cells are not events, so the cells a step
 * brings forward are listed in `stepCells[<step id>]`; a step with neither shows every cell.
 *
 * Pure: (data, options) -> SVG markup. No DOM, no I/O, no clock.
 */
import { annotatedDrawing, type AnnotationFrame } from './marks/annotation.ts';
import { defined } from '../lib/defined.ts';
import { svg, px, type Markup } from '../lib/escape.ts';
import { formatEventDate } from '../lib/dates.ts';
import type { Playbook } from '../schemas.ts';
import type { ChartInput, ChartOptions, Drawing } from './types.ts';
import { stepAttrs } from './marks/steps.ts';
import { hatchPattern } from './marks/defs.ts';
import {
  INK,
  MUTED,
  SAFE,
  blockWidth,
  layoutLegend,
  shortDate,
  stepIndex,
  wrapText,
  type Box,
  type PlacedLegendItem,
} from './shared.ts';

/** What matrix() reads of the chart input. */
export type MatrixData = Pick<ChartInput<'matrix'>, 'chart' | 'playbook' | 'sources'>;

/** width: px, default 760 (below 560 the narrow layout); idPrefix default "matrix"; fontSize default 12 (11 narrow). */
export type MatrixOptions = ChartOptions;

export type CellState = Playbook['cells'][number]['state'] | 'missing';

/** The one ink of the cells (7:1 on white): states differ by glyph, fill and stroke. */
export const matrixColour = '#6b3d9a';
/** A pale tint, only ever inside an outline in matrixColour. */
const TINT = '#f1ebf7';
/** Width of the state edge on the cell's left, px. */
const EDGE = 6;

export interface MatrixCell extends Box {
  /** "<narrative>-<country>". */
  id: string;
  narrative: string;
  country: string;
  state: CellState;
  lines: { text: string; kind: 'state' | 'title' | 'meta' | 'note' | 'count'; y: number; size: number }[];
  tx: number;
  steps: number[];
}

export interface MatrixLayout {
  width: number;
  height: number;
  narrow: boolean;
  fontSize: number;
  legend: PlacedLegendItem[];
  columns: { id: string; lines: { text: string; y: number; bold: boolean }[]; x: number; box: Box }[];
  rows: { id: string; lines: { text: string; y: number; bold: boolean }[]; x: number; box: Box }[];
  cells: MatrixCell[];
}

const PAD = 8;
const GAP = 8;
/**
 * Space between rows in the wide layout: room for a step's note (two lines at 14 px) beside its cell, so that it is
 * read with the cell while its step is lit. With 8 units the note of the artificial-state cell found room only left of
 * the Ukraine cell and its leader crossed that cell; with room for a badge only (24), it went under the chart, out of
 * the step's view.
 */
const ROW_GAP = 50;
const INNER = 8;
/** Text starts after the state edge (EDGE) and a gap. */
const TEXT_X = 14;
const GLYPH = 11;
const BOLD = 1.08;

/** The cell id a mark carries. */
export const cellId = (narrative: string, country: string) => `${narrative}-${country}`;

function cellLines(
  data: MatrixData,
  c: Playbook['cells'][number] | undefined,
  id: string,
  textW: number,
  fs: number,
): Omit<MatrixCell['lines'][number], 'y'>[] {
  const w = data.chart.words;
  const small = fs;
  const out: Omit<MatrixCell['lines'][number], 'y'>[] = [];
  const state: CellState = c?.state ?? 'missing';
  const stateWord = {
    documented: w.documented ?? 'Documented',
    partial: w.partial ?? 'Partly documented',
    'article-claim-only': w.claim ?? "The article's claim only",
    missing: w.missing ?? 'No entry',
  }[state];
  // The state word sits beside the glyph.
  for (const l of wrapText(stateWord, ((textW - GLYPH - 6) * SAFE) / BOLD, fs))
    out.push({ text: l, kind: 'state', size: fs });
  if (!c) return out;
  const x = c.examples[0];
  if (x) {
    for (const l of wrapText(data.chart.cellTitles[id] ?? x.title, textW * SAFE, fs))
      out.push({ text: l, kind: 'title', size: fs });
    const source = data.sources.get(x.sources[0] ?? '')?.publisher;
    const meta = source ? `${shortDate(x)} · ${w.source ?? 'source'}: ${source}` : shortDate(x);
    for (const l of wrapText(meta, textW * SAFE, small)) out.push({ text: l, kind: 'meta', size: small });
  }
  if (c.state !== 'documented')
    for (const l of wrapText(data.chart.cellNotes[id] ?? c.note, textW * SAFE, small))
      out.push({ text: l, kind: 'note', size: small });
  if (c.examples.length > 0) {
    const n = c.examples.length;
    out.push({
      text: `${n} ${n === 1 ? (w.example ?? 'sourced example') : (w.examples ?? 'sourced examples')}`,
      kind: 'count',
      size: small,
    });
  }
  return out;
}

function placeLines<T extends { kind: string; size: number }>(
  lines: T[],
  top: number,
): { lines: (T & { y: number })[]; bottom: number } {
  let y = top;
  const out = lines.map((l, i) => {
    const prev = lines[i - 1];
    y += !prev ? l.size : l.size + 3 + (prev.kind !== l.kind ? 3 : 0);
    return { ...l, y: px(y) };
  });
  return { lines: out, bottom: y + 3 };
}

/** Geometry of the chart, shared by the build-time renderer and any browser code. */
export function layoutMatrix(data: MatrixData, options: MatrixOptions = {}): MatrixLayout {
  const width = options.width ?? 760;
  const narrow = width < 560;
  const fs = options.fontSize ?? (narrow ? 11 : 12);
  const small = fs;
  const { playbook, chart } = data;
  const w = chart.words;
  const ids = playbook.narratives.flatMap((n) => playbook.countries.map((c) => cellId(n.id, c.id)));
  const steps = stepIndex(chart, ids, (s) => chart.stepCells[s.id] ?? []);
  // All three states are always in the key, so a reader knows what a claim would look like.
  const legendItems = (['documented', 'partial', 'article-claim-only'] as const).map((s) => ({
    key: s,
    label: {
      documented: w.documented ?? 'Documented',
      partial: w.partial ?? 'Partly documented',
      'article-claim-only': w.claim ?? "The article's claim only",
    }[s],
    swatch: 12,
  }));
  const legend = layoutLegend(legendItems, PAD, 6, width - 2 * PAD, fs);
  const contentW = width - 2 * PAD;
  const nCols = playbook.countries.length;
  const headerW = narrow ? 0 : Math.min(190, Math.round(contentW * 0.24));
  const colW = (contentW - headerW - (narrow ? 0 : GAP) - (nCols - 1) * GAP) / nCols;
  const colX = (i: number) => PAD + headerW + (narrow ? 0 : GAP) + i * (colW + GAP);
  const _LH = fs + 3;

  // Column heads: country and period.
  let top = legend.bottom + 10;
  const columns: MatrixLayout['columns'] = playbook.countries.map((c, i) => {
    const x = colX(i);
    const label = wrapText(c.label, (colW * SAFE) / BOLD, fs).map((t) => ({ text: t, bold: true }));
    const period = wrapText(c.period, colW * SAFE, small).map((t) => ({ text: t, bold: false }));
    let y = top;
    const lines = [...label, ...period].map((l, k) => {
      y += k === 0 ? fs : (l.bold ? fs : small) + 3;
      return { ...l, y: px(y) };
    });
    const bw = Math.max(
      blockWidth(
        label.map((l) => l.text),
        fs,
      ) * BOLD,
      blockWidth(
        period.map((l) => l.text),
        small,
      ),
    );
    return {
      id: c.id,
      lines,
      x: px(x + colW / 2),
      box: { x0: px(x + colW / 2 - bw / 2), x1: px(x + colW / 2 + bw / 2), y0: px(top), y1: px(y + 3) },
    };
  });
  top = Math.max(...columns.map((c) => c.box.y1)) + 8;

  const rows: MatrixLayout['rows'] = [];
  const cells: MatrixCell[] = [];
  for (const n of playbook.narratives) {
    // Row head: beside the row (wide) or above it (narrow).
    const headText = wrapText(n.label, ((narrow ? contentW : headerW - 4) * SAFE) / BOLD, fs).map((t) => ({
      text: t,
      bold: true,
    }));
    const desc = narrow
      ? []
      : wrapText(n.description, (headerW - 4) * SAFE, small).map((t) => ({ text: t, bold: false }));
    let hy = top + INNER - 2;
    const headLines = [...headText, ...desc].map((l, k) => {
      hy += k === 0 ? fs : (l.bold ? fs : small) + 3 + (k === headText.length ? 2 : 0);
      return { ...l, y: px(hy) };
    });
    const headW = Math.max(
      blockWidth(
        headText.map((l) => l.text),
        fs,
      ) * BOLD,
      blockWidth(
        desc.map((l) => l.text),
        small,
      ),
    );
    rows.push({
      id: n.id,
      lines: headLines,
      x: PAD,
      box: { x0: PAD, x1: px(PAD + headW), y0: px(top + INNER - 2), y1: px(hy + 3) },
    });
    const cellsTop = narrow ? hy + 8 : top;
    const texts = playbook.countries.map((c) => {
      const id = cellId(n.id, c.id);
      const cell = playbook.cells.find((x) => x.narrative === n.id && x.country === c.id);
      const textW = colW - TEXT_X - INNER;
      const lines = cellLines(data, cell, id, textW, fs);
      const placed = placeLines(lines, cellsTop + INNER);
      return { id, c, cell, ...placed };
    });
    const cellH = Math.max(...texts.map((t) => t.bottom - cellsTop)) + INNER - 2;
    texts.forEach((t, i) => {
      const x0 = colX(i);
      cells.push({
        id: t.id,
        narrative: n.id,
        country: t.c.id,
        state: t.cell?.state ?? 'missing',
        lines: t.lines,
        tx: px(x0 + TEXT_X),
        x0: px(x0),
        x1: px(x0 + colW),
        y0: px(cellsTop),
        y1: px(cellsTop + cellH),
        steps: steps.get(t.id) ?? [],
      });
    });
    const rowBottom = Math.max(cellsTop + cellH, hy + 3);
    top = rowBottom + (narrow ? 14 : ROW_GAP);
  }
  return { width, height: Math.ceil(top), narrow, fontSize: fs, legend: legend.items, columns, rows, cells };
}

function glyph(state: CellState, x: number, cy: number): Markup {
  const y = px(cy - GLYPH / 2);
  switch (state) {
    case 'documented':
      return svg`<rect x="${x}" y="${y}" width="${GLYPH}" height="${GLYPH}" fill="${matrixColour}"/>`;
    case 'partial':
      return svg`<rect x="${x + 0.5}" y="${y + 0.5}" width="${GLYPH - 1}" height="${GLYPH - 1}" fill="#fff" stroke="${matrixColour}"/><path d="M${x},${y}h${GLYPH / 2}v${GLYPH}h${-GLYPH / 2}z" fill="${matrixColour}"/>`;
    case 'article-claim-only':
      return svg`<rect x="${x + 0.75}" y="${y + 0.75}" width="${GLYPH - 1.5}" height="${GLYPH - 1.5}" fill="#fff" stroke="${matrixColour}" stroke-width="1.5" stroke-dasharray="2.5 1.5"/>`;
    default:
      return svg`<rect x="${x + 0.5}" y="${y + 0.5}" width="${GLYPH - 1}" height="${GLYPH - 1}" fill="#fff" stroke="${MUTED}" stroke-dasharray="1 2"/>`;
  }
}

/**
 * Renders the chart as SVG markup.
 * @param data the chart definition (its words), the playbook matrix and the sources
 * @param options width (px, default 760; narrow below 560), idPrefix (default "matrix"), fontSize (px)
 */
export function matrix(data: MatrixData, options: MatrixOptions = {}): Drawing {
  const p = options.idPrefix ?? 'matrix';
  const L = layoutMatrix(data, options);
  const fs = L.fontSize;
  const pb = data.playbook;
  const defs = svg`<defs>${hatchPattern(`${p}-stripes`, matrixColour, 6)}</defs>`;
  const legend = L.legend.map(
    (it) =>
      svg`${glyph(it.key as CellState, it.x, px(it.y - fs * 0.35))}<text x="${px(it.x + it.swatch + 5)}" y="${it.y}" font-size="${fs}" fill="${INK}">${it.label}</text>`,
  );
  const heads = (list: MatrixLayout['columns'], anchor: 'middle' | 'start') =>
    list.map(
      (h) =>
        svg`<text x="${h.x}" text-anchor="${anchor}" fill="${INK}">${h.lines.map((l) => svg`<tspan x="${h.x}" y="${l.y}" font-size="${fs}"${l.bold ? svg` font-weight="700"` : svg` fill="${MUTED}"`}>${l.text}</tspan>`)}</text>`,
    );
  const cells = L.cells.map((c) => {
    const cell = pb.cells.find((x) => x.narrative === c.narrative && x.country === c.country);
    const n = defined(
      pb.narratives.find((x) => x.id === c.narrative),
      `narrative "${c.narrative}" of cell ${c.id}`,
    );
    const country = defined(
      pb.countries.find((x) => x.id === c.country),
      `country "${c.country}" of cell ${c.id}`,
    );
    const first = cell?.examples[0];
    const w = px(c.x1 - c.x0);
    const h = px(c.y1 - c.y0);
    // Documented: tinted, with a solid edge; partial: white, with a hatched edge; the
    // article's claim: white, dashed all round; no entry: dotted grey.
    const frame =
      c.state === 'documented'
        ? svg`<rect x="${c.x0 + 0.5}" y="${c.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="3" fill="${TINT}" stroke="${matrixColour}"/><rect x="${c.x0}" y="${c.y0}" width="${EDGE}" height="${h}" fill="${matrixColour}"/>`
        : c.state === 'partial'
          ? svg`<rect x="${c.x0 + 0.5}" y="${c.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="3" fill="#fff" stroke="${matrixColour}"/><rect x="${c.x0 + 0.5}" y="${c.y0 + 0.5}" width="${EDGE}" height="${px(h - 1)}" fill="url(#${p}-stripes)" stroke="${matrixColour}"/>`
          : c.state === 'article-claim-only'
            ? svg`<rect x="${c.x0 + 0.75}" y="${c.y0 + 0.75}" width="${px(w - 1.5)}" height="${px(h - 1.5)}" rx="3" fill="#fff" stroke="${matrixColour}" stroke-width="1.5" stroke-dasharray="5 3"/>`
            : svg`<rect x="${c.x0 + 0.5}" y="${c.y0 + 0.5}" width="${px(w - 1)}" height="${px(h - 1)}" rx="3" fill="#fff" stroke="${MUTED}" stroke-dasharray="1 3"/>`;
    const stateLine = defined(
      c.lines.find((l) => l.kind === 'state'),
      `the state line of cell ${c.id}`,
    );
    const text = c.lines.map((l) => {
      const x = l.kind === 'state' ? px(c.tx + GLYPH + 6) : c.tx;
      const style =
        l.kind === 'state'
          ? svg` font-weight="700" fill="${c.state === 'missing' ? MUTED : matrixColour}"${c.state === 'article-claim-only' ? svg` font-style="italic"` : ''}`
          : l.kind === 'title'
            ? svg` fill="${INK}"`
            : l.kind === 'note'
              ? svg` font-style="italic" fill="${INK}"`
              : svg` fill="${MUTED}"`;
      return svg`<text x="${x}" y="${l.y}" font-size="${l.size}"${style}>${l.text}</text>`;
    });
    const example = first ? ` First example: ${first.title} (${formatEventDate(first)}).` : '';
    const note = cell ? ` ${cell.note}` : '';
    return svg`
<g class="mark" data-id="${c.id}" ${stepAttrs(c.steps, options.step)} data-state="${c.state}"><title>${n.label}, ${country.label} (${country.period}): ${c.lines
      .filter((l) => l.kind === 'state')
      .map((l) => l.text)
      .join(' ')}.${example}${note}</title>${frame}${glyph(c.state, c.tx, px(stateLine.y - fs * 0.35))}${text}</g>`;
  });
  const body = svg`${defs}<g class="legend">${legend}</g>${heads(L.columns, 'middle')}${heads(L.rows, 'start')}${cells}`;
  const lit = L.cells.map((c) => ({ id: c.id, steps: c.steps, box: c }));
  return annotatedDrawing(data.chart, options, matrixAnnotationFrame(data, L, p), body, lit);
}

/**
 * What the annotation mark needs from the matrix: cells by id ("<narrative>-<country>"), rows and columns by id, and
 * everything drawn.
 */
export function matrixAnnotationFrame(data: MatrixData, L: MatrixLayout, idPrefix: string): AnnotationFrame {
  const anchors = new Map<string, Box>([
    ...L.cells.map((c) => [c.id, c] as const),
    ...L.rows.map((r) => [r.id, r.box] as const),
    ...L.columns.map((c) => [c.id, c.box] as const),
  ]);
  const avoid: Box[] = [
    ...L.cells,
    ...L.legend.map((it) => it.box),
    ...L.rows.map((r) => r.box),
    ...L.columns.map((c) => c.box),
  ];
  return { width: L.width, height: L.height, anchors, avoid, events: new Map(), idPrefix };
}
